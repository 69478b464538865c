// unknown() is sound: a checker that loses some answers (Model.unknown) and keeps every state
// consistent with what it sees still accepts every later answer of an emulator run (fast-check).
// The answers are judged as a model-based run judges them: concrete values as the emulator
// materializes them, decoded as the kit reads them, matched by the checker the kit uses
// (spec/model/checker.ts matchAll, with the options suites/service/model-run/session.ts passes).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scenario } from '../../test/support/model-scenario.ts';
import { freshBinds } from '../../test/support/model-driver.ts';
import { fpsModel } from './index.ts';
import { matchAll, type Observed } from './checker.ts';
import type { Decoded } from '../wire/decode.ts';
import { materialize } from '../../emulator/materialize.ts';
import { dedupe } from '../../suites/service/model-run/wire-input.ts';
import type { Answer, Chooser, Expect, FreshKind, ModelInput, ModelState } from './api.ts';

/** What the kit observes of an answer: the emulator's concrete values, decoded (RequestId apart, as on the wire). */
function observe(answer: Answer, input: ModelInput, bound: Record<string, string>, choose: Chooser, gen: (k: FreshKind) => string, now: number): Decoded | Observed {
  const requestId = gen('RequestId');
  const concrete = (fields: Readonly<Record<string, Expect>>) => {
    const out = materialize(fields, { choose, fresh: gen, requestId, now }, bound);
    delete out.RequestId;
    return out;
  };
  switch (answer.kind) {
    case 'error': return { kind: 'error', code: answer.code, message: 'error', requestId };
    case 'result': return { kind: 'result', action: answer.action, version: input.kind === 'api' ? input.version : '2010-08-28', fields: concrete(answer.fields), requestId };
    case 'process': return { kind: 'process', completed: answer.completed };
    case 'clock': return { kind: 'clock', now: answer.now };
    case 'recorded': return { kind: 'recorded' };
    default: throw new Error(`this test sends nothing answered by ${answer.kind}`);
  }
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
  // what the session keeps between steps: entity ids already bound, and the transaction ids this run knows
  const taken = new Map<string, Set<string>>();
  const known = new Set<string>();
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
    const seen = observe(concrete.answer, input, bound, choose, (k) => s.d.gen(k), s.t);
    s.d.state = concrete.next(bound);
    if (c.lost && input.kind === 'api') {
      // the kit never saw this answer
      candidates = dedupe(candidates.map((st) => fpsModel.unknown(st, input)));
      continue;
    }
    // only ids the kit saw can be asked about
    if (seen.kind === 'result' && seen.fields.TransactionId) ids.push(seen.fields.TransactionId);
    const next: ModelState[] = [];
    const reasons: string[] = [];
    const matched: { answer: Answer; bound: Record<string, string> }[] = [];
    for (const st of candidates) {
      const m = matchAll(fpsModel.step(st, input), seen, { taken, known });
      reasons.push(...m.reasons);
      for (const { outcome, bound: b } of m.matches) {
        next.push(outcome.next(b));
        matched.push({ answer: outcome.answer, bound: b });
      }
    }
    // ids become taken once the step is judged in every candidate world, as the session registers them
    for (const { answer, bound: b } of matched) {
      for (const e of Object.values(answer.kind === 'result' ? answer.fields : {})) {
        if (typeof e !== 'object' || !('fresh' in e) || b[e.bind] === undefined || e.fresh === 'RequestId') continue;
        taken.set(e.fresh, (taken.get(e.fresh) ?? new Set()).add(b[e.bind]!));
        if (e.fresh === 'TransactionId') known.add(b[e.bind]!);
      }
    }
    if (seen.kind === 'result' && seen.fields.TransactionId) known.add(seen.fields.TransactionId);
    expect(next.length, `${c.k}: ${JSON.stringify(seen)} matched no allowed outcome: ${[...new Set(reasons)].join('; ')}`).toBeGreaterThan(0);
    candidates = dedupe(next).slice(0, 256); // the session keeps at most 256 (MAX_CANDIDATES)
  }
}

describe('unknown() soundness', () => {
  it('a checker that lost answers still accepts every later answer of the emulator', () => {
    // 100 runs: a checker whose unknown() forgets the lost request fails within them (about half the time at 40)
    fc.assert(fc.property(fc.array(cmd, { minLength: 3, maxLength: 14 }), fc.integer(), (cmds, seed) => run(cmds, seed)), { numRuns: 100 });
  });
});
