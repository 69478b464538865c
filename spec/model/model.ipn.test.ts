// The model on notifications and VerifySignature (R-IPN-1..4).
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../test/support/model-scenario.ts';
import { fpsModel } from './index.ts';

const URL = 'http://127.0.0.1:9/ipn';

describe('owed notifications (R-IPN-1, R-IPN-2)', () => {
  it('a CC Pay owes PENDING, then SUCCESS after process; keys are stable', () => {
    const s = new Scenario();
    const cc = s.token('MultiUse', { globalAmountLimit: '100', paymentMethod: 'CC' }, 'CC');
    s.tick();
    const id = s.run(s.pay(cc, '1.00', 'ipn-1', { OverrideIPNURL: URL })).bound['TransactionId']!;
    const pending = fpsModel.owedIpns(s.d.state);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ url: URL, fields: { notificationType: 'TransactionStatus', transactionId: id, transactionStatus: 'PENDING', operation: 'PAY', transactionAmount: 'USD 1.00', callerReference: 'ipn-1', signatureVersion: '2' } });
    s.run(s.process());
    const after = fpsModel.owedIpns(s.d.state);
    expect(after.map((x) => x.key)).toContain(pending[0]!.key);
    expect(after.find((x) => x.fields['transactionStatus'] === 'SUCCESS')).toBeDefined();
  });
  it('without OverrideIPNURL nothing is owed', () => {
    const s = new Scenario();
    const cc = s.token('MultiUse', { globalAmountLimit: '100', paymentMethod: 'CC' }, 'CC');
    s.tick();
    s.run(s.pay(cc, '1.00', 'no-ipn'));
    s.run(s.process());
    expect(fpsModel.owedIpns(s.d.state)).toEqual([]);
  });
  it('reserve RESERVED, settle SUCCESS, refund with parentTransactionId, cancel, token cancel', () => {
    const s = new Scenario();
    const cc = s.token('MultiUse', { globalAmountLimit: '100', paymentMethod: 'CC' }, 'CC');
    s.tick();
    const res = s.run(s.reserve(cc, '0.30', 'r', { OverrideIPNURL: URL })).bound['TransactionId']!;
    s.run(s.process());
    s.run(s.api('Settle', { ReserveTransactionId: res, OverrideIPNURL: URL }));
    s.run(s.process());
    const ref = s.run(s.api('Refund', { TransactionId: res, CallerReference: 'rf', OverrideIPNURL: URL })).bound['TransactionId']!;
    const other = s.run(s.reserve(cc, '1.00', 'c')).bound['TransactionId']!;
    s.run(s.api('Cancel', { TransactionId: other, OverrideIPNURL: URL }));
    s.run(s.api('CancelToken', { TokenId: cc, OverrideIPNURL: URL }));
    const owed = fpsModel.owedIpns(s.d.state);
    const find = (pred: (f: Record<string, unknown>) => boolean) => owed.find((x) => pred(x.fields as Record<string, unknown>));
    expect(find((f) => f['transactionId'] === res && f['transactionStatus'] === 'RESERVED' && f['operation'] === 'RESERVE')).toBeDefined();
    expect(find((f) => f['transactionId'] === res && f['transactionStatus'] === 'SUCCESS' && f['operation'] === 'SETTLE')).toBeDefined();
    expect(find((f) => f['transactionId'] === ref && f['parentTransactionId'] === res && f['operation'] === 'REFUND')).toBeDefined();
    expect(find((f) => f['transactionId'] === other && f['transactionStatus'] === 'CANCELLED')).toBeDefined();
    expect(find((f) => f['notificationType'] === 'TokenCancellation' && f['tokenId'] === cc && f['tokenType'] === 'MultiUse')).toBeDefined();
  });
});

describe('VerifySignature (R-IPN-3, R-IPN-4)', () => {
  const body = { transactionId: 'TX1', status: 'SUCCESS', signatureVersion: '2', signatureMethod: 'RSA-SHA1', signature: 'abc==' };
  const enc = (o: Record<string, string>) => new URLSearchParams(o).toString();
  it('Success for what the target sent; Failure when changed, added, removed, or another endpoint', () => {
    const s = new Scenario();
    s.run({ kind: 'outbound', at: s.t, urlEndPoint: URL, params: body });
    const verify = (url: string, params: Record<string, string>) => s.labels(s.api('VerifySignature', { UrlEndPoint: url, HttpParameters: enc(params) }));
    expect(verify(URL, body)).toEqual(['result:VerifySignature:Success']);
    expect(verify(URL, { ...body, status: 'FAILURE' })).toEqual(['result:VerifySignature:Failure']);
    expect(verify(URL, { ...body, extra: '1' })).toEqual(['result:VerifySignature:Failure']);
    const { status: _drop, ...fewer } = body;
    expect(verify(URL, fewer)).toEqual(['result:VerifySignature:Failure']);
    expect(verify('http://127.0.0.1:9/other', body)).toEqual(['result:VerifySignature:Failure']);
  });
  it('empty inputs or signatureVersion ≠ 2 → InvalidParams | InvalidParam; absent signatureVersion may also be Failure', () => {
    const s = new Scenario();
    expect(s.labels(s.api('VerifySignature', { UrlEndPoint: '', HttpParameters: enc(body) })).sort()).toEqual(['error:InvalidParam', 'error:InvalidParams']);
    expect(s.labels(s.api('VerifySignature', { UrlEndPoint: URL, HttpParameters: enc({ ...body, signatureVersion: '1' }) })).sort()).toEqual(['error:InvalidParam', 'error:InvalidParams']);
    const { signatureVersion: _v, ...noVersion } = body;
    expect(s.labels(s.api('VerifySignature', { UrlEndPoint: URL, HttpParameters: enc(noVersion) })).sort()).toEqual(['error:InvalidParam', 'error:InvalidParams', 'result:VerifySignature:Failure']);
  });
  it('an unsigned VerifySignature may be answered or refused (R-IPN-4)', () => {
    const s = new Scenario();
    const signed = s.api('VerifySignature', { UrlEndPoint: URL, HttpParameters: enc(body) }, { signature: 'missing', accessKeyId: undefined, signatureVersion: undefined, signatureMethod: undefined });
    // an unsigned request carries none of the signing parameters
    const { Signature: _s, AWSAccessKeyId: _k, SignatureVersion: _v, SignatureMethod: _m, ...params } = (signed as { params: Record<string, string> }).params;
    const input = { ...signed, params } as typeof signed;
    const labels = s.labels(input);
    expect(labels[0]).toBe('result:VerifySignature:Failure');
    expect(labels).toContain('error:SignatureDoesNotMatch');
  });
});

describe('checker side: finals left to observation still owe their notification', () => {
  it('after process the final IPN is owed with its possible statuses, then concretely once read', () => {
    const s = new Scenario();
    const cc = s.token('MultiUse', { globalAmountLimit: '100', paymentMethod: 'CC' }, 'CC');
    s.tick();
    const id = s.run(s.pay(cc, '1.00', 'lazy', { OverrideIPNURL: URL })).bound['TransactionId']!;
    // the checker's step (not the emulator's) leaves the final open
    const [processed] = fpsModel.step(s.d.state, s.process());
    const checker = processed!.next({});
    const owed = fpsModel.owedIpns(checker);
    expect(owed.find((x) => x.key === `${id} PAY final`)?.fields['transactionStatus']).toEqual({ oneOf: ['SUCCESS', 'FAILURE'] });
    const read = fpsModel.step(checker, s.api('GetTransactionStatus', { TransactionId: id }));
    expect(read.map((o) => (o.answer.kind === 'result' ? o.answer.fields['TransactionStatus'] : null))).toEqual(['Success', 'Failure']);
    const after = fpsModel.owedIpns(read[0]!.next({}));
    expect(after.map((x) => x.key)).toContain(`${id} PAY SUCCESS`);
    expect(after.map((x) => x.key)).not.toContain(`${id} PAY final`);
  });
});
