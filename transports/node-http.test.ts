// The one node:http adapter over a plain Fetch handler: what the SDK loopback port and the IPN
// receiver rely on (the emulator's face is emulator/server.test.ts).
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RESET } from '../core/handler.ts';
import { listenHttp, pathOf, trimHttpWhitespace, type Listening } from './node-http.ts';

const open: Listening[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

/** One raw exchange: what the server wrote before the connection closed, and whether it was reset. */
function raw(port: number, bytes: string): Promise<{ text: string; reset: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
    socket.on('error', () => resolve({ text, reset: true }));
    socket.on('close', () => resolve({ text, reset: false }));
  });
}

/** One request through node's own client (it may set Host, which fetch may not). */
function request(url: string, method: string, headers: Record<string, string>, body = ''): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('transports/node-http', () => {
  it('a RESET answer destroys the connection: no status line reaches the client (an injected fault)', async () => {
    const layer = await listenHttp(() => ({ handle: async () => RESET }));
    open.push(layer);
    const got = await raw(layer.port, 'GET / HTTP/1.1\r\nhost: x\r\n\r\n');
    expect(got.text).toBe('');
  });

  it('its own refusals are whole answers, JSON by default, with Allow on a 405 (R-WIRE-1, R-WIRE-5)', async () => {
    const layer = await listenHttp(() => ({ handle: async () => new Response('unused') }));
    open.push(layer);
    const got = await request(layer.url, 'TRACE', {});
    expect(got.status).toBe(405);
    expect(got.headers.allow).toBe('GET, POST');
    expect(got.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(got.body)).toEqual({ error: expect.stringContaining('TRACE') });
  });

  it('urlHost local-address: the URL says where the request arrived, the Host header stays as sent', async () => {
    let seen: { url: string; host: string | null; body: string } | undefined;
    const layer = await listenHttp(() => ({
      handle: async (r: Request) => {
        seen = { url: r.url, host: r.headers.get('host'), body: await r.text() };
        return new Response('ok');
      },
    }), { urlHost: 'local-address' });
    open.push(layer);
    const res = await request(`${layer.url}x?a=1`, 'POST', { host: 'fps.example' }, 'b=2');
    expect(res.status).toBe(200);
    expect(seen).toEqual({ url: `${layer.url}x?a=1`, host: 'fps.example', body: 'b=2' });
  });
});

describe('the adapter\'s small readers (node-http.ts)', () => {
  it('trimHttpWhitespace removes what the regexp removes, with or without whitespace at the ends', () => {
    const chars = ['a', ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', ';', '='];
    const strings = [''];
    for (let n = 1; n <= 4; n++) for (let i = 0; i < chars.length ** n; i++) {
      let s = '', k = i;
      for (let j = 0; j < n; j++) { s += chars[k % chars.length]; k = Math.floor(k / chars.length); }
      strings.push(s);
    }
    for (const s of [...strings, ' application/x-www-form-urlencoded ', 'text/xml; charset=utf-8']) expect(trimHttpWhitespace(s)).toBe(s.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ''));
  });

  it('pathOf reads "/" as the path "/" (as the split does)', () => {
    for (const t of ['/', '/?', '/x?y', '/?a=b']) expect(pathOf(t)).toBe(t.split('?')[0]);
  });
});
