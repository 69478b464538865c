// The stateless suites against the real reference emulator: embedded (no --target) they all hold
// (the HTTP-layer robustness checks do not apply in-process); served on a port and reached with
// --target they all hold, those included; with an injected bug from the emulator's corpus, a check
// citing the bug's rule fails.
import { describe, expect, it } from 'vitest';
import { bugInfo, createEmulator, startServer } from '../emulator/index.ts';
import { runConformance } from '../run/service-runner.ts';
import { STATELESS_SUITES } from '../suites/service/index.ts';

const suites = [...STATELESS_SUITES];
/** What holds in-process: everything but the HTTP-layer checks, which need a socket (not applicable). */
const inProcessProblems = (checks: { id: string; status: string; message?: string }[]): string[] =>
  checks.filter((c) => c.status !== 'pass' && !(c.status === 'not-applicable' && c.id.startsWith('robustness/http-'))).map((c) => `${c.id}: ${c.status} ${c.message}`);

describe('stateless suites against the reference emulator', () => {
  it('embedded (no target): every check holds, exit 0', async () => {
    const { exitCode, report } = await runConformance({ suites, seed: 2024, runs: 10 });
    expect(inProcessProblems(report.checks)).toEqual([]);
    expect(exitCode).toBe(0);
    expect(report.target.embedded).toBe(true);
  });

  it('served on a loopback port and reached with --target: every check holds, exit 0', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', seed: 5 });
    try {
      const { exitCode, report } = await runConformance({ target: server.url, suites, seed: 77, runs: 10 });
      expect(report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.status} ${c.message}`)).toEqual([]);
      // the HTTP layer was judged over the socket: huge heads and bodies, CONNECT, every method
      expect(report.checks.filter((c) => c.id.startsWith('robustness/http-')).length).toBeGreaterThanOrEqual(15);
      expect(exitCode).toBe(0);
      expect(report.target).toMatchObject({ kind: 'emulator', url: server.url, embedded: false });
    } finally {
      await server.close();
    }
  });

  // an emulator that picks other members of every "set" ruling must pass too: no false alarms
  it.each([1, 2, 3])('a random-choice emulator (seed %i, sandbox-simulation) passes every check', async (seed) => {
    const emulator = createEmulator({ choice: 'random', seed, profile: 'sandbox-simulation', baseUrl: 'http://127.0.0.1:8080/' });
    const { report } = await runConformance({ handler: (r) => emulator.handle(r), suites, seed: seed * 7, runs: 10 });
    expect(inProcessProblems(report.checks)).toEqual([]);
  });

  const BUGS = ['sig-plus-for-space', 'sig-host-port-only', 'sig-stale-timestamp', 'sig-any-version', 'wire-wrong-namespace', 'wire-two-errors', 'wire-200-on-error', 'robust-bad-percent-500', 'robust-huge-value-500'];
  it.each(BUGS)('injected bug %s fails a check citing its rule', async (bug) => {
    const rules = bugInfo(bug)!.rules;
    const emulator = createEmulator({ bugs: [bug], seed: 1, baseUrl: 'http://127.0.0.1:8080/' });
    const { exitCode, report } = await runConformance({ handler: (r) => emulator.handle(r), suites, seed: 9, runs: 15 });
    const failed = report.checks.filter((c) => c.status === 'fail');
    expect(exitCode).toBe(1);
    expect(failed.some((c) => c.requirements.some((r) => rules.includes(r))), failed.map((c) => `${c.id} ${c.requirements}`).join('; ')).toBe(true);
  });
});
