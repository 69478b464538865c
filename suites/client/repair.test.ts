// Root causes on the service side: a deviating request is answered as if right by default, refused in strict mode.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../emulator/core.ts';
import { encodeRfc3986, signedParams } from '../../spec/sigv2/index.ts';
import { KitSandbox } from '../../clients/kit-sandbox.ts';
import { KitService } from './service.ts';

const BASE = 'http://127.0.0.1:65533/';

async function setup(strict: boolean) {
  const backend = createEmulator({ seed: 1, choice: 'nominal', baseUrl: BASE, start: new Date(), ipn: { deliver: async () => 200 } });
  const sandbox = new KitSandbox(backend, BASE);
  const caller = await sandbox.createAccount('caller', ['ABT']);
  const service = new KitService(backend, { strict });
  service.trust(caller);
  return { service, caller };
}

function request(caller: { accessKeyId: string; secretAccessKey: string }, version: string, extra: Record<string, string> = {}): Request {
  const p = signedParams({ action: 'GetTransactionStatus', params: { TransactionId: 'NOSUCH000000000000000000000000000', ...extra }, accessKeyId: caller.accessKeyId, secret: caller.secretAccessKey, method: 'POST', host: '127.0.0.1:65533', path: '/', timestamp: new Date().toISOString(), version, signatureMethod: 'HmacSHA256' });
  const body = Object.entries(p).map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`).join('&');
  return new Request(BASE, { method: 'POST', headers: { host: '127.0.0.1:65533', 'content-type': 'application/x-www-form-urlencoded' }, body });
}

describe('answering deviating requests', () => {
  it('by default an undocumented Version is recorded and answered as if it were right', async () => {
    const { service, caller } = await setup(false);
    await service.handle(request(caller, '2009-01-09'));
    const s = service.served[0]!;
    expect(s.repaired?.[0]).toMatch(/^request\/version: Version="2009-01-09"/);
    // the backend judged the call itself: an unknown TransactionId, not a refused request
    expect(s.answer).toMatchObject({ kind: 'error', code: 'InvalidTransactionId' });
  });
  it('--strict forwards it as sent, as a real FPS would', async () => {
    const { service, caller } = await setup(true);
    await service.handle(request(caller, '2009-01-09'));
    const s = service.served[0]!;
    expect(s.repaired).toBeUndefined();
    expect(s.answer?.kind === 'error' && s.answer.code).not.toBe('InvalidTransactionId');
  });
  it('a correct request is not touched', async () => {
    const { service, caller } = await setup(false);
    await service.handle(request(caller, '2010-08-28'));
    expect(service.served[0]!.repaired).toBeUndefined();
  });
});
