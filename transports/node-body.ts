// The node:http body reader of the HTTP adapter (transports/node-http.ts): keeps what the route may
// use and drops the rest, so any length gets an answer, never a reset (R-WIRE-5).
import type { IncomingMessage } from 'node:http';
import { afterReads } from './after-reads.ts';

/** Bodies up to this many bytes are read to their end before the answer; a larger one gets 413 at once and is drained unread. */
export const MAX_READ_BODY_BYTES = 64 * 1024 * 1024;
/** A refused request is drained (read and dropped) up to this many bytes, so its client can read the answer (no reset); past it the connection is given up. */
export const MAX_DRAIN_BYTES = 1024 * 1024 * 1024;

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
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (c: Collected): void => {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      resolve(c);
    };
    const unread = (): Collected => ({ ok: false, reason: 'over-read-limit', status: 413, problem: `the body is over ${readLimit} bytes; it was not read` });
    // set once the turn's reads are done: most bodies have ended by then and need none (after-reads.ts)
    afterReads(() => {
      if (!done) timer = setTimeout(() => finish({ ok: false, reason: 'stalled', status: 408, problem: `the body did not arrive in full within ${o.timeoutMs} ms (truncated?)` }), o.timeoutMs);
    });
    if (Number(req.headers['content-length']) > readLimit) finish(unread());
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= o.keep) chunks.push(chunk);
      else chunks = [];
      if (size > drainLimit) req.socket.destroy(); // a client that never stops is given up
      else if (size > readLimit) finish(unread());
    });
    // one chunk (nearly every API request) is handed over as read: its own buffer, never reused by node
    req.on('end', () => finish(size > o.keep ? { ok: false, reason: 'too-large', status: 413, problem: `the body is ${size} bytes, over the ${o.keep} this server reads` } : { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
    req.on('close', () => {
      if (!req.complete) finish({ ok: false, reason: 'broken', status: 400, problem: 'the body could not be read in full' });
    });
  });
}
