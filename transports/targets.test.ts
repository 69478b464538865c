// Targets and the recording wrapper (seq, labels, secret blanking, loopback guard): real sockets on
// 127.0.0.1 only.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../core/target.ts';
import { createHttpTarget } from './http.ts';
import { createInProcessTarget } from './in-process.ts';
import { recordingTarget } from './recording.ts';
import { parseTargetUrl } from './guard.ts';
import { REDACTED } from './redact.ts';
import { UsageError } from '../core/errors.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // never answers
    if (req.url === '/drop') return req.socket.destroy();
    if (req.url === '/huge') return res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'], 'content-length': 5000 }).end('x'.repeat(5000));
    if (req.url === '/redirect') return res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('latin1')));
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain', date: 'Thu, 01 Jan 2026 00:00:00 GMT' }).end(`${req.method} ${req.url} ${body.length}`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('HttpTarget', () => {
  it('answers with status, lowercase headers and body; latin1 bodies go out byte for byte', async () => {
    const t = createHttpTarget(base, { timeoutMs: 2000 });
    const res = await t.send({ method: 'POST', url: `${base}x?a=1`, headers: {}, body: '\xff\xfe', bodyEncoding: 'latin1' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.body).toBe('POST /x?a=1 2');
    await t.close();
  });

  it('turns a hang into TransportError timeout, a dropped socket into reset, a closed port into refused', async () => {
    const t = createHttpTarget(base, { timeoutMs: 300 });
    await expect(t.send({ method: 'GET', url: `${base}hang`, headers: {} })).rejects.toMatchObject({ name: 'TransportError', kind: 'timeout' });
    await expect(t.send({ method: 'GET', url: `${base}drop`, headers: {} })).rejects.toMatchObject({ kind: 'reset' });
    await t.close();
    const closed = createHttpTarget('http://127.0.0.1:1/', { timeoutMs: 1000 });
    await expect(closed.send({ method: 'GET', url: 'http://127.0.0.1:1/', headers: {} })).rejects.toMatchObject({ kind: 'refused' });
    await closed.close();
  });

  it('reads at most maxBodyBytes of an answer and records its size; repeated headers are joined', async () => {
    const t = createHttpTarget(base, { maxBodyBytes: 1000 });
    const res = await t.send({ method: 'GET', url: `${base}huge`, headers: {} });
    expect(res.body).toBe('x'.repeat(1000));
    expect(res.truncated).toEqual({ keptBytes: 1000, bytes: 5000 });
    expect(res.headers['set-cookie']).toBe('a=1, b=2');
    // the connection the cap dropped does not spoil the next exchange
    const next = await t.send({ method: 'GET', url: `${base}y`, headers: {} });
    expect(next.body).toBe('GET /y 0');
    await t.close();
  });

  it('sends to the path of an absolute URL on another loopback origin too', async () => {
    const t = createHttpTarget(base);
    const other = base.replace('127.0.0.1', 'localhost');
    const res = await t.send({ method: 'GET', url: `${other}z?q=1`, headers: {} });
    expect(res.body).toBe('GET /z?q=1 0');
    await t.close();
  });

  it('does not follow redirects', async () => {
    const t = createHttpTarget(base);
    const res = await t.send({ method: 'GET', url: `${base}redirect`, headers: {} });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('http://127.0.0.1:1/elsewhere');
    await t.close();
  });

  it('refuses target URLs that are not http(s)', () => {
    expect(() => parseTargetUrl('ftp://127.0.0.1/')).toThrow(UsageError);
    expect(() => parseTargetUrl('not a url')).toThrow(/not a URL/);
    expect(() => parseTargetUrl('http://127.0.0.1:8080/?x=1')).toThrow(/query/);
    expect(parseTargetUrl('http://127.0.0.1:8080').href).toBe('http://127.0.0.1:8080/');
  });
});

describe('InProcessTarget', () => {
  it('passes a Fetch Request to the handler and times out a handler that never answers', async () => {
    const t = createInProcessTarget(async (r) => new Response(`${r.method} ${await r.text()}`, { status: 201 }), { timeoutMs: 200 });
    expect(await t.send({ method: 'POST', url: 'http://127.0.0.1:8080/', headers: {}, body: 'a=1' })).toMatchObject({ status: 201, body: 'POST a=1' });
    const stuck = createInProcessTarget(() => new Promise<Response>(() => {}), { timeoutMs: 100 });
    await expect(stuck.send({ method: 'GET', url: 'http://127.0.0.1:8080/', headers: {} })).rejects.toBeInstanceOf(TransportError);
    const throwing = createInProcessTarget(async () => {
      throw new Error('boom');
    });
    await expect(throwing.send({ method: 'GET', url: 'http://127.0.0.1:8080/', headers: {} })).rejects.toMatchObject({ kind: 'reset' });
  });
});

describe('recording wrapper', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const handler = async (r: Request): Promise<Response> => {
    if (new URL(r.url).pathname === '/_sandbox/accounts') return Response.json({ accessKeyId: 'AKID', secretAccessKey: secret });
    return new Response(`echo ${r.url}`);
  };

  it('numbers exchanges, keeps labels, and blanks secrets there and only there', async () => {
    const rec = recordingTarget(createInProcessTarget(handler));
    const acctReq = { method: 'POST', url: 'http://127.0.0.1:8080/_sandbox/accounts', headers: {}, body: '{}' };
    const acct = await rec.send(acctReq, { label: 'make account' });
    expect(JSON.parse(acct.body).secretAccessKey).toBe(secret); // the caller gets the real value
    const echoed = await rec.send({ method: 'GET', url: `http://127.0.0.1:8080/?k=${encodeURIComponent(secret)}`, headers: {} });
    expect(echoed.body).toContain(encodeURIComponent(secret));
    const [a, b] = rec.transcript();
    expect([a!.seq, b!.seq]).toEqual([1, 2]);
    expect(a!.label).toBe('make account');
    const shown = JSON.stringify(rec.transcript());
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain(encodeURIComponent(secret));
    expect(shown).toContain(REDACTED);
    expect(rec.exchangeOf({ method: 'GET', url: 'http://127.0.0.1:8080/', headers: {} })).toBeUndefined(); // only requests it sent
    expect(rec.exchangeOf(acctReq)?.response?.body).toContain(REDACTED);
    rec.markTranscript();
    expect(rec.transcript()).toEqual([]);
    expect(rec.count).toBe(2);
  });

  it('blanks user-supplied secrets and records transport errors', async () => {
    const rec = recordingTarget(createInProcessTarget(async () => new Promise<Response>(() => {}), { timeoutMs: 50 }), { secrets: ['user-secret-123456'] });
    const req = { method: 'POST', url: 'http://127.0.0.1:8080/', headers: {}, body: 'x=user-secret-123456' };
    await expect(rec.send(req)).rejects.toBeInstanceOf(TransportError);
    const ex = rec.exchangeOf(req)!;
    expect(ex.error).toMatch(/^timeout/);
    expect(ex.request.body).toBe(`x=${REDACTED}`);
  });

  it('refuses requests to anywhere but the target and loopback', async () => {
    const rec = recordingTarget(createInProcessTarget(handler, { baseUrl: 'http://fps.test:8080/' }));
    await expect(rec.send({ method: 'GET', url: 'http://example.com/', headers: {} })).rejects.toThrow(/only to the target/);
    await expect(rec.send({ method: 'GET', url: 'http://127.0.0.1:9/', headers: {} })).resolves.toMatchObject({ status: 200 });
    await expect(rec.send({ method: 'GET', url: 'http://fps.test:8080/x', headers: {} })).resolves.toMatchObject({ status: 200 });
  });
});
