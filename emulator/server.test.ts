// The node:http adapter and `fps-conformance serve`: real loopback HTTP, body limits, stalled
// bodies, one log line per request, port in use, clean stop on SIGINT. The HTTP layer never drops a
// connection (R-WIRE-5): huge request lines, headers and bodies, and every method, get a whole 4xx
// over a raw socket (suites/service/raw-http.ts tells a reset from a close after the answer).
import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.ts';
import { parseServeOptions, startServe } from './serve.ts';
import { parseSignOptions, signLine } from './sign-helper.ts';
import { startServer, type RunningServer } from './server.ts';
import { LocalSandbox } from '../test/support/emulator-client.ts';
import { sendRawHttp, type Part, type RawOutcome } from '../suites/service/raw-http.ts';

let servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function start(options: Parameters<typeof startServer>[0] = {}) {
  const lines: string[] = [];
  const s = await startServer({ port: 0, seed: 3, logRequest: (l) => lines.push(l), ...options });
  servers.push(s);
  return { server: s, lines, sb: new LocalSandbox((r) => fetch(r), s.url) };
}

/** Writes raw bytes on a socket and collects everything until the server closes or `ms` pass. */
function rawHttp(port: number, data: string, ms = 3000): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    const sock = net.connect(port, '127.0.0.1', () => sock.write(data));
    sock.on('data', (d) => (out += d.toString()));
    const done = (): void => {
      sock.destroy();
      resolve(out);
    };
    sock.on('close', done);
    setTimeout(done, ms);
  });
}

/** Streams parts on one socket (repeats from one buffer) and collects everything until the server closes. */
function streamed(port: number, parts: Part[], ms = 20_000): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    const sock = net.connect(port, '127.0.0.1');
    const done = (): void => {
      sock.destroy();
      resolve(out);
    };
    sock.on('data', (d) => (out += d.toString('latin1')));
    sock.on('close', done);
    sock.on('error', done);
    setTimeout(done, ms);
    void (async () => {
      for (const p of parts) {
        const block = typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.alloc(64 * 1024, p.repeat);
        for (let left = typeof p === 'string' ? block.length : p.bytes; left > 0; left -= block.length) {
          if (!sock.write(left >= block.length ? block : block.subarray(0, left))) await new Promise((r) => sock.once('drain', r));
        }
      }
    })();
  });
}

describe('startServer', () => {
  it('serves the API, the hooks and the Co-Branded UI over loopback HTTP, one log line per request', async () => {
    const { server, lines, sb } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const clock = await fetch(server.url + '_sandbox/clock');
    expect(clock.headers.get('date')).toBe('Thu, 01 Jan 2026 00:00:00 GMT'); // the sandbox clock, not the wall clock
    const d = await sb.json('GET', '_sandbox');
    expect(d.body.cbui).toBe(`${server.url}cobranded-ui/actions/start`);
    const caller = await sb.account('caller');
    const r = await sb.call('VerifySignature', { UrlEndPoint: 'http://127.0.0.1:9/x', HttpParameters: 'a=1&signatureVersion=2' }, caller, { style: 'POST-form' });
    expect(r.status).toBe(200);
    const port = await sb.call('VerifySignature', { UrlEndPoint: 'http://127.0.0.1:9/x', HttpParameters: 'a=1&signatureVersion=2' }, caller, { hostWithoutPort: true });
    expect(port.status).toBe(200);
    const buyer = await sb.account('sender');
    const t = await sb.token(caller, { pipelineName: 'SingleUse', callerReference: 'h1', transactionAmount: '1.00' }, { email: buyer.email });
    expect(t.status).toBe(302);
    expect(t.result.tokenID).toMatch(/^[0-9A-Z]+$/);
    expect(lines).toContainEqual(expect.stringMatching(/^GET \/cobranded-ui\/actions\/start 302 \d+ms$/));
    expect(lines).toContainEqual(expect.stringMatching(/^POST \/ VerifySignature 200 \d+ms$/));
    expect(lines).toContainEqual(expect.stringMatching(/^GET \/_sandbox 200 \d+ms$/));
    expect(lines.join('\n')).not.toContain(caller.secretAccessKey);
  });

  it('answers a body over 1 MiB with a 413 FPS error, without dropping the connection (R-WIRE-5)', async () => {
    const { server } = await start();
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=Pay&X=' + 'a'.repeat(3 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('<Code>InvalidParams</Code>');
  });

  it('answers a body that never arrives in full with a 408 instead of hanging (R-WIRE-5)', async () => {
    const { server } = await start({ bodyTimeoutMs: 200 });
    const started = Date.now();
    const reply = await rawHttp(server.port, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\nAction=Pay&Caller`);
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(reply).toContain('<Code>InvalidParams</Code>');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('answers bytes that are not HTTP with a 400 FPS error document', async () => {
    const { server } = await start();
    const reply = await rawHttp(server.port, 'GET /?Action=Pay&X=\u00ff\u0000 HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toContain('<Code>InvalidParams</Code>');
  });

  it('reads a 100 kB query string (past node\'s default header limit) and answers a 4xx FPS error document', async () => {
    const { server } = await start();
    const res = await fetch(`${server.url}?Action=Pay&CallerReference=${'a'.repeat(100_000)}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.text()).toMatch(/<Response><Errors><Error><Code>\w+<\/Code>/);
  });

  it('reads a Host header it cannot use as a URL without failing', async () => {
    const { server } = await start();
    const reply = await rawHttp(server.port, `GET /_sandbox HTTP/1.1\r\nHost: bad host!\r\nConnection: close\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('rejects a port in use; serve turns it into one clear line', async () => {
    const { server } = await start();
    await expect(startServer({ port: server.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    const opts = parseServeOptions({ port: String(server.port), quiet: true });
    await expect(startServe(opts, { out: () => undefined, err: () => undefined })).rejects.toThrow(new UsageError(`port ${server.port} on 127.0.0.1 is already in use; pick another with --port`));
  });
});

const MiB = 1024 * 1024;
const raw = (server: RunningServer, method: string, parts: Part[]): Promise<RawOutcome> => sendRawHttp(server.url, { method, parts }, { timeoutMs: 10_000 });
const hostLine = (server: RunningServer): string => `Host: 127.0.0.1:${server.port}\r\n`;

/** A complete response and no reset while the request was still being sent. */
function answered(o: RawOutcome): { status: number; headers: Record<string, string>; body: string } {
  if (o.kind !== 'response') throw new Error(`expected a complete response, got ${o.kind}: ${'detail' in o ? o.detail : ''}`);
  return o.response;
}

describe('the HTTP layer never drops a connection (R-WIRE-5)', () => {
  it('a 20 MiB request line: the head is refused unread with a whole 431 FPS error, drained, no reset', async () => {
    const { server, lines } = await start();
    const r = answered(await raw(server, 'GET', ['GET /?Action=GetTransactionStatus&TransactionId=', { repeat: 'A', bytes: 20 * MiB }, ` HTTP/1.1\r\n${hostLine(server)}\r\n`]));
    expect(r.status).toBe(431);
    expect(r.headers.connection).toBe('close');
    expect(r.body).toContain('<Code>InvalidParams</Code>');
    expect(lines).toContain('- - 431 (HPE_HEADER_OVERFLOW)');
  });

  it('a 20 MiB header on a hook path and a 200 KiB parameter name in a GET: 431, and an FPS error document read in full', async () => {
    const { server } = await start();
    const huge = answered(await raw(server, 'GET', [`GET /_sandbox HTTP/1.1\r\n${hostLine(server)}X-Pad: `, { repeat: 'a', bytes: 20 * MiB }, '\r\n\r\n']));
    expect(huge.status).toBe(431);
    const name = answered(await raw(server, 'GET', ['GET /?', { repeat: 'N', bytes: 200 * 1024 }, `=1&Action=GetTransactionStatus HTTP/1.1\r\n${hostLine(server)}\r\n`]));
    expect(name.status).toBe(400);
    expect(name.body).toMatch(/<Response><Errors><Error><Code>\w+<\/Code>/);
  });

  it('CONNECT gets a whole 405 with Allow (node would close the socket silently)', async () => {
    const { server } = await start();
    const r = answered(await raw(server, 'CONNECT', [`CONNECT 127.0.0.1:${server.port} HTTP/1.1\r\n${hostLine(server)}\r\n`]));
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, POST');
    expect(r.body).toContain('<Code>InvalidParams</Code>');
  });

  it.each([
    ['TRACE', '/', 405, 'xml'],
    ['OPTIONS', '/', 405, 'xml'],
    ['PUT', '/', 405, 'xml'],
    ['DELETE', '/_sandbox/accounts', 405, 'json'],
    ['PATCH', '/cobranded-ui/actions/start', 405, 'json'],
    ['FPSCONFORMANCE', '/', 405, 'xml'],
    ['FPSCONFORMANCE', '/_sandbox/accounts', 405, 'json'],
    ['OPTIONS', '*', 400, 'xml'],
  ] as const)('%s %s gets a whole %i (%s)', async (method, target, status, face) => {
    const { server } = await start();
    const r = answered(await raw(server, method, [`${method} ${target} HTTP/1.1\r\n${hostLine(server)}Content-Length: 0\r\n\r\n`]));
    expect(r.status).toBe(status);
    if (face === 'json') expect(JSON.parse(r.body)).toEqual({ error: expect.any(String) });
    else expect(r.body).toContain('<Code>InvalidParams</Code>');
  });

  it('a 100 MiB body gets a 413 FPS error before it ends, is drained (memory flat), and the connection stays usable', async () => {
    const { server } = await start();
    const rss = process.memoryUsage().rss;
    const big = answered(await raw(server, 'POST', [`POST / HTTP/1.1\r\n${hostLine(server)}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${100 * MiB}\r\n\r\n`, { repeat: 'a', bytes: 100 * MiB }]));
    expect(big.status).toBe(413);
    expect(big.body).toContain('<Code>InvalidParams</Code>');
    expect(process.memoryUsage().rss - rss).toBeLessThan(48 * MiB); // dropped as it came, never buffered
    // the same connection after a 70 MiB refused body: the next request is read and answered
    const both = await streamed(server.port, [`POST / HTTP/1.1\r\n${hostLine(server)}Content-Length: ${70 * MiB}\r\n\r\n`, { repeat: 'a', bytes: 70 * MiB }, `GET /_sandbox/clock HTTP/1.1\r\n${hostLine(server)}Connection: close\r\n\r\n`]);
    expect(both).toMatch(/^HTTP\/1\.1 413 [^]*HTTP\/1\.1 200 OK[^]*"now"/);
  });

  it('a 100 MiB chunked body to a hook is answered with JSON 413 while it arrives, and drained', async () => {
    const { server } = await start();
    const chunks: Part[] = [];
    for (let i = 0; i < 1600; i++) chunks.push('10000\r\n', { repeat: 'a', bytes: 0x10000 }, '\r\n');
    const r = answered(await raw(server, 'POST', [`POST /_sandbox/accounts HTTP/1.1\r\n${hostLine(server)}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, ...chunks, '0\r\n\r\n']));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toMatch(/over 67108864 bytes/);
  });

  it('the sandbox hooks answer JSON for oversized, malformed, wrong-method and wrong-type bodies', async () => {
    const { server } = await start();
    const post = (body: string, type = 'application/json') => fetch(`${server.url}_sandbox/accounts`, { method: 'POST', headers: { 'content-type': type }, body });
    const cases: [Response, number][] = [
      [await post('x'.repeat(3 * MiB)), 413], // past the adapter's 1 MiB
      [await post(JSON.stringify({ role: 'caller', pad: 'x'.repeat(100_000) })), 413], // past the hook's 64 KiB
      [await post('{"role":'), 400],
      [await post('role=caller', 'application/x-www-form-urlencoded'), 400],
      [await fetch(`${server.url}_sandbox/accounts`, { method: 'PUT', body: '{}' }), 405],
    ];
    for (const [res, status] of cases) {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
    expect((await fetch(`${server.url}_sandbox/accounts`, { method: 'DELETE' })).headers.get('allow')).toBe('POST');
  });
});

describe('serve options', () => {
  it('checks every flag with a one-line UsageError', () => {
    expect(parseServeOptions({})).toMatchObject({ port: 8080, host: '127.0.0.1', choice: 'nominal', profile: 'core', quiet: false, bugs: [] });
    expect(() => parseServeOptions({ port: 'eighty' })).toThrow(UsageError);
    expect(() => parseServeOptions({ port: '70000' })).toThrow(/--port/);
    expect(() => parseServeOptions({ host: '0.0.0.0' })).toThrow(/loopback/);
    expect(() => parseServeOptions({ choice: 'chaos' })).toThrow(/--choice must be one of nominal, random, contrary, not chaos/);
    // every mode bin/commands/serve.ts offers is one serve takes
    for (const choice of ['nominal', 'random', 'contrary']) expect(parseServeOptions({ choice }).choice).toBe(choice);
    expect(() => parseServeOptions({ profile: 'prod' })).toThrow(/--profile/);
    expect(() => parseServeOptions({ seed: '1.5' })).toThrow(/--seed/);
    expect(() => parseServeOptions({ bug: ['settle-twice,nope'] })).toThrow(/unknown --bug nope/);
    expect(parseServeOptions({ bug: ['settle-twice', 'race-pay'], seed: '9' })).toMatchObject({ bugs: ['settle-twice', 'race-pay'], seed: 9 });
  });

  it('serves --choice contrary: an open point (the code of an unknown Action) takes its last allowed form', async () => {
    const out: string[] = [];
    const server = await startServe(parseServeOptions({ port: '0', quiet: true, choice: 'contrary' }), { out: (l) => out.push(l), err: () => undefined });
    servers.push(server);
    expect(out.join('\n')).toContain('choice contrary');
    const key = /FPS_ACCESS_KEY_ID=(\S+)/.exec(out.join('\n'))![1]!;
    const secret = /FPS_SECRET_ACCESS_KEY=(\S+)/.exec(out.join('\n'))![1]!;
    const sb = new LocalSandbox((r) => fetch(r), server.url);
    const r = await sb.call('NoSuchAction', {}, { accountId: '', email: '', accessKeyId: key, secretAccessKey: secret });
    // R-WIRE-5 (set) "Unknown Action: any 4xx error code": renderError gets the chooser (emulator/api.ts), so not the nominal InvalidParams
    expect(r.status).toBe(400);
    expect(r.answer).toMatchObject({ kind: 'error', code: 'BadRule' });
  });

  it('prints the URL and local sandbox credentials that work', async () => {
    const out: string[] = [];
    const server = await startServe(parseServeOptions({ port: '0', quiet: true }), { out: (l) => out.push(l), err: () => undefined });
    servers.push(server);
    const text = out.join('\n');
    expect(text).toContain(`listening on ${server.url}`);
    expect(text).toContain('Local sandbox credentials');
    const key = /FPS_ACCESS_KEY_ID=(\S+)/.exec(text)![1]!;
    const secret = /FPS_SECRET_ACCESS_KEY=(\S+)/.exec(text)![1]!;
    const sb = new LocalSandbox((r) => fetch(r), server.url);
    const r = await sb.call('VerifySignature', { UrlEndPoint: 'http://127.0.0.1:9/x', HttpParameters: 'a=1&signatureVersion=2' }, { accountId: '', email: '', accessKeyId: key, secretAccessKey: secret });
    expect(r.status).toBe(200);
  });
});

describe('fps-conformance sign', () => {
  it('signs API requests (GET URL, POST body) on the sandbox clock, and Co-Branded URLs, that the emulator accepts', async () => {
    const { server, sb } = await start();
    const caller = await sb.account('caller');
    const env = { FPS_ACCESS_KEY_ID: caller.accessKeyId, FPS_SECRET_ACCESS_KEY: caller.secretAccessKey };
    const args = ['Action=VerifySignature', 'UrlEndPoint=http://127.0.0.1:9/a b', 'HttpParameters=x=1&signatureVersion=2'];
    const get = await signLine(parseSignOptions({ endpoint: server.url }, args, env));
    expect(get).toContain('Timestamp=2026-01-01T00%3A00%3A00Z');
    expect(get).not.toContain(caller.secretAccessKey);
    expect((await fetch(get)).status).toBe(200);
    const body = await signLine(parseSignOptions({ endpoint: server.url, method: 'POST' }, args, env));
    expect((await fetch(server.url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(200);
    const buyer = await sb.account('sender');
    const cbui = await signLine(parseSignOptions({ endpoint: server.url, cbui: true }, ['pipelineName=SingleUse', 'callerReference=s1', 'transactionAmount=1.00', 'returnURL=http://127.0.0.1:9/r'], env));
    const res = await fetch(cbui, { headers: { 'x-sandbox-buyer': buyer.email }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('status')).toBe('SA'); // paymentMethod defaults to ABT (R-TOK-2)
  });

  it('says what is missing in one line', () => {
    expect(() => parseSignOptions({}, ['Action=Pay'], {})).toThrow(/FPS_ACCESS_KEY_ID and FPS_SECRET_ACCESS_KEY/);
    expect(() => parseSignOptions({}, ['Pay'], { FPS_ACCESS_KEY_ID: 'A', FPS_SECRET_ACCESS_KEY: 'B' })).toThrow(/name=value/);
    expect(() => parseSignOptions({ method: 'PUT' }, [], { FPS_ACCESS_KEY_ID: 'A', FPS_SECRET_ACCESS_KEY: 'B' })).toThrow(/--method/);
    expect(() => parseSignOptions({ apiVersion: '2001-01-01' }, [], { FPS_ACCESS_KEY_ID: 'A', FPS_SECRET_ACCESS_KEY: 'B' })).toThrow(/--api-version/);
    expect(parseSignOptions({ apiVersion: '2008-09-17' }, [], { FPS_ACCESS_KEY_ID: 'A', FPS_SECRET_ACCESS_KEY: 'B' }).version).toBe('2008-09-17');
  });
});

describe('fps-conformance serve (the CLI)', () => {
  it('starts, logs requests, and stops cleanly on SIGINT with exit 0', async () => {
    const child = spawn(process.execPath, ['bin/fps-conformance.js', 'serve', '--port', '0', '--seed', '4'], { cwd: new URL('..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no URL printed: ${stdout} ${stderr}`)), 20_000);
      child.stdout.on('data', (d) => {
        stdout += d.toString();
        const m = /listening on (\S+)/.exec(stdout);
        if (m && stdout.includes('Ctrl-C')) {
          clearTimeout(t);
          resolve(m[1]!);
        }
      });
    });
    expect((await fetch(url + '_sandbox/clock')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(stderr).toMatch(/GET \/_sandbox\/clock 200 \d+ms/);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
  });

  it('exits 2 with one line when the port is in use', async () => {
    const { server } = await start();
    const child = spawn(process.execPath, ['bin/fps-conformance.js', 'serve', '--port', String(server.port)], { cwd: new URL('..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([`fps-conformance: port ${server.port} on 127.0.0.1 is already in use; pick another with --port`]);
  });
});
