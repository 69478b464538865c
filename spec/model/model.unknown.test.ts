// unknown() is sound: a checker that loses some answers (Model.unknown) and keeps every state
// consistent with what it sees still accepts every later answer of an emulator run (fast-check).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scenario } from '../../test/support/model-scenario.ts';
import { freshBinds } from '../../test/support/model-driver.ts';
import { fpsModel } from './index.ts';
import type { Answer, Chooser, Expect, ModelInput, ModelState } from './api.ts';

/** What the kit would observe: every Expect made concrete (fresh → the value generated). */
type Seen = { kind: string; code?: string; action?: string; values: Record<string, string | undefined>; completed?: readonly string[] };

function observe(answer: Answer, bound: Record<string, string>): Seen {
  const concrete = (fields: Readonly<Record<string, Expect>>) => {
    const out: Record<string, string | undefined> = {};
    for (const [k, e] of Object.entries(fields)) {
      out[k] = typeof e === 'string' ? e : 'oneOf' in e ? e.oneOf[0] : 'fresh' in e ? bound[e.bind] : 'present' in e ? 'x' : undefined;
    }
    return out;
  };
  switch (answer.kind) {
    case 'error': return { kind: 'error', code: answer.code, values: {} };
    case 'result': return { kind: 'result', action: answer.action, values: concrete(answer.fields) };
    case 'redirect': return { kind: 'redirect', values: concrete(answer.params) };
    case 'process': return { kind: 'process', values: {}, completed: answer.completed };
    default: return { kind: answer.kind, values: {} };
  }
}

/** The binds that make `expected` show `seen`, or undefined. */
function matches(expected: Answer, seen: Seen): Record<string, string> | undefined {
  if (expected.kind !== seen.kind) return undefined;
  if (expected.kind === 'error') return expected.code === '*' || expected.code === seen.code ? {} : undefined;
  if (expected.kind === 'process') {
    const extra = (seen.completed ?? []).filter((id) => !expected.completed.includes(id)).length;
    return extra <= (expected.unresolved ?? 0) ? {} : undefined;
  }
  if (expected.kind === 'result' && expected.action !== seen.action) return undefined;
  const fields = expected.kind === 'result' ? expected.fields : expected.kind === 'redirect' ? expected.params : undefined;
  if (!fields) return {};
  const bound: Record<string, string> = {};
  for (const [k, e] of Object.entries(fields)) {
    const got = seen.values[k];
    if (typeof e === 'string') { if (got !== e) return undefined; }
    else if ('oneOf' in e) { if (got === undefined || !e.oneOf.includes(got)) return undefined; }
    else if ('fresh' in e) { if (got === undefined) return undefined; bound[e.bind] = got; }
    else if ('present' in e) { if (got === undefined) return undefined; }
  }
  return bound;
}

function mulberry(seed: number): Chooser {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

type Cmd = { k: 'pay' | 'reserve' | 'refund' | 'status' | 'process' | 'settle' | 'tick' | 'resend'; i: number; lost: boolean };
const cmd = fc.record({ k: fc.constantFrom('pay', 'reserve', 'refund', 'status', 'process', 'settle', 'tick', 'resend') as fc.Arbitrary<Cmd['k']>, i: fc.nat(5), lost: fc.boolean() });

function run(cmds: Cmd[], seed: number): void {
  const s = new Scenario();
  const abt = s.token('MultiUse', { globalAmountLimit: '50' }, 'ABT');
  const cc = s.token('MultiUse', { globalAmountLimit: '50', paymentMethod: 'CC' }, 'CC');
  const choose = mulberry(seed);
  let candidates: ModelState[] = [s.d.state];
  const ids: string[] = [];
  const sent: ModelInput[] = [];
  for (const c of cmds) {
    s.tick(c.k === 'tick' ? 3 * 24 * 3600 * 1000 : 1000);
    const id = ids[c.i % Math.max(1, ids.length)] ?? 'NOPE';
    const input: ModelInput =
      c.k === 'pay' ? s.pay(c.i % 2 ? abt : cc, '1.00', `p${c.i}`)
      : c.k === 'reserve' ? s.reserve(cc, '2.00', `r${c.i}`)
      : c.k === 'refund' ? s.api('Refund', { TransactionId: id, CallerReference: `f${c.i}` })
      : c.k === 'settle' ? s.api('Settle', { ReserveTransactionId: id })
      : c.k === 'status' ? s.api('GetTransactionStatus', { TransactionId: id })
      : c.k === 'process' ? s.process()
      : c.k === 'resend' && sent.length > 0 ? ({ ...sent[c.i % sent.length]!, at: s.t } as ModelInput)
      : ({ kind: 'clock', at: s.t, to: s.t } as ModelInput);
    if (input.kind === 'api') sent.push(input);
    const concrete = fpsModel.stepConcrete(s.d.state, input, choose);
    const bound: Record<string, string> = {};
    for (const [b, kind] of freshBinds(concrete.answer)) bound[b] = s.d.gen(kind);
    s.d.state = concrete.next(bound);
    // only ids the kit saw can be asked about
    if (concrete.answer.kind === 'result' && bound['TransactionId'] && !(c.lost && input.kind === 'api')) ids.push(bound['TransactionId']);
    if (c.lost && input.kind === 'api') {
      // the kit never saw this answer
      candidates = candidates.map((st) => fpsModel.unknown(st, input));
      continue;
    }
    const seen = observe(concrete.answer, bound);
    const next: ModelState[] = [];
    for (const st of candidates) {
      for (const o of fpsModel.step(st, input)) {
        const b = matches(o.answer, seen);
        if (b) next.push(o.next({ ...bound, ...b }));
      }
    }
    expect(next.length, `${c.k}: ${JSON.stringify(seen)} matched no allowed outcome`).toBeGreaterThan(0);
    candidates = next.slice(0, 16);
  }
}

describe('unknown() soundness', () => {
  it('a checker that lost answers still accepts every later answer of the emulator', () => {
    fc.assert(fc.property(fc.array(cmd, { minLength: 3, maxLength: 14 }), fc.integer(), (cmds, seed) => run(cmds, seed)), { numRuns: 40 });
  });
});
