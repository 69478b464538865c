// The model-run driver with a toy model: serial orders for bursts, unknown outcomes, id reuse.
import { describe, expect, it } from 'vitest';
import type { SandboxAccount, SuiteContext } from '../../../core/suite.ts';
import type { Model, ModelInput, ModelState, Outcome } from '../../../spec/model/api.ts';
import { ModelMismatch } from './mismatch.ts';
import { RunSession, type Step } from './session.ts';

/** A counter: each Pay answers the next Seq and a new TransactionId; unknown() keeps both "sent" and "not sent". */
interface Toy extends ModelState {
  n: number;
}
const toy: Model = {
  initial: (start) => ({ now: start, n: 0 }) as Toy,
  step(state, input): Outcome[] {
    const s = state as Toy;
    if (input.kind === 'account') return [{ answer: { kind: 'account', fields: {} }, rules: [], why: 'account', next: () => s }];
    if (input.kind === 'api' && input.action === 'Pay') {
      return [
        {
          answer: { kind: 'result', action: 'Pay', fields: { Seq: String(s.n + 1), TransactionId: { fresh: 'TransactionId', bind: 't' } } },
          rules: ['R-TOY-1'],
          why: 'the next number',
          next: () => ({ ...s, n: s.n + 1 }) as Toy,
        },
      ];
    }
    return [{ answer: { kind: 'error', code: 'InvalidParams' }, rules: ['R-TOY-2'], why: 'unknown', next: () => s }];
  },
  unknown: (state) => state,
  stepConcrete: () => {
    throw new Error('not used');
  },
  owedIpns: () => [],
};

function fakeCtx(): SuiteContext {
  let k = 0;
  const account = (): SandboxAccount => ({ accountId: `A${++k}`, email: `a${k}@x`, accessKeyId: `K${k}`, secretAccessKey: 's', role: 'caller', instruments: [] });
  return {
    target: { baseUrl: 'http://127.0.0.1:1/', send: async () => ({ status: 500, headers: {}, body: '' }), close: async () => undefined },
    fps: { call: async () => Promise.reject(new Error('not used')) },
    sandbox: {
      discovery: async () => ({ protocol: 'fps-sandbox/1', versions: [], cbui: '', profiles: [], clock: true, ipn: false }),
      createAccount: async () => account(),
      cbui: async () => Promise.reject(new Error('not used')),
      now: async () => 1_000,
      advance: async (s) => 1_000 + s * 1000,
      process: async () => [],
    },
    discovery: undefined,
    seed: 1,
    runs: 1,
    timeoutMs: 1000,
    deadline: Number.MAX_SAFE_INTEGER,
    profile: 'core',
    version: '2008-09-17',
    transcript: () => [],
    markTranscript: () => undefined,
    progress: () => undefined,
  };
}

const payInput: ModelInput = { kind: 'api', at: 1_000, version: '2008-09-17', action: 'Pay', params: {}, auth: { accessKeyId: 'K1', signatureVersion: '2', signatureMethod: 'HmacSHA256', signature: 'valid', timestamp: undefined } };
const pay = (seq: string, id: string, label = 'Pay'): Step => ({ label, input: payInput, observed: { kind: 'result', action: 'Pay', version: '2008-09-17', fields: { Seq: seq, TransactionId: id } } });

describe('RunSession', () => {
  it('accepts a burst whose answers fit some serial order, not only the order sent', async () => {
    const s = await RunSession.open(fakeCtx(), toy, [{ role: 'caller', instruments: [] }]);
    s.observeConcurrent([pay('2', 'T2', 'a'), pay('1', 'T1', 'b'), pay('3', 'T3', 'c')]);
    expect((s.states[0] as Toy).n).toBe(3);
    s.observe(pay('4', 'T4'));
  });

  it('rejects a burst no serial order explains, naming every request', async () => {
    const s = await RunSession.open(fakeCtx(), toy, [{ role: 'caller', instruments: [] }]);
    let err: unknown;
    try {
      s.observeConcurrent([pay('1', 'T1', 'a'), pay('1', 'T2', 'b')]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModelMismatch);
    expect((err as ModelMismatch).step).toMatch(/a ‖ b .*no serial order fits/);
    expect((err as ModelMismatch).rules).toEqual(['R-TOY-1']);
  });

  it('rejects a new TransactionId that reuses an earlier one', async () => {
    const s = await RunSession.open(fakeCtx(), toy, [{ role: 'caller', instruments: [] }]);
    s.observe(pay('1', 'T1'));
    let err: unknown;
    try {
      s.observe(pay('2', 'T1'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModelMismatch);
    expect((err as ModelMismatch).reasons.join('\n')).toMatch(/reuses the id of an earlier transaction/);
    expect(s.known.has('T1')).toBe(true);
  });

  it('goes on from every world an unknown outcome leaves', async () => {
    const s = await RunSession.open(fakeCtx(), toy, [{ role: 'caller', instruments: [] }]);
    s.lose(payInput);
    s.observe(pay('1', 'T1'));
    expect(() => s.observe(pay('1', 'T9'))).toThrow(ModelMismatch);
  });

  it('feeds the clock step to the model and follows the target clock', async () => {
    const clockModel: Model = { ...toy, step: (st, input) => (input.kind === 'clock' ? [{ answer: { kind: 'clock', now: input.to }, rules: [], why: 'clock', next: () => ({ ...st, now: input.to }) }] : toy.step(st, input)) };
    const s = await RunSession.open(fakeCtx(), clockModel, []);
    await s.advance('Advance(60 s)', 60);
    expect(s.now).toBe(61_000);
  });
});
