// SDK checks share the emulator side's replay: a failing generated sequence is shrunk, its replay
// line carries the seed and `--replay <check-id>@<seed>:<path>`, and that replay fails the same way.
import { describe, expect, it } from 'vitest';
import { runSdkConformance } from '../run/client-runner.ts';
import { SDK_CHECK } from '../suites/client/checks.ts';

const ADAPTER = 'test/fakes/flaw-refund-crash.ts';
const command = `npx fps-conformance sdk --adapter ${ADAPTER}`;

describe('sdk --replay of a generated sequence', () => {
  it('shrinks the failing sequence and replays it to the same counterexample', async () => {
    const first = await runSdkConformance({ adapter: ADAPTER, seed: 11, runs: 20, grep: 'sequences/', command, timeoutMs: 10_000 });
    const seq = first.report.checks.find((c) => c.id === SDK_CHECK.sequences)!;
    expect(seq.status).toBe('fail');
    // the crash is on Refund: the shrunk sequence keeps a Refund (it broke sdk/calls-complete) and a Pay before it
    expect(seq.counterexample?.some((l) => /Refund\(/.test(l))).toBe(true);
    expect(seq.message).toMatch(/shrunk in \d+ step/);
    expect(seq.replay?.path).toMatch(/^\d+(:\d+)*$/);
    expect(seq.replay?.command).toBe(`${command} --seed 11 --replay ${SDK_CHECK.sequences}@11:${seq.replay!.path}`);
    expect(first.report.command).toBe(`${command} --seed 11`);

    const again = await runSdkConformance({ adapter: ADAPTER, replay: { checkId: SDK_CHECK.sequences, seed: 11, path: seq.replay!.path! }, command, timeoutMs: 10_000 });
    const replayed = again.report.checks.find((c) => c.id === SDK_CHECK.sequences)!;
    // the same steps (TransactionIds are the service's and differ from run to run)
    const steps = (lines: string[] | undefined) => (lines ?? []).map((l) => l.replace(/[0-9A-Z]{20,}/g, '<id>'));
    expect(replayed).toMatchObject({ status: 'fail', numRuns: 1 });
    expect(steps(replayed.counterexample)).toEqual(steps(seq.counterexample));
    expect(again.exitCode).toBe(1);
    // a replay reports the replayed check and what its case broke, nothing else as skipped
    expect(again.report.checks.map((c) => c.id).sort()).toEqual([SDK_CHECK.sequences, SDK_CHECK.callsComplete].sort());
  });

  it('--time-limit: scenarios not started are not tested, tagged "time limit", and the report says timeLimited', async () => {
    const { exitCode, report } = await runSdkConformance({ adapter: 'test/fakes/good-sdk.ts', seed: 2, timeLimitMs: 1, timeoutMs: 10_000 });
    expect(report.timeLimited).toBe(true);
    const limited = report.checks.filter((c) => c.message === 'time limit: the run reached --time-limit before this scenario started');
    expect(limited.map((c) => c.id)).toContain(SDK_CHECK.sequences);
    for (const c of limited) expect(c.status).toBe('not-tested');
    // nothing the limit kept from running is a pass (what hello declared still is judged)
    expect(report.checks.filter((c) => c.status === 'pass').every((c) => c.id === SDK_CHECK.driverProtocol || c.id.startsWith('sdk/'))).toBe(true);
    expect(exitCode).toBe(0);
  });

  it('a replay of a check that is not an SDK check is a usage error', async () => {
    await expect(runSdkConformance({ adapter: ADAPTER, replay: { checkId: 'no/such', seed: 1, path: '0' } })).rejects.toThrow(/not an SDK check/);
  });
});
