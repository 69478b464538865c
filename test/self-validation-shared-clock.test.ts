// False alarm found by self-validation (marketplace/generated-fees answered RequestExpired against
// `serve --choice random` over HTTP): two runs shared one emulator, and one moved the sandbox clock a
// year ahead while the other was mid-case, so the other's Timestamps (and validity dates) were stale.
// "a shared emulator stays usable" (shared/sandbox-protocol.md "Reset"), and R-AUTH-4 allows refusing
// a Timestamp more than 5 minutes off: a mismatch after the clock moved under the run is no verdict.
import { describe, expect, it } from 'vitest';
import { createEmulator, startServer } from '../emulator/index.ts';
import { runConformance } from '../run/service-runner.ts';

const YEAR_S = 365 * 86_400;

describe('self-validation: a clock moved by another client of a shared target is no false alarm', () => {
  it('another client advancing the sandbox clock mid-case makes the case not testable, never a failure', async () => {
    const emulator = createEmulator({ seed: 77, choice: 'random' });
    let pays = 0;
    let moved = false;
    // the other client: just before the run's third Pay, it moves the shared clock a year ahead
    const handler = async (request: Request): Promise<Response> => {
      if (!moved && new URL(request.url).searchParams.get('Action') === 'Pay' && ++pays === 3) {
        moved = true;
        const other = new Request(new URL('/_sandbox/clock', request.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: YEAR_S }) });
        expect((await emulator.handle(other)).status).toBe(200);
      }
      return emulator.handle(request);
    };
    try {
      const { exitCode, report } = await runConformance({ handler, seed: 5, runs: 5, suites: ['marketplace'] });
      expect(moved).toBe(true);
      expect(report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      const hit = report.checks.find((c) => c.status === 'not-tested');
      expect(hit?.message).toMatch(/clock moved .* under this run/);
      expect(exitCode).toBe(0);
    } finally {
      await emulator.close();
    }
  });

  it('a stateless check whose Timestamp went stale that way sends again with the clock as it is now (R-AUTH-5)', async () => {
    const emulator = createEmulator({ seed: 78, choice: 'random' });
    let apiCalls = 0;
    const handler = async (request: Request): Promise<Response> => {
      if (new URL(request.url).pathname === '/' && ++apiCalls === 5) {
        const other = new Request(new URL('/_sandbox/clock', request.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: YEAR_S }) });
        expect((await emulator.handle(other)).status).toBe(200);
      }
      return emulator.handle(request);
    };
    try {
      const { exitCode, report } = await runConformance({ handler, seed: 6, suites: ['wire'] });
      expect(apiCalls).toBeGreaterThan(5);
      expect(report.checks.filter((c) => c.status === 'fail' || c.status === 'not-tested').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      expect(exitCode).toBe(0);
    } finally {
      await emulator.close();
    }
  });

  it('the default run over HTTP against a random-choice server (as `serve --choice random`) passes', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', seed: 31, choice: 'random' });
    try {
      const { exitCode, report } = await runConformance({ target: server.url, seed: 31, runs: 3 });
      expect(report.checks.filter((c) => c.status === 'fail' || c.status === 'not-tested').map((c) => `${c.id} ${c.status}: ${c.message}`)).toEqual([]);
      expect(exitCode).toBe(0);
    } finally {
      await server.close();
    }
  }, 120_000);
});
