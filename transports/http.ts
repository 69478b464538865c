// The Target for an emulator over HTTP: undici with a keep-alive agent, a per-request timeout and
// transport failures told apart (timeout, reset, refused). Redirects are never followed: a 302 is
// an answer to judge (CBUI), not an instruction to the kit.
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';
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

/** Open HTTP targets by base URL: where the raw-HTTP robustness checks (suites/service/raw-http.ts) may open sockets of their own. */
const OPEN_BASES = new Map<string, number>();

/** True while an HTTP target for `baseUrl` is open (an in-process target has no connection to test). */
export function reachedOverHttp(baseUrl: string): boolean {
  return (OPEN_BASES.get(baseUrl) ?? 0) > 0;
}

export function createHttpTarget(baseUrl: string, options: HttpTargetOptions = {}): Target {
  const base = parseTargetUrl(baseUrl).href;
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: options.connections ?? 16, connect: { timeout: defaultTimeout } });
  OPEN_BASES.set(base, (OPEN_BASES.get(base) ?? 0) + 1);
  return {
    baseUrl: base,
    async send(req: WireRequest, opts: SendOptions = {}): Promise<WireResponse> {
      const timeoutMs = opts.timeoutMs ?? defaultTimeout;
      // undici takes an EventEmitter as the abort signal (cheaper than an AbortController per request)
      const abort = new EventEmitter();
      let aborted = false;
      const timer = setTimeout(() => {
        aborted = true;
        abort.emit('abort');
      }, timeoutMs);
      try {
        const body = req.body === undefined ? undefined : Buffer.from(req.body, req.bodyEncoding === 'latin1' ? 'latin1' : 'utf8');
        const res = await request(req.url, {
          method: req.method as 'GET',
          headers: req.headers,
          body,
          signal: abort,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          dispatcher: agent,
        });
        const headers = flattenHeaders(res.headers);
        const read = await readCapped(res.body, maxBodyBytes);
        const declared = Number(headers['content-length']);
        return {
          status: res.statusCode,
          headers,
          body: read.text,
          ...(read.overflow ? { truncated: { keptBytes: read.kept, bytes: Number.isSafeInteger(declared) && declared > read.kept ? declared : read.kept + 1 } } : {}),
        };
      } catch (err) {
        throw toTransportError(err, aborted, timeoutMs);
      } finally {
        clearTimeout(timer);
      }
    },
    async close(): Promise<void> {
      OPEN_BASES.set(base, Math.max(0, (OPEN_BASES.get(base) ?? 0) - 1));
      await agent.close();
    },
  };
}

/** Stateless when not streaming, so one serves every answer (a leading BOM is dropped, as before). */
const UTF8 = new TextDecoder('utf-8');

/** Reads at most `cap` bytes of a body, then drops the connection's rest (never buffers a hostile answer whole). */
export async function readCapped(body: AsyncIterable<Buffer | Uint8Array> & { destroy?(): unknown }, cap: number): Promise<{ text: string; kept: number; overflow: boolean }> {
  if (body instanceof Readable) return readStreamCapped(body, cap);
  const chunks: Buffer[] = [];
  let kept = 0;
  let overflow = false;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    const room = cap - kept;
    if (buf.length > room) {
      if (room > 0) chunks.push(buf.subarray(0, room));
      kept += Math.max(0, room);
      overflow = true;
      break;
    }
    chunks.push(buf);
    kept += buf.length;
  }
  // leaving the loop early ends the iteration (undici destroys the body); destroy() again is harmless
  if (overflow) body.destroy?.();
  // one chunk (an ordinary answer) is decoded as it is, without a copy
  return { text: UTF8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, kept)), kept, overflow };
}

/** readCapped for a stream (undici's body), by its events: no async iterator per answer. */
function readStreamCapped(body: Readable, cap: number): Promise<{ text: string; kept: number; overflow: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    const done = (overflow: boolean): void => {
      // the error listener stays: an error after the end must not go unhandled (reject is then a no-op)
      body.off('data', onData).off('end', onEnd);
      resolve({ text: UTF8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, kept)), kept, overflow });
    };
    const onData = (chunk: Buffer | Uint8Array): void => {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      const room = cap - kept;
      if (buf.length > room) {
        if (room > 0) chunks.push(buf.subarray(0, room));
        kept += Math.max(0, room);
        // the rest of the answer is never read: the connection is dropped
        body.destroy();
        done(true);
        return;
      }
      chunks.push(buf);
      kept += buf.length;
    };
    const onEnd = (): void => done(false);
    body.on('data', onData).once('end', onEnd).once('error', reject);
  });
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
