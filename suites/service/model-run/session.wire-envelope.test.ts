// The envelope of every model step (suites/service/model-run/session.ts judgeWire): a result is HTTP 200 in the
// namespace of the Version requested (R-WIRE-3), an error is not 2xx and a 4xx when the error table
// says it is not retriable (R-WIRE-4, R-WIRE-10), whatever body the model allows. Unit cases of
// wireProblem, then the emulator with its answers re-wrapped: each model-based check must fail.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../../emulator/core.ts';
import { runConformance } from '../../../run/service-runner.ts';
import type { Decoded } from '../../../core/suite.ts';
import type { ModelInput } from '../../../spec/model/api.ts';
import type { Suite } from '../../../core/suite.ts';
import { concurrencySuite } from '../concurrency.ts';
import { idempotencySuite } from '../idempotency.ts';
import { dedupe, wireProblem } from './wire-input.ts';

const input: ModelInput = {
  kind: 'api',
  at: 0,
  version: '2010-08-28',
  action: 'Pay',
  params: {},
  auth: { accessKeyId: 'K', signatureVersion: '2', signatureMethod: 'HmacSHA256', signature: 'valid', timestamp: undefined },
};
const result = (version = '2010-08-28'): Decoded => ({ kind: 'result', action: 'Pay', version, fields: {} });
const error = (code: string): Decoded => ({ kind: 'error', code, message: '' });
const rulesOf = (observed: Decoded, status: number) => wireProblem({ input, observed, status })?.rules;

describe('wireProblem', () => {
  it.each([
    // [answer, status, rules broken (undefined: it holds)]
    [result(), 200, undefined],
    [result(), 201, ['R-WIRE-3']],
    [result(), 500, ['R-WIRE-3']],
    [error('DuplicateRequest'), 400, undefined],
    [error('DuplicateRequest'), 409, undefined],
    [error('DuplicateRequest'), 200, ['R-WIRE-4', 'R-WIRE-10']],
    [error('DuplicateRequest'), 500, ['R-WIRE-4', 'R-WIRE-10']], // not retriable in the table: 4xx
    [error('InternalError'), 503, undefined], // retriable: 4xx or 5xx (R-WIRE-4 set)
    [error('InternalError'), 400, undefined],
    [error('InternalError'), 204, ['R-WIRE-4', 'R-WIRE-10']],
    [error('TokenUsageError'), 500, undefined], // the table's Retriable line is not legible (R-WIRE-10): not judged
    [error('NoSuchCodeAnywhere'), 502, undefined], // a code outside the table: only "not 2xx"
    [error('NoSuchCodeAnywhere'), 200, ['R-WIRE-4', 'R-WIRE-10']],
  ] as const)('%o with HTTP %i: %o', (observed, status, rules) => {
    expect(rulesOf(observed, status)).toEqual(rules);
  });

  it('requires the namespace of the Version requested (R-WIRE-3)', () => {
    expect(wireProblem({ input, observed: result('2010-08-28'), status: 200 })).toBeUndefined();
    const p = wireProblem({ input, observed: result('2008-09-17'), status: 200 });
    expect(p?.rules).toEqual(['R-WIRE-3']);
    expect(p?.expected).toContain('http://fps.amazonaws.com/doc/2010-08-28/');
  });

  it('judges nothing without a decoded API answer or a status', () => {
    expect(wireProblem({ input, observed: { kind: 'none', reason: 'timeout' } })).toBeUndefined();
    expect(wireProblem({ input, observed: { kind: 'malformed', problems: ['x'] }, status: 200 })).toBeUndefined();
    expect(wireProblem({ input, observed: error('DuplicateRequest') })).toBeUndefined();
  });
});

/** The emulator, each answer passed through `wrap` (status and body). */
async function runWrapped(wrap: (status: number, body: string) => { status: number; body: string }, grep: string, suite: Suite = idempotencySuite) {
  const emu = createEmulator({ seed: 5, choice: 'nominal', baseUrl: 'http://127.0.0.1:8080/', bugs: [], profile: 'core' });
  try {
    const { report } = await runConformance({
      handler: async (r) => {
        const res = await emu.handle(r);
        if (new URL(r.url).pathname !== '/') return res; // only FPS API answers; sandbox hooks and the CBUI as they are
        const w = wrap(res.status, await res.text());
        return new Response(w.body, { status: w.status, headers: res.headers });
      },
      registry: [suite],
      seed: 5,
      runs: 1,
      timeLimitMs: 45_000,
      grep,
    });
    return report.checks.find((c) => c.id === grep)!;
  } finally {
    await emu.close();
  }
}

const isError = (body: string): boolean => body.includes('<Errors>');

describe('every model step is judged on its envelope', () => {
  it('as it is, the check passes (the wrapping itself breaks nothing)', async () => {
    const c = await runWrapped((status, body) => ({ status, body }), 'idempotency/resend-returns-original');
    expect(`${c.status}: ${c.message ?? ''}`).toMatch(/^pass: /);
  });

  it('an error answered with HTTP 200 fails, citing R-WIRE-4', async () => {
    const c = await runWrapped((status, body) => ({ status: isError(body) ? 200 : status, body }), 'idempotency/resend-returns-original');
    expect(c.status).toBe('fail');
    expect(c.message).toMatch(/error DuplicateRequest with HTTP 200/);
    expect(c.requirements).toContain('R-WIRE-4');
  });

  it('a result answered with HTTP 500 fails, citing R-WIRE-3', async () => {
    const c = await runWrapped((status, body) => ({ status: isError(body) ? status : 500, body }), 'idempotency/resend-returns-original');
    expect(c.status).toBe('fail');
    expect(c.message).toMatch(/result with HTTP 500/);
    expect(c.requirements).toContain('R-WIRE-3');
  });

  it('a result in the namespace of the other Version fails, citing R-WIRE-3', async () => {
    const c = await runWrapped((status, body) => ({ status, body: body.replace('/doc/2010-08-28/', '/doc/2008-09-17/') }), 'idempotency/resend-returns-original');
    expect(c.status).toBe('fail');
    expect(c.message).toMatch(/in the 2008-09-17 namespace/);
    expect(c.requirements).toContain('R-WIRE-3');
  });

  it('in a burst too: an error answered with HTTP 200 fails before any serial order is tried', async () => {
    const c = await runWrapped((status, body) => ({ status: isError(body) ? 200 : status, body }), 'concurrency/double-spend-single-use', concurrencySuite);
    expect(c.status).toBe('fail');
    expect(c.message).toMatch(/with HTTP 200/);
    expect(c.message).toMatch(/^#2[ab] Pay/); // a step of the burst
    expect(c.message).not.toMatch(/no serial order fits/);
    expect(c.requirements).toContain('R-WIRE-4');
  });
});

describe('dedupe (merging candidate states)', () => {
  /** a state that counts its serializations */
  const counted = (tag: string) => {
    const box = { n: 0 };
    const state = { now: 0, tag, toJSON: () => (box.n++, { now: 0, tag }) };
    return { state, box };
  };

  it('merges equal states, keeps order and states that cannot be serialized', () => {
    const cyclic: { now: number; self?: unknown } = { now: 0 };
    cyclic.self = cyclic;
    const a = { now: 1, x: [1] };
    expect(dedupe([a, { now: 1, x: [1] }, { now: 2 }, cyclic, cyclic])).toEqual([a, { now: 2 }, cyclic]);
  });

  it('serializes nothing for one state, or for one object given several times', () => {
    const { state, box } = counted('a');
    expect(dedupe([state])).toEqual([state]);
    expect(dedupe([state, state, state])).toEqual([state]);
    expect(box.n).toBe(0);
    const other = counted('a');
    expect(dedupe([state, other.state])).toEqual([state]); // equal content: merged, each serialized once
    expect([box.n, other.box.n]).toEqual([1, 1]);
  });
});
