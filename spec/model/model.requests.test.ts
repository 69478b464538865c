// The model on authentication, parameters and idempotency (R-AUTH-*, R-WIRE-*, R-IDEM-*).
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../test/support/model-scenario.ts';
import { iso, label } from '../../test/support/model-driver.ts';
import { fingerprint, fpsModel, modelWarnings, worldCount } from './index.ts';
import { DAY, MINUTE } from './time.ts';

const setup = () => {
  const s = new Scenario();
  const abt = s.token('MultiUse', { globalAmountLimit: '100' }, 'ABT');
  s.tick();
  return { s, abt };
};

describe('authentication (R-AUTH-2..5, R-WIRE-2)', () => {
  it('unknown key, wrong signature, bad SignatureVersion/Method, Version', () => {
    const { s, abt } = setup();
    const pay = s.pay(abt, '1.00', 'p');
    expect(s.labels(s.api('GetTokenByCaller', { TokenId: abt }, { accessKeyId: 'NOPE' }, 'NOPE'))).toEqual(['error:InvalidClientTokenId']);
    expect(s.labels({ ...pay, auth: { ...(pay as { auth: object }).auth, signature: 'invalid' } } as typeof pay)).toEqual(['error:SignatureDoesNotMatch']);
    expect(s.labels(s.pay(abt, '1.00', 'p', { SignatureVersion: '1' }).kind === 'api' ? s.api('GetTokenByCaller', { TokenId: abt }, { signatureVersion: '1' }) : pay).sort()).toEqual(['error:AuthFailure', 'error:InvalidParams', 'error:SignatureDoesNotMatch']);
    expect(s.labels(s.api('GetTokenByCaller', { TokenId: abt }, { signatureMethod: 'HmacMD5' })).sort()).toEqual(['error:AuthFailure', 'error:InvalidParams', 'error:SignatureDoesNotMatch']);
    expect(s.labels(s.api('GetTokenByCaller', { TokenId: abt, Version: '2009-01-09' }))).toEqual(['error:InvalidParams']);
  });
  it('Timestamp: within 5 min accepted, beyond 15 min refused (set), between either (R-AUTH-4)', () => {
    const { s, abt } = setup();
    const at = (dt: number) => s.api('GetTokenByCaller', { TokenId: abt }, { timestamp: iso(s.t + dt) });
    expect(s.labels(at(-3 * MINUTE))).toEqual(['result:GetTokenByCaller:Active']);
    expect(s.labels(at(10 * MINUTE)).sort()).toEqual(['error:AuthFailure', 'error:InvalidParams', 'error:RequestExpired', 'result:GetTokenByCaller:Active']);
    expect(s.labels(at(-20 * MINUTE)).sort()).toEqual(['error:AuthFailure', 'error:InvalidParams', 'error:RequestExpired']);
    expect(s.labels(s.api('GetTokenByCaller', { TokenId: abt }, { timestamp: 'yesterday' })).sort()).toEqual(['error:AuthFailure', 'error:InvalidParams']);
  });
  it('a request failing authentication changes nothing (R-AUTH-5)', () => {
    const { s, abt } = setup();
    const before = fingerprint(s.d.state);
    const outs = s.allowed(s.api('Pay', { SenderTokenId: abt, 'TransactionAmount.Value': '1', 'TransactionAmount.CurrencyCode': 'USD', CallerReference: 'x' }, { signature: 'invalid' }));
    expect(outs.map((o) => o.answer)).toEqual([{ kind: 'error', code: 'SignatureDoesNotMatch' }]);
    // the state after it only differs by time
    const after = outs[0]!.next({});
    expect(fingerprint(after)).toBe(before);
    // and the CallerReference is not consumed
    expect(s.labels(s.pay(abt, '1.00', 'x'))[0]).toBe('result:Pay:Success');
  });
  it('an unknown Action is any 4xx error (R-WIRE-5)', () => {
    const { s } = setup();
    expect(s.allowed(s.api('Frobnicate', {})).map((o) => o.answer)).toEqual([{ kind: 'error', code: '*' }]);
  });
});

describe('parameters (R-WIRE-6..8)', () => {
  it('amounts: two fraction digits, USD, positive; 0.01 never asserted', () => {
    const { s, abt } = setup();
    const amt = (value: string, currency = 'USD') => s.api('Pay', { SenderTokenId: abt, 'TransactionAmount.Value': value, 'TransactionAmount.CurrencyCode': currency, CallerReference: `a${value}${currency}` });
    expect(s.labels(amt('1.234'))).toEqual(['error:InvalidParams']);
    expect(s.labels(amt('abc'))).toEqual(['error:InvalidParams']);
    expect(s.labels(amt('1.00', 'EUR'))).toEqual(['error:InvalidParams']);
    expect(s.labels(amt('0')).sort()).toEqual(['error:AmountOutOfRange', 'error:InvalidParams']);
    expect(s.labels(amt('-1.00')).sort()).toEqual(['error:AmountOutOfRange', 'error:InvalidParams']);
    expect(s.labels(amt('0.01')).sort()).toEqual(['error:AmountOutOfRange', 'error:InvalidParams', 'result:Pay:Failure', 'result:Pay:Success']);
  });
  it('missing required and over-long parameters → InvalidParams; several broken rules allow each code', () => {
    const { s, abt } = setup();
    expect(s.labels(s.api('Pay', { SenderTokenId: abt, 'TransactionAmount.Value': '1', 'TransactionAmount.CurrencyCode': 'USD' }))).toEqual(['error:InvalidParams']);
    expect(s.labels(s.pay(abt, '1.00', 'x'.repeat(129)))).toEqual(['error:InvalidParams']);
    expect(s.labels(s.pay(abt, '1.00', 'y', { CallerDescription: 'd'.repeat(161) }))).toEqual(['error:InvalidParams']);
    expect(s.labels(s.api('GetTransactionStatus', { TransactionId: 'T'.repeat(36) })).sort()).toEqual(['error:InvalidParams', 'error:InvalidTransactionId']);
    expect(s.labels(s.pay('NOPE', '1.00', 'z', { CallerDescription: 'd'.repeat(161) })).sort()).toEqual(['error:InvalidParams', 'error:InvalidTokenId_Sender']);
  });
  it('RecipientTokenID is read like RecipientTokenId (R-WIRE-9)', () => {
    const { s, abt } = setup();
    expect(s.labels(s.pay(abt, '1.00', 'q', { RecipientTokenID: 'NOPE' }))).toEqual(['error:InvalidTokenId_Recipient']);
  });
});

describe('idempotency (R-IDEM-1..5)', () => {
  it('a resend with the same parameters returns the original TransactionId and changes nothing', () => {
    const { s, abt } = setup();
    const first = s.run(s.pay(abt, '1.00', 'idem-1'));
    const id = first.bound['TransactionId']!;
    s.tick();
    const outs = s.allowed(s.pay(abt, '1.00', 'idem-1'));
    expect(outs.length).toBe(1);
    expect(outs[0]!.answer).toMatchObject({ kind: 'result', fields: { TransactionId: id, TransactionStatus: 'Success' } });
    expect(fingerprint(outs[0]!.next({}))).toBe(fingerprint(s.d.state));
  });
  it('the same CallerReference with other parameters (Action included) → DuplicateRequest; another caller may reuse it', () => {
    const { s, abt } = setup();
    s.run(s.pay(abt, '1.00', 'idem-2'));
    s.tick();
    expect(s.labels(s.pay(abt, '2.00', 'idem-2'))).toEqual(['error:DuplicateRequest']);
    expect(s.labels(s.api('Reserve', { SenderTokenId: abt, 'TransactionAmount.Value': '1.00', 'TransactionAmount.CurrencyCode': 'USD', CallerReference: 'idem-2' }))).toEqual(['error:DuplicateRequest']);
    // Timestamp and signature fields do not count
    expect(s.labels(s.pay(abt, '1.00', 'idem-2', { SignatureMethod: 'HmacSHA1' }))).toEqual(['result:Pay:Success']);
  });
  it('after 7 days the request is new again (R-IDEM-4); in the band, both', () => {
    const { s, abt } = setup();
    const first = s.run(s.pay(abt, '1.00', 'idem-3'));
    s.tick(7 * DAY - 10 * 1000);
    const band = s.allowed(s.pay(abt, '1.00', 'idem-3'));
    expect(band.some((o) => o.answer.kind === 'result' && o.answer.fields['TransactionId'] === first.bound['TransactionId'])).toBe(true);
    expect(band.some((o) => o.answer.kind === 'result' && typeof o.answer.fields['TransactionId'] === 'object')).toBe(true);
    s.tick(2 * MINUTE);
    const after = s.allowed(s.pay(abt, '1.00', 'idem-3'));
    expect(after[0]!.answer).toMatchObject({ fields: { TransactionId: { fresh: 'TransactionId' } } });
  });
  it('after an error answer: the same error, DuplicateRequest, or processed as new (R-IDEM-5)', () => {
    const { s, abt } = setup();
    s.run(s.pay(abt, '500.00', 'idem-4')); // over globalAmountLimit → TokenUsageError
    s.tick();
    expect(s.labels(s.pay(abt, '500.00', 'idem-4')).sort()).toEqual(['error:DuplicateRequest', 'error:TokenUsageError']);
    expect(s.labels(s.pay(abt, '5.00', 'idem-4')).sort()).toEqual(['error:DuplicateRequest', 'result:Pay:Failure', 'result:Pay:Success']);
  });
});

describe('unknown() (the answer never arrived)', () => {
  it('keeps "never happened" and "happened"; a resend binds the original id (R-IDEM-2)', () => {
    const { s, abt } = setup();
    const state = fpsModel.unknown(s.d.state, s.pay(abt, '1.00', 'lost-1'));
    s.d.state = state;
    s.tick();
    const outs = s.allowed(s.pay(abt, '1.00', 'lost-1'));
    // the resend answers a TransactionId the kit has not seen: new, or the lost original
    expect(outs[0]!.answer).toMatchObject({ kind: 'result', fields: { TransactionId: { fresh: 'TransactionId', bind: 'TransactionId' } } });
    const next = outs.find((o) => o.answer.kind === 'result' && o.answer.fields['TransactionStatus'] === 'Success')!.next({ TransactionId: 'LOST1' });
    s.d.state = next;
    const [st] = s.allowed(s.api('GetTransactionStatus', { TransactionId: 'LOST1' }));
    expect(st!.answer).toMatchObject({ fields: { TransactionId: 'LOST1', CallerReference: 'lost-1' } });
  });
});

describe('scope and simulation extras', () => {
  it('two callers may use the same CallerReference freely (R-IDEM-1)', () => {
    const { s, abt } = setup();
    s.run(s.pay(abt, '1.00', 'shared'));
    const other = s.newCaller();
    const theirs = s.run(s.cbui({ callerKey: other, pipelineName: 'MultiUse', callerReference: 'o', globalAmountLimit: '10' }, { instrument: 'ABT' })).bound['tokenID']!;
    s.tick();
    const pay = s.api('Pay', { SenderTokenId: theirs, 'TransactionAmount.Value': '2.00', 'TransactionAmount.CurrencyCode': 'USD', CallerReference: 'shared' }, {}, other);
    expect(s.labels(pay)[0]).toBe('result:Pay:Success');
  });
  it('MarketplaceFixedFee may come as a plain number (R-WIRE-9)', () => {
    const s = new Scenario();
    const r = s.recipientToken({ maxFixedFee: '1' });
    const sender = s.token('MultiUse', { globalAmountLimit: '100' });
    s.tick();
    expect(s.labels(s.pay(sender, '10.00', 'plain', { RecipientTokenId: r, MarketplaceFixedFee: '2.00' }))).toEqual(['error:InvalidParams']);
  });
  it("the seed's special RecipientTokenIds give the _Recipient errors (R-SBX-2)", () => {
    const s = new Scenario('sandbox-simulation');
    const sender = s.token('MultiUse', { globalAmountLimit: '100' });
    s.tick();
    expect(s.labels(s.pay(sender, '1.00', 'x', { RecipientTokenId: 'C4LGSEMXN11FTUXZ2X2C7QVFHN5DVBGQJNF17AIQXXXQSX4DRG4KJFCN2KRFUUZI' }))).toEqual(['error:UnverifiedEmailAddress_Recipient']);
    expect(s.labels(s.pay(sender, '1.00', 'y', { RecipientTokenId: 'R3VK49XVGCAZTJSXKN7ZSBHPMFGKM5VEEQTXGMVE8CFUZ2G5RLLMAB4J6TQRL6BU' }))).toEqual(['error:InvalidAccountState_Recipient']);
  });
  it('beyond the world cap the model keeps the first worlds and warns, never throws', () => {
    const { s, abt } = setup();
    // six ABT Pay requests whose answers never arrived: never, Success or Failure each, 3^6 worlds
    let state = s.d.state;
    for (let i = 0; i < 6; i++) state = fpsModel.unknown(state, s.pay(abt, '1.00', `lost${i}`));
    expect(worldCount(state)).toBe(256);
    expect(modelWarnings(state).join(' ')).toMatch(/kept 256 of 729/);
    expect(fpsModel.step(state, s.api('GetTokenByCaller', { TokenId: abt })).length).toBeGreaterThan(0);
  });
});

describe('unknown() and process', () => {
  it('a lost CC Pay: process may complete one transaction the model cannot name', () => {
    const s = new Scenario();
    const cc = s.token('MultiUse', { globalAmountLimit: '100', paymentMethod: 'CC' }, 'CC');
    s.tick();
    s.d.state = fpsModel.unknown(s.d.state, s.pay(cc, '1.00', 'lost-cc'));
    const answers = fpsModel.step(s.d.state, s.process()).map((o) => o.answer);
    expect(answers).toContainEqual({ kind: 'process', completed: [] });
    expect(answers).toContainEqual({ kind: 'process', completed: [], unresolved: 1 });
  });
  it('DescriptorPolicy children are known parameters; other unknown names may be refused', () => {
    const { s, abt } = setup();
    expect(s.labels(s.pay(abt, '1.00', 'dp', { 'DescriptorPolicy.SoftDescriptorType': 'Static' }))[0]).toBe('result:Pay:Success');
    expect(s.labels(s.pay(abt, '1.00', 'dq', { Frobnicate: '1' })).sort()).toEqual(['error:InvalidParams', 'result:Pay:Failure', 'result:Pay:Success']);
  });
});

describe('hostile ids', () => {
  it('"constructor" and "__proto__" are unknown ids, not crashes', () => {
    const { s } = setup();
    expect(s.labels(s.api('GetTransactionStatus', { TransactionId: 'constructor' }))).toEqual(['error:InvalidTransactionId']);
    expect(s.labels(s.pay('__proto__', '1.00', 'h'))).toEqual(['error:InvalidTokenId_Sender']);
    expect(s.labels(s.api('CancelToken', { TokenId: 'toString' }))).toEqual(['error:InvalidTokenId']);
    expect(s.labels(s.api('GetTokenByCaller', {}, { accessKeyId: 'hasOwnProperty' }, 'hasOwnProperty'))).toContain('error:InvalidClientTokenId');
  });
});

describe('unknown() binds what a later answer shows', () => {
  it('a lost CBUI answer: GetTokenByCaller by callerReference may show the token, binding its id', () => {
    const s = new Scenario();
    s.d.state = fpsModel.unknown(s.d.state, s.cbui({ pipelineName: 'MultiUse', callerReference: 'lost-cbui', globalAmountLimit: '10' }, { instrument: 'ABT' }));
    s.tick();
    const outs = s.allowed(s.api('GetTokenByCaller', { CallerReference: 'lost-cbui' }));
    expect(outs.map((o) => label(o.answer)).sort()).toEqual(['error:InvalidCallerReference', 'result:GetTokenByCaller:Active']);
    const found = outs.find((o) => o.answer.kind === 'result')!;
    expect(found.answer).toMatchObject({ fields: { 'Token.TokenId': { fresh: 'TokenId', bind: 'Token.TokenId' } } });
    s.d.state = found.next({ 'Token.TokenId': 'TKLOST' });
    s.tick();
    expect(s.labels(s.pay('TKLOST', '1.00', 'after-lost'))[0]).toBe('result:Pay:Success');
  });
});
