// Small helpers shared by the emulator's routes: JSON answers for the sandbox hooks
// (shared/sandbox-protocol.md: "errors are 4xx with {"error": "..."}"), a capped Fetch body reader,
// and the loopback test for the places the emulator sends to. (The node:http body reader is
// transports/node-body.ts.)
import { isLoopback } from '../transports/guard.ts';

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

/** True for loopback hosts (127.0.0.0/8, localhost, ::1): the only places the emulator sends to by default. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && isLoopback(u);
  } catch {
    return false;
  }
}
