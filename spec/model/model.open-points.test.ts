// The model where an independent emulator disagreed with ours: points the contract leaves open
// (every reading accepted) and defects the reference emulator and the checker shared (now refused).
import { describe, expect, it } from 'vitest';
import { IPN_AMOUNT_PATTERN } from './amounts.ts';
import { fpsModel } from './index.ts';
import { accountInput, label, labels } from '../../test/support/model-driver.ts';
import { Scenario } from '../../test/support/model-scenario.ts';
import { DAY, HOUR, SECOND } from './time.ts';

const epoch = (ms: number): string => String(Math.floor(ms / 1000));

describe('X-Sandbox-Instrument outside paymentMethod ∩ the buyer\'s instruments (sandbox-protocol)', () => {
  it('accepts another allowed instrument or PE', () => {
    const s = new Scenario();
    // paymentMethod defaults to ABT (R-TOK-2); the buyer picks CC, which it may not use here
    const input = s.cbui({ pipelineName: 'SingleUse', callerReference: 'x', transactionAmount: '1.00' }, { instrument: 'CC' });
    expect(s.labels(input).sort()).toEqual(['redirect:PE', 'redirect:SA']);
  });
  it('an allowed pick stays firm', () => {
    const s = new Scenario();
    expect(s.labels(s.cbui({ pipelineName: 'SingleUse', callerReference: 'x', transactionAmount: '1.00', paymentMethod: 'CC,ABT' }, { instrument: 'CC' }))).toEqual(['redirect:SC']);
  });
});

describe('EditToken statuses (R-TOK-11)', () => {
  it('a buyer who does not own the token gets UT (same caller)', () => {
    const s = new Scenario();
    s.d.run(accountInput(s.t, 'sender', ['CC', 'ABT'], 'other@example.com'));
    const tok = s.token('MultiUse', { globalAmountLimit: '10.00' });
    expect(s.labels(s.cbui({ pipelineName: 'EditToken', callerReference: 'e', tokenID: tok }, { instrument: 'ABT' }, 'other@example.com'))).toEqual(['redirect:UT']);
  });
  it('abandon + IT: both statuses; CE + IT: both', () => {
    const s = new Scenario();
    const single = s.token('SingleUse', { transactionAmount: '1.00' });
    expect(s.labels(s.cbui({ pipelineName: 'EditToken', callerReference: 'e', tokenID: single }, { decision: 'abandon' })).sort()).toEqual(['redirect:A', 'redirect:IT']);
    // a foreign input (R-TOK-1) on an EditToken request for a token it cannot edit
    expect(s.labels(s.cbui({ pipelineName: 'EditToken', callerReference: 'e', tokenID: single, transactionAmount: '1.00' })).sort()).toEqual(['redirect:CE', 'redirect:IT']);
  });
  it('an expired token is IT; one whose validityStart is ahead is edited or IT', () => {
    const s = new Scenario();
    const soon = s.token('MultiUse', { globalAmountLimit: '10.00', validityExpiry: epoch(s.t + HOUR) });
    const later = s.token('MultiUse', { globalAmountLimit: '10.00', validityStart: epoch(s.t + DAY) });
    s.tick(2 * HOUR);
    expect(s.labels(s.cbui({ pipelineName: 'EditToken', callerReference: 'e1', tokenID: soon }, { instrument: 'ABT' }))).toEqual(['redirect:IT']);
    // edited (same or new tokenID) or IT
    expect([...new Set(s.labels(s.cbui({ pipelineName: 'EditToken', callerReference: 'e2', tokenID: later }, { instrument: 'ABT' })))].sort()).toEqual(['redirect:IT', 'redirect:SU|SA']);
  });
  it('a new token carries the old CallerReference or the request\'s', () => {
    const s = new Scenario();
    const tok = s.token('MultiUse', { globalAmountLimit: '10.00' }, 'ABT', 'orig-ref');
    // choices: keep the tokenID? no (1); which CallerReference: the request's (1)
    const r = s.run(s.cbui({ pipelineName: 'EditToken', callerReference: 'edit-ref', tokenID: tok }, { instrument: 'ABT' }), (n, what) => (/tokenID|CallerReference/.test(what) ? Math.min(1, n - 1) : 0));
    const fresh = r.bound['tokenID']!;
    expect(fresh).toBeDefined();
    const byRef = s.allowed(s.api('GetTokenByCaller', { CallerReference: 'edit-ref' }));
    expect(byRef.map((o) => o.answer.kind === 'result' && o.answer.fields['Token.TokenId'])).toEqual([fresh]);
  });
});

describe('the install time opens no window before it (rulings preamble, R-TOK-6, R-TOK-7)', () => {
  it('a MultiUse Count 2 per day token pays twice at its install instant, not three times', () => {
    const s = new Scenario();
    const tok = s.token('MultiUse', { globalAmountLimit: '100.00', usageLimitType1: 'Count', usageLimitValue1: '2', usageLimitPeriod1: '1 Day' });
    expect(s.run(s.pay(tok, '1.00', 'p1')).answer.kind).toBe('result');
    expect(s.run(s.pay(tok, '1.00', 'p2')).answer.kind).toBe('result');
    expect(s.labels(s.pay(tok, '1.00', 'p3'))).toEqual(['error:TokenUsageError']);
  });
  it('a monthly Recurring token charged right after install pays once that month', () => {
    const s = new Scenario();
    const tok = s.token('Recurring', { transactionAmount: '5.00', recurringPeriod: '1 Month' });
    s.tick(5 * SECOND);
    expect(s.run(s.pay(tok, '5.00', 'p1')).answer.kind).toBe('result');
    s.tick(10 * DAY);
    expect(s.labels(s.pay(tok, '5.00', 'p2'))).toEqual(['error:TokenUsageError']);
  });
  it('an explicit validityStart keeps its band', () => {
    const s = new Scenario();
    const tok = s.token('MultiUse', { globalAmountLimit: '100.00', validityStart: epoch(s.t + 30 * SECOND) });
    expect(s.labels(s.pay(tok, '1.00', 'p1')).sort()).toEqual(['error:IncompatibleTokens', 'result:Pay:Failure', 'result:Pay:Success']);
  });
});

describe('a Recipient token past its validityExpiry (R-TOK-4)', () => {
  it('cannot be paid to: IncompatibleTokens', () => {
    const s = new Scenario();
    const rcp = s.recipientToken({ maxFixedFee: '1.00', maxVariableFee: '5', validityExpiry: epoch(s.t + HOUR) });
    const tok = s.token('MultiUse', { globalAmountLimit: '100.00' });
    expect(s.labels(s.pay(tok, '1.00', 'p0', { RecipientTokenId: rcp })).sort()).toEqual(['result:Pay:Failure', 'result:Pay:Success']);
    s.tick(2 * HOUR);
    expect(s.labels(s.pay(tok, '1.00', 'p1', { RecipientTokenId: rcp }))).toEqual(['error:IncompatibleTokens']);
  });
});

describe('a Co-Branded request with an unknown callerKey (R-TOK-1)', () => {
  it('is CE whose errorMessage must name callerKey (or the signature it could not check)', () => {
    const s = new Scenario();
    const outs = s.allowed({ ...s.cbui({ pipelineName: 'SingleUse', callerReference: 'x', transactionAmount: '1.00', callerKey: 'AKIAUNKNOWN' }), signature: 'invalid' } as never);
    expect(labels(outs)).toEqual(['redirect:CE']);
    const a = outs[0]!.answer;
    expect(a.kind === 'redirect' && a.errorInputs).toEqual(['callerKey', 'signature']);
  });
});

describe('the Cancel IPN amount (R-IPN-2 "USD 1.00")', () => {
  it('is asserted in its form, not only present', () => {
    const s = new Scenario();
    const tok = s.token('SingleUse', { transactionAmount: '2.50', paymentMethod: 'CC' }, 'CC');
    const pay = s.run(s.pay(tok, '2.50', 'p1', { OverrideIPNURL: 'http://127.0.0.1:9/ipn' }));
    const id = pay.bound['TransactionId']!;
    s.run(s.api('Cancel', { TransactionId: id, OverrideIPNURL: 'http://127.0.0.1:9/ipn' }));
    const cancel = fpsModel.owedIpns(s.d.state).find((x) => x.key.includes('CANCEL'));
    expect(cancel?.fields['transactionAmount']).toEqual({ pattern: IPN_AMOUNT_PATTERN, example: 'USD 2.50' });
    expect(['USD 2.50', 'USD 2.5', 'USD 3'].every((v) => new RegExp(IPN_AMOUNT_PATTERN).test(v))).toBe(true);
    expect(['present', '2.50', 'USD', 'EUR 2.50', 'USD 2.505'].some((v) => new RegExp(IPN_AMOUNT_PATTERN).test(v))).toBe(false);
    expect(label(pay.answer)).toBe('result:Pay:Pending');
  });
});
