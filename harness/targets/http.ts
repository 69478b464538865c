// The Target for an emulator over HTTP: undici with a keep-alive agent, a per-request timeout and
// transport failures told apart (timeout, reset, refused). Redirects are never followed: a 302 is
// an answer to judge (CBUI), not an instruction to the kit.
import { Agent, request } from 'undici';
import { TransportError, type SendOptions, type Target } from '../target.ts';
import type { WireRequest, WireResponse } from '../wire.ts';
import { parseTargetUrl } from './guard.ts';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface HttpTargetOptions {
  timeoutMs?: number;
  /** most parallel connections to the target (default 16) */
  connections?: number;
}

export function createHttpTarget(baseUrl: string, options: HttpTargetOptions = {}): Target {
  const base = parseTargetUrl(baseUrl).href;
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: options.connections ?? 16, connect: { timeout: defaultTimeout } });
  return {
    baseUrl: base,
    async send(req: WireRequest, opts: SendOptions = {}): Promise<WireResponse> {
      const timeoutMs = opts.timeoutMs ?? defaultTimeout;
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        const body = req.body === undefined ? undefined : Buffer.from(req.body, req.bodyEncoding === 'latin1' ? 'latin1' : 'utf8');
        const res = await request(req.url, {
          method: req.method as 'GET',
          headers: req.headers,
          body,
          signal: abort.signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          dispatcher: agent,
        });
        const text = await res.body.text();
        return { status: res.statusCode, headers: flattenHeaders(res.headers), body: text };
      } catch (err) {
        throw toTransportError(err, abort.signal.aborted, timeoutMs);
      } finally {
        clearTimeout(timer);
      }
    },
    async close(): Promise<void> {
      await agent.close();
    },
  };
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
