// The Target for an emulator over HTTP: undici with a keep-alive agent, a per-request timeout and
// transport failures told apart (timeout, reset, refused). Redirects are never followed: a 302 is
// an answer to judge (CBUI), not an instruction to the kit.
import { Agent } from 'undici';
import { TransportError, type SendOptions, type Target } from '../core/target.ts';
import type { WireRequest, WireResponse } from '../core/wire.ts';
import { parseTargetUrl } from './guard.ts';

export const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * Most bytes of an answer the kit reads (1 MiB). The XML reader judges at most 256 K characters
 * (spec/wire/xml.ts MAX_ANSWER_CHARS), so a longer answer is already "too long" there; beyond the cap
 * the rest is not read at all and the exchange records the size (WireResponse.truncated).
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpTargetOptions {
  timeoutMs?: number;
  /** most parallel connections to the target (default 16) */
  connections?: number;
  /** most bytes of an answer read (default MAX_BODY_BYTES) */
  maxBodyBytes?: number;
}

/** Stateless when not streaming, so one serves every answer (a leading BOM is dropped, as before). */
const UTF8 = new TextDecoder('utf-8');

/** Open HTTP targets by base URL: where the raw-HTTP robustness checks (suites/service/raw-http.ts) may open sockets of their own. */
const OPEN_BASES = new Map<string, number>();

/** True while an HTTP target for `baseUrl` is open (an in-process target has no connection to test). */
export function reachedOverHttp(baseUrl: string): boolean {
  return (OPEN_BASES.get(baseUrl) ?? 0) > 0;
}

export function createHttpTarget(baseUrl: string, options: HttpTargetOptions = {}): Target {
  const base = parseTargetUrl(baseUrl).href;
  const origin = new URL(base).origin;
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: options.connections ?? 16, connect: { timeout: defaultTimeout } });
  OPEN_BASES.set(base, (OPEN_BASES.get(base) ?? 0) + 1);
  return {
    baseUrl: base,
    send(req: WireRequest, opts: SendOptions = {}): Promise<WireResponse> {
      const timeoutMs = opts.timeoutMs ?? defaultTimeout;
      // an absolute URL on the target's origin (what the kit's clients send) is split without a URL parse
      const [reqOrigin, path] = req.url.startsWith(origin) && req.url.charCodeAt(origin.length) === 47 ? [origin, req.url.slice(origin.length)] : splitUrl(req.url);
      const body = req.body === undefined ? undefined : Buffer.from(req.body, req.bodyEncoding === 'latin1' ? 'latin1' : 'utf8');
      return exchange(agent, { origin: reqOrigin, path, method: req.method, headers: req.headers, body }, timeoutMs, maxBodyBytes);
    },
    async close(): Promise<void> {
      OPEN_BASES.set(base, Math.max(0, (OPEN_BASES.get(base) ?? 0) - 1));
      await agent.close();
    },
  };
}

function splitUrl(url: string): [string, string] {
  const u = new URL(url);
  return [u.origin, `${u.pathname}${u.search}`];
}

interface Outgoing {
  origin: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

/**
 * One request through undici's dispatch handler API: the answer's bytes are gathered as they come,
 * with no body stream or promise per chunk (request() costs about twice the CPU per exchange). A
 * timer bounds the whole exchange; past `cap` bytes the rest is never read and the connection is
 * dropped.
 */
function exchange(agent: Agent, out: Outgoing, timeoutMs: number, cap: number): Promise<WireResponse> {
  return new Promise<WireResponse>((resolve, reject) => {
    const handler = new ExchangeHandler(resolve, reject, timeoutMs, cap);
    try {
      agent.dispatch({ origin: out.origin, path: out.path, method: out.method as 'GET', headers: out.headers, body: out.body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs }, handler as never);
    } catch (err) {
      handler.onResponseError(undefined, err);
    }
  });
}

interface Controller {
  abort(reason: Error): void;
}

/** The handler of one exchange: its state in fields and its steps as methods, so a request allocates one object, not a closure per step. */
class ExchangeHandler {
  #settled = false;
  #timedOut = false;
  #controller: Controller | undefined;
  #status = 0;
  #headers: Record<string, string> = {};
  readonly #chunks: Buffer[] = [];
  #kept = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly resolve: (r: WireResponse) => void,
    private readonly reject: (e: unknown) => void,
    private readonly timeoutMs: number,
    private readonly cap: number,
  ) {
    this.#timer = setTimeout(ExchangeHandler.#onTimeout, timeoutMs, this);
  }

  static #onTimeout(self: ExchangeHandler): void {
    self.#timedOut = true;
    const err = new TransportError(`no answer within ${self.timeoutMs} ms`, 'timeout');
    self.#controller?.abort(err);
    self.onResponseError(undefined, err);
  }

  onRequestStart(controller: Controller): void {
    this.#controller = controller;
    if (this.#settled) controller.abort(new TransportError('the exchange ended before it started', 'other'));
  }

  onResponseStart(_c: unknown, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    this.#status = statusCode;
    this.#headers = flattenHeaders(headers);
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    if (this.#settled) return;
    const room = this.cap - this.#kept;
    if (chunk.length > room) {
      if (room > 0) this.#chunks.push(chunk.subarray(0, room));
      this.#kept += Math.max(0, room);
      this.#finish(true);
      controller.abort(new TransportError('answer over the size cap', 'other'));
      return;
    }
    this.#chunks.push(chunk);
    this.#kept += chunk.length;
  }

  onResponseEnd(): void {
    this.#finish(false);
  }

  onResponseError(_c: unknown, err: unknown): void {
    if (this.#settle()) this.reject(toTransportError(err, this.#timedOut, this.timeoutMs));
  }

  /** true the first time only: a late error after the answer, or after a timeout, changes nothing */
  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    clearTimeout(this.#timer);
    return true;
  }

  #finish(overflow: boolean): void {
    if (!this.#settle()) return;
    const chunks = this.#chunks, kept = this.#kept;
    const declared = Number(this.#headers['content-length']);
    const response: WireResponse = {
      status: this.#status,
      headers: this.#headers,
      // one chunk (an ordinary answer) is decoded as it is, without a copy
      body: UTF8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, kept)),
    };
    if (overflow) response.truncated = { keptBytes: kept, bytes: Number.isSafeInteger(declared) && declared > kept ? declared : kept + 1 };
    this.resolve(response);
  }
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** undici's error codes → the three transport outcomes the kit reasons about. */
const CODE_KIND: Readonly<Record<string, TransportError['kind']>> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
};

export function toTransportError(err: unknown, aborted: boolean, timeoutMs: number): TransportError {
  if (err instanceof TransportError) return err;
  if (aborted) return new TransportError(`no answer within ${timeoutMs} ms`, 'timeout');
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  const kind = CODE_KIND[code] ?? 'other';
  const what = { refused: 'connection refused', reset: 'connection dropped', timeout: `no answer within ${timeoutMs} ms`, other: 'request failed' }[kind];
  const detail = e.cause?.message ?? e.message ?? String(err);
  const line = detail.split('\n')[0] ?? '';
  return new TransportError(`${what}${code && !line.includes(code) ? ` (${code})` : ''}: ${line}`, kind);
}
