// The stateless suites pass against a correct target and fail, on the named checks, against a target
// with one broken behaviour (test/harness-fake.ts), through the real runner.
import { describe, expect, it } from 'vitest';
import { runConformance } from '../harness/runner.ts';
import { createFake, type FakeBug } from './harness-fake.ts';
import { STATELESS_SUITES } from '../suites/index.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');

async function run(bugs: FakeBug[] = [], extra: Parameters<typeof runConformance>[0] = {}) {
  return runConformance({ handler: createFake({ bugs, now: NOW }).handle, seed: 7, runs: 8, timeoutMs: 1500, suites: [...STATELESS_SUITES], ...extra });
}

const failing = (r: Awaited<ReturnType<typeof run>>): string[] => r.report.checks.filter((c) => c.status === 'fail').map((c) => c.id).sort();

describe('stateless suites against a correct fake', () => {
  it('every check that can run passes, and the run exits 0', async () => {
    const r = await run();
    expect(failing(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
    const statuses = new Map(r.report.checks.map((c) => [c.id, c.status]));
    expect(statuses.get('signature/tampered-request-rejected')).toBe('pass');
    expect(statuses.get('robustness/garbage-bytes')).toBe('pass');
    expect(statuses.get('wire/namespace-per-version')).toBe('pass');
    // the fake has no Co-Branded UI: the R-AUTH-5 check is not testable, never passed
    expect(statuses.get('signature/rejected-request-changes-nothing')).toBe('not-tested');
    expect(r.report.checks.filter((c) => c.status === 'pass').length).toBeGreaterThanOrEqual(38);
  });
});

describe('stateless suites against broken fakes', () => {
  const cases: [FakeBug, string[]][] = [
    ['accept-any-signature', ['signature/hmac-md5-rejected', 'signature/signature-version-1-rejected', 'signature/tampered-request-rejected']],
    ['ignore-name-case', ['wire/lowercase-action-is-not-action', 'wire/lowercase-parameter-is-missing']],
    ['wrong-namespace', ['wire/namespace-per-version']],
  ];
  it.each(cases)('%s fails exactly %j', async (bug, expected) => {
    const r = await run([bug]);
    expect(failing(r)).toEqual(expected);
    expect(r.exitCode).toBe(1);
    for (const c of r.report.checks.filter((x) => x.status === 'fail')) {
      expect(c.message).toMatch(/R-(AUTH|WIRE)-\d/);
      expect(c.replay?.command).toContain(`--replay ${c.id}@`);
      expect(c.transcript?.length).toBeGreaterThan(0);
    }
  });

  it('a 500 on garbage fails the robustness checks (R-WIRE-5) and nothing else', async () => {
    const r = await run(['server-error-on-garbage'], { suites: ['robustness', 'wire'] });
    const f = failing(r);
    expect(f).toContain('robustness/garbage-bytes');
    expect(f).toContain('robustness/bad-percent-encoding');
    expect(f).toContain('robustness/duplicate-names');
    expect(f.every((id) => id.startsWith('robustness/'))).toBe(true);
    const garbage = r.report.checks.find((c) => c.id === 'robustness/garbage-bytes')!;
    expect(garbage.message).toContain('HTTP 500');
    expect(garbage.counterexample?.[0]).toMatch(/^(body|query): [0-9a-f]+$/);
    expect(garbage.replay?.path).toMatch(/^\d+(:\d+)*$/);
  });

  it('an error answered with HTTP 200 fails the error-document check (R-WIRE-4)', async () => {
    const r = await run(['error-with-200'], { suites: ['wire'] });
    const c = r.report.checks.find((x) => x.id === 'wire/error-documents')!;
    expect(c.status).toBe('fail');
    expect(c.message).toContain('R-WIRE-4');
  });

  it('a hang on duplicate names is a failure, found within the timeout', async () => {
    const t0 = Date.now();
    const r = await run(['hang-on-duplicates'], { suites: ['robustness'], grep: 'duplicate', timeoutMs: 300 });
    expect(failing(r)).toEqual(['robustness/duplicate-action', 'robustness/duplicate-names']);
    expect(r.report.checks.find((c) => c.id === 'robustness/duplicate-names')!.message).toContain('hung');
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
