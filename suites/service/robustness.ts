// The robustness suite (R-WIRE-5): malformed input (bad percent-encoding, non-UTF-8, absurd lengths,
// unknown Action, duplicate names, wrong content type, truncated, empty or garbage bodies) gets a 4xx
// error document: never a 5xx, a hang (the kit's timeout) or a dropped connection. The cases R-WIRE-5
// names (encoding, duplicates) are built from a request that succeeds well-formed (robustness-probe.ts);
// the HTTP layer's cases (huge request lines, headers and bodies, every method) are in robustness-http.ts.
import fc from 'fast-check';
import { FORM_CONTENT_TYPE } from '../../clients/fps-client.ts';
import { checkProperty } from '../../core/property.ts';
import type { Check, RequestStyle, Suite, SuiteContext } from '../../core/suite.ts';
import type { Pairs } from '../../spec/wire/request-params.ts';
import type { WireRequest } from '../../core/wire.ts';
import { HTTP_LAYER_CHECKS } from './robustness-http.ts';
import { PROBE_CASES, probeCheck } from './robustness-probe.ts';
import { malformedInputCheck, attributed, authenticatedRead, creds, judgeMalformedInput, resignedWith, sendRaw, type RawAnswer } from './stateless-common.ts';

const MB = 1 << 20;

/**
 * A malformed request made from a correctly signed read of an unknown transaction (a 4xx even
 * well-formed): kept for input R-WIRE-5 does not name by kind, and for lengths a server may refuse unread.
 */
interface SignedCase {
  name: string;
  title: string;
  style: RequestStyle;
  action?: string;
  params?: () => Record<string, string>;
  /** absurd length: a server may refuse to read it, so any 4xx holds (judgeMalformedInput) */
  oversized?: boolean;
  /** edits the signed request into the malformed one; `resign` re-signs edited parameters */
  malform: (req: WireRequest, resign: (edit: (p: Pairs) => Pairs) => (r: WireRequest) => WireRequest) => WireRequest;
}

const SIGNED_CASES: readonly SignedCase[] = [
  {
    name: 'absurd-length-value',
    title: 'a 1 MB parameter value',
    style: 'POST-form',
    action: 'GetTokenByCaller',
    params: () => ({ CallerReference: 'x'.repeat(MB) }),
    oversized: true,
    malform: (r) => r,
  },
  {
    name: 'absurd-length-name',
    title: 'a 64 KB parameter name',
    style: 'POST-form',
    oversized: true,
    malform: (r, resign) => resign((p) => [...p, ['N'.repeat(64 * 1024), '1']])(r),
  },
  {
    name: 'absurd-parameter-count',
    title: '20,000 parameters',
    style: 'POST-form',
    oversized: true,
    malform: (r, resign) => resign((p) => [...p, ...Array.from({ length: 20_000 }, (_, i): [string, string] => [`Extra${i}`, String(i)])])(r),
  },
  { name: 'unknown-action', title: 'an Action no version defines', style: 'GET', malform: (r, resign) => resign((p) => p.map(([n, v]) => [n, n === 'Action' ? 'FpsConformanceNoSuchAction' : v]))(r) },
  { name: 'empty-action', title: 'an empty Action', style: 'GET', malform: (r, resign) => resign((p) => p.map(([n, v]) => [n, n === 'Action' ? '' : v]))(r) },
  { name: 'wrong-content-type', title: 'a form body sent as text/plain', style: 'POST-form', malform: (r) => ({ ...r, headers: { ...r.headers, 'content-type': 'text/plain' } }) },
  {
    name: 'json-body',
    title: 'the parameters as a JSON body',
    style: 'POST-form',
    malform: (r) => ({ ...r, headers: { ...r.headers, 'content-type': 'application/json' }, body: JSON.stringify(Object.fromEntries(new URLSearchParams(r.body ?? ''))) }),
  },
  { name: 'truncated-body', title: 'a form body cut short', style: 'POST-form', malform: (r) => ({ ...r, body: (r.body ?? '').slice(0, Math.floor((r.body ?? '').length * 0.6)) }) },
];

function signedCheck(c: SignedCase): Check {
  return malformedInputCheck(c.name, c.title, async (ctx) => {
    const keys = creds(ctx);
    const resign = (edit: (p: Pairs) => Pairs) => resignedWith(edit, keys, ctx.target.baseUrl);
    const read = authenticatedRead();
    const call = await ctx.fps.call(c.action ?? read.action, c.params?.() ?? read.params, keys, {
      style: c.style,
      label: c.title,
      tamper: (req) => c.malform(req, resign),
    });
    const problem = judgeMalformedInput(call, c.title, { oversized: c.oversized === true });
    const what = call.decoded?.kind === 'error' ? `a 4xx error document (${call.decoded.code}, HTTP ${call.response?.status})` : `HTTP ${call.response?.status} (refused unread)`;
    return problem ? { status: 'fail', message: problem } : { status: 'pass', message: `R-WIRE-5: ${c.title}: answered ${what}` };
  });
}

const form = (body: string, bodyEncoding?: 'latin1'): ((base: string) => WireRequest) => (base) => ({
  method: 'POST',
  url: base,
  headers: { 'content-type': FORM_CONTENT_TYPE },
  body,
  ...(bodyEncoding ? { bodyEncoding } : {}),
});

/** Requests that need no account: nothing signed at all. */
const UNSIGNED_CASES: readonly { name: string; title: string; request: (base: string) => WireRequest }[] = [
  { name: 'empty-body', title: 'a POST with an empty form body', request: form('') },
  { name: 'no-parameters', title: 'a GET without parameters', request: (base) => ({ method: 'GET', url: base, headers: {} }) },
  { name: 'separators-only', title: 'a form body of separators only', request: form('&&=&=&') },
];

function unsignedCheck(c: (typeof UNSIGNED_CASES)[number]): Check {
  return malformedInputCheck(c.name, c.title, async (ctx) => {
    const answer = await sendRaw(ctx, c.request(ctx.target.baseUrl), c.title);
    const problem = judgeMalformedInput(answer, c.title);
    return problem ? { status: 'fail', message: problem } : { status: 'pass', message: `R-WIRE-5: ${c.title}: answered a 4xx error document` };
  }, false);
}

/** Garbage: random bytes as a form body, or random %-escaped bytes as a query string. */
const garbageArb = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 512 }).map((b) => ({ where: 'body' as const, bytes: b })),
  fc.uint8Array({ minLength: 1, maxLength: 128 }).map((b) => ({ where: 'query' as const, bytes: b })),
);

interface Garbage {
  where: 'body' | 'query';
  bytes: Uint8Array;
}

function garbageRequest(base: string, g: Garbage): WireRequest {
  if (g.where === 'body') return form(Buffer.from(g.bytes).toString('latin1'), 'latin1')(base);
  // every byte %-escaped, with some raw separators kept, so any byte value reaches the decoder
  const q = [...g.bytes].map((b) => (b === 0x26 || b === 0x3d ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  return { method: 'GET', url: `${base}?${q}`, headers: {} };
}

async function garbageProperty(ctx: SuiteContext) {
  return checkProperty(
    ctx,
    garbageArb,
    async (g) => {
      const answer: RawAnswer = await sendRaw(ctx, garbageRequest(ctx.target.baseUrl, g), `garbage ${g.where} (${g.bytes.length} bytes)`);
      return judgeMalformedInput(answer, `${g.bytes.length} garbage bytes in the ${g.where}`);
    },
    {
      describe: (g) => [`${g.where}: ${Buffer.from(g.bytes).toString('hex')}`],
      passMessage: 'R-WIRE-5: every garbage body and query got a 4xx error document',
    },
  );
}

const checks: Check[] = [
  ...PROBE_CASES.map(probeCheck),
  ...SIGNED_CASES.map(signedCheck),
  ...UNSIGNED_CASES.map(unsignedCheck),
  {
    id: 'robustness/garbage-bytes',
    title: 'Malformed input gets a 4xx error document: random bytes',
    requirements: ['R-WIRE-5'],
    tags: ['robustness', 'stateless', 'property'],
    run: garbageProperty,
  },
  ...HTTP_LAYER_CHECKS,
];

export const robustnessSuite: Suite = {
  name: 'robustness',
  title: 'Malformed input (R-WIRE-5)',
  checks: checks.map(attributed),
};
