// Properties of the model over random command sequences (fast-check): the emulator side
// (stepConcrete with random choosers) never leaves what the checker side (step) allows, and the
// invariants of the rulings hold in every world the emulator reaches.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scenario } from '../../test/support/model-scenario.ts';
import { freshBinds } from '../../test/support/model-driver.ts';
import { fpsModel, type FpsState } from './index.ts';
import { canonical, type World } from './worlds.ts';
import { BAND, DAY, HOUR, windowIndex, windowStart } from './time.ts';
import type { Chooser, ModelInput } from './api.ts';

type Cmd =
  | { k: 'token'; pipeline: number; inst: number }
  | { k: 'pay' | 'reserve'; tok: number; cents: number; ref: number; ipn: boolean; to: number | null; fee: number | null }
  | { k: 'recipient'; pays: boolean }
  | { k: 'editToken'; tok: number; inst: number }
  | { k: 'settle'; tx: number; cents: number | null }
  | { k: 'refund'; tx: number; cents: number | null; ref: number }
  | { k: 'cancel' | 'status'; tx: number }
  | { k: 'cancelToken'; tok: number }
  | { k: 'process' }
  | { k: 'tick'; ms: number }
  | { k: 'resend' }
  | { k: 'unsigned'; tok: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ k: fc.constant('token' as const), pipeline: fc.nat(4), inst: fc.nat(2) }),
  fc.record({ k: fc.constantFrom('pay' as const, 'reserve' as const), tok: fc.nat(9), cents: fc.integer({ min: 1, max: 1200 }), ref: fc.nat(6), ipn: fc.boolean(), to: fc.option(fc.nat(3)), fee: fc.option(fc.integer({ min: 0, max: 300 })) }),
  fc.record({ k: fc.constant('recipient' as const), pays: fc.boolean() }),
  fc.record({ k: fc.constant('editToken' as const), tok: fc.nat(9), inst: fc.nat(2) }),
  fc.record({ k: fc.constant('settle' as const), tx: fc.nat(9), cents: fc.option(fc.integer({ min: 1, max: 1200 })) }),
  fc.record({ k: fc.constant('refund' as const), tx: fc.nat(9), cents: fc.option(fc.integer({ min: 1, max: 600 })), ref: fc.nat(6) }),
  fc.record({ k: fc.constantFrom('cancel' as const, 'status' as const), tx: fc.nat(9) }),
  fc.record({ k: fc.constant('cancelToken' as const), tok: fc.nat(9) }),
  fc.record({ k: fc.constant('process' as const) }),
  fc.record({ k: fc.constant('tick' as const), ms: fc.constantFrom(1000, 50_000, HOUR, DAY, 7 * DAY, 31 * DAY) }),
  fc.record({ k: fc.constant('resend' as const) }),
  fc.record({ k: fc.constant('unsigned' as const), tok: fc.nat(9) }),
);

const PIPES = [
  ['SingleUse', { transactionAmount: '5.00' }],
  ['MultiUse', { globalAmountLimit: '20', usageLimitType1: 'Count', usageLimitValue1: '2', usageLimitPeriod1: '1 Day' }],
  ['MultiUse', { globalAmountLimit: '15', usageLimitType1: 'Amount', usageLimitValue1: '6', usageLimitPeriod1: '1 Month', transactionAmount: '4', amountType: 'Maximum' }],
  ['Recurring', { transactionAmount: '3.00', recurringPeriod: '1 Day' }],
  ['MultiUse', { globalAmountLimit: '10' }],
] as const;
const INSTS = ['ABT', 'CC', 'ACH'] as const;

const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

function mulberry(seed: number): Chooser {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(r * n);
  };
}

/** what a request may create, charge or use: transactions, token uses, CallerReferences, token states */
const footprint = (state: unknown): string => canonical((state as FpsState).worlds.map((w) => ({
  txns: Object.keys(w.txns).sort(), idem: w.idem, tokens: Object.values(w.tokens).map((t) => [t.tokenId, t.status, t.uses]),
})));

const worldOf = (s: Scenario): World => (s.d.state as FpsState).worlds[0]!;

/** R-REF-2, R-PAY-3, R-TOK-5/6 in the one world the emulator side holds */
function checkInvariants(w: World): void {
  for (const t of Object.values(w.txns)) {
    if (t.kind === 'Reserve' && t.settle) expect(t.settle.cents).toBeLessThanOrEqual(t.cents);
    const original = t.kind === 'Reserve' ? t.settle?.cents ?? 0 : t.cents;
    const refunded = Object.values(w.txns).filter((r) => r.parentTransactionId === t.transactionId && r.status !== 'Failure' && r.status !== 'Cancelled').reduce((a, r) => a + r.cents, 0);
    if (t.kind !== 'Refund') expect(refunded).toBeLessThanOrEqual(original);
  }
  for (const tok of Object.values(w.tokens)) {
    // only uses that surely count: a use given back under the adopted policy does not
    const uses = tok.uses.filter((u) => {
      const t = w.txns[u.transactionId]!;
      const refunded = Object.values(w.txns).some((r) => r.parentTransactionId === t.transactionId && r.status !== 'Failure' && r.status !== 'Cancelled');
      if (t.status === 'Failure') return w.giveBack.failure === false;
      if (t.status === 'Cancelled') return w.giveBack.cancel === false;
      if (refunded) return w.giveBack.refund === false;
      return true;
    });
    const anchor = tok.validityStart ?? tok.installedAt;
    if (tok.pipeline === 'SingleUse') expect(uses.length).toBeLessThanOrEqual(1);
    // a reserve settled for less may count its settled amount (the documents do not say)
    const centsOf = (u: { cents: number; transactionId: string }) => Math.min(u.cents, w.txns[u.transactionId]?.settle?.cents ?? u.cents);
    if (tok.globalAmountLimit !== undefined) expect(uses.reduce((a, u) => a + centsOf(u), 0)).toBeLessThanOrEqual(tok.globalAmountLimit);
    const periodic = [...tok.limits.map((l) => ({ ...l })), ...(tok.recurringPeriod ? [{ type: 'Count' as const, value: 1, period: tok.recurringPeriod }] : [])];
    for (const l of periodic) {
      if (!l.period) continue;
      const p = l.period;
      // count only uses surely inside a window (outside the bands at its edges)
      const sure = uses.filter((u) => {
        const k = windowIndex(anchor, p, u.at);
        return u.at - windowStart(anchor, p, k) >= BAND && windowStart(anchor, p, k + 1) - u.at > BAND;
      });
      const byWindow = new Map<number, { n: number; c: number }>();
      for (const u of sure) {
        const k = windowIndex(anchor, p, u.at);
        const e = byWindow.get(k) ?? { n: 0, c: 0 };
        byWindow.set(k, { n: e.n + 1, c: e.c + centsOf(u) });
      }
      for (const e of byWindow.values()) expect(l.type === 'Count' ? e.n : e.c).toBeLessThanOrEqual(l.value);
    }
  }
}

function runSequence(cmds: Cmd[], seed: number | 'nominal' | 'contrary', profile: 'core' | 'sandbox-simulation' = 'core'): void {
  const s = new Scenario(profile);
  const nominalRun = seed === 'nominal';
  const recipients: string[] = [];
  // the checker's own state: it narrows through step/next only, never sees the emulator's world
  let checker = s.d.state;
  // contrary: the last allowed option everywhere (emulator/chooser.ts), the reading least like the nominal one
  const choose: Chooser = seed === 'nominal' ? () => 0 : seed === 'contrary' ? (n) => Math.max(0, n - 1) : mulberry(seed);
  const tokens: string[] = [];
  const txns: string[] = [];
  let lastApi: ModelInput | undefined;
  for (const c of cmds) {
    let input: ModelInput;
    switch (c.k) {
      case 'token': {
        const [pipeline, params] = PIPES[c.pipeline]!;
        const inst = INSTS[c.inst]!;
        input = s.cbui({ pipelineName: pipeline, callerReference: `t${tokens.length}`, paymentMethod: inst, ...params }, { instrument: inst });
        break;
      }
      case 'pay': case 'reserve': {
        const tok = tokens[c.tok % Math.max(1, tokens.length)] ?? 'NOPE';
        const extra: Record<string, string> = c.ipn ? { OverrideIPNURL: 'http://127.0.0.1:9/ipn' } : {};
        if (c.to !== null && recipients.length > 0) extra['RecipientTokenId'] = recipients[c.to % recipients.length]!;
        if (c.fee !== null) Object.assign(extra, { 'MarketplaceFixedFee.Value': money(c.fee), 'MarketplaceFixedFee.CurrencyCode': 'USD' });
        input = (c.k === 'pay' ? s.pay : s.reserve).call(s, tok, money(c.cents), `ref${c.ref}`, extra);
        break;
      }
      case 'recipient':
        input = s.cbui({ pipelineName: 'Recipient', callerReference: `rc${recipients.length}`, maxFixedFee: '1', recipientPaysFee: c.pays ? 'True' : 'False' }, {}, s.sellerEmail);
        break;
      case 'editToken':
        input = s.cbui({ pipelineName: 'EditToken', callerReference: `ed${c.tok}`, tokenID: tokens[c.tok % Math.max(1, tokens.length)] ?? 'NOPE', paymentMethod: INSTS[c.inst]! }, { instrument: INSTS[c.inst]! });
        break;
      case 'settle':
        input = s.api('Settle', { ReserveTransactionId: txns[c.tx % Math.max(1, txns.length)] ?? 'NOPE', ...(c.cents ? { 'TransactionAmount.Value': money(c.cents), 'TransactionAmount.CurrencyCode': 'USD' } : {}) });
        break;
      case 'refund':
        input = s.api('Refund', { TransactionId: txns[c.tx % Math.max(1, txns.length)] ?? 'NOPE', CallerReference: `ref${c.ref}`, ...(c.cents ? { 'RefundAmount.Value': money(c.cents), 'RefundAmount.CurrencyCode': 'USD' } : {}) });
        break;
      case 'cancel':
        input = s.api('Cancel', { TransactionId: txns[c.tx % Math.max(1, txns.length)] ?? 'NOPE' });
        break;
      case 'status':
        input = s.api('GetTransactionStatus', { TransactionId: txns[c.tx % Math.max(1, txns.length)] ?? 'NOPE' });
        break;
      case 'cancelToken':
        input = s.api('CancelToken', { TokenId: tokens[c.tok % Math.max(1, tokens.length)] ?? 'NOPE' });
        break;
      case 'process':
        input = s.process();
        break;
      case 'tick':
        s.tick(c.ms);
        input = { kind: 'clock', at: s.t, to: s.t };
        break;
      case 'resend':
        if (!lastApi) continue;
        input = { ...lastApi, at: s.t } as ModelInput;
        break;
      case 'unsigned':
        input = s.pay(tokens[c.tok % Math.max(1, tokens.length)] ?? 'NOPE', '1.00', 'unsigned');
        input = { ...input, auth: { ...(input as Extract<ModelInput, { kind: 'api' }>).auth, signature: 'invalid' } } as ModelInput;
        break;
    }
    const before = s.d.state;
    const allowed = fpsModel.step(before, input);
    const concrete = fpsModel.stepConcrete(before, input, choose);
    // the emulator's outcome is one the checker allows, and leads to one of its worlds
    const match = allowed.find((o) => canonical(o.answer) === canonical(concrete.answer));
    // grouped: no two outcomes share an answer; and the nominal one comes first
    expect(new Set(allowed.map((o) => canonical(o.answer))).size).toBe(allowed.length);
    if (nominalRun) expect(canonical(allowed[0]!.answer)).toBe(canonical(concrete.answer));
    expect(match, `${c.k}: ${JSON.stringify(concrete.answer)} not in step`).toBeDefined();
    const bound: Record<string, string> = {};
    for (const [bind, kind] of freshBinds(concrete.answer)) bound[bind] = s.d.gen(kind);
    const after = concrete.next(bound);
    s.d.state = after;
    const seen = fpsModel.step(checker, input).find((o) => canonical(o.answer) === canonical(concrete.answer));
    expect(seen, `checker: ${c.k} ${JSON.stringify(concrete.answer)} not allowed`).toBeDefined();
    checker = seen!.next(bound);
    // the checker leaves processed finals to their first observation, so its worlds are coarser
    // than the emulator's; what must agree are the answers, here and at the end of the run
    // R-AUTH-5: no transaction, no token use, no CallerReference (time may still run what falls due)
    if (c.k === 'unsigned') expect(footprint(after)).toBe(footprint(before));
    if (input.kind === 'api') {
      const a = concrete.answer;
      // an idempotent resend: the original TransactionId, and nothing changes (R-IDEM-2)
      // (a Pending transaction may complete on its own meanwhile: that is not the resend's doing)
      if (a.kind === 'result' && typeof a.fields['TransactionId'] === 'string' && ['Pay', 'Reserve', 'Refund'].includes(a.action)) {
        expect(footprint(after)).toBe(footprint(before));
      }
      if (a.kind === 'result' && bound['TransactionId'] && ['Pay', 'Reserve'].includes(a.action)) txns.push(bound['TransactionId']);
      if (c.k !== 'unsigned') lastApi = input;
    }
    if (concrete.answer.kind === 'redirect' && bound['tokenID']) (c.k === 'recipient' ? recipients : tokens).push(bound['tokenID']);
    checkInvariants(worldOf(s));
  }
  // every transaction's status, as the emulator answers it, is one the checker allows
  for (const id of txns) {
    const input = s.api('GetTransactionStatus', { TransactionId: id });
    const concrete = fpsModel.stepConcrete(s.d.state, input, choose);
    const seen = fpsModel.step(checker, input).find((o) => canonical(o.answer) === canonical(concrete.answer));
    expect(seen, `final status of ${id}: ${JSON.stringify(concrete.answer)}`).toBeDefined();
    s.d.state = concrete.next({ RequestId: 'r' });
    checker = seen!.next({ RequestId: 'r' });
  }
}

describe('model properties', () => {
  it('step contains what stepConcrete picks, for random choosers; invariants hold (R-REF-2, R-PAY-3, R-TOK-6, R-IDEM-2, R-AUTH-5)', () => {
    fc.assert(fc.property(fc.array(cmd, { minLength: 4, maxLength: 30 }), fc.integer(), (cmds, seed) => {
      runSequence([{ k: 'token', pipeline: 4, inst: 1 }, { k: 'token', pipeline: 1, inst: 0 }, ...cmds], seed);
    }), { numRuns: 60 });
  });
  it('in the sandbox-simulation profile too (R-SBX-1)', () => {
    fc.assert(fc.property(fc.array(cmd, { minLength: 4, maxLength: 25 }), fc.integer(), (cmds, seed) => {
      runSequence([{ k: 'token', pipeline: 4, inst: 1 }, { k: 'recipient', pays: true }, ...cmds], seed, 'sandbox-simulation');
    }), { numRuns: 40 });
  });
  it('the contrary chooser too (the last allowed option at every choice), on both profiles', () => {
    fc.assert(fc.property(fc.array(cmd, { minLength: 4, maxLength: 30 }), (cmds) => {
      runSequence([{ k: 'token', pipeline: 4, inst: 1 }, { k: 'token', pipeline: 1, inst: 0 }, ...cmds], 'contrary');
    }), { numRuns: 30 });
    fc.assert(fc.property(fc.array(cmd, { minLength: 4, maxLength: 25 }), (cmds) => {
      runSequence([{ k: 'token', pipeline: 4, inst: 1 }, { k: 'recipient', pays: true }, ...cmds], 'contrary', 'sandbox-simulation');
    }), { numRuns: 20 });
  });
  it('the nominal chooser too', () => {
    fc.assert(fc.property(fc.array(cmd, { minLength: 4, maxLength: 30 }), (cmds) => {
      runSequence([{ k: 'token', pipeline: 0, inst: 0 }, { k: 'token', pipeline: 3, inst: 1 }, ...cmds], 'nominal');
    }), { numRuns: 30 });
  });
});
