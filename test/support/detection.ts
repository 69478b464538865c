// Shared body of the detection tests: every injected bug (emulator/bugs.ts) is caught on a check
// that cites one of the bug's rules. Each bug's run keeps the default runs, and is narrowed to keep
// CI time sane on 2 cores: the suites whose checks cite one of the bug's rules and, in them, those
// checks (--grep on the rule ids; both derived from the checks' requirement ids, so a new check joins
// by itself); a time limit per run, which also cuts a long shrink short (a failure found is reported
// with the smallest case so far); and the run stops once a check citing the bug's rules has failed
// (the checks after it would only add time).
import { describe, expect, it } from 'vitest';
import { BUGS, type Bug } from '../../emulator/bugs.ts';
import { createEmulator } from '../../emulator/index.ts';
import type { Check, Suite } from '../../core/suite.ts';
import { runConformance } from '../../run/service-runner.ts';
import { SUITES } from '../../suites/service/index.ts';

const SEED = 20261123;
/**
 * The areas self-validation-detection.test.ts takes; -b takes every other (so a new area is never
 * left out). Balanced on the measured time of each bug's test (vitest --reporter=verbose): these
 * 111 bugs take about as long as the other 21 (ipn, idempotency: a notification that never comes
 * costs the ipn suite's 3 s wait; generated collisions shrink slowly).
 */
export const FIRST_HALF_AREAS: readonly string[] = ['tokens', 'reserve-settle', 'wire', 'refunds', 'authorization', 'concurrency', 'signature', 'robustness', 'marketplace'];
/** a bug must be caught within this much of its run (the first failing check, shrunk, included) */
const TIME_LIMIT_MS = 20_000;

const citing = (bug: Bug) => (requirements: readonly string[]): boolean => requirements.some((r) => bug.rules.includes(r));
const suitesFor = (bug: Bug): string[] => SUITES.filter((s) => s.checks.some((c) => citing(bug)(c.requirements))).map((s) => s.name);
/**
 * The suites with each check's result watched: once one fails citing the bug's rules (its result's
 * requirements, else its declared ones), the run is aborted, so no further check starts.
 */
export function stoppingOnCatch(bug: Bug, abort: AbortController, suites: readonly Suite[] = SUITES): Suite[] {
  return suites.map((s) => ({
    ...s,
    checks: s.checks.map((c) => ({
      ...c,
      run: async (ctx: Parameters<Check['run']>[0]) => {
        const r = await c.run(ctx);
        if (r.status === 'fail' && citing(bug)(r.requirements ?? c.requirements)) abort.abort('SIGINT');
        return r;
      },
    })),
  }));
}

export function describeDetection(which: (bug: Bug) => boolean): void {
describe('self-validation: every injected bug is caught by a check citing its rules', () => {
  const bugs = BUGS.filter(which);

  it('the bugs of these areas are there, and a suite cites each one\'s rules', () => {
    expect(bugs.length).toBeGreaterThan(0);
    for (const b of bugs) expect(suitesFor(b), b.name).not.toEqual([]);
  });

  it.each(bugs.map((b) => [b.name, b] as const))('%s', async (name, bug) => {
    const emulator = createEmulator({ seed: SEED, bugs: [name] });
    const abort = new AbortController();
    try {
      const { exitCode, report } = await runConformance({
        handler: (r) => emulator.handle(r),
        seed: SEED,
        suites: suitesFor(bug),
        grep: bug.rules.join(','),
        timeLimitMs: TIME_LIMIT_MS,
        registry: stoppingOnCatch(bug, abort),
        signal: abort.signal,
      });
      const failed = report.checks.filter((c) => c.status === 'fail');
      const caught = failed.filter((c) => citing(bug)(c.requirements)).map((c) => c.id);
      expect(caught, `${name} (${bug.rules.join(', ')}): failed only ${failed.map((c) => `${c.id} [${c.requirements.join(',')}]`).join('; ') || 'nothing'}`).not.toEqual([]);
      expect(exitCode).toBe(1);
    } finally {
      await emulator.close();
    }
  }, 90_000);
});
}
