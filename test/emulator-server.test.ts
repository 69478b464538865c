// The node:http adapter and `fps-conformance serve`: real loopback HTTP, body limits, stalled
// bodies, one log line per request, port in use, clean stop on SIGINT.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../harness/errors.ts';
import { parseServeOptions, startServe } from '../emulator/serve.ts';
import { parseSignOptions, signLine } from '../emulator/sign-helper.ts';
import { startServer, type RunningServer } from '../emulator/server.ts';
import { LocalSandbox } from '../emulator/testing.ts';

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

  it('answers a body over 1 MiB with a 400 FPS error, without dropping the connection (R-WIRE-5)', async () => {
    const { server } = await start();
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=Pay&X=' + 'a'.repeat(3 * 1024 * 1024) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>InvalidParams</Code>');
  });

  it('answers a body that never arrives in full with a 400 instead of hanging (R-WIRE-5)', async () => {
    const { server } = await start({ bodyTimeoutMs: 200 });
    const started = Date.now();
    const reply = await rawHttp(server.port, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\nAction=Pay&Caller`);
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toContain('<Code>InvalidParams</Code>');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('answers bytes that are not HTTP with a 400 FPS error document', async () => {
    const { server } = await start();
    const reply = await rawHttp(server.port, 'GET /?Action=Pay&X=\u00ff\u0000 HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toContain('<Code>InvalidParams</Code>');
  });

  it('answers a 100 kB query string (past node\'s header limit) with a 400 FPS error document', async () => {
    const { server } = await start();
    const res = await fetch(`${server.url}?Action=Pay&CallerReference=${'a'.repeat(100_000)}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>InvalidParams</Code>');
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

describe('serve options', () => {
  it('checks every flag with a one-line UsageError', () => {
    expect(parseServeOptions({})).toMatchObject({ port: 8080, host: '127.0.0.1', choice: 'nominal', profile: 'core', quiet: false, bugs: [] });
    expect(() => parseServeOptions({ port: 'eighty' })).toThrow(UsageError);
    expect(() => parseServeOptions({ port: '70000' })).toThrow(/--port/);
    expect(() => parseServeOptions({ host: '0.0.0.0' })).toThrow(/loopback/);
    expect(() => parseServeOptions({ choice: 'chaos' })).toThrow(/--choice/);
    expect(() => parseServeOptions({ profile: 'prod' })).toThrow(/--profile/);
    expect(() => parseServeOptions({ seed: '1.5' })).toThrow(/--seed/);
    expect(() => parseServeOptions({ bug: ['settle-twice,nope'] })).toThrow(/unknown --bug nope/);
    expect(parseServeOptions({ bug: ['settle-twice', 'race-pay'], seed: '9' })).toMatchObject({ bugs: ['settle-twice', 'race-pay'], seed: 9 });
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
