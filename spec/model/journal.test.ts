// The emulator side's in-place stepping (journal.ts through fpsModel.stepConcrete) gives exactly
// the worlds that copying the whole world per step gives, also when stepping again from an older
// state, committing an outcome twice, or committing one computed before another commit (the race
// hooks); and a state's world cannot be changed from outside.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Chooser, ModelInput, ModelState } from './api.ts';
import type { Ctx } from './ctx.ts';
import { freshBinds } from '../../test/support/model-driver.ts';
import { fpsModel, owedIpnsSince, type FpsState, type IpnCursor } from './index.ts';
import { LiveWorld } from './journal.ts';
import { Scenario } from '../../test/support/model-scenario.ts';
import { transition } from './transition.ts';
import { refundsOf } from './txns.ts';
import { accountsByEmail, canonical, outboundTo, substitute, tokensByCallerReference, tokensByRefundReference, type World } from './worlds.ts';

/** the emulator world's indexes (world-index.ts) answer what walking the plain world answers */
function sameLookups(live: World, plain: World): void {
  const ids = (xs: { transactionId?: string; tokenId?: string; accountId?: string }[]) => xs.map((x) => x.transactionId ?? x.tokenId ?? x.accountId);
  for (const id of [...Object.keys(plain.txns), 'NOPE']) expect(ids(refundsOf(live, id))).toEqual(ids(refundsOf(plain, id)));
  for (const t of Object.values(plain.tokens)) {
    expect(ids(tokensByCallerReference(live, t.callerReference))).toEqual(ids(tokensByCallerReference(plain, t.callerReference)));
    if (t.callerReferenceRefund) expect(ids(tokensByRefundReference(live, t.callerReferenceRefund))).toEqual(ids(tokensByRefundReference(plain, t.callerReferenceRefund)));
  }
  for (const a of Object.values(plain.accounts)) expect(ids(accountsByEmail(live, a.email))).toEqual(ids(accountsByEmail(plain, a.email)));
  for (const url of [...new Set(plain.outbound.map((o) => o.urlEndPoint)), 'http://nope/']) expect(outboundTo(live, url)).toEqual(outboundTo(plain, url));
}

/** the copying implementation the journal replaced: the reference */
function copyStep(w: World, input: ModelInput, choose: Chooser, bound: (binds: Record<string, string>) => Record<string, string>): World {
  const copy = structuredClone(w);
  const ctx: Ctx = { choose, profile: 'core', binds: {}, eager: true };
  transition(copy, input, ctx);
  const map: Record<string, string> = {};
  const values = bound(ctx.binds);
  for (const [name, ph] of Object.entries(ctx.binds)) if (values[name] !== undefined) map[ph] = values[name]!;
  return substitute(copy, map);
}

const worldOf = (s: ModelState): World => JSON.parse(JSON.stringify((s as FpsState).worlds[0]!)) as World;

function chooser(seed: number): Chooser {
  let a = seed >>> 0;
  return (n) => {
    a = (Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return a % n;
  };
}

type Cmd = { k: 'pay' | 'reserve' | 'refund' | 'settle' | 'cancel' | 'status' | 'process' | 'tick' | 'outbound'; i: number; back: number };
const cmd = fc.record({
  k: fc.constantFrom('pay', 'reserve', 'refund', 'settle', 'cancel', 'status', 'process', 'tick', 'outbound') as fc.Arbitrary<Cmd['k']>,
  i: fc.nat(5),
  // > 0: step from the state that many steps back (a branch), as value semantics allow
  back: fc.oneof(fc.constant(0), fc.constant(0), fc.nat(4)),
});

function inputFor(s: Scenario, c: Cmd, tokens: string[], ids: string[]): ModelInput {
  s.tick(c.k === 'tick' ? 8 * 24 * 3600 * 1000 : 1000);
  const id = ids[c.i % Math.max(1, ids.length)] ?? 'NOPE';
  const ipn = { OverrideIPNURL: 'http://127.0.0.1:9/ipn' };
  switch (c.k) {
    case 'pay': return s.pay(tokens[c.i % tokens.length]!, '1.00', `p${c.i}`, ipn);
    case 'reserve': return s.reserve(tokens[1]!, '2.00', `r${c.i}`, ipn);
    case 'refund': return s.api('Refund', { TransactionId: id, CallerReference: `f${c.i}`, ...ipn });
    case 'settle': return s.api('Settle', { ReserveTransactionId: id });
    case 'cancel': return s.api('Cancel', { TransactionId: id });
    case 'status': return s.api('GetTransactionStatus', { TransactionId: id });
    case 'process': return s.process();
    case 'tick': return { kind: 'clock', at: s.t, to: s.t };
    // a message the target sent (IPN or return URL), to one of three endpoints (R-IPN-3)
    case 'outbound': return { kind: 'outbound', at: s.t, urlEndPoint: `http://127.0.0.1:9/ep${c.i % 3}`, params: { n: String(c.i) } };
  }
}

describe('journaled emulator worlds (journal.ts)', () => {
  it('equal the worlds of copying per step, over linear and branching histories', () => {
    fc.assert(fc.property(fc.array(cmd, { minLength: 1, maxLength: 25 }), fc.integer(), (cmds, seed) => {
      const s = new Scenario();
      const tokens = [s.token('MultiUse', { globalAmountLimit: '30' }, 'ABT'), s.token('MultiUse', { globalAmountLimit: '30', paymentMethod: 'CC' }, 'CC')];
      const history: { state: ModelState; world: World }[] = [{ state: s.d.state, world: worldOf(s.d.state) }];
      const ids: string[] = [];
      const choose = chooser(seed);
      for (const c of cmds) {
        const from = history[Math.max(0, history.length - 1 - c.back)]!;
        const input = inputFor(s, c, tokens, ids);
        // the same choices for both: record them on the journaled run, replay them on the copy
        const picks: number[] = [];
        const outcome = fpsModel.stepConcrete(from.state, input, (n, what) => { const p = choose(n, what); picks.push(p); return p; });
        const bound: Record<string, string> = {};
        for (const [b, kind] of freshBinds(outcome.answer)) bound[b] = s.d.gen(kind);
        const next = outcome.next(bound);
        let i = 0;
        const expected = copyStep(from.world, input, () => picks[i++]!, () => bound);
        expect(worldOf(next)).toEqual(expected);
        sameLookups((next as FpsState).worlds[0]!, expected);
        const plainState: FpsState = { now: expected.now, profile: 'core', worlds: [expected], warnings: [] };
        expect(fpsModel.owedIpns(next)).toEqual(fpsModel.owedIpns(plainState));
        // the state stepped from still shows its own world
        expect(worldOf(from.state)).toEqual(from.world);
        if (bound['TransactionId']) ids.push(bound['TransactionId']);
        history.push({ state: next, world: expected });
      }
      // every state of the history still shows its world
      for (const h of history) expect(canonical(worldOf(h.state))).toBe(canonical(h.world));
    }), { numRuns: 60 });
  });

  it('commits an outcome twice, and one computed before another commit (last writer wins)', () => {
    const s = new Scenario();
    const tok = s.token('MultiUse', { globalAmountLimit: '30' }, 'ABT');
    const base = s.d.state;
    const a = fpsModel.stepConcrete(base, s.pay(tok, '1.00', 'a'), () => 0);
    const b = fpsModel.stepConcrete(base, s.pay(tok, '2.00', 'b'), () => 0);
    const afterB = b.next({ TransactionId: 'TXB', RequestId: 'r' });
    const afterA1 = a.next({ TransactionId: 'TXA1', RequestId: 'r' });
    const afterA2 = a.next({ TransactionId: 'TXA2', RequestId: 'r' });
    const ids = (st: ModelState) => Object.keys(worldOf(st).txns).sort();
    expect(ids(afterA2)).toEqual(['TXA2']);
    expect(ids(afterA1)).toEqual(['TXA1']);
    expect(ids(afterB)).toEqual(['TXB']);
    expect(ids(base)).toEqual([]);
    expect(worldOf(afterA1).tokens[tok]!.uses.map((u) => u.transactionId)).toEqual(['TXA1']);
  });

  it('owedIpnsSince hands over, step by step, every notification owedIpns lists (R-IPN-1)', () => {
    const s = new Scenario();
    const tok = s.token('MultiUse', { globalAmountLimit: '30', paymentMethod: 'CC' }, 'CC');
    const ipn = { OverrideIPNURL: 'http://127.0.0.1:9/ipn' };
    let cursor: IpnCursor | undefined;
    const seen = new Set<string>();
    const look = () => {
      const r = owedIpnsSince(s.d.state, cursor)!;
      cursor = r.cursor;
      r.owed.forEach((n) => seen.add(n.key));
      return r.owed.length;
    };
    look();
    for (let i = 0; i < 4; i++) { s.tick(1000); s.d.run(s.pay(tok, '1.00', `p${i}`, ipn)); expect(look()).toBe(1); }
    expect(look()).toBe(0);
    s.tick(1000);
    s.d.run(s.process());
    expect(look()).toBe(4);
    expect([...seen].sort()).toEqual(fpsModel.owedIpns(s.d.state).map((n) => n.key));
    expect(seen.size).toBe(8);
    expect(owedIpnsSince(fpsModel.initial(0, { profile: 'core' }), undefined)).toBeUndefined();
  });

  it('refuses writes to a state from outside a step', () => {
    const s = new Scenario();
    const w = (s.d.state as FpsState).worlds[0]!;
    expect(() => { w.seq = 99; }).toThrow(TypeError);
    expect(() => { delete (w.accounts as Record<string, unknown>)[Object.keys(w.accounts)[0]!]; }).toThrow(TypeError);
  });

  it('rolls back array shrinks and deletions', () => {
    const live = new LiveWorld({ list: [1, 2, 3], rec: { a: 1 } as Record<string, number> });
    const { writes } = live.tentative(() => { live.root.list.length = 1; delete live.root.rec.a; live.root.list.push(9); });
    expect(JSON.parse(JSON.stringify(live.root))).toEqual({ list: [1, 2, 3], rec: { a: 1 } });
    live.commit(live.current, writes, {});
    expect(JSON.parse(JSON.stringify(live.root))).toEqual({ list: [1, 9], rec: {} });
  });
});

describe('a kept tentative run committed in place (journal.ts keep)', () => {
  // writes on a small world: keys new and old, placeholder keys (⟦n:Kind⟧) and values, deletes, arrays
  type Op = { k: 'set' | 'del' | 'push' | 'shrink' | 'nest'; obj: number; key: number; ph: boolean; val: number };
  const op = fc.record({
    k: fc.constantFrom('set', 'set', 'set', 'del', 'push', 'shrink', 'nest') as fc.Arbitrary<Op['k']>,
    obj: fc.nat(2), key: fc.nat(4), ph: fc.boolean(), val: fc.nat(3),
  });
  type W = { a: Record<string, unknown>; b: Record<string, unknown>; c: Record<string, unknown>; list: unknown[] };
  const start = (): W => ({ a: { k0: 1, k1: 'x' }, b: {}, c: { k2: { v: 1 } }, list: [1, 2] });
  const map = { '⟦1:TransactionId⟧': 'T1', '⟦2:TransactionId⟧': 'T2', '⟦3:TokenId⟧': 'K3' };
  const phs = Object.keys(map);
  function run(live: LiveWorld<W>, ops: Op[]): void {
    const objs = [live.root.a, live.root.b, live.root.c];
    for (const o of ops) {
      const target = objs[o.obj]!;
      const key = o.ph ? phs[o.key % phs.length]! : `k${o.key}`;
      const value = o.val === 0 ? phs[o.key % phs.length] : o.val === 1 ? { id: phs[0], n: o.key } : o.val;
      if (o.k === 'set') target[key] = value;
      else if (o.k === 'del') delete target[key];
      else if (o.k === 'push') live.root.list.push(value);
      else if (o.k === 'shrink') live.root.list.length = Math.min(live.root.list.length, o.key);
      else target[key] = { inner: value, again: value };
    }
  }
  it('leaves the world, its diff back and the committed writes told as the replay does (keys in the same order)', () => {
    fc.assert(fc.property(fc.array(fc.array(op, { maxLength: 8 }), { minLength: 1, maxLength: 4 }), (steps) => {
      const told = (live: LiveWorld<W>): string[] => {
        // which object (numbered as first told of) and key; what it holds at that moment is not told
        const seen: string[] = [];
        const ids = new Map<object, number>();
        live.listener = (target, key, committed) => {
          if (!ids.has(target)) ids.set(target, ids.size);
          if (committed) seen.push(`${ids.get(target)}.${key}`);
        };
        return seen;
      };
      const replay = new LiveWorld<W>(start()), inPlace = new LiveWorld<W>(start());
      const toldReplay = told(replay), toldInPlace = told(inPlace);
      const versions: [ReturnType<typeof replay.commit>, ReturnType<typeof replay.commit>][] = [[replay.current, inPlace.current]];
      for (const ops of steps) {
        const r = replay.tentative(() => run(replay, ops));
        const from = [replay.current, inPlace.current] as const;
        replay.commit(from[0], r.writes, map);
        const k = inPlace.tentative(() => run(inPlace, ops), true);
        inPlace.commit(from[1], k.writes, map);
        expect(JSON.stringify(inPlace.root)).toBe(JSON.stringify(replay.root));
        versions.push([replay.current, inPlace.current]);
      }
      expect(toldInPlace).toEqual(toldReplay);
      // every version still shows its world, keys in order
      for (const [a, b] of [...versions].reverse()) {
        replay.reroot(a);
        inPlace.reroot(b);
        expect(JSON.stringify(inPlace.root)).toBe(JSON.stringify(replay.root));
      }
    }), { numRuns: 300 });
  });

  it('undoes kept writes before the world is next used, and commits them by replay once something came between', () => {
    const live = new LiveWorld({ rec: { a: 1 } as Record<string, unknown> });
    const v0 = live.current;
    const { writes } = live.tentative(() => { live.root.rec['⟦1:TransactionId⟧'] = 2; }, true);
    // still applied: the next use of the world undoes them
    expect(Object.keys(live.root.rec)).toEqual(['a', '⟦1:TransactionId⟧']);
    live.reroot(v0);
    expect(Object.keys(live.root.rec)).toEqual(['a']);
    live.commit(v0, writes, { '⟦1:TransactionId⟧': 'T1' });
    expect(JSON.stringify(live.root)).toBe('{"rec":{"a":1,"T1":2}}');
    live.reroot(v0);
    expect(JSON.stringify(live.root)).toBe('{"rec":{"a":1}}');
  });
});

describe('substituteString (journal.ts)', () => {
  it('gives what the replace of every placeholder gives', async () => {
    const { substituteString, substituteByReplace } = await import('./journal.ts');
    const piece = fc.constantFrom('⟦', '⟧', '⟦1:TransactionId⟧', '⟦22:TokenId⟧', '⟦3:X⟧', '⟦x:Y⟧', '⟦4:⟧', ':', '1', 'ab', '');
    const map = { '⟦1:TransactionId⟧': 'T1', '⟦3:X⟧': '', '⟦x:Y⟧': 'not a placeholder', '⟦4:⟧': 'nor this' };
    fc.assert(fc.property(fc.array(piece, { maxLength: 5 }), (parts) => {
      const s = parts.join('');
      expect(substituteString(s, map)).toBe(substituteByReplace(s, map));
      expect(substituteString(s, {})).toBe(substituteByReplace(s, {}));
    }), { numRuns: 3000 });
  });
});
