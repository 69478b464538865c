// The kit judged as a verifier, half one: every injected bug (emulator/bugs.ts) is caught by the
// default run configuration, on a check that cites one of the bug's rules. Each bug's run is limited
// to the suites whose checks cite any of its rules (derived from the checks' requirement ids, so a
// new check joins by itself); runs and everything else stay at their defaults.
import { describe, expect, it } from 'vitest';
import { BUGS } from '../emulator/bugs.ts';
import { createEmulator } from '../emulator/index.ts';
import { runConformance } from '../harness/runner.ts';
import { SUITES } from '../suites/index.ts';

const SEED = 20261123;

/** bug → the suites whose checks cite one of its rules */
const SUITES_FOR = new Map(
  BUGS.map((b) => [b.name, SUITES.filter((s) => s.checks.some((c) => c.requirements.some((r) => b.rules.includes(r)))).map((s) => s.name)]),
);

describe('self-validation: every injected bug is detected', () => {
  it('every bug has at least one suite citing its rules', () => {
    for (const b of BUGS) expect(SUITES_FOR.get(b.name), b.name).not.toEqual([]);
  });

  describe.concurrent.each(BUGS.map((b) => [b.name, b] as const))('%s', (name, bug) => {
    it('fails a check citing one of its rules', async () => {
      const emulator = createEmulator({ seed: SEED, bugs: [name] });
      try {
        const { exitCode, report } = await runConformance({ handler: (r) => emulator.handle(r), seed: SEED, suites: SUITES_FOR.get(name) });
        const failed = report.checks.filter((c) => c.status === 'fail');
        const citing = failed.filter((c) => c.requirements.some((r) => bug.rules.includes(r)));
        expect(exitCode, `${name}: exit code`).toBe(1);
        expect(citing.map((c) => c.id), `${name} (${bug.rules.join(', ')}) failed only: ${failed.map((c) => `${c.id} [${c.requirements.join(',')}]`).join('; ') || 'none'}`).not.toEqual([]);
      } finally {
        await emulator.close();
      }
    });
  });
});
