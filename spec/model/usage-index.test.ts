// The usage index (usage-index.ts) gives the usage check exactly what walking every use gives
// (R-TOK-6, R-TOK-7, R-TOK-8, the 60 s band): the same violations for both give-back readings at
// any time around the window edges, and the same choices in the same order when the verdict needs
// the target's policy, so an emulator world stepped in place equals a copied world stepped by walk.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Chooser, ModelInput, ModelState } from './api.ts';
import type { Ctx } from './ctx.ts';
import { freshBinds } from '../../test/support/model-driver.ts';
import { fpsModel, type FpsState } from './index.ts';
import { Scenario } from '../../test/support/model-scenario.ts';
import { BAND, DAY, HOUR } from './time.ts';
import { transition } from './transition.ts';
import { buildByIndex, buildByWalk, indexedUses, usageIndexOf } from './usage.ts';
import { substitute, type World } from './worlds.ts';

function copyStep(w: World, input: ModelInput, choose: Chooser, bound: Record<string, string>): World {
  const copy = structuredClone(w);
  const ctx: Ctx = { choose, profile: 'core', binds: {}, eager: true };
  transition(copy, input, ctx);
  const map: Record<string, string> = {};
  for (const [name, ph] of Object.entries(ctx.binds)) if (bound[name] !== undefined) map[ph] = bound[name];
  return substitute(copy, map);
}

const plain = (s: ModelState): World => JSON.parse(JSON.stringify((s as FpsState).worlds[0]!)) as World;

function chooser(seed: number): Chooser {
  let a = seed >>> 0;
  return (n) => {
    a = (Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return a % n;
  };
}

type Cmd = { k: 'pay' | 'reserve' | 'refund' | 'settle' | 'cancel' | 'process' | 'tick'; i: number; amount: number; dt: number };
/** clock steps around the band and window lengths, so uses fall on and near window edges */
const STEPS = [1000, BAND - 1000, BAND, BAND + 1000, HOUR - BAND, HOUR, HOUR + BAND + 1, DAY - 30_000, DAY, 10 * DAY, 29 * DAY];
const cmd = fc.record({
  k: fc.constantFrom('pay', 'pay', 'pay', 'reserve', 'refund', 'settle', 'cancel', 'process', 'tick') as fc.Arbitrary<Cmd['k']>,
  i: fc.nat(7),
  amount: fc.constantFrom(1, 2, 3, 5),
  dt: fc.nat(STEPS.length - 1),
});

function makeTokens(s: Scenario): string[] {
  const validityStart = String(Math.floor((s.t + 30_000) / 1000));
  return [
    s.token('MultiUse', { globalAmountLimit: '12', usageLimitType1: 'Count', usageLimitValue1: '2', usageLimitPeriod1: '1 Hour' }, 'ABT'),
    s.token('MultiUse', { globalAmountLimit: '40', usageLimitType1: 'Amount', usageLimitValue1: '6', usageLimitPeriod1: '1 Day', paymentMethod: 'CC' }, 'CC'),
    s.token('MultiUse', { globalAmountLimit: '30', usageLimitType1: 'Count', usageLimitValue1: '3', usageLimitPeriod1: '1 Month', validityStart }, 'ABT'),
    s.token('MultiUse', { globalAmountLimit: '6', paymentMethod: 'CC' }, 'CC'),
    s.token('MultiUse', { globalAmountLimit: '4' }, 'ABT'),
    s.token('Recurring', { transactionAmount: '2', recurringPeriod: '1 Day' }, 'ABT'),
    s.token('SingleUse', { transactionAmount: '5' }, 'CC'),
  ];
}

function inputFor(s: Scenario, c: Cmd, tokens: string[], ids: string[]): ModelInput {
  s.tick(c.k === 'tick' ? STEPS[c.dt]! : 1000);
  const id = ids[c.i % Math.max(1, ids.length)] ?? 'NOPE';
  switch (c.k) {
    case 'pay': return s.pay(tokens[(c.i * 5 + ids.length) % tokens.length]!, `${c.amount}.00`, `p${ids.length}-${c.i}`);
    case 'reserve': return s.reserve(tokens[c.i % 2 === 0 ? 1 : 3]!, `${c.amount}.00`, `r${ids.length}-${c.i}`);
    case 'refund': return s.api('Refund', { TransactionId: id, CallerReference: `f${ids.length}-${c.i}` });
    // half of them for less than reserved: such a use counts either amount (R-TOK-8 lo/hi cents)
    case 'settle': return s.api('Settle', { ReserveTransactionId: id, ...(c.amount % 2 === 1 ? { 'TransactionAmount.Value': '1.00', 'TransactionAmount.CurrencyCode': 'USD' } : {}) });
    case 'cancel': return s.api('Cancel', { TransactionId: id });
    case 'process': return s.process();
    case 'tick': return { kind: 'clock', at: s.t, to: s.t };
  }
}

/** the index's verdicts equal the walk's for every token, both readings, times around the edges */
function sameVerdicts(w: World): void {
  const offsets = [0, 1, BAND - 1, BAND, BAND + 1, -BAND, -BAND - 1, HOUR, HOUR - BAND, DAY - BAND, DAY + BAND, 31 * DAY];
  for (const token of Object.values(w.tokens)) {
    const view = indexedUses(w, token);
    expect(view).toBeDefined();
    for (const dt of offsets) {
      for (const cents of [100, 500]) {
        const walk = buildByWalk(w, token, w.now + dt, cents);
        const byIndex = buildByIndex(w, token, w.now + dt, cents, view!);
        for (const pm of [true, false]) expect(byIndex(pm)).toEqual(walk(pm));
      }
    }
  }
}

describe('usage index (usage-index.ts)', () => {
  it('gives the walk\'s verdicts and choices over random histories', () => {
    fc.assert(fc.property(fc.array(cmd, { minLength: 1, maxLength: 40 }), fc.integer(), (cmds, seed) => {
      const s = new Scenario();
      const tokens = makeTokens(s);
      let state: ModelState = s.d.state;
      let world = plain(state);
      const ids: string[] = [];
      const choose = chooser(seed);
      for (const c of cmds) {
        const input = inputFor(s, c, tokens, ids);
        const picks: number[] = [], asked: string[] = [];
        const outcome = fpsModel.stepConcrete(state, input, (n, what) => { const p = choose(n, what); picks.push(p); asked.push(what); return p; });
        const bound: Record<string, string> = {};
        for (const [b, kind] of freshBinds(outcome.answer)) bound[b] = s.d.gen(kind);
        state = outcome.next(bound);
        let i = 0;
        const walkAsked: string[] = [];
        // the copy walks every use (a checker world has no index) with the same choices, asked in the same order
        world = copyStep(world, input, (_n, what) => { walkAsked.push(what); return picks[i++]!; }, bound);
        expect(plain(state)).toEqual(world);
        expect(walkAsked).toEqual(asked);
        sameVerdicts((state as FpsState).worlds[0]!);
        if (bound['TransactionId']) ids.push(bound['TransactionId']);
      }
    }), { numRuns: 120 });
  });

  it('asks the give-back policies in the order the walk meets their classes (R-TOK-8)', () => {
    const s = new Scenario();
    const token = s.token('MultiUse', { globalAmountLimit: '3', paymentMethod: 'CC' }, 'CC');
    let state: ModelState = s.d.state;
    let world = plain(state);
    let n = 0;
    const step = (input: ModelInput, choose: Chooser): string[] => {
      const asked: string[] = [], picks: number[] = [];
      const o = fpsModel.stepConcrete(state, input, (k, what) => { const p = choose(k, what); asked.push(what); picks.push(p); return p; });
      const bound = { TransactionId: `TX${++n}`, RequestId: 'r' };
      state = o.next(bound);
      let i = 0;
      const walkAsked: string[] = [];
      world = copyStep(world, input, (_k, what) => { walkAsked.push(what); return picks[i++]!; }, bound);
      expect(plain(state)).toEqual(world);
      expect(walkAsked).toEqual(asked);
      return asked;
    };
    s.tick(1000);
    step(s.reserve(token, '1.00', 'r1'), () => 0);
    s.tick(1000);
    step(s.api('Cancel', { TransactionId: 'TX1' }), () => 0);
    s.tick(1000);
    step(s.pay(token, '1.00', 'p1'), () => 0);
    s.tick(1000);
    // the Pay fails when processed: a cancel use first, a failure use second
    step(s.process(), (k, what) => (what.startsWith('how does') ? k - 1 : 0));
    s.tick(1000);
    // 2.00 more: within the limit only if one of them is given back, so both policies are asked
    const asked = step(s.pay(token, '2.00', 'p2'), () => 0);
    expect(asked.filter((q) => q.includes('give its token use back'))).toEqual([
      'does a cancel give its token use back (R-TOK-8)?',
      'does a failure give its token use back (R-TOK-8)?',
    ]);
  });

  it('a Pay on a long-used token does not walk its uses', () => {
    const s = new Scenario();
    const token = s.token('MultiUse', { globalAmountLimit: '100000' }, 'ABT');
    let state: ModelState = s.d.state;
    const pay = (i: number): void => {
      s.tick(1000);
      state = fpsModel.stepConcrete(state, s.pay(token, '1.00', `p${i}`), () => 0).next({ TransactionId: `TX${i}`, RequestId: 'r' });
    };
    for (let i = 0; i < 300; i++) pay(i);
    const w = (state as FpsState).worlds[0]!;
    expect(indexedUses(w, w.tokens[token]!)!.sums(-Infinity, Infinity).get('counts', 'count')).toBe(300);
    // what the walk did per Pay: map and filter over every use, from usage.ts
    const walks: number[] = [];
    const map = Array.prototype.map, filter = Array.prototype.filter;
    const watch = (n: number): void => { if (n >= 300 && /spec\/model\/usage\.ts/.test(new Error().stack ?? '')) walks.push(n); };
    const spies = [
      vi.spyOn(Array.prototype, 'map').mockImplementation(function (this: unknown[], ...a: Parameters<typeof map>) { watch(this.length); return map.apply(this, a); }),
      vi.spyOn(Array.prototype, 'filter').mockImplementation(function (this: unknown[], ...a: Parameters<typeof filter>) { watch(this.length); return filter.apply(this, a); }),
    ];
    const index = usageIndexOf(w)!;
    const read = index.usesRead;
    try {
      pay(300);
    } finally {
      spies.forEach((x) => x.mockRestore());
    }
    expect(walks).toEqual([]);
    // the index brought up to date reads the new use only (once per reading of the world: tentative, rollback, commit)
    const after = (state as FpsState).worlds[0]!;
    expect(indexedUses(after, after.tokens[token]!)!.sums(-Infinity, Infinity).get('counts', 'count')).toBe(301);
    expect(index.usesRead - read).toBeGreaterThan(0);
    expect(index.usesRead - read).toBeLessThanOrEqual(3);
    expect(Object.keys(plain(state).txns)).toHaveLength(301);
  });
});
