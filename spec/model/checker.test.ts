import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeAnswer, matchAll, matchAnswer, type Observed } from './checker.ts';
import type { Decoded } from '../../core/suite.ts';
import type { Answer, Expect, Outcome } from './api.ts';

const outcome = (answer: Answer, rules: string[] = ['R-TEST-1'], why = 'test'): Outcome => ({
  answer,
  rules,
  why,
  next: (bound) => ({ now: 0, bound }),
});
const result = (action: string, fields: Record<string, string>): Decoded => ({ kind: 'result', action, version: '2008-09-17', fields });
const error = (code: string): Decoded => ({ kind: 'error', code, message: 'm' });

const payAnswer: Answer = {
  kind: 'result',
  action: 'Pay',
  fields: {
    TransactionId: { fresh: 'TransactionId', bind: 'txn', maxLength: 35 },
    TransactionStatus: { oneOf: ['Pending', 'Success'] },
    'TransactionAmount.Value': '10.00',
    RequestId: { present: true },
    StatusMessage: { optional: true },
  },
};

describe('matchAnswer: API results', () => {
  it('matches and binds a fresh id', () => {
    const m = matchAnswer([outcome(payAnswer)], result('Pay', { TransactionId: 'T1', TransactionStatus: 'Pending', 'TransactionAmount.Value': '10.00', RequestId: 'r' }));
    expect(m.ok).toBe(true);
    if (m.ok) expect(m.bound).toEqual({ txn: 'T1' });
  });

  it('compares amount values as decimals ("10" is 10.00), other fields as strings', () => {
    expect(matchAnswer([outcome(payAnswer)], result('Pay', { TransactionId: 'T1', TransactionStatus: 'Success', 'TransactionAmount.Value': '10', RequestId: 'r' })).ok).toBe(true);
    expect(matchAnswer([outcome(payAnswer)], result('Pay', { TransactionId: 'T1', TransactionStatus: 'success', 'TransactionAmount.Value': '10', RequestId: 'r' })).ok).toBe(false);
  });

  it.each([
    ['another action', result('Reserve', { TransactionId: 'T1', TransactionStatus: 'Pending', 'TransactionAmount.Value': '10.00', RequestId: 'r' }), /Reserve result/],
    ['a value outside oneOf', result('Pay', { TransactionId: 'T1', TransactionStatus: 'Reserved', 'TransactionAmount.Value': '10.00', RequestId: 'r' }), /TransactionStatus=Reserved/],
    ['a wrong literal', result('Pay', { TransactionId: 'T1', TransactionStatus: 'Pending', 'TransactionAmount.Value': '10.01', RequestId: 'r' }), /TransactionAmount.Value=10.01/],
    ['a missing required field', result('Pay', { TransactionId: 'T1', TransactionStatus: 'Pending', 'TransactionAmount.Value': '10.00' }), /RequestId missing/],
    ['a missing fresh id', result('Pay', { TransactionStatus: 'Pending', 'TransactionAmount.Value': '10.00', RequestId: 'r' }), /TransactionId missing/],
    ['an empty fresh id', result('Pay', { TransactionId: '', TransactionStatus: 'Pending', 'TransactionAmount.Value': '10.00', RequestId: 'r' }), /TransactionId missing/],
    ['an id longer than 35', result('Pay', { TransactionId: 'x'.repeat(36), TransactionStatus: 'Pending', 'TransactionAmount.Value': '10.00', RequestId: 'r' }), /at most 35/],
    ['an error instead of a result', error('InvalidParams'), /got error InvalidParams/],
    ['a malformed answer', { kind: 'malformed', problems: ['no root'] } as Decoded, /malformed/],
  ])('detects %s', (_what, observed, reason) => {
    const m = matchAnswer([outcome(payAnswer, ['R-PAY-1'])], observed);
    expect(m.ok).toBe(false);
    if (!m.ok) {
      expect(m.rules).toEqual(['R-PAY-1']);
      expect(m.allowed).toEqual([describeAnswer(payAnswer)]);
      expect(m.reasons.join('\n')).toMatch(reason);
    }
  });

  it('rejects a new id the target already gave to another entity of that kind', () => {
    const taken = new Map([['TransactionId', new Set(['T1'])]]);
    const obs = result('Pay', { TransactionId: 'T1', TransactionStatus: 'Pending', 'TransactionAmount.Value': '10.00', RequestId: 'r' });
    const m = matchAnswer([outcome(payAnswer)], obs, { taken });
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.reasons[0]).toMatch(/reuses the id of an earlier transaction/);
    // a token id equal to a transaction id is not a reuse: different entities
    expect(matchAnswer([outcome(payAnswer)], obs, { taken: new Map([['TokenId', new Set(['T1'])]]) }).ok).toBe(true);
  });

  it('rejects two new ids of one kind with the same value in one answer', () => {
    const a: Answer = { kind: 'result', action: 'X', fields: { A: { fresh: 'TokenId', bind: 'a' }, B: { fresh: 'TokenId', bind: 'b' } } };
    expect(matchAnswer([outcome(a)], result('X', { A: 'k', B: 'k' })).ok).toBe(false);
    expect(matchAnswer([outcome(a)], result('X', { A: 'k', B: 'j' })).ok).toBe(true);
  });

  it('does not hold RequestIds to uniqueness (they name requests, not entities)', () => {
    const a: Answer = { kind: 'result', action: 'X', fields: { RequestId: { fresh: 'RequestId', bind: 'RequestId' } } };
    expect(matchAnswer([outcome(a)], result('X', { RequestId: 'r' }), { taken: new Map([['RequestId', new Set(['r'])]]) }).ok).toBe(true);
  });

  it('keeps the outcome that matches among several and lists all when none does', () => {
    const outs = [outcome(payAnswer, ['R-PAY-1']), outcome({ kind: 'error', code: 'TokenUsageError' }, ['R-TOK-6']), outcome({ kind: 'error', code: 'IncompatibleTokens' }, ['R-TOK-5'])];
    const m = matchAnswer(outs, error('IncompatibleTokens'));
    expect(m.ok && m.outcome).toBe(outs[2]);
    const bad = matchAnswer(outs, error('InvalidParams'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.allowed).toHaveLength(3);
      expect(bad.allowed).toContain('error TokenUsageError');
      expect(bad.rules.sort()).toEqual(['R-PAY-1', 'R-TOK-5', 'R-TOK-6']);
    }
  });

  it('matchAll returns every matching outcome', () => {
    const outs = [outcome({ kind: 'result', action: 'X', fields: { S: { oneOf: ['A', 'B'] } } }), outcome({ kind: 'result', action: 'X', fields: { S: 'A' } })];
    expect(matchAll(outs, result('X', { S: 'A' })).matches).toHaveLength(2);
    expect(matchAll(outs, result('X', { S: 'B' })).matches).toHaveLength(1);
  });
});

describe('matchAnswer: errors', () => {
  it('needs the same code, or any code for the any-error form', () => {
    expect(matchAnswer([outcome({ kind: 'error', code: 'InvalidParams' })], error('InvalidParams')).ok).toBe(true);
    expect(matchAnswer([outcome({ kind: 'error', code: 'InvalidParams' })], error('InvalidParam')).ok).toBe(false);
    expect(matchAnswer([outcome({ kind: 'error', code: '*' as never })], error('Whatever')).ok).toBe(true);
    expect(matchAnswer([outcome({ kind: 'error', code: '*' as never })], result('Pay', {})).ok).toBe(false);
  });
});

describe('matchAnswer: Co-Branded redirects', () => {
  const answer: Answer = {
    kind: 'redirect',
    returnURL: 'http://127.0.0.1/fps-conformance/return/x',
    params: { tokenID: { fresh: 'TokenId', bind: 'tokenID', maxLength: 65 }, status: { oneOf: ['SA', 'SB', 'SC'] }, callerReference: 't1', signature: { present: true } },
  };
  const redirect = (location: string | undefined, status = 302): Observed => ({ kind: 'redirect', status, location });

  it('matches names without regard to case (R-WIRE-2) and binds the token id', () => {
    const m = matchAnswer([outcome(answer)], redirect('http://127.0.0.1/fps-conformance/return/x?TokenId=TK1&Status=SC&CALLERREFERENCE=t1&signature=zz'));
    expect(m.ok).toBe(true);
    if (m.ok) expect(m.bound).toEqual({ tokenID: 'TK1' });
  });

  it.each([
    ['another status', redirect('http://127.0.0.1/fps-conformance/return/x?tokenID=TK1&status=CE&callerReference=t1&signature=zz'), /status=CE/],
    ['another place', redirect('http://127.0.0.1/elsewhere?tokenID=TK1&status=SA&callerReference=t1&signature=zz'), /not to returnURL/],
    ['no Location', redirect(undefined), /without Location/],
    ['not a 302', redirect('http://127.0.0.1/fps-conformance/return/x?tokenID=TK1&status=SA&callerReference=t1&signature=zz', 200), /HTTP 200/],
    ['a missing signature', redirect('http://127.0.0.1/fps-conformance/return/x?tokenID=TK1&status=SA&callerReference=t1'), /signature missing/],
    ['an API answer', result('Pay', {}), /got Pay result/],
  ])('detects %s', (_w, obs, reason) => {
    const m = matchAnswer([outcome(answer)], obs);
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.reasons.join()).toMatch(reason);
  });
});

describe('matchAnswer: caller exceptions (R-TOK-1)', () => {
  const ce: Answer = { kind: 'redirect', returnURL: 'http://127.0.0.1/r', params: { status: 'CE', errorMessage: { present: true } }, errorInputs: ['transactionAmount', 'callerReference'] };
  it('needs an errorMessage naming one of the inputs at fault, in any case', () => {
    expect(matchAnswer([outcome(ce)], { kind: 'redirect', status: 302, location: 'http://127.0.0.1/r?status=CE&errorMessage=The+TransactionAmount+is+missing' }).ok).toBe(true);
    const m = matchAnswer([outcome(ce)], { kind: 'redirect', status: 302, location: 'http://127.0.0.1/r?status=CE&errorMessage=Something+went+wrong' });
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.reasons[0]).toMatch(/names none of transactionAmount, callerReference/);
  });
});

describe('matchAnswer: sandbox answers', () => {
  it('process: order free; ids of other runs ignored; a subset allowed; an unexpected id of ours detected', () => {
    const o = outcome({ kind: 'process', completed: ['a', 'b'] });
    const known = new Set(['a', 'b', 'c']);
    expect(matchAnswer([o], { kind: 'process', completed: ['b', 'x', 'a'] }, { known }).ok).toBe(true);
    // 'a' may have completed on its own before the hook was called
    expect(matchAnswer([o], { kind: 'process', completed: ['b'] }, { known }).ok).toBe(true);
    expect(matchAnswer([o], { kind: 'process', completed: ['a', 'b', 'c'] }, { known }).ok).toBe(false);
    expect(matchAnswer([o], { kind: 'process', completed: ['a', 'b', 'x'] }).ok).toBe(false);
    // up to `unresolved` ids the model cannot name
    const u = outcome({ kind: 'process', completed: ['a'], unresolved: 1 });
    expect(matchAnswer([u], { kind: 'process', completed: ['a', 'x'] }).ok).toBe(true);
    expect(matchAnswer([u], { kind: 'process', completed: ['a', 'x', 'y'] }).ok).toBe(false);
  });

  it('clock: within the 60 s band', () => {
    const o = outcome({ kind: 'clock', now: 1_000_000 });
    expect(matchAnswer([o], { kind: 'clock', now: 1_030_000 }).ok).toBe(true);
    expect(matchAnswer([o], { kind: 'clock', now: 1_000_000 + 61_000 }).ok).toBe(false);
  });

  it('account: fields and fresh ids', () => {
    const o = outcome({ kind: 'account', fields: { accountId: { fresh: 'AccountId', bind: 'acct' }, email: 'a@x', accessKeyId: { fresh: 'AccessKeyId', bind: 'key' } } });
    const m = matchAnswer([o], { kind: 'account', fields: { accountId: 'A1', email: 'a@x', accessKeyId: 'K1', secretAccessKey: 's' } });
    expect(m.ok && m.bound).toEqual({ acct: 'A1', key: 'K1' });
    expect(matchAnswer([o], { kind: 'account', fields: { accountId: 'A1', email: 'b@x', accessKeyId: 'K1' } }).ok).toBe(false);
  });

  it('no answer matches nothing', () => {
    expect(matchAnswer([outcome(payAnswer), outcome({ kind: 'error', code: '*' as never })], { kind: 'none', reason: 'timeout' }).ok).toBe(false);
  });
});

describe('matchAnswer: properties', () => {
  // An Expect and a value that satisfies it, or one that breaks it.
  const expectArb: fc.Arbitrary<{ e: Expect; good: string | undefined; bad: string | undefined | null }> = fc.oneof(
    fc.string({ minLength: 1, maxLength: 8 }).map((s) => ({ e: s, good: s, bad: s + 'x' })),
    fc.uniqueArray(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }).chain((vals) =>
      fc.constantFrom(...vals).map((g) => ({ e: { oneOf: vals }, good: g, bad: vals.join('') + '!' })),
    ),
    fc.string({ minLength: 1, maxLength: 9 }).map((s) => ({ e: { fresh: 'TokenId' as const, bind: 'b', maxLength: 10 }, good: `${s}#`, bad: 'y'.repeat(11) })),
    fc.string().map((s) => ({ e: { present: true as const }, good: s, bad: undefined })),
    fc.option(fc.string(), { nil: undefined }).map((s) => ({ e: { optional: true as const }, good: s, bad: null })),
  );

  it('never rejects an answer that satisfies every field, and always rejects one broken field', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('A', 'B', 'C', 'D', 'E'), expectArb, { minKeys: 1 }), fc.nat(), (spec, k) => {
        const fields: Record<string, Expect> = {};
        const good: Record<string, string> = {};
        let fresh = 0;
        for (const [name, { e, good: g }] of Object.entries(spec)) {
          // one fresh binding per answer keeps the property about one thing
          if (typeof e === 'object' && 'fresh' in e && fresh++ > 0) continue;
          fields[name] = e;
          if (g !== undefined) good[name] = g;
        }
        const o = outcome({ kind: 'result', action: 'X', fields });
        expect(matchAnswer([o], result('X', good)).ok).toBe(true);
        const breakable = Object.keys(fields).filter((n) => spec[n]!.bad !== null);
        if (breakable.length === 0) return;
        const name = breakable[k % breakable.length]!;
        const bad = { ...good };
        const b = spec[name]!.bad;
        if (b === undefined) delete bad[name];
        else bad[name] = b as string;
        expect(matchAnswer([o], result('X', bad)).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('matchRecord: IPN amounts (currency and number)', () => {
  // seed 004 "Specifies the amount payable in this transaction; for example, USD 10.00": the form is an example, the value is what counts
  it('compares "USD 5", "USD 5.0" and "USD 5.00" by value, never across currencies or with other values', async () => {
    const { matchRecord } = await import('./checker.ts');
    for (const same of ['USD 5.00', 'USD 5', 'USD 5.0', 'USD 05.000']) expect(matchRecord({ transactionAmount: 'USD 5.00' }, { transactionAmount: same }).ok, same).toBe(true);
    for (const other of ['USD 5.01', 'EUR 5.00', '5.00', 'USD  5.00', 'usd 5.00', 'USD 5.00 ']) expect(matchRecord({ transactionAmount: 'USD 5.00' }, { transactionAmount: other }).ok, other).toBe(false);
    // only where an amount is expected: another field keeps string equality
    expect(matchRecord({ callerReference: 'USD 5.00' }, { callerReference: 'USD 5' }).ok).toBe(false);
  });
});

describe('matchRecord: a value in a form (pattern Expect)', () => {
  // R-IPN-2: a cancel notification's amount is open, its form "USD 1.00" is not
  const fields: Record<string, Expect> = { transactionAmount: { pattern: '^USD \\d+\\.\\d{2}$', example: 'USD 1.00' } };
  it('accepts any value of the form and refuses others or none', async () => {
    const { matchRecord } = await import('./checker.ts');
    expect(matchRecord(fields, { transactionAmount: 'USD 12.50' }).ok).toBe(true);
    for (const bad of ['present', 'USD 1', '1.00', 'USD 1.000', 'EUR 1.00']) expect(matchRecord(fields, { transactionAmount: bad }).ok, bad).toBe(false);
    const missing = matchRecord(fields, {});
    expect(missing.ok === false && missing.reason).toContain('USD 1.00');
    expect(describeAnswer({ kind: 'result', action: 'X', fields })).toBe('X result {transactionAmount=<like USD 1.00>}');
  });
});
