// Self-validation of the model-based suites against the in-process reference emulator: no false
// alarm whatever allowed choices the emulator takes, and each injected bug of these areas caught by
// a check that cites a rule the bug breaks.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator/core.ts';
import { BUGS, type Bug } from '../emulator/bugs.ts';
import { runConformance } from '../run/service-runner.ts';
import type { Suite } from '../core/suite.ts';
import { authorizationSuite } from '../suites/service/authorization.ts';
import { concurrencySuite } from '../suites/service/concurrency.ts';
import { idempotencySuite } from '../suites/service/idempotency.ts';
import { ipnSuite } from '../suites/service/ipn.ts';
import { marketplaceSuite } from '../suites/service/marketplace.ts';
import { refundsSuite } from '../suites/service/refunds.ts';
import { reserveSettleSuite } from '../suites/service/reserve-settle.ts';
import { sandboxSimulationSuite } from '../suites/service/sandbox-simulation.ts';
import { tokensSuite } from '../suites/service/tokens.ts';
import { unknownOutcomesSuite } from '../suites/service/unknown-outcomes.ts';
import { stoppingOnCatch } from './support/detection.ts';

const STATEFUL: readonly Suite[] = [
  tokensSuite,
  reserveSettleSuite,
  refundsSuite,
  idempotencySuite,
  marketplaceSuite,
  authorizationSuite,
  ipnSuite,
  concurrencySuite,
  unknownOutcomesSuite,
];

async function runAgainstEmulator(suite: Suite, o: { seed: number; choice?: 'nominal' | 'random'; bugs?: string[]; grep?: string; runs?: number; profile?: 'core' | 'sandbox-simulation'; stopOnCatch?: Bug }) {
  const emu = createEmulator({ seed: o.seed, choice: o.choice ?? 'nominal', baseUrl: 'http://127.0.0.1:8080/', bugs: o.bugs ?? [], profile: o.profile ?? 'core' });
  // a bug's run ends once a check citing its rules has failed (test/support/detection.ts): the rest only adds time
  const abort = new AbortController();
  try {
    const { report } = await runConformance({
      handler: (r) => emu.handle(r),
      registry: o.stopOnCatch ? stoppingOnCatch(o.stopOnCatch, abort, [suite]) : [suite],
      signal: abort.signal,
      seed: o.seed,
      runs: o.runs ?? 3,
      timeLimitMs: 45_000,
      ...(o.grep ? { grep: o.grep } : {}),
      ...(o.profile ? { profile: o.profile } : {}),
    });
    return report;
  } finally {
    await emu.close();
  }
}

const show = (checks: { id: string; status: string; message?: string }[]) => checks.map((c) => `${c.status} ${c.id}: ${c.message ?? ''}`).join('\n');

describe('no false alarm against the reference emulator', () => {
  describe.each(STATEFUL.map((s) => [s.name, s] as const))('%s', (_name, suite) => {
    it.each([
      [11, 'nominal'],
      [12, 'random'],
    ] as const)('seed %i, %s choices: every check passes', async (seed, choice) => {
      const report = await runAgainstEmulator(suite, { seed, choice });
      const bad = report.checks.filter((c) => c.status !== 'pass');
      expect(show(bad)).toBe('');
      expect(report.checks.length).toBe(suite.checks.length);
      expect(report.notes?.filter((n) => n.startsWith('internal error')) ?? []).toEqual([]);
    });
  });

  it('sandbox-simulation: passes under that profile, not applicable under core', async () => {
    const sim = await runAgainstEmulator(sandboxSimulationSuite, { seed: 5, profile: 'sandbox-simulation' });
    expect(show(sim.checks.filter((c) => c.status !== 'pass'))).toBe('');
    const core = await runAgainstEmulator(sandboxSimulationSuite, { seed: 5 });
    expect(core.checks.map((c) => c.status)).toEqual(['not-applicable', 'not-applicable']);
  });
});

const MY_AREAS = new Set(['tokens', 'reserve-settle', 'refunds', 'idempotency', 'ipn', 'authorization', 'concurrency']);
const byName = new Map(STATEFUL.map((s) => [s.name, s]));
const mine = BUGS.filter((b) => MY_AREAS.has(b.area));

describe('detection of the injected bugs', () => {
  it('covers every bug of these areas', () => {
    expect(mine.length).toBeGreaterThan(0);
    for (const b of mine) expect(byName.has(b.area)).toBe(true);
  });

  it.each(mine.map((b) => [b.name, b] as const))('%s: a check citing a rule it breaks fails', async (_name, bug) => {
    // the aimed scenarios of the bug's suite: fast to run and to shrink
    const report = await runAgainstEmulator(byName.get(bug.area)!, { seed: 3, bugs: [bug.name], grep: 'scenario', runs: 4, stopOnCatch: bug });
    const failed = report.checks.filter((c) => c.status === 'fail');
    expect(failed.length, show(report.checks)).toBeGreaterThan(0);
    expect(failed.some((c) => c.requirements.some((r) => bug.rules.includes(r))), show(failed)).toBe(true);
    for (const c of failed) {
      expect(c.transcript?.length).toBeGreaterThan(0);
      expect(c.counterexample?.length).toBeGreaterThan(0);
      expect(c.replay?.command).toMatch(/--replay/);
    }
  });
});
