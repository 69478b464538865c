// Small helpers shared by the emulator's routes: JSON answers for the sandbox hooks
// (shared/sandbox-protocol.md: "errors are 4xx with {"error": "..."}"), a capped Fetch body reader,
// and the node adapter's body reader (server.ts), which keeps what it may use and drops the rest.
import type { IncomingMessage } from 'node:http';

/** Bodies up to this many bytes are read to their end before the answer; a larger one gets 413 at once and is drained unread. */
export const MAX_READ_BODY_BYTES = 64 * 1024 * 1024;
/** A refused request is drained (read and dropped) up to this many bytes, so its client can read the answer (no reset); past it the connection is given up. */
export const MAX_DRAIN_BYTES = 1024 * 1024 * 1024;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

export function jsonError(status: number, message: string): Response {
  return json(status, { error: message });
}

export type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false; problem: 'too-large' | 'unreadable'; detail: string };

/**
 * Reads at most `cap` bytes of a request body. Over the cap, or a body stream that fails (a
 * truncated upload), is reported, never thrown, so the API can answer a 4xx (R-WIRE-5).
 */
export async function readBody(request: Request, cap: number): Promise<BodyRead> {
  if (request.body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > cap) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, problem: 'too-large', detail: `body is over ${cap} bytes` };
      }
      chunks.push(value);
    }
  } catch (err) {
    return { ok: false, problem: 'unreadable', detail: `body could not be read in full (${err instanceof Error ? err.message : String(err)})` };
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}

/** Reads a JSON object body for a sandbox hook; an empty body is `{}`. Too large is 413, anything else unusable 400. */
export async function readJsonObject(request: Request, cap = 65_536): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; status: 400 | 413; problem: string }> {
  const body = await readBody(request, cap);
  if (!body.ok) return { ok: false, status: body.problem === 'too-large' ? 413 : 400, problem: body.detail };
  const text = new TextDecoder().decode(body.bytes).trim();
  if (text === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, status: 400, problem: 'body must be a JSON object' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, status: 400, problem: 'body is not valid JSON' };
  }
}

export type Collected =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: 'too-large' | 'over-read-limit' | 'stalled' | 'broken'; status: number; problem: string };

export interface CollectOptions {
  /** most bytes kept for the route; a longer body is read to its end and refused (413) */
  keep: number;
  /** a body not complete after this long is refused (408) */
  timeoutMs: number;
  /** default MAX_READ_BODY_BYTES: past it the refusal is given at once and the rest drained */
  readLimit?: number;
  /** default MAX_DRAIN_BYTES */
  drainLimit?: number;
}

/**
 * Reads a node request body (R-WIRE-5: any length gets an answer, never a reset). Up to `keep` bytes
 * are kept; past it bytes are counted and dropped; past `readLimit` (declared or counted) the result
 * comes at once while the listener goes on dropping what arrives, so the answer can be written while
 * the client still sends. Memory stays at `keep` whatever the client sends.
 */
export function collectBody(req: IncomingMessage, o: CollectOptions): Promise<Collected> {
  const readLimit = o.readLimit ?? MAX_READ_BODY_BYTES;
  const drainLimit = o.drainLimit ?? MAX_DRAIN_BYTES;
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (c: Collected): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(c);
    };
    const unread = (): Collected => ({ ok: false, reason: 'over-read-limit', status: 413, problem: `the body is over ${readLimit} bytes; it was not read` });
    const timer = setTimeout(() => finish({ ok: false, reason: 'stalled', status: 408, problem: `the body did not arrive in full within ${o.timeoutMs} ms (truncated?)` }), o.timeoutMs);
    if (Number(req.headers['content-length']) > readLimit) finish(unread());
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= o.keep) chunks.push(chunk);
      else chunks = [];
      if (size > drainLimit) req.socket.destroy(); // a client that never stops is given up
      else if (size > readLimit) finish(unread());
    });
    req.on('end', () => finish(size > o.keep ? { ok: false, reason: 'too-large', status: 413, problem: `the body is ${size} bytes, over the ${o.keep} this server reads` } : { ok: true, bytes: Buffer.concat(chunks) }));
    req.on('close', () => {
      if (!req.complete) finish({ ok: false, reason: 'broken', status: 400, problem: 'the body could not be read in full' });
    });
  });
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\]|::1)$/i;

/** True for loopback hosts (127.0.0.0/8, localhost, ::1): the only places the emulator sends to by default. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK.test(u.hostname);
  } catch {
    return false;
  }
}
