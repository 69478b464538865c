// R-WIRE-5 at the HTTP layer: requests no HTTP client library sends, written on a raw socket
// (raw-http.ts): a 20 MiB request line, a 200 KiB parameter name in a GET, a 20 MiB header, 10,000
// headers, 100 MiB bodies (declared and chunked), CONNECT and the other methods. Judged only by what
// the contract says: "never yields a 5xx, a hang, or a dropped connection; it yields a 4xx error
// response". A server may refuse to read input this large, so any 4xx with any body holds (an FPS
// error document cannot be asked of a request that was not read); a complete answer followed by a
// close is not a dropped connection, a reset or close before one is.
import { shellQuote } from '../../core/curl.ts';
import { reachedOverHttp } from '../../transports/http.ts';
import type { Check, SuiteContext } from '../../core/suite.ts';
import type { Exchange } from '../../core/wire.ts';
import { partsLength, sendRawHttp, type Part, type RawOutcome, type RawRequest } from './raw-http.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

/** The target as a raw request sees it: the path prefix of the base URL and its Host. */
interface Where {
  path: string;
  host: string;
}

type Judge = 'oversized' | 'method';

interface HttpCase {
  name: string;
  title: string;
  judge: Judge;
  method: string;
  parts: (w: Where) => Part[];
}

const crlf = (lines: string[]): string => lines.map((l) => `${l}\r\n`).join('');
const head = (method: string, target: string, w: Where, extra: string[] = []): string => crlf([`${method} ${target} HTTP/1.1`, `Host: ${w.host}`, ...extra, '']);
const FORM = 'Content-Type: application/x-www-form-urlencoded';
const READ = 'Action=GetTransactionStatus&TransactionId=FPSCONFORMANCEHTTPLAYER';

/** A body of `bytes` in chunked coding, 64 KiB a chunk (each chunk a repeat part: no big string). */
function chunked(bytes: number): Part[] {
  const parts: Part[] = [];
  for (let left = bytes; left > 0; left -= 64 * KiB) {
    const n = Math.min(64 * KiB, left);
    parts.push(`${n.toString(16)}\r\n`, { repeat: 'a', bytes: n }, '\r\n');
  }
  return [...parts, '0\r\n\r\n'];
}

const OVERSIZED: readonly HttpCase[] = [
  {
    name: 'http-long-request-line',
    title: 'a 20 MiB request line',
    judge: 'oversized',
    method: 'GET',
    parts: (w) => [`GET ${w.path}?Action=GetTransactionStatus&TransactionId=`, { repeat: 'A', bytes: 20 * MiB }, ' HTTP/1.1\r\n', crlf([`Host: ${w.host}`, ''])],
  },
  {
    name: 'http-long-parameter-name-get',
    title: 'a 200 KiB parameter name in a GET query string',
    judge: 'oversized',
    method: 'GET',
    parts: (w) => [`GET ${w.path}?`, { repeat: 'N', bytes: 200 * KiB }, `=1&${READ} HTTP/1.1\r\n`, crlf([`Host: ${w.host}`, ''])],
  },
  {
    name: 'http-huge-header',
    title: 'a 20 MiB header value',
    judge: 'oversized',
    method: 'GET',
    parts: (w) => [crlf([`GET ${w.path}?${READ} HTTP/1.1`, `Host: ${w.host}`]), 'X-Fps-Conformance-Padding: ', { repeat: 'a', bytes: 20 * MiB }, '\r\n\r\n'],
  },
  {
    name: 'http-many-headers',
    title: '10,000 header fields',
    judge: 'oversized',
    method: 'GET',
    parts: (w) => [head('GET', `${w.path}?${READ}`, w, Array.from({ length: 10_000 }, (_, i) => `X-Fps-Conformance-${i}: ${i}`))],
  },
  {
    name: 'http-huge-body',
    title: 'a 100 MiB form body (Content-Length)',
    judge: 'oversized',
    method: 'POST',
    parts: (w) => [head('POST', w.path, w, [FORM, `Content-Length: ${100 * MiB}`]), { repeat: 'a', bytes: 100 * MiB }],
  },
  {
    name: 'http-huge-chunked-body',
    title: 'a 100 MiB form body in chunked coding',
    judge: 'oversized',
    method: 'POST',
    parts: (w) => [head('POST', w.path, w, [FORM, 'Transfer-Encoding: chunked']), ...chunked(100 * MiB)],
  },
];

/** R-WIRE-1: the API is GET or POST; every other method still gets an answer. */
const METHODS: readonly { method: string; target?: (w: Where) => string; body?: boolean }[] = [
  { method: 'CONNECT', target: (w) => w.host },
  { method: 'OPTIONS' },
  { method: 'OPTIONS', target: () => '*' },
  { method: 'HEAD' },
  { method: 'PUT', body: true },
  { method: 'DELETE' },
  { method: 'PATCH', body: true },
  { method: 'TRACE' },
  { method: 'FPSCONFORMANCE', body: true },
];

const METHOD_CASES: readonly HttpCase[] = METHODS.map((m) => {
  const star = m.target?.({ path: '', host: '' }) === '*';
  return {
    name: `http-method-${m.method.toLowerCase()}${star ? '-asterisk' : ''}`,
    title: `the HTTP method ${m.method}${star ? ' with the target *' : m.method === 'CONNECT' ? ' (authority target)' : ''}${m.method === 'FPSCONFORMANCE' ? ' (a token no server knows)' : ''}`,
    judge: 'method' as const,
    method: m.method,
    parts: (w: Where) => [m.body ? head(m.method, m.target?.(w) ?? w.path, w, [FORM, `Content-Length: ${READ.length}`]) + READ : head(m.method, m.target?.(w) ?? `${w.path}?${READ}`, w)],
  };
});

/** The connection failures R-WIRE-5 forbids, or undefined when a complete response came back. */
function transportProblem(o: RawOutcome, what: string): string | undefined {
  if (o.kind === 'response') return undefined;
  if (o.kind === 'timeout') return `R-WIRE-5: ${what}: the target hung: ${o.detail}; it must answer with a 4xx error response`;
  if (o.kind === 'dropped') return `R-WIRE-5: ${what}: the target dropped the connection: ${o.detail}; it must answer with a 4xx error response first`;
  if (o.kind === 'reset-after') {
    return `R-WIRE-5: ${what}: the target answered HTTP ${o.response.status}, then reset the connection: ${o.detail}; a client that sends its whole request before reading loses that answer (a server closes in stages: its side first, then it reads until the client closes)`;
  }
  if (o.kind === 'refused') return `R-WIRE-5: ${what}: ${o.detail} (did the target stop?); it must answer with a 4xx error response`;
  return `R-WIRE-5: ${what}: no usable HTTP response: ${o.detail}`;
}

/**
 * R-WIRE-5 "absurd lengths": a complete response with a 4xx status; any 4xx and any body, because
 * the server may refuse to read it (400, 408, 413, 414, 431, ...).
 */
export function judgeOversized(o: RawOutcome, what: string): string | undefined {
  const t = transportProblem(o, what);
  if (t !== undefined || o.kind !== 'response') return t;
  const s = o.response.status;
  if (s >= 500) return `R-WIRE-5: ${what}: the target answered HTTP ${s}; absurd lengths never yield a 5xx`;
  if (s < 400) return `R-WIRE-5: ${what}: the target answered HTTP ${s}; absurd lengths yield a 4xx error response`;
  return undefined;
}

/**
 * A method other than GET and POST is not an FPS request (R-WIRE-1) and the contract does not say
 * which answer it gets (an OPTIONS may well be 200 with Allow): it gets a complete one, never a hang
 * or a dropped connection, nor a server error (R-WIRE-5); 501 is HTTP's own answer to a method a
 * server does not implement, a refusal rather than a failure, so it holds too.
 */
export function judgeMethod(o: RawOutcome, what: string): string | undefined {
  const t = transportProblem(o, what);
  if (t !== undefined || o.kind !== 'response') return t;
  const s = o.response.status;
  if (s >= 500 && s !== 501) return `R-WIRE-5, R-WIRE-1: ${what}: the target answered HTTP ${s}; a request that is not GET or POST is refused, never a 5xx`;
  return undefined;
}

const JUDGES: Readonly<Record<Judge, (o: RawOutcome, what: string) => string | undefined>> = { oversized: judgeOversized, method: judgeMethod };

/** The request as the transcript shows it: big runs abbreviated, the rest as sent. */
export function showParts(parts: readonly Part[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : `<${p.bytes}×${p.repeat}>`)).join('').replace(/(<65536×a>\r\n10000\r\n)+/g, '…');
}

/** A shell command that sends the same bytes (printf and head | tr, piped to nc). */
export function shellRepro(parts: readonly Part[], w: { hostname: string; port: string }): string {
  const printf = (s: string): string => `printf ${shellQuote(s.replace(/\\/g, '\\\\').replace(/%/g, '%%').replace(/\r/g, '\\r').replace(/\n/g, '\\n'))}`;
  const merged: Part[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (typeof p !== 'string' && last !== undefined && typeof last !== 'string' && last.repeat === p.repeat) merged[merged.length - 1] = { repeat: p.repeat, bytes: last.bytes + p.bytes };
    else merged.push(p);
  }
  const steps = merged.length > 40 ? ['# ' + `${merged.length} parts; see the check's source`] : merged.map((p) => (typeof p === 'string' ? printf(p) : `head -c ${p.bytes} /dev/zero | tr '\\0' ${shellQuote(p.repeat)}`));
  return `{ ${steps.join('; ')}; } | nc ${w.hostname} ${w.port || '80'}`;
}

function exchangeOf(c: HttpCase, parts: Part[], base: URL, o: RawOutcome, sentAt: string): Exchange {
  const shown = showParts(parts);
  const target = shown.split(' ')[1] ?? '';
  const ex: Exchange = {
    seq: 1,
    sentAt,
    label: `${c.title} (${partsLength(parts)} bytes on a raw socket, ${o.sentBytes} sent)`,
    request: { method: c.method, url: target.startsWith('/') ? `${base.origin}${target}` : base.href, headers: {}, body: shown.slice(0, 4096) },
    elapsedMs: o.elapsedMs,
    curl: shellRepro(parts, base),
  };
  if (o.kind === 'response' || o.kind === 'reset-after') ex.response = { status: o.response.status, headers: o.response.headers, body: o.response.body.slice(0, 16 * KiB) };
  if (o.kind !== 'response') ex.error = `${o.kind}: ${o.detail}`;
  return ex;
}

function httpCheck(c: HttpCase): Check {
  return {
    id: `robustness/${c.name}`,
    title: `${c.judge === 'method' ? 'Every method gets an answer' : 'Absurd lengths get a 4xx'}, never a dropped connection: ${c.title}`,
    requirements: c.judge === 'method' ? ['R-WIRE-5', 'R-WIRE-1'] : ['R-WIRE-5'],
    tags: ['robustness', 'stateless', 'http-layer'],
    async run(ctx: SuiteContext) {
      if (!reachedOverHttp(ctx.target.baseUrl)) {
        // an in-process Fetch handler has no HTTP layer for these to apply to (the HTTP suites judge it when served)
        return { status: 'not-applicable', message: 'the target is in-process (a Fetch handler, no socket): there is no HTTP connection to check; run with --target against a served emulator' };
      }
      const base = new URL(ctx.target.baseUrl);
      const parts = c.parts({ path: base.pathname, host: base.host });
      const request: RawRequest = { method: c.method, parts };
      const sentAt = new Date().toISOString();
      const outcome = await sendRawHttp(base.href, request, { timeoutMs: ctx.timeoutMs });
      const problem = JUDGES[c.judge](outcome, c.title);
      if (problem !== undefined) return { status: 'fail', message: problem, transcript: [exchangeOf(c, parts, base, outcome, sentAt)] };
      const r = outcome.kind === 'response' ? outcome.response : undefined;
      return { status: 'pass', message: `R-WIRE-5: ${c.title}: answered HTTP ${r?.status} ${r?.reason ?? ''}`.trimEnd() + ` in ${outcome.elapsedMs} ms, the connection not dropped` };
    },
  };
}

export const HTTP_LAYER_CHECKS: readonly Check[] = [...OVERSIZED, ...METHOD_CASES].map(httpCheck);
