// The HTTP-layer robustness checks: what they accept (any 4xx for absurd lengths, any answer but a
// server error for other methods, a close after a whole answer) and what they fail (R-WIRE-5), through
// the real runner against the reference emulator's HTTP layer, a bare node:http server and an
// in-process core.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../emulator/core.ts';
import { INVALID_PARAMS, renderError } from '../../emulator/render.ts';
import { listenFetch, startServer } from '../../emulator/server.ts';
import { runConformance } from '../../run/service-runner.ts';
import type { RawOutcome } from './raw-http.ts';
import { HTTP_LAYER_CHECKS, judgeMethod, judgeOversized, shellRepro, showParts } from './robustness-http.ts';

const answer = (status: number, body = ''): RawOutcome => ({ kind: 'response', response: { status, reason: '', headers: {}, body, bodyBytes: body.length }, sentBytes: 1, elapsedMs: 1 });
const failed = (kind: 'dropped' | 'timeout' | 'refused' | 'error'): RawOutcome => ({ kind, detail: 'x', sentBytes: 1, elapsedMs: 1 });
const resetAfter: RawOutcome = { kind: 'reset-after', response: { status: 431, reason: '', headers: {}, body: '', bodyBytes: 0 }, detail: 'reset 1 ms after', sentBytes: 1, elapsedMs: 1 };

describe('judges', () => {
  it.each([400, 405, 408, 413, 414, 431, 499])('absurd lengths: HTTP %i with any body holds (the server may not have read it)', (s) => {
    expect(judgeOversized(answer(s, '<html>Request Header Or Cookie Too Large</html>'), 'x')).toBeUndefined();
  });

  it.each([
    [answer(500), /HTTP 500; absurd lengths never yield a 5xx/],
    [answer(503), /HTTP 503/],
    [answer(200), /HTTP 200; absurd lengths yield a 4xx/],
    [answer(302), /HTTP 302/],
    [failed('dropped'), /dropped the connection/],
    [failed('timeout'), /hung/],
    [failed('refused'), /did the target stop/],
    [resetAfter, /answered HTTP 431, then reset the connection/],
  ] as const)('absurd lengths: %j fails, citing R-WIRE-5', (o, why) => {
    const problem = judgeOversized(o, 'x');
    expect(problem).toMatch(/^R-WIRE-5: /);
    expect(problem).toMatch(why);
  });

  it.each([200, 204, 400, 404, 405, 501])('another method: HTTP %i holds (the contract names no answer)', (s) => {
    expect(judgeMethod(answer(s), 'x')).toBeUndefined();
  });

  it.each([[answer(500)], [answer(502)], [failed('dropped')], [resetAfter]] as const)('another method: %j fails, citing R-WIRE-5', (o) => {
    expect(judgeMethod(o, 'x')).toMatch(/^R-WIRE-5/);
  });

  it('shows a huge request short, and reproduces it with printf, head and tr', () => {
    const parts = ['GET /?a=', { repeat: 'A', bytes: 20 * 1024 * 1024 }, ' HTTP/1.1\r\nHost: h:1\r\n\r\n'];
    expect(showParts(parts)).toBe('GET /?a=<20971520×A> HTTP/1.1\r\nHost: h:1\r\n\r\n');
    expect(shellRepro(parts, { hostname: '127.0.0.1', port: '9' })).toBe(`{ printf 'GET /?a='; head -c 20971520 /dev/zero | tr '\\0' A; printf ' HTTP/1.1\\r\\nHost: h:1\\r\\n\\r\\n'; } | nc 127.0.0.1 9`);
  });
});

/** Every answer an FPS error document, so the runner sees an FPS endpoint. */
const NO = renderError(INVALID_PARAMS, 'no', 'r-1').body;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

const run = (target: string) => runConformance({ target, suites: ['robustness'], grep: 'http-layer', seed: 1, runs: 1, timeoutMs: 10_000 });
const statuses = (r: Awaited<ReturnType<typeof run>>): Record<string, string> => Object.fromEntries(r.report.checks.filter((c) => c.id.includes('/http-')).map((c) => [c.id.replace('robustness/', ''), c.status]));

describe('the HTTP-layer checks through the runner', () => {
  it('the reference emulator served on a port: every one holds', async () => {
    const server = await startServer({ port: 0, seed: 2 });
    closers.push(() => server.close());
    const r = await run(server.url);
    expect(r.report.checks.filter((c) => c.id.includes('/http-') && c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    expect(Object.keys(statuses(r))).toHaveLength(HTTP_LAYER_CHECKS.length);
  });

  it("a bare node:http server (node's defaults) fails CONNECT and the 20 MiB request line, citing R-WIRE-5", async () => {
    const bare = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(400, { 'content-type': 'text/xml' }).end(NO));
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise((r) => (bare.closeAllConnections(), bare.close(() => r()))));
    const r = await run(`http://127.0.0.1:${(bare.address() as { port: number }).port}/`);
    const s = statuses(r);
    expect(s['http-method-connect']).toBe('fail');
    expect(s['http-long-request-line']).toBe('fail');
    // it reads bodies to their end and answers every method: those hold
    expect(s['http-huge-body']).toBe('pass');
    expect(s['http-method-put']).toBe('pass');
    for (const c of r.report.checks.filter((x) => x.status === 'fail')) {
      expect(c.requirements).toContain('R-WIRE-5');
      expect(c.transcript?.[0]?.curl).toMatch(/\| nc 127\.0\.0\.1 \d+$/);
    }
  });

  it('the same core behind the emulator HTTP layer (listenFetch) holds where bare node:http does not', async () => {
    const layer = await listenFetch(() => ({ handle: async () => new Response(NO, { status: 400, headers: { 'content-type': 'text/xml' } }) }));
    closers.push(() => layer.close());
    const s = statuses(await run(layer.url));
    expect(s['http-method-connect']).toBe('pass');
    expect(s['http-long-request-line']).toBe('pass');
  });

  it('an in-process core has no connection to check: not applicable, never passed', async () => {
    const emulator = createEmulator({ seed: 1, baseUrl: 'http://127.0.0.1:8080/' });
    const r = await runConformance({ handler: (q) => emulator.handle(q), suites: ['robustness'], seed: 1, runs: 1 });
    expect(new Set(Object.values(statuses(r)))).toEqual(new Set(['not-applicable']));
    expect(r.report.requirements.find((q) => q.id === 'R-WIRE-5')?.status).toBe('pass'); // the other robustness checks still judge it
  });
});
