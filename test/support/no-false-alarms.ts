// Shared body of the no-false-alarm tests: the default run (every suite; runs lowered to keep CI
// time) passes against the reference emulator, in each choice mode (nominal, random, contrary: the
// allowed outcome least like the nominal one at every set rule and open point) and on each profile.
// Any failure is a kit bug (or an emulator bug: the rulings decide), never a reason to loosen these
// tests. Split over several files so vitest can schedule them apart.
import { describe, expect, it } from 'vitest';
import type { ChoiceMode } from '../../emulator/chooser.ts';
import { createEmulator } from '../../emulator/index.ts';
import { runConformance } from '../../run/service-runner.ts';

export interface NoFalseAlarmOptions {
  profile?: 'core' | 'sandbox-simulation';
  /** generated cases per property: 2 by default; 1 where many seeds keep the suite's CI time down */
  runs?: number;
}

export function describeNoFalseAlarms(title: string, seeds: readonly number[], choice: ChoiceMode, options: NoFalseAlarmOptions = {}): void {
  const profile = options.profile ?? 'core';
  const runs = options.runs ?? 2;
  describe(title, () => {
    it.each(seeds)(`seed %i: the default run passes (${choice}, ${profile}, ${runs} runs per property)`, async (seed) => {
      const emulator = createEmulator({ seed: seed * 7919, choice, profile });
      try {
        const { exitCode, report } = await runConformance({ handler: (r) => emulator.handle(r), seed, runs, profile });
        const bad = report.checks.filter((c) => c.status === 'fail' || c.status === 'not-tested').map((c) => `${c.id} ${c.status}: ${c.message ?? ''}`);
        expect(bad, `seed ${seed}`).toEqual([]);
        expect(exitCode).toBe(0);
        expect(report.checks.filter((c) => c.status === 'pass').length).toBeGreaterThan(50);
        // the sandbox-simulation checks ran exactly when that profile was asked for (R-SBX-*)
        const sbx = report.checks.filter((c) => c.requirements.some((r) => r.startsWith('R-SBX-')) && c.status === 'pass');
        expect(sbx.length > 0, 'R-SBX checks passed').toBe(profile === 'sandbox-simulation');
      } finally {
        await emulator.close();
      }
    }, 120_000);
  });
}
