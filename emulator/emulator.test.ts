// Scenarios against the in-process reference emulator (real model): tokens through the Co-Branded
// UI with the buyer headers, payments and their status after /_sandbox/process, VerifySignature,
// concurrency, and that random choices stay within the contract.
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from './core.ts';
import { LocalSandbox, sandboxWorld, usd } from '../test/support/emulator-client.ts';
import { encodeHttpParameters } from '../spec/sigv2/index.ts';

const BASE = 'http://127.0.0.1:8080/';
let open: Emulator[] = [];
afterEach(async () => {
  await Promise.all(open.map((e) => e.close()));
  open = [];
});

async function world(options: EmulatorOptions = {}) {
  const emulator = createEmulator({ seed: 11, baseUrl: BASE, ipn: { deliver: async () => 200 }, ...options });
  open.push(emulator);
  return { emulator, ...(await sandboxWorld(new LocalSandbox((r) => emulator.handle(r), BASE))) };
}

describe('Co-Branded UI with the buyer headers (R-TOK-1, R-TOK-2)', () => {
  it('makes a SingleUse token whose signed return URL VerifySignature accepts, and refuses a tampered one (R-IPN-3)', async () => {
    const { sb, caller, buyer, call } = await world();
    const t = await sb.token(caller, { pipelineName: 'SingleUse', callerReference: 'c1', transactionAmount: '5.00', paymentMethod: 'CC' }, { email: buyer.email });
    expect(t.status).toBe(302);
    expect(t.location).toMatch(/^http:\/\/127\.0\.0\.1:9\/return\?tokenID=/);
    expect(t.result).toMatchObject({ status: 'SC', callerReference: 'c1', signatureVersion: '2', signatureMethod: 'HmacSHA256' });
    expect(t.result.tokenID).toMatch(/^[0-9A-Z]{1,65}$/);
    const verify = async (params: Record<string, string>, endpoint = 'http://127.0.0.1:9/return') => {
      const r = await call('VerifySignature', { UrlEndPoint: endpoint, HttpParameters: encodeHttpParameters(params) });
      return r.answer.kind === 'result' ? r.answer.fields.VerificationStatus : r.body;
    };
    expect(await verify(t.result)).toBe('Success');
    expect(await verify({ ...t.result, status: 'SA' })).toBe('Failure');
    expect(await verify(t.result, 'http://127.0.0.1:9/elsewhere')).toBe('Failure');
  });

  it('abandon gives status A; a buyer without an allowed instrument gives PE', async () => {
    const { sb, caller, buyer } = await world();
    const a = await sb.token(caller, { pipelineName: 'SingleUse', callerReference: 'c2', transactionAmount: '5.00' }, { email: buyer.email, decision: 'abandon' });
    expect(a.result.status).toBe('A');
    expect(a.result.tokenID).toBeUndefined();
    const achOnly = await sb.account('sender', ['ACH']);
    const pe = await sb.token(caller, { pipelineName: 'SingleUse', callerReference: 'c3', transactionAmount: '5.00', paymentMethod: 'CC' }, { email: achOnly.email });
    expect(pe.result.status).toBe('PE');
  });

  it('a missing required input redirects with CE and an errorMessage naming it', async () => {
    const { sb, caller, buyer } = await world();
    const ce = await sb.token(caller, { pipelineName: 'SingleUse', callerReference: 'c4' }, { email: buyer.email });
    expect(ce.result.status).toBe('CE');
    expect(ce.result.errorMessage).toContain('transactionAmount');
  });

  it('without X-Sandbox-Buyer a person gets a form; an unknown buyer is a 4xx JSON error', async () => {
    const { emulator, caller } = await world();
    const page = await emulator.handle(new Request(`${BASE}cobranded-ui/actions/start?callerKey=${caller.accessKeyId}&pipelineName=SingleUse`));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<form method="post">');
    const unknown = await emulator.handle(new Request(`${BASE}cobranded-ui/actions/start?callerKey=x`, { headers: { 'x-sandbox-buyer': 'nobody@example.com' } }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/not an account/);
  });
});

describe('the buyer form and the realtime clock', () => {
  it('a person answers the Co-Branded form by POSTing it back to the same URL', async () => {
    const { emulator, caller, buyer } = await world();
    const url = new URL(`${BASE}cobranded-ui/actions/start`);
    for (const [k, v] of Object.entries({ callerKey: caller.accessKeyId, pipelineName: 'SingleUse', callerReference: 'form-1', transactionAmount: '2.00', returnURL: 'http://127.0.0.1:9/back' })) url.searchParams.set(k, v);
    const res = await emulator.handle(
      new Request(url, { method: 'POST', body: `buyer=${encodeURIComponent(buyer.email)}&instrument=ABT&decision=approve`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    );
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.origin + back.pathname).toBe('http://127.0.0.1:9/back');
    expect(back.searchParams.get('status')).toBe('SA');
  });

  it('with realtime the sandbox clock follows the wall clock, and advances still add up', async () => {
    const emulator = createEmulator({ seed: 2, baseUrl: BASE, realtime: true, start: new Date('2030-05-05T00:00:00Z') });
    open.push(emulator);
    const sb = new LocalSandbox((r) => emulator.handle(r), BASE);
    const first = Date.parse(await sb.now());
    expect(first).toBeGreaterThanOrEqual(Date.parse('2030-05-05T00:00:00Z'));
    await new Promise((r) => setTimeout(r, 1100));
    const second = Date.parse(await sb.now());
    expect(second - first).toBeGreaterThanOrEqual(1000);
    expect(Date.parse(await sb.advance(3600)) - second).toBeGreaterThanOrEqual(3_600_000);
  });
});

describe('payments and their status after /_sandbox/process (R-PAY-*, R-REF-*)', () => {
  it('Pay with CC answers Pending and completes to Success; with ABT it is Success at once (R-PAY-1)', async () => {
    const { token, field, status, sb } = await world();
    const cc = await token({ pipelineName: 'SingleUse', transactionAmount: '10.00' }, 'CC');
    const id = await field('Pay', { SenderTokenId: cc, ...usd('TransactionAmount', '10.00'), CallerReference: 'p1' }, 'TransactionId');
    expect(id).toMatch(/^[0-9A-Z]{35}$/);
    expect(await status(id)).toBe('Pending');
    expect(await sb.process()).toContain(id);
    expect(await status(id)).toBe('Success');
    const abt = await token({ pipelineName: 'SingleUse', transactionAmount: '3.00' }, 'ABT');
    expect(await field('Pay', { SenderTokenId: abt, ...usd('TransactionAmount', '3.00'), CallerReference: 'p2' }, 'TransactionStatus')).toBe('Success');
  });

  it('Reserve → Reserved, Settle → Success, Refund partial then the rest, then nothing is left', async () => {
    const { token, field, code, status, sb } = await world();
    const cc = await token({ pipelineName: 'SingleUse', transactionAmount: '20.00' }, 'CC');
    const reserve = await field('Reserve', { SenderTokenId: cc, ...usd('TransactionAmount', '20.00'), CallerReference: 'r1' }, 'TransactionId');
    expect(await status(reserve)).toBe('Pending');
    await sb.process();
    expect(await status(reserve)).toBe('Reserved');
    expect(await code('Settle', { ReserveTransactionId: reserve, ...usd('TransactionAmount', '25.00') })).toBe('SettleAmountGreaterThanReserveAmount');
    expect(await field('Settle', { ReserveTransactionId: reserve, ...usd('TransactionAmount', '15.00') }, 'TransactionId')).toBe(reserve);
    await sb.process();
    expect(await status(reserve)).toBe('Success');
    expect(await code('Settle', { ReserveTransactionId: reserve })).toBe('InvalidTransactionState');
    const refund = await field('Refund', { TransactionId: reserve, CallerReference: 'f1', ...usd('RefundAmount', '5.00') }, 'TransactionId');
    expect(refund).not.toBe(reserve);
    // R-REF-2, R-REF-4: the settled 15.00 is the original amount, and the pending refund counts
    expect(await code('Refund', { TransactionId: reserve, CallerReference: 'f2', ...usd('RefundAmount', '10.01') })).toBe('RefundAmountExceeded');
    await sb.process();
    expect(await status(refund)).toBe('Success');
    await field('Refund', { TransactionId: reserve, CallerReference: 'f3' }, 'TransactionId');
    expect(await code('Refund', { TransactionId: reserve, CallerReference: 'f4' })).toBe('TransactionFullyRefundedAlready');
  });

  it('Cancel a Pending Pay; CancelToken makes the token unusable (R-PAY-6, R-TOK-9)', async () => {
    const { token, field, code, call, status, sb } = await world();
    const multi = await token({ pipelineName: 'MultiUse', globalAmountLimit: '100.00' }, 'CC');
    const id = await field('Pay', { SenderTokenId: multi, ...usd('TransactionAmount', '1.00'), CallerReference: 'x1' }, 'TransactionId');
    expect(await field('Cancel', { TransactionId: id }, 'TransactionStatus')).toBe('Cancelled');
    expect(await status(id)).toBe('Cancelled');
    await sb.advance(3600);
    const dateInstalled = await field('GetTokenByCaller', { TokenId: multi }, 'Token.DateInstalled');
    expect(dateInstalled).toBe('2026-01-01T00:00:00.000Z');
    expect((await call('CancelToken', { TokenId: multi })).status).toBe(200);
    expect(await code('Pay', { SenderTokenId: multi, ...usd('TransactionAmount', '1.00'), CallerReference: 'x2' })).toBe('TokenNotActive_Sender');
  });

  it('a reserve not settled within 7 days is Cancelled with StatusCode Expired (R-PAY-5)', async () => {
    const { token, field, code, sb } = await world();
    const cc = await token({ pipelineName: 'SingleUse', transactionAmount: '9.00' }, 'CC');
    const reserve = await field('Reserve', { SenderTokenId: cc, ...usd('TransactionAmount', '9.00'), CallerReference: 'e1' }, 'TransactionId');
    await sb.process();
    await sb.advance(8 * 86_400);
    expect(await field('GetTransactionStatus', { TransactionId: reserve }, 'StatusCode')).toBe('Expired');
    expect(await code('Settle', { ReserveTransactionId: reserve })).toBe('InvalidTransactionState');
  });

  it('a resend with the same CallerReference returns the original TransactionId; an altered one is DuplicateRequest (R-IDEM-2, R-IDEM-3)', async () => {
    const { token, field, code } = await world();
    const multi = await token({ pipelineName: 'MultiUse', globalAmountLimit: '100.00' }, 'CC');
    const p = { SenderTokenId: multi, ...usd('TransactionAmount', '2.00'), CallerReference: 'same' };
    const first = await field('Pay', p, 'TransactionId');
    expect(await field('Pay', p, 'TransactionId')).toBe(first);
    expect(await code('Pay', { ...p, ...usd('TransactionAmount', '3.00') })).toBe('DuplicateRequest');
  });

  it('20 concurrent Pays on one SingleUse token: exactly one is accepted (R-TOK-6)', async () => {
    const { token, call } = await world();
    const single = await token({ pipelineName: 'SingleUse', transactionAmount: '1.00' }, 'CC');
    const all = await Promise.all(Array.from({ length: 20 }, (_, i) => call('Pay', { SenderTokenId: single, ...usd('TransactionAmount', '1.00'), CallerReference: `c${i}` })));
    expect(all.filter((r) => r.status === 200)).toHaveLength(1);
    expect(all.every((r) => r.status === 200 || (r.answer.kind === 'error' && r.answer.code === 'TokenUsageError'))).toBe(true);
  });

  it('IPNs are owed, signed, and VerifySignature accepts the body sent (R-IPN-1..3)', async () => {
    const bodies: { url: string; body: string }[] = [];
    const { emulator, token, field, sb, call } = await world({ ipn: { deliver: async (url, body) => (bodies.push({ url, body }), 200) } });
    const cc = await token({ pipelineName: 'SingleUse', transactionAmount: '4.00' }, 'CC');
    const id = await field('Pay', { SenderTokenId: cc, ...usd('TransactionAmount', '4.00'), CallerReference: 'i1', OverrideIPNURL: 'http://127.0.0.1:9/ipn' }, 'TransactionId');
    await sb.process();
    await emulator.idle();
    const statuses = bodies.map((b) => new URLSearchParams(b.body).get('transactionStatus'));
    expect(statuses).toEqual(['PENDING', 'SUCCESS']);
    const last = bodies[1]!;
    const params = Object.fromEntries(new URLSearchParams(last.body));
    expect(params).toMatchObject({ transactionId: id, operation: 'PAY', notificationType: 'TransactionStatus', transactionAmount: 'USD 4.00' });
    const v = await call('VerifySignature', { UrlEndPoint: last.url, HttpParameters: last.body });
    expect(v.answer).toMatchObject({ kind: 'result', fields: { VerificationStatus: 'Success' } });
    const t = await call('VerifySignature', { UrlEndPoint: last.url, HttpParameters: last.body.replace('USD%204.00', 'USD%2040.00') });
    expect(t.answer).toMatchObject({ kind: 'result', fields: { VerificationStatus: 'Failure' } });
  });
});

describe('wire (R-WIRE-3, R-WIRE-5)', () => {
  it('answers in the namespace of the request Version', async () => {
    const { sb, caller } = await world();
    const r = await sb.call('GetTokenByCaller', { CallerReference: 'nothing' }, caller, { version: '2008-09-17' });
    expect(r.status).toBe(400);
    const ok = await sb.call('VerifySignature', { UrlEndPoint: 'http://127.0.0.1:9/x', HttpParameters: 'a=1&signatureVersion=2' }, caller, { version: '2008-09-17' });
    expect(ok.body).toContain('<VerifySignatureResponse xmlns="http://fps.amazonaws.com/doc/2008-09-17/">');
  });

  it('an unknown Action is a 4xx error document', async () => {
    const { sb, caller } = await world();
    const r = await sb.call('Transfer', {}, caller);
    expect(r.status).toBe(400);
    expect(r.answer.kind).toBe('error');
  });
});

describe('random choices stay within the contract', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: a payment flow answers only well-formed documents, never 5xx`, async () => {
      const { token, call, sb } = await world({ seed, choice: 'random' });
      const cc = await token({ pipelineName: 'SingleUse', transactionAmount: '8.00' }, 'CC');
      const answers = [await call('Reserve', { SenderTokenId: cc, ...usd('TransactionAmount', '8.00'), CallerReference: 'z1' })];
      await sb.process();
      const id = answers[0]!.answer.kind === 'result' ? answers[0]!.answer.fields.TransactionId! : 'none';
      answers.push(await call('GetTransactionStatus', { TransactionId: id }));
      answers.push(await call('Settle', { ReserveTransactionId: id }));
      answers.push(await call('Cancel', { TransactionId: 'UNKNOWN' }));
      for (const a of answers) {
        expect(a.status).toBeLessThan(500);
        expect(a.answer.kind, a.body).not.toBe('malformed');
      }
    });
  }
});
