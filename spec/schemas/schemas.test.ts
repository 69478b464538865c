// The schemas come from the catalogue and report the path that broke, with the rule behind it.
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../types.ts';
import { TRANSACTION_STATUS } from '../catalogue/enums.ts';
import { decodeAnswer, encodeResult } from '../wire/codec.ts';
import { allResultSchemas, resultSchema, unknownElements, validateError, validateIpn, validateResult, type Validation } from './index.ts';

const problems = (v: Validation) => (v.ok ? [] : v.problems);
const paths = (v: Validation) => problems(v).map((p) => p.path);
const token = (over: Record<string, string> = {}) => ({
  Token: { TokenId: 'T1', TokenStatus: 'Active', DateInstalled: '2009-10-07T04:29:05Z', CallerReference: 'c', TokenType: 'MultiUse', ...over },
});

describe('schemas derived from the catalogue', () => {
  it('has one per action, with the catalogue enumeration and sizes', () => {
    const all = allResultSchemas();
    expect(Object.keys(all).sort()).toEqual([...ACTIONS].sort());
    const pay = resultSchema('Pay').schema as { properties: Record<string, { enum?: string[]; maxLength?: number }>; required: string[] };
    expect(pay.properties['TransactionStatus']?.enum).toEqual([...TRANSACTION_STATUS]);
    expect(pay.properties['TransactionId']?.maxLength).toBe(35);
    expect(pay.required.sort()).toEqual(['TransactionId', 'TransactionStatus']);
  });
});

describe('validateResult', () => {
  it('accepts good results of every shape', () => {
    expect(validateResult('Pay', { TransactionId: 'x'.repeat(35), TransactionStatus: 'Success' })).toEqual({ ok: true });
    expect(validateResult('CancelToken', {})).toEqual({ ok: true });
    expect(validateResult('GetTokenByCaller', token())).toEqual({ ok: true });
    // Values the rulings add to the seed's enumerations.
    expect(validateResult('GetTransactionStatus', { TransactionId: 't', TransactionStatus: 'Cancelled', CallerReference: 'c', StatusCode: 'Cancelled', StatusMessage: '' })).toEqual({ ok: true }); // R-PAY-7 set
    expect(validateResult('GetTokenByCaller', token({ TokenType: 'Recipient' }))).toEqual({ ok: true }); // R-TOK-2 set
    expect(validateResult('GetTokenByCaller', token({ DateInstalled: '2009-10-07T04:29:05.054' }))).toEqual({ ok: true }); // xs:dateTime: zone optional
    expect(validateResult('GetRecipientVerificationStatus', { RecipientVerificationStatus: 'VerificationCompleteNoLimits' })).toEqual({ ok: true });
  });

  it('reports size limits with the path and the rule (R-WIRE-7)', () => {
    const v = validateResult('Pay', { TransactionId: 'x'.repeat(36), TransactionStatus: 'Pending' });
    expect(problems(v)).toEqual([{ path: 'TransactionId', message: expect.stringMatching(/35.*R-WIRE-7/) }]);
    expect(paths(validateResult('GetTokenByCaller', token({ TokenId: 'k'.repeat(66) })))).toEqual(['Token.TokenId']);
    expect(paths(validateResult('GetTokenByCaller', token({ TokenId: 'k'.repeat(65) })))).toEqual([]);
  });

  it('reports enumerations, missing elements and wrong shapes by path', () => {
    expect(problems(validateResult('Cancel', { TransactionId: 't', TransactionStatus: 'CANCELLED' }))).toEqual([
      { path: 'TransactionStatus', message: expect.stringMatching(/must be one of Cancelled, Failure, Pending, Reserved, Success/) },
    ]);
    expect(paths(validateResult('Refund', { TransactionStatus: 'Pending' }))).toEqual(['TransactionId']);
    expect(paths(validateResult('GetTokenByCaller', { Token: { TokenId: 'T' } })).sort()).toEqual(['Token.CallerReference', 'Token.DateInstalled', 'Token.TokenStatus', 'Token.TokenType']);
    expect(paths(validateResult('GetTokenByCaller', token({ DateInstalled: 'Oct 8, 2009' })))).toEqual(['Token.DateInstalled']);
    expect(paths(validateResult('VerifySignature', { VerificationStatus: { Nested: 'x' } }))).toContain('VerificationStatus');
    expect(paths(validateResult('Pay', { TransactionId: '', TransactionStatus: 'Pending' }))).toEqual(['TransactionId']);
  });

  it('checks a whole decoded answer: action and RequestId ≤ 64 (R-WIRE-7)', () => {
    const ok = decodeAnswer(encodeResult('Pay', '2008-09-17', { TransactionId: 't', TransactionStatus: 'Pending' }, 'r'.repeat(64)));
    expect(validateResult('Pay', ok)).toEqual({ ok: true });
    const long = decodeAnswer(encodeResult('Pay', '2008-09-17', { TransactionId: 't', TransactionStatus: 'Pending' }, 'r'.repeat(65)));
    expect(problems(validateResult('Pay', long))).toEqual([{ path: 'ResponseMetadata.RequestId', message: expect.stringMatching(/64.*R-WIRE-7/) }]);
    expect(problems(validateResult('Reserve', ok))[0]?.message).toMatch(/answer is for Pay/);
  });

  it('never crashes on bad input', () => {
    for (const junk of [null, undefined, 'text', 42, [], [1, 2], { TransactionId: 5 }]) {
      const v = validateResult('Pay', junk);
      expect(v.ok).toBe(false);
    }
    expect(problems(validateResult('Frobnicate', {}))[0]?.message).toMatch(/not an FPS action/);
  });

  it('lists elements the seed does not describe, for warnings only', () => {
    const result = { TransactionId: 't', TransactionStatus: 'Pending', ParentTransactionId: 'p' };
    expect(validateResult('Pay', result)).toEqual({ ok: true });
    expect(unknownElements('Pay', result)).toEqual(['ParentTransactionId']);
    expect(unknownElements('GetTokenByCaller', { Token: { TokenId: 't', Extra: 'x' } })).toEqual(['Token.Extra']);
  });
});

describe('validateError', () => {
  it('accepts the error document and reports what is missing (R-WIRE-4)', () => {
    expect(validateError({ kind: 'error', code: 'InvalidParams', message: 'm', requestId: 'r' })).toEqual({ ok: true });
    expect([...new Set(paths(validateError({ kind: 'error', code: '', message: 'm' })))].sort()).toEqual(['code', 'requestId']);
    expect(paths(validateError({ code: 'X', message: 'm', requestId: 'r'.repeat(65) }))).toEqual(['requestId']);
    expect(validateError(null).ok).toBe(false);
  });
  it('requires the RequestID element but accepts it empty (R-WIRE-4 shows the element only)', () => {
    expect(validateError({ code: 'InvalidParams', message: 'm', requestId: '' })).toEqual({ ok: true });
    expect(paths(validateError({ code: 'InvalidParams', message: 'm' }))).toEqual(['requestId']);
    expect(paths(validateError({ code: '', message: 'm', requestId: '' }))).toContain('code');
  });
});

describe('validateIpn (R-IPN-2)', () => {
  // Seed 004, "Refund > Sample IPN Pending Notification to REST Request" (signature shortened).
  const refundPending: Record<string, string> = {
    transactionId: '14GK6F2QU755ODS27SGHEURLKPG72Z54KMF', statusMessage: 'The transaction is awaiting a response from the backend payment processor.',
    transactionDate: '1254808324', signatureVersion: '2', signatureMethod: 'RSA-SHA1', parentTransactionId: '14GK4TNCAQ84NK9VITEHKAS94RAD9ZE2AQD',
    buyerEmail: 'new_premium@amazon.com', notificationType: 'TransactionStatus', callerReference: 'CallerReference03', transactionAmount: 'USD 1.00',
    transactionStatus: 'PENDING', operation: 'REFUND', recipientEmail: 'test-caller@amazon.com', buyerName: 'Test Business', signature: 'mzis1Hbe==',
    recipientName: 'Test Business', paymentMethod: 'CC', certificateUrl: 'https://fps.sandbox.amazonaws.com/certs/090909/PKICert.pem', paymentReason: 'MyWish', statusCode: 'PendingNetworkResponse',
  };
  // "CancelToken > Sample IPN Notification to REST Request".
  const tokenCancel: Record<string, string> = {
    signatureVersion: '2', signatureMethod: 'RSA-SHA1', customerEmail: 'test-caller@amazon.com', tokenId: 'D739ATGTM94QK9NBU6P4KDWACGXDZ8BVX3TJHGVP3XEFMGE7XVQTMEIL4OGFZMGP',
    callerReference: 'CallerReference19', notificationType: 'TokenCancellation', signature: 'flxZ==', tokenType: 'SingleUse', dateInstalled: 'Oct 8, 2009',
    certificateUrl: 'https://fps.sandbox.amazonaws.com/certs/090909/PKICert.pem', customerName: 'Test Business',
  };

  it("accepts the seed's sample notifications", () => {
    expect(validateIpn(refundPending)).toEqual({ ok: true });
    expect(validateIpn(tokenCancel)).toEqual({ ok: true });
  });

  it('reports missing and wrong fields by name', () => {
    const { parentTransactionId: _p, ...noParent } = refundPending;
    expect(paths(validateIpn(noParent))).toEqual(['parentTransactionId']);
    expect(paths(validateIpn({ ...refundPending, transactionStatus: 'Pending' }))).toEqual(['transactionStatus']);
    expect(paths(validateIpn({ ...refundPending, transactionAmount: '1.00' }))).toEqual(['transactionAmount']);
    const { tokenId: _t, ...noToken } = tokenCancel;
    expect(paths(validateIpn(noToken))).toEqual(['tokenId']);
    expect(paths(validateIpn({ ...tokenCancel, notificationType: 'Other' }))).toEqual(['notificationType']);
    expect(validateIpn(null as unknown as Record<string, string>).ok).toBe(false);
  });
});
