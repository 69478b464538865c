// A signal during an SDK run: the driver is ended, what the cut-off did to the SDK is not tested
// (never a deviation: a false alarm is the worst bug), and the report is marked interrupted.
import { describe, expect, it } from 'vitest';
import { runSdkConformance } from '../run/client-runner.ts';

describe('sdk run interrupted by a signal', () => {
  it('a correct SDK cut off mid-run has no failure and a partial, interrupted report', async () => {
    const controller = new AbortController();
    // the signal comes while the calls scenario runs (its first call is under way)
    const progress = (line: string): void => {
      if (line.trim().startsWith('Pay') && !controller.signal.aborted) controller.abort('SIGINT');
    };
    const { exitCode, report } = await runSdkConformance({ adapter: 'test/fakes/good-sdk.ts', seed: 9, runs: 50, timeoutMs: 10_000, signal: controller.signal, progress });
    expect(report.interrupted?.signal).toBe('SIGINT');
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    expect(report.checks.some((c) => c.status === 'not-tested')).toBe(true);
    expect(exitCode).toBe(0);
  });
});
