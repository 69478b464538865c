// The model on payments: Pay, Reserve, Settle, Cancel, Refund, GetTransactionStatus, process, clock
// (R-PAY-*, R-REF-*, R-SBX-*).
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../test/support/model-scenario.ts';
import { label } from '../../test/support/model-driver.ts';
import { DAY, MINUTE } from './time.ts';

const ccScenario = () => {
  const s = new Scenario();
  const cc = s.token('MultiUse', { globalAmountLimit: '1000', paymentMethod: 'CC' }, 'CC');
  s.tick();
  return { s, cc };
};

describe('Pay (R-PAY-1)', () => {
  it('ABT answers Success (or Failure) synchronously; CC answers Pending and completes at process', () => {
    const s = new Scenario();
    const abt = s.token('MultiUse', { globalAmountLimit: '100' }, 'ABT');
    const cc = s.token('MultiUse', { globalAmountLimit: '100', paymentMethod: 'CC' }, 'CC');
    s.tick();
    expect(s.labels(s.pay(abt, '1.00', 'a'))).toEqual(['result:Pay:Success', 'result:Pay:Failure']);
    expect(s.labels(s.pay(cc, '1.00', 'c'))).toEqual(['result:Pay:Pending']);
    const p = s.run(s.pay(cc, '1.00', 'c'));
    const id = p.bound['TransactionId']!;
    expect(id.length).toBeLessThanOrEqual(35);
    s.tick();
    // before process, the target may already have completed it on its own
    expect(s.labels(s.api('GetTransactionStatus', { TransactionId: id }))).toEqual(['result:GetTransactionStatus:Pending', 'result:GetTransactionStatus:Success', 'result:GetTransactionStatus:Failure']);
    const done = s.run(s.process());
    expect(done.answer).toEqual({ kind: 'process', completed: [id] });
    const [o, ...rest] = s.allowed(s.api('GetTransactionStatus', { TransactionId: id }));
    expect(rest).toEqual([]);
    expect(o!.answer).toMatchObject({ fields: { TransactionId: id, TransactionStatus: 'Success', CallerReference: 'c', StatusCode: 'Success', StatusMessage: { present: true } } });
  });
  it('process may end a CC Pay in Failure (core profile), and reports it as completed', () => {
    const { s, cc } = ccScenario();
    s.run(s.pay(cc, '1.00', 'c'));
    expect(s.allowed(s.process()).length).toBe(1);
    expect(s.labels(s.process())).toEqual(['process:1']);
  });
  it('GetTransactionStatus: Pending status codes; another caller → InvalidTransactionId | TransactionDenied (R-PAY-7, R-AUTH-6)', () => {
    const { s, cc } = ccScenario();
    const id = s.run(s.pay(cc, '1.00', 'c')).bound['TransactionId']!;
    const [o] = s.allowed(s.api('GetTransactionStatus', { TransactionId: id }));
    expect(o!.answer).toMatchObject({ fields: { StatusCode: { oneOf: ['PendingNetworkResponse', 'PendingVerification'] } } });
    const other = s.newCaller();
    expect(s.labels(s.api('GetTransactionStatus', { TransactionId: id }, {}, other)).sort()).toEqual(['error:InvalidTransactionId', 'error:TransactionDenied']);
    expect(s.labels(s.api('GetTransactionStatus', { TransactionId: 'NOPE' }))).toEqual(['error:InvalidTransactionId']);
  });
});

describe('Reserve and Settle (R-PAY-2..5): the DigitalDownload reserve of 0.30 (seed 000)', () => {
  it('reserve 0.30, process → Reserved, settle → Pending with the reserve id, process → Success', () => {
    const { s, cc } = ccScenario();
    const r = s.run(s.reserve(cc, '0.30', 'DigitalDownload1'));
    expect(label(r.answer)).toBe('result:Reserve:Pending');
    const id = r.bound['TransactionId']!;
    // a Pending reserve cannot be settled unless it was reserved on its own meanwhile
    expect(s.labels(s.api('Settle', { ReserveTransactionId: id })).sort()).toEqual(['error:InvalidTransactionState', 'result:Settle:Pending']);
    expect(s.allowed(s.process()).map((o) => o.answer)).toEqual([{ kind: 'process', completed: [id] }]);
    s.run(s.process());
    const [st] = s.allowed(s.api('GetTransactionStatus', { TransactionId: id }));
    expect(st!.answer).toMatchObject({ fields: { TransactionStatus: 'Reserved', StatusCode: 'Success' } });
    expect(s.labels(s.api('Settle', { ReserveTransactionId: id, 'TransactionAmount.Value': '0.31', 'TransactionAmount.CurrencyCode': 'USD' }))).toEqual(['error:SettleAmountGreaterThanReserveAmount']);
    const settle = s.run(s.api('Settle', { ReserveTransactionId: id, 'TransactionAmount.Value': '0.30', 'TransactionAmount.CurrencyCode': 'USD' }));
    expect(settle.answer).toMatchObject({ kind: 'result', fields: { TransactionId: id, TransactionStatus: 'Pending' } });
    expect(s.labels(s.api('Settle', { ReserveTransactionId: id }))).toEqual(['error:InvalidTransactionState']);
    s.run(s.process());
    const [done] = s.allowed(s.api('GetTransactionStatus', { TransactionId: id }));
    expect(done!.answer).toMatchObject({ fields: { TransactionStatus: 'Success' } });
    expect(s.labels(s.api('Settle', { ReserveTransactionId: id }))).toEqual(['error:InvalidTransactionState']);
  });
  it('Reserve needs a CC token (PaymentInstrumentNotCC, nothing created)', () => {
    const s = new Scenario();
    const abt = s.token('MultiUse', { globalAmountLimit: '100' }, 'ABT');
    s.tick();
    expect(s.labels(s.reserve(abt, '1.00', 'x'))).toEqual(['error:PaymentInstrumentNotCC']);
  });
  it('Settle: unknown → InvalidTransactionId; a Pay id → InvalidTransactionId | InvalidTransactionState', () => {
    const { s, cc } = ccScenario();
    const pay = s.run(s.pay(cc, '1.00', 'p')).bound['TransactionId']!;
    expect(s.labels(s.api('Settle', { ReserveTransactionId: 'NOPE' }))).toEqual(['error:InvalidTransactionId']);
    expect(s.labels(s.api('Settle', { ReserveTransactionId: pay })).sort()).toEqual(['error:InvalidTransactionId', 'error:InvalidTransactionState']);
  });
  it('a reserve not settled within 7 days is cancelled with StatusCode Expired (R-PAY-5)', () => {
    const { s, cc } = ccScenario();
    const id = s.run(s.reserve(cc, '1.00', 'x')).bound['TransactionId']!;
    s.run(s.process());
    s.run({ kind: 'clock', at: s.t, to: s.t + 7 * DAY + 2 * MINUTE });
    s.tick(7 * DAY + 3 * MINUTE);
    const outs = s.allowed(s.api('GetTransactionStatus', { TransactionId: id }));
    expect(outs.length).toBe(1);
    expect(outs[0]!.answer).toMatchObject({ fields: { TransactionStatus: { oneOf: ['Cancelled', 'Failure'] }, StatusCode: 'Expired' } });
    expect(s.labels(s.api('Settle', { ReserveTransactionId: id }))).toEqual(['error:InvalidTransactionState']);
  });
  it('inside the 60 s band around 7 days, both sides are allowed', () => {
    const { s, cc } = ccScenario();
    const id = s.run(s.reserve(cc, '1.00', 'x')).bound['TransactionId']!;
    s.run(s.process());
    s.tick(7 * DAY - 30 * 1000);
    expect(s.labels(s.api('Settle', { ReserveTransactionId: id })).sort()).toEqual(['error:InvalidTransactionState', 'result:Settle:Pending']);
  });
});

describe('Cancel (R-PAY-6)', () => {
  it('Pending or Reserved → Cancelled; then InvalidTransactionState; unknown → set', () => {
    const { s, cc } = ccScenario();
    const id = s.run(s.reserve(cc, '1.00', 'x')).bound['TransactionId']!;
    s.run(s.process());
    expect(s.labels(s.api('Cancel', { TransactionId: id }))).toEqual(['result:Cancel:Cancelled']);
    s.run(s.api('Cancel', { TransactionId: id }));
    expect(s.labels(s.api('Cancel', { TransactionId: id }))).toEqual(['error:InvalidTransactionState']);
    const [st] = s.allowed(s.api('GetTransactionStatus', { TransactionId: id }));
    expect(st!.answer).toMatchObject({ fields: { TransactionStatus: 'Cancelled', StatusCode: { oneOf: ['Canceled', 'Cancelled'] } } });
    expect(s.labels(s.api('Cancel', { TransactionId: 'NOPE' })).sort()).toEqual(['error:InvalidParams', 'error:InvalidTransactionId']);
    const pending = s.run(s.pay(cc, '1.00', 'y')).bound['TransactionId']!;
    expect(s.labels(s.api('Cancel', { TransactionId: pending }))).toEqual(['result:Cancel:Cancelled', 'error:InvalidTransactionState']);
  });
});

describe('Refund (R-REF-1..4)', () => {
  it('partial refunds up to the original; then fully refunded; a refund is not refundable', () => {
    const s = new Scenario();
    const abt = s.token('MultiUse', { globalAmountLimit: '100' }, 'ABT');
    s.tick();
    const pay = s.run(s.pay(abt, '1.00', 'p')).bound['TransactionId']!;
    const refund = (amount: string | undefined, ref: string) =>
      s.api('Refund', { TransactionId: pay, CallerReference: ref, ...(amount ? { 'RefundAmount.Value': amount, 'RefundAmount.CurrencyCode': 'USD' } : {}) });
    expect(s.labels(refund('1.01', 'r0'))).toEqual(['error:RefundAmountExceeded']);
    const r1 = s.run(refund('0.40', 'r1'));
    expect(label(r1.answer)).toBe('result:Refund:Pending');
    expect(r1.bound['TransactionId']).not.toBe(pay);
    expect(s.labels(refund('0.61', 'r2'))).toEqual(['error:RefundAmountExceeded']);
    s.run(refund(undefined, 'r3')); // the remaining 0.60
    expect(s.labels(refund(undefined, 'r4'))).toEqual(['error:TransactionFullyRefundedAlready']);
    expect(s.labels(refund('0.01', 'r5')).sort()).toEqual(['error:AmountOutOfRange', 'error:InvalidParams', 'error:RefundAmountExceeded', 'error:TransactionFullyRefundedAlready']);
    expect(s.labels(s.api('Refund', { TransactionId: r1.bound['TransactionId']!, CallerReference: 'r6' }))).toEqual(['error:TransactionTypeNotRefundable']);
    expect(s.labels(s.api('Refund', { TransactionId: 'NOPE', CallerReference: 'r7' }))).toEqual(['error:InvalidTransactionId']);
  });
  it('a Pending original is incomplete (unless it completed on its own); a failed one failed; a settled reserve refunds its settled amount', () => {
    const { s, cc } = ccScenario();
    const pay = s.run(s.pay(cc, '1.00', 'p')).bound['TransactionId']!;
    expect(s.labels(s.api('Refund', { TransactionId: pay, CallerReference: 'r1' }))).toEqual(['error:OriginalTransactionIncomplete', 'result:Refund:Pending', 'result:Refund:Success', 'error:OriginalTransactionFailed']);
    const res = s.run(s.reserve(cc, '5.00', 'res')).bound['TransactionId']!;
    s.run(s.process());
    expect(s.labels(s.api('Refund', { TransactionId: res, CallerReference: 'r2' })).sort()).toEqual(['error:InvalidTransactionState', 'error:OriginalTransactionFailed', 'error:OriginalTransactionIncomplete', 'error:TransactionTypeNotRefundable']);
    s.run(s.api('Settle', { ReserveTransactionId: res, 'TransactionAmount.Value': '3.00', 'TransactionAmount.CurrencyCode': 'USD' }));
    s.run(s.process());
    expect(s.labels(s.api('Refund', { TransactionId: res, CallerReference: 'r3', 'RefundAmount.Value': '3.01', 'RefundAmount.CurrencyCode': 'USD' }))).toEqual(['error:RefundAmountExceeded']);
    expect(s.labels(s.api('Refund', { TransactionId: res, CallerReference: 'r4', 'RefundAmount.Value': '3.00', 'RefundAmount.CurrencyCode': 'USD' }))[0]).toBe('result:Refund:Pending');
  });
  it('the CancelToken and Refund samples: a refund completes to Success at process', () => {
    const s = new Scenario();
    const abt = s.token('MultiUse', { globalAmountLimit: '100' }, 'ABT');
    s.tick();
    const pay = s.run(s.pay(abt, '1.00', 'p')).bound['TransactionId']!;
    const r = s.run(s.api('Refund', { TransactionId: pay, CallerReference: 'refund-1' })).bound['TransactionId']!;
    s.run(s.process());
    const [o] = s.allowed(s.api('GetTransactionStatus', { TransactionId: r }));
    expect(o!.answer).toMatchObject({ fields: { TransactionStatus: 'Success' } });
    expect(s.labels(s.api('CancelToken', { TokenId: abt }))).toEqual(['result:CancelToken']);
  });
});

describe('sandbox-simulation (R-SBX-1, R-SBX-2)', () => {
  it('.60–.89 amounts end in Failure; ABT may answer InsufficientBalance', () => {
    const s = new Scenario('sandbox-simulation');
    const abt = s.token('MultiUse', { globalAmountLimit: '100' }, 'ABT');
    const cc = s.token('MultiUse', { globalAmountLimit: '100', paymentMethod: 'CC' }, 'CC');
    s.tick();
    expect(s.labels(s.pay(abt, '1.65', 'a'))).toEqual(['result:Pay:Failure', 'error:InsufficientBalance']);
    expect(s.labels(s.pay(abt, '1.56', 'b'))).toEqual(['result:Pay:Success', 'result:Pay:Failure']);
    s.run(s.pay(cc, '0.79', 'c'));
    expect(s.labels(s.process())).toEqual(['process:1']);
    const id = s.run(s.reserve(cc, '2.61', 'd')).bound['TransactionId']!;
    s.run(s.process());
    const [o] = s.allowed(s.api('GetTransactionStatus', { TransactionId: id }));
    expect(o!.answer).toMatchObject({ fields: { TransactionStatus: 'Failure' } });
  });
  it("the seed's special token ids give the listed errors", () => {
    const s = new Scenario('sandbox-simulation');
    expect(s.labels(s.pay('Z1LGRXR4HMDZBSFKXELA32KZASGWD8IHMHZCK4DETR784LDLD1GMFW4P3WT8VTGX', '1.00', 'a')).sort()).toEqual(['error:AccountClosed', 'error:InvalidAccountState_Sender']);
    expect(s.labels(s.pay('E3FR7BARJV3PB631PMKV74PGKCJLBHI1Q1KMQN7BJ2JJICPDKN3N1CJIKFZ8D7NN', '1.00', 'b'))).toEqual(['error:UnverifiedEmailAddress_Sender']);
    const core = new Scenario();
    expect(core.labels(core.pay('Z1LGRXR4HMDZBSFKXELA32KZASGWD8IHMHZCK4DETR784LDLD1GMFW4P3WT8VTGX', '1.00', 'a'))).toEqual(['error:InvalidTokenId_Sender']);
  });
});

describe("the seed's samples (seed 004 CancelToken and Refund > Examples)", () => {
  it('CancelToken with ReasonText, Version 2008-09-17: success, no result element', () => {
    const s = new Scenario();
    const tok = s.token('MultiUse', { globalAmountLimit: '100' });
    s.tick();
    const outs = s.allowed(s.api('CancelToken', { ReasonText: 'MyWish', TokenId: tok, Version: '2008-09-17' }));
    expect(outs[0]!.answer).toMatchObject({ kind: 'result', action: 'CancelToken', fields: { RequestId: { fresh: 'RequestId' } } });
    expect(Object.keys((outs[0]!.answer as { fields: object }).fields)).toEqual(['RequestId']);
  });
  it('Refund of 1 USD with CallerDescription: a new TransactionId, Pending', () => {
    const s = new Scenario();
    const tok = s.token('MultiUse', { globalAmountLimit: '100' });
    s.tick();
    const pay = s.run(s.pay(tok, '5.00', 'CallerReference02')).bound['TransactionId']!;
    const outs = s.allowed(s.api('Refund', { CallerDescription: 'MyWish', CallerReference: 'CallerReference03', 'RefundAmount.CurrencyCode': 'USD', 'RefundAmount.Value': '1', TransactionId: pay, Version: '2008-09-17' }));
    expect(outs[0]!.answer).toMatchObject({ kind: 'result', action: 'Refund', fields: { TransactionId: { fresh: 'TransactionId' }, TransactionStatus: 'Pending' } });
    expect(outs.map((o) => label(o.answer))).toEqual(['result:Refund:Pending', 'result:Refund:Success']);
  });
});
