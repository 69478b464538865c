// The IPN receiver: a loopback server that records the notifications a target posts (R-IPN-1).
import { describe, expect, it } from 'vitest';
import { startIpnReceiver } from './ipn-receiver.ts';

describe('IPN receiver', () => {
  it('records form POSTs under its run path and answers 200; other paths 404', async () => {
    const ipn = await startIpnReceiver();
    expect(ipn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ipn\/[0-9a-f]+\/$/);
    const ok = await fetch(`${ipn.url}pay`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'transactionId=T1&transactionStatus=SUCCESS' });
    expect(ok.status).toBe(200);
    const other = await fetch(new URL('/ipn/someone-else/', ipn.url), { method: 'POST', body: 'a=1' });
    expect(other.status).toBe(404);
    expect(ipn.received()).toMatchObject([{ params: { transactionId: 'T1', transactionStatus: 'SUCCESS' } }]);
    expect(ipn.received()[0]!.path).toBe(`${new URL(ipn.url).pathname}pay`);
    await ipn.close();
  });
});
