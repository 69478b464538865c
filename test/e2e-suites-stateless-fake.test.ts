// The stateless suites pass against a correct target and fail, on the named checks, against a target
// with one broken behaviour (test/support/fake-target.ts), through the real runner.
import { describe, expect, it } from 'vitest';
import { runConformance } from '../run/service-runner.ts';
import { createFake, type FakeBug } from './support/fake-target.ts';
import { STATELESS_SUITES } from '../suites/service/index.ts';

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

describe('issue 10: verdicts that hold on targets we did not write', () => {
  const PROBE_CHECKS = [
    'robustness/bad-percent-encoding',
    'robustness/duplicate-action',
    'robustness/duplicate-names',
    'robustness/non-utf8-body-bytes',
    'robustness/non-utf8-escaped',
    'robustness/overlong-utf8-escaped',
    'robustness/truncated-percent-escape',
  ];

  // (B) no ruling fixes the code of an unknown TransactionId, and the seed lists InvalidParams for the action
  it('a target answering InvalidParams for every foreign TransactionId passes every stateless check', async () => {
    const r = await runConformance({
      handler: createFake({ quirks: ['invalid-params-for-foreign-transaction-id'], now: NOW }).handle,
      seed: 7,
      runs: 8,
      timeoutMs: 1500,
      suites: [...STATELESS_SUITES],
    });
    expect(failing(r)).toEqual([]);
    const statuses = new Map(r.report.checks.map((c) => [c.id, c.status]));
    for (const id of ['signature/accepted-hmacsha256-get', 'signature/accepted-hmacsha1-post-form', 'signature/timestamp-within-5-minutes-accepted', 'signature/timestamp-forms-accepted', 'signature/host-without-port-accepted']) {
      expect([id, statuses.get(id)]).toEqual([id, 'pass']);
    }
  });

  // (A) R-WIRE-5: a reader that quietly accepts the malformed form must fail, each way it may read it
  it.each(['lenient-first-wins', 'lenient-last-wins', 'lenient-verify-pairs', 'lenient-raw-bytes'] as const)('%s fails exactly the encoding and duplicate-name checks', async (bug) => {
    const r = await run([bug], { suites: ['robustness'] });
    expect(failing(r)).toEqual(PROBE_CHECKS);
    for (const c of r.report.checks.filter((x) => x.status === 'fail')) {
      expect(c.message).toMatch(/^R-WIRE-5: .*accepted it \(HTTP 200/);
      expect(c.requirements).toEqual(['R-WIRE-5']);
    }
  });

  it('the probe cases pass against a strict target, having seen the well-formed base answer 200', async () => {
    const r = await run([], { suites: ['robustness'], grep: 'robustness/' });
    for (const id of PROBE_CHECKS) {
      const c = r.report.checks.find((x) => x.id === id)!;
      expect([id, c.status]).toEqual([id, 'pass']);
      expect(c.message).toMatch(/well-formed answered HTTP 200/);
    }
  });

  it('without a working VerifySignature the probe cases are not testable, never pass or fail', async () => {
    const r = await run(['no-verify-signature'], { suites: ['robustness'] });
    for (const id of PROBE_CHECKS) {
      const c = r.report.checks.find((x) => x.id === id)!;
      expect([id, c.status]).toEqual([id, 'not-tested']);
      expect(c.message).toMatch(/^not testable: the well-formed VerifySignature .* InvalidParams/);
    }
    expect(failing(r)).toEqual([]);
  });

  it('without a working VerifySignature the acceptance checks fail and say why (R-IPN-3 gives it a 200)', async () => {
    const r = await run(['no-verify-signature'], { suites: ['signature'] });
    const c = r.report.checks.find((x) => x.id === 'signature/accepted-hmacsha1-get')!;
    expect(c.status).toBe('fail');
    expect(c.message).toMatch(/^R-AUTH-1, R-WIRE-1: .*answered InvalidParams.*R-IPN-3/);
    // the host check's rule names no InvalidParams: not its failure to report
    expect(r.report.checks.find((x) => x.id === 'signature/host-without-port-accepted')?.status).not.toBe('fail');
  });
});
