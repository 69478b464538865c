// The model on the Co-Branded UI and token rules (R-TOK-*, R-WIRE-9, R-MKT-1).
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../test/support/model-scenario.ts';
import { label } from '../../test/support/model-driver.ts';
import { DAY } from './time.ts';

const RETURN = 'http://127.0.0.1:9/return';

describe('CBUI pipelines (R-TOK-1, R-TOK-2)', () => {
  it('SingleUse: status by the instrument used, a fresh tokenID, callerReference echoed', () => {
    const s = new Scenario();
    for (const [inst, status] of [['ABT', 'SA'], ['ACH', 'SB'], ['CC', 'SC']] as const) {
      const r = s.run(s.cbui({ pipelineName: 'SingleUse', callerReference: `c-${inst}`, transactionAmount: '0.10', paymentMethod: 'CC,ACH,ABT' }, { instrument: inst }));
      expect(r.answer).toMatchObject({ kind: 'redirect', returnURL: RETURN, params: { status, callerReference: `c-${inst}`, signatureVersion: '2', tokenID: { fresh: 'TokenId', maxLength: 65 } } });
    }
  });
  it('without X-Sandbox-Instrument any allowed instrument the buyer has is allowed', () => {
    const s = new Scenario();
    const input = { ...s.cbui({ pipelineName: 'SingleUse', callerReference: 'c', transactionAmount: '1', paymentMethod: 'CC,ACH' }) };
    delete (input as { instrument?: string }).instrument;
    expect(s.labels(input).sort()).toEqual(['redirect:SB', 'redirect:SC']);
  });
  it('Recipient → SR; abandon → A and no token; names are not case-sensitive (R-WIRE-2)', () => {
    const s = new Scenario();
    expect(s.labels(s.cbui({ PIPELINENAME: 'Recipient', CallerReference: 'r1' }))).toEqual(['redirect:SR']);
    const a = s.run(s.cbui({ pipelineName: 'SingleUse', callerReference: 'a', transactionAmount: '1' }, { decision: 'abandon' }));
    expect(label(a.answer)).toBe('redirect:A');
    expect(a.bound['tokenID']).toBeUndefined();
  });
  it('missing, malformed and foreign inputs → CE naming the input, no token (R-TOK-1)', () => {
    const s = new Scenario();
    const cases: [Record<string, string>, string][] = [
      [{ pipelineName: 'SingleUse', callerReference: 'x' }, 'transactionAmount'],
      [{ pipelineName: 'Recurring', callerReference: 'x', transactionAmount: '5' }, 'recurringPeriod'],
      [{ pipelineName: 'Recurring', callerReference: 'x', transactionAmount: '5', recurringPeriod: '1 Week' }, 'recurringPeriod'],
      [{ pipelineName: 'MultiUse', callerReference: 'x' }, 'globalAmountLimit'],
      [{ pipelineName: 'SingleUse', callerReference: 'x', transactionAmount: '1', recurringPeriod: '1 Month' }, 'recurringPeriod'],
      [{ pipelineName: 'SingleUse', transactionAmount: '1' }, 'callerReference'],
      [{ pipelineName: 'SingleUse', callerReference: 'x', transactionAmount: 'abc' }, 'transactionAmount'],
      [{ pipelineName: 'EditToken', callerReference: 'x' }, 'tokenID'],
    ];
    for (const [params, input] of cases) {
      const outs = s.allowed(s.cbui(params));
      expect(outs.map((o) => label(o.answer)), input).toEqual(['redirect:CE']);
      const a = outs[0]!.answer;
      expect(a.kind === 'redirect' && a.errorInputs).toContain(input);
    }
  });
  it('an unknown name may be ignored or be CE; a wrong signature may be CE or served; unsigned is served (R-TOK-1)', () => {
    const s = new Scenario();
    expect(s.labels(s.cbui({ pipelineName: 'SingleUse', callerReference: 'x', transactionAmount: '1', fooBar: '1' }, { instrument: 'ABT' }))).toEqual(['redirect:SA', 'redirect:CE']);
    expect(s.labels(s.cbui({ pipelineName: 'SingleUse', callerReference: 'x', transactionAmount: '1' }, { instrument: 'ABT', signature: 'invalid' }))).toEqual(['redirect:SA', 'redirect:CE']);
    expect(s.labels(s.cbui({ pipelineName: 'SingleUse', callerReference: 'x', transactionAmount: '1' }, { instrument: 'ABT', signature: 'absent' }))).toEqual(['redirect:SA']);
  });
  it('paymentMethod limits instruments; none the buyer has → PE; `ba` may be ACH or CE (R-TOK-2, R-WIRE-9)', () => {
    const s = new Scenario('core', undefined, ['ABT']);
    expect(s.labels(s.cbui({ pipelineName: 'SingleUse', callerReference: 'x', transactionAmount: '1', paymentMethod: 'CC' }))).toEqual(['redirect:PE']);
    const t = new Scenario();
    expect(t.labels(t.cbui({ pipelineName: 'SingleUse', callerReference: 'x', transactionAmount: '1', paymentMethod: 'ba' })).sort()).toEqual(['redirect:CE', 'redirect:SB']);
  });
  it('an unknown callerKey → CE', () => {
    const s = new Scenario();
    const outs = s.allowed(s.cbui({ callerKey: 'NOPE', pipelineName: 'SingleUse', callerReference: 'x', transactionAmount: '1' }));
    expect(outs.map((o) => label(o.answer))).toEqual(['redirect:CE']);
  });
});

describe('GetTokenByCaller (R-TOK-3) and CancelToken (R-TOK-9, R-AUTH-6)', () => {
  it('finds a token by TokenId and by the CBUI callerReference', () => {
    const s = new Scenario();
    const id = s.token('MultiUse', { globalAmountLimit: '100' }, 'ABT', 'multi-1');
    for (const p of [{ TokenId: id }, { CallerReference: "multi-1" }] as Record<string, string>[]) {
      const [o, ...rest] = s.allowed(s.api('GetTokenByCaller', p));
      expect(rest).toEqual([]);
      expect(o!.answer).toMatchObject({ kind: 'result', fields: { 'Token.TokenId': id, 'Token.TokenStatus': 'Active', 'Token.TokenType': 'MultiUse', 'Token.CallerReference': 'multi-1', 'Token.DateInstalled': { present: true } } });
    }
    expect(s.labels(s.api('GetTokenByCaller', {}))).toEqual(['error:InvalidParams']);
    expect(s.labels(s.api('GetTokenByCaller', { TokenId: 'NOPE' }))).toEqual(['error:InvalidTokenId']);
    expect(s.labels(s.api('GetTokenByCaller', { CallerReference: 'nope' }))).toEqual(['error:InvalidCallerReference']);
    const other = s.newCaller();
    // another caller's token: unknown to it (R-TOK-3) or refused as another's (R-AUTH-6's CancelToken codes)
    expect(s.labels(s.api('GetTokenByCaller', { TokenId: id }, {}, other))).toEqual(['error:InvalidTokenId', 'error:TokenAccessDenied']);
  });
  it('a Recipient token is Unrestricted or Recipient (R-TOK-2)', () => {
    const s = new Scenario();
    const id = s.token('Recipient', {});
    const [o] = s.allowed(s.api('GetTokenByCaller', { TokenId: id }));
    expect(o!.answer).toMatchObject({ fields: { 'Token.TokenType': { oneOf: ['Unrestricted', 'Recipient'] } } });
  });
  it('CancelToken: own token → success then Inactive; Pay with it → TokenNotActive_Sender; again → set; other caller → set', () => {
    const s = new Scenario();
    const id = s.token('MultiUse', { globalAmountLimit: '100' });
    const other = s.newCaller();
    expect(s.labels(s.api('CancelToken', { TokenId: id }, {}, other)).sort()).toEqual(['error:InvalidTokenId', 'error:TokenAccessDenied']);
    expect(s.labels(s.api('CancelToken', { TokenId: id }))).toEqual(['result:CancelToken']);
    s.run(s.api('CancelToken', { TokenId: id }));
    const [o] = s.allowed(s.api('GetTokenByCaller', { TokenId: id }));
    expect(o!.answer).toMatchObject({ fields: { 'Token.TokenStatus': 'Inactive' } });
    s.tick();
    expect(s.labels(s.pay(id, '1.00', 'p1'))).toEqual(['error:TokenNotActive_Sender']);
    expect(s.labels(s.api('CancelToken', { TokenId: id })).sort()).toEqual(['error:InvalidTokenId', 'error:TokenNotActive', 'result:CancelToken']);
    expect(s.labels(s.api('CancelToken', { TokenId: 'NOPE' }))).toEqual(['error:InvalidTokenId']);
  });
  it('a cancelled recipient token → TokenNotActive_Recipient', () => {
    const s = new Scenario();
    const r = s.recipientToken();
    const sender = s.token('MultiUse', { globalAmountLimit: '100' });
    s.run(s.api('CancelToken', { TokenId: r }));
    s.tick();
    expect(s.labels(s.pay(sender, '1.00', 'p', { RecipientTokenId: r }))).toEqual(['error:TokenNotActive_Recipient']);
  });
  it('GetRecipientVerificationStatus: any enum value; unknown → InvalidTokenId or InvalidTokenId_Recipient (R-TOK-10)', () => {
    const s = new Scenario();
    const r = s.token('Recipient', {});
    const [o, ...rest] = s.allowed(s.api('GetRecipientVerificationStatus', { RecipientTokenId: r }));
    expect(rest).toEqual([]);
    expect(o!.answer).toMatchObject({ fields: { RecipientVerificationStatus: { oneOf: ['VerificationComplete', 'VerificationPending', 'VerificationCompleteNoLimits'] } } });
    expect(s.labels(s.api('GetRecipientVerificationStatus', { RecipientTokenId: 'NOPE' }))).toEqual(['error:InvalidTokenId', 'error:InvalidTokenId_Recipient']);
  });
});

describe('token amount, validity and usage (R-TOK-4..8)', () => {
  it('SingleUse pays once and at most its amount (the 0.10 walk-through, seed 001)', () => {
    const s = new Scenario();
    const id = s.token('SingleUse', { transactionAmount: '0.10', paymentReason: 'Now and Forever - Richard Marx' });
    s.tick();
    expect(s.labels(s.pay(id, '0.11', 'dd-0'))).toEqual(['error:IncompatibleTokens']);
    expect(s.labels(s.pay(id, '0.10', 'dd-1'))).toEqual(['result:Pay:Success', 'result:Pay:Failure']);
    s.run(s.pay(id, '0.10', 'dd-1'));
    s.tick();
    // a second charge: TokenUsageError (unless a failed first charge gave its use back: not here)
    expect(s.labels(s.pay(id, '0.10', 'dd-2'))).toEqual(['error:TokenUsageError']);
  });
  it('a failed charge may or may not give its use back (R-TOK-8), and the model adopts the answer', () => {
    const s = new Scenario();
    const id = s.token('SingleUse', { transactionAmount: '0.10' });
    s.tick();
    s.run(s.pay(id, '0.10', 'f-1'), (n, what) => (what.includes('ABT Pay succeed') ? 1 : 0)); // Failure
    s.tick();
    const outs = s.allowed(s.pay(id, '0.10', 'f-2'));
    expect(outs.map((o) => label(o.answer)).sort()).toEqual(['error:TokenUsageError', 'result:Pay:Failure', 'result:Pay:Success']);
  });
  it('Recurring 5.00 monthly: exact amount, one charge per month', () => {
    const s = new Scenario();
    const id = s.token('Recurring', { transactionAmount: '5.00', recurringPeriod: '1 Month' });
    s.tick();
    expect(s.labels(s.pay(id, '4.00', 'r0'))).toEqual(['error:IncompatibleTokens']);
    s.run(s.pay(id, '5.00', 'r1'));
    s.tick(DAY);
    expect(s.labels(s.pay(id, '5.00', 'r2'))).toEqual(['error:TokenUsageError']);
    s.tick(31 * DAY);
    expect(s.labels(s.pay(id, '5.00', 'r3'))[0]).toBe('result:Pay:Success');
  });
  it('MultiUse: amountType, usage limits per period, globalAmountLimit, validity', () => {
    const s = new Scenario();
    const exact = s.token('MultiUse', { globalAmountLimit: '10', transactionAmount: '2' });
    const max = s.token('MultiUse', { globalAmountLimit: '10', transactionAmount: '2', amountType: 'Maximum' });
    const min = s.token('MultiUse', { globalAmountLimit: '10', transactionAmount: '2', amountType: 'Minimum' });
    s.tick();
    expect(s.labels(s.pay(exact, '1.00', 'e1'))).toEqual(['error:IncompatibleTokens']);
    expect(s.labels(s.pay(max, '1.00', 'm1'))[0]).toBe('result:Pay:Success');
    expect(s.labels(s.pay(max, '3.00', 'm2'))).toEqual(['error:IncompatibleTokens']);
    expect(s.labels(s.pay(min, '1.00', 'n1'))).toEqual(['error:IncompatibleTokens']);
    const limited = s.token('MultiUse', { globalAmountLimit: '10', usageLimitType1: 'Count', usageLimitValue1: '1', usageLimitPeriod1: '1 Day' });
    s.tick();
    s.run(s.pay(limited, '1.00', 'l1'));
    s.tick();
    expect(s.labels(s.pay(limited, '1.00', 'l2'))).toEqual(['error:TokenUsageError']);
    s.tick(DAY);
    expect(s.labels(s.pay(limited, '1.00', 'l3'))[0]).toBe('result:Pay:Success');
    expect(s.labels(s.pay(limited, '9.50', 'l4'))).toEqual(['error:TokenUsageError']);
    const later = s.token('MultiUse', { globalAmountLimit: '10', validityStart: String(Math.floor((s.t + 2 * DAY) / 1000)) });
    s.tick();
    expect(s.labels(s.pay(later, '1.00', 'v1'))).toEqual(['error:IncompatibleTokens']);
    s.tick(366 * DAY);
    expect(s.labels(s.pay(exact, '2.00', 'v2'))).toEqual(['error:IncompatibleTokens']);
  });
  it('recipientTokenList, same token, same account, unknown tokens (R-TOK-10)', () => {
    const s = new Scenario();
    const r1 = s.recipientToken();
    const r2 = s.recipientToken();
    const own = s.token('Recipient', {});
    const sender = s.token('MultiUse', { globalAmountLimit: '10', recipientTokenList: `${r1},${own}` });
    s.tick();
    expect(s.labels(s.pay(sender, '1.00', 'a', { RecipientTokenId: r2 }))).toEqual(['error:IncompatibleTokens']);
    expect(s.labels(s.pay(sender, '1.00', 'a2', { RecipientTokenId: r1 }))[0]).toBe('result:Pay:Success');
    expect(s.labels(s.pay(sender, '1.00', 'b', { RecipientTokenId: own }))).toEqual(['error:SameSenderAndRecipient']);
    expect(s.labels(s.pay(sender, '1.00', 'c', { RecipientTokenId: sender })).sort()).toEqual(['error:IncompatibleTokens', 'error:InvalidTokenId_Recipient', 'error:SameSenderAndRecipient', 'error:SameTokenIdUsedMultipleTimes']);
    expect(s.labels(s.pay('NOPE', '1.00', 'd'))).toEqual(['error:InvalidTokenId_Sender']);
    expect(s.labels(s.pay(sender, '1.00', 'e', { RecipientTokenId: 'NOPE' }))).toEqual(['error:InvalidTokenId_Recipient']);
    const other = s.newCaller();
    expect(s.labels(s.api('Pay', { SenderTokenId: sender, 'TransactionAmount.Value': '1', 'TransactionAmount.CurrencyCode': 'USD', CallerReference: 'o' }, {}, other)).sort()).toEqual(['error:IncompatibleTokens', 'error:InvalidTokenId_Sender']);
  });
  it('marketplace fees within the recipient token maxima (R-MKT-1)', () => {
    const s = new Scenario();
    const rr = s.recipientToken({ maxFixedFee: '1', maxVariableFee: '5', recipientPaysFee: 'True' });
    const sender = s.token('MultiUse', { globalAmountLimit: '100' });
    s.tick();
    expect(s.labels(s.pay(sender, '10.00', 'f1', { RecipientTokenId: rr, 'MarketplaceFixedFee.Value': '0.50', 'MarketplaceFixedFee.CurrencyCode': 'USD' }))[0]).toBe('result:Pay:Success');
    expect(s.labels(s.pay(sender, '10.00', 'f2', { RecipientTokenId: rr, 'MarketplaceFixedFee.Value': '2.00', 'MarketplaceFixedFee.CurrencyCode': 'USD' }))).toEqual(['error:InvalidParams']);
    expect(s.labels(s.pay(sender, '10.00', 'f3', { RecipientTokenId: rr, MarketplaceVariableFee: '6' }))).toEqual(['error:InvalidParams']);
    expect(s.labels(s.pay(sender, '10.00', 'f4', { RecipientTokenId: rr, ChargeFeeTo: 'Caller' })).sort()).toEqual(['error:IncompatibleTokens', 'error:InvalidParams']);
  });
});

describe('EditToken (R-TOK-11)', () => {
  it('same tokenID or a new one; SU when unchanged; IT for a SingleUse token; UT for another caller', () => {
    const s = new Scenario();
    const multi = s.token('MultiUse', { globalAmountLimit: '10' }, 'ABT');
    const single = s.token('SingleUse', { transactionAmount: '1' }, 'ABT');
    const outs = s.allowed(s.cbui({ pipelineName: 'EditToken', callerReference: 'e1', tokenID: multi, paymentMethod: 'CC' }, { instrument: 'CC' }));
    expect(outs.map((o) => o.answer.kind === 'redirect' ? [o.answer.params['tokenID'], o.answer.params['status']] : [])).toEqual([
      [multi, 'SC'],
      [{ fresh: 'TokenId', bind: 'tokenID', maxLength: 65 }, 'SC'],
    ]);
    // the new tokenID: the old one is Inactive, the new one names it and keeps the limits
    const s2 = outs[1]!.next({ tokenID: 'NEWTOKEN' });
    s.d.state = s2;
    const [o] = s.allowed(s.api('GetTokenByCaller', { TokenId: 'NEWTOKEN' }));
    expect(o!.answer).toMatchObject({ fields: { 'Token.OldTokenId': multi, 'Token.TokenStatus': 'Active' } });
    const [old] = s.allowed(s.api('GetTokenByCaller', { TokenId: multi }));
    expect(old!.answer).toMatchObject({ fields: { 'Token.TokenStatus': 'Inactive' } });
    expect(s.labels(s.cbui({ pipelineName: 'EditToken', callerReference: 'e2', tokenID: single }))).toEqual(['redirect:IT']);
    expect(s.labels(s.cbui({ pipelineName: 'EditToken', callerReference: 'e3', tokenID: 'NEWTOKEN', paymentMethod: 'CC' }, { instrument: 'CC' }))).toContain('redirect:SU|SC');
    const other = s.newCaller();
    expect(s.labels(s.cbui({ callerKey: other, pipelineName: 'EditToken', callerReference: 'e4', tokenID: 'NEWTOKEN' }))).toEqual(['redirect:UT']);
  });
});

describe('a CBUI callerReference used twice', () => {
  it('a new token, the same token, or CE are each allowed', () => {
    const s = new Scenario();
    const first = s.token('MultiUse', { globalAmountLimit: '10' }, 'ABT', 'twice');
    const outs = s.allowed(s.cbui({ pipelineName: 'MultiUse', callerReference: 'twice', globalAmountLimit: '10' }, { instrument: 'ABT' }));
    expect(outs.map((o) => (o.answer.kind === 'redirect' ? o.answer.params['tokenID'] ?? o.answer.params['status'] : null))).toEqual([
      { fresh: 'TokenId', bind: 'tokenID', maxLength: 65 },
      first,
      'CE',
    ]);
  });
});
