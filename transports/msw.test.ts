// In-process interception: every way a Node SDK may send HTTP reaches the kit's service, and
// nothing reaches the network (toolchain notes: namespace imports need syncBuiltinESMExports, npm
// undici needs the dispatcher hook).
import * as http from 'node:http';
import { request as undiciRequest, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interceptInProcess, type Interception } from './msw.ts';
import { KitService, type Backend } from '../suites/client/service.ts';

const backend: Backend = {
  handle: async (r) => new Response(`<PayResponse><PayResult><TransactionId>T-${new URL(r.url).searchParams.get('n') ?? 'x'}</TransactionId></PayResult></PayResponse>`, { status: 200, headers: { 'content-type': 'text/xml' } }),
  close: async () => undefined,
};
const service = new KitService(backend);
let interception: Interception;

beforeAll(() => {
  interception = interceptInProcess(service);
});
afterAll(() => interception.close());

function nodeHttpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('in-process interception', () => {
  it('global fetch, node:http through a namespace import, undici.request and undici.fetch all reach the service', async () => {
    const mark = service.mark();
    expect(await (await fetch('http://127.0.0.1:65533/?n=1')).text()).toContain('T-1');
    expect((await nodeHttpGet('http://127.0.0.1:65533/?n=2')).body).toContain('T-2');
    const u = await undiciRequest('http://127.0.0.1:65533/?n=3');
    expect(await u.body.text()).toContain('T-3');
    expect(await (await undiciFetch('http://127.0.0.1:65533/?n=4')).text()).toContain('T-4');
    expect(service.since(mark).map((s) => new URL(s.request.url).searchParams.get('n'))).toEqual(['1', '2', '3', '4']);
  });

  it('an armed connection reset fails the request at the network level, once', async () => {
    service.arm('connection-reset');
    await expect(fetch('http://127.0.0.1:65533/?n=5')).rejects.toThrow();
    expect((await nodeHttpGet('http://127.0.0.1:65533/?n=6')).status).toBe(200);
    service.arm('connection-reset');
    await expect(undiciRequest('http://127.0.0.1:65533/?n=7')).rejects.toThrow();
  });
});
