// Shared body of the no-false-alarm tests: the default run (every suite; runs lowered to keep CI
// time) passes against the reference emulator. Any failure is a kit bug (or an emulator bug: the
// rulings decide), never a reason to loosen these tests. Split over several files so vitest can
// schedule them apart.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator/index.ts';
import { runConformance } from '../harness/runner.ts';

const RUNS = 2;

export function describeNoFalseAlarms(title: string, seeds: readonly number[], choice: 'nominal' | 'random'): void {
  describe(title, () => {
    it.each(seeds)('seed %i: the default run passes', async (seed) => {
      const emulator = createEmulator({ seed: seed * 7919, choice });
      try {
        const { exitCode, report } = await runConformance({ handler: (r) => emulator.handle(r), seed, runs: RUNS });
        const bad = report.checks.filter((c) => c.status === 'fail' || c.status === 'not-tested').map((c) => `${c.id} ${c.status}: ${c.message ?? ''}`);
        expect(bad, `seed ${seed}`).toEqual([]);
        expect(exitCode).toBe(0);
        expect(report.checks.filter((c) => c.status === 'pass').length).toBeGreaterThan(50);
      } finally {
        await emulator.close();
      }
    }, 120_000);
  });
}
