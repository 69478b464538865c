// The raw HTTP sender: response framing (length, chunked, close, HEAD, 1xx), and the outcomes R-WIRE-5
// tells apart, against small net servers that behave well or badly on purpose.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseReader, sendRawHttp, type Part } from './raw-http.ts';

const read = (method: string, ...pieces: string[]): ResponseReader => {
  const r = new ResponseReader(method, 1024, 4096);
  for (const p of pieces) r.push(Buffer.from(p, 'latin1'));
  return r;
};

describe('ResponseReader', () => {
  it('frames by Content-Length across pieces, and keeps only a prefix of a long body', () => {
    const r = read('GET', 'HTTP/1.1 413 Too Big\r\nContent-Len', 'gth: 5\r\n\r\nab', 'cde');
    expect(r.complete()).toMatchObject({ status: 413, reason: 'Too Big', body: 'abcde', bodyBytes: 5 });
    const long = read('GET', `HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n${'x'.repeat(3000)}`);
    expect(long.complete()).toMatchObject({ bodyBytes: 3000, body: 'x'.repeat(1024) });
  });

  it('decodes chunked coding fed one byte at a time, trailers included', () => {
    const text = 'HTTP/1.1 400 Bad\r\nTransfer-Encoding: chunked\r\n\r\n4;x=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-T: 1\r\n\r\n';
    const r = new ResponseReader('GET', 1024, 4096);
    for (const ch of text) {
      expect(r.complete()).toBeUndefined();
      r.push(Buffer.from(ch, 'latin1'));
    }
    expect(r.complete()).toMatchObject({ status: 400, body: 'Wikipedia' });
  });

  it('a body without length ends at the close; HEAD, 204 and a 2xx to CONNECT have none; 1xx is skipped', () => {
    const close = read('GET', 'HTTP/1.0 400 Bad\r\n\r\nno length');
    expect(close.complete()).toBeUndefined();
    close.end();
    expect(close.complete()).toMatchObject({ body: 'no length' });
    expect(read('HEAD', 'HTTP/1.1 405 No\r\nContent-Length: 99\r\n\r\n').complete()?.status).toBe(405);
    expect(read('GET', 'HTTP/1.1 204 No Content\r\n\r\n').complete()?.status).toBe(204);
    expect(read('CONNECT', 'HTTP/1.1 200 Connection established\r\n\r\n').complete()?.status).toBe(200);
    expect(read('POST', 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 413 Big\r\nContent-Length: 0\r\n\r\n').complete()?.status).toBe(413);
  });

  it('says when the answer is not HTTP', () => {
    expect(read('GET', 'SSH-2.0-OpenSSH\r\n\r\n').problem()).toMatch(/not an HTTP\/1.x response/);
    expect(new ResponseReader('GET', 10, 16).problem()).toBeUndefined();
    const r = new ResponseReader('GET', 10, 16);
    r.push(Buffer.alloc(32, 'a'));
    expect(r.problem()).toMatch(/head is over 16 bytes/);
  });
});

const servers: net.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function serve(onSocket: (s: net.Socket) => void): Promise<string> {
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    s.on('error', () => undefined);
    onSocket(s);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`;
}

const MiB = 1024 * 1024;
const big: Part[] = ['POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 67108864\r\n\r\n', { repeat: 'a', bytes: 64 * MiB }];
const ANSWER = 'HTTP/1.1 413 Payload Too Large\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno';

describe('sendRawHttp', () => {
  it('a server that reads everything and then answers and closes: a response', async () => {
    const url = await serve((s) => {
      let n = 0;
      s.on('data', (d: Buffer) => {
        n += d.length;
        if (n >= 5 * MiB + 40) s.end(ANSWER);
      });
    });
    const o = await sendRawHttp(url, { method: 'POST', parts: ['POST / HTTP/1.1\r\nHost: x\r\n\r\n', { repeat: 'b', bytes: 5 * MiB }, 'x'.repeat(20)] }, { timeoutMs: 5000 });
    expect(o).toMatchObject({ kind: 'response', response: { status: 413, body: 'no' } });
  });

  it('a server that answers early, closes its side and drains (a lingering close): a response, no matter the size', async () => {
    const url = await serve((s) => {
      s.once('data', () => s.end(ANSWER));
      s.resume();
    });
    const o = await sendRawHttp(url, { method: 'POST', parts: big }, { timeoutMs: 5000 });
    expect(o.kind).toBe('response');
  });

  it('a server that answers early and then resets while the request is still being sent: a reset, answer or not', async () => {
    const url = await serve((s) => {
      s.once('data', () => {
        s.write(ANSWER);
        setTimeout(() => s.resetAndDestroy(), 20);
      });
    });
    const o = await sendRawHttp(url, { method: 'POST', parts: big }, { timeoutMs: 5000 });
    expect(['reset-after', 'dropped']).toContain(o.kind);
    expect(o.sentBytes).toBeLessThan(64 * MiB);
  });

  it('a server that closes without an answer, one that says nothing, and nothing listening', async () => {
    const closes = await serve((s) => s.once('data', () => s.end()));
    expect(await sendRawHttp(closes, { method: 'GET', parts: ['GET / HTTP/1.1\r\n\r\n'] }, { timeoutMs: 2000 })).toMatchObject({ kind: 'dropped', detail: expect.stringMatching(/closed before a complete response \(nothing received/) });
    const silent = await serve(() => undefined);
    const t0 = Date.now();
    expect(await sendRawHttp(silent, { method: 'GET', parts: ['GET / HTTP/1.1\r\n\r\n'] }, { timeoutMs: 200 })).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(2000);
    const gone = await serve(() => undefined);
    servers.pop()!.close();
    await new Promise((r) => setTimeout(r, 20));
    expect((await sendRawHttp(gone, { method: 'GET', parts: ['GET / HTTP/1.1\r\n\r\n'] }, { timeoutMs: 2000 })).kind).toBe('refused');
  });
});
