// fps-conformance/vitest: a project's vitest file registers the suites; each check becomes an `it`
// (failing with rule and transcript, skipped with the reason), and the reports are written afterwards.
// Runs the demo file (fixtures/vitest/) in a child vitest, as a project would.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReport } from '../reporters/read.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');

interface JsonResult {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

function runDemo(file: string, env: Record<string, string>): Promise<{ code: number; results: Map<string, { status: string; failure: string }> }> {
  const dir = mkdtempSync(join(tmpdir(), 'fps-vitest-'));
  const out = join(dir, 'vitest.json');
  // a clean environment: the child is its own vitest run, not a worker of this one
  const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV'));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [VITEST, 'run', file, '--root', ROOT, '--config', 'fixtures/vitest/vitest.config.ts', '--reporter=json', `--outputFile=${out}`],
      { cwd: ROOT, env: { ...childEnv, ...env }, timeout: 90_000 },
      (err) => {
        try {
          const json = JSON.parse(readFileSync(out, 'utf8')) as JsonResult;
          const results = new Map(json.testResults.flatMap((f) => f.assertionResults).map((a) => [a.title, { status: a.status, failure: a.failureMessages.join('\n') }]));
          resolve({ code: (err as { code?: number } | null)?.code ?? 0, results });
        } catch (e) {
          reject(new Error(`the demo vitest run wrote no results (${String(err ?? e)})`));
        }
      },
    );
  });
}

describe('registerConformance', () => {
  it('one it per check: pass, fail with rule and transcript, skip with the reason; reports written', async () => {
    const reportDir = join(mkdtempSync(join(tmpdir(), 'fps-vitest-report-')), 'report');
    const { code, results } = await runDemo('demo.conformance', { FPS_DEMO_REPORT_DIR: reportDir });
    expect(code).toBe(1);
    expect(results.get('demo/holds: a check that holds')?.status).toBe('passed');
    expect(results.get('demo/warns: a tolerated deviation')?.status).toBe('passed');
    expect(results.get('demo/needs-sandbox: a check that needs the sandbox')?.status).toBe('skipped');
    const broke = results.get('demo/breaks: malformed input yields a 4xx')!;
    expect(broke.status).toBe('failed');
    expect(broke.failure).toContain('ConformanceFailure: bad percent-encoding got HTTP 500; R-WIRE-5 requires a 4xx error response');
    expect(broke.failure).toContain('R-WIRE-5: Malformed input yields a 4xx');
    expect(broke.failure).toContain('>   Amount=%zz');
    expect(broke.failure).toContain('< HTTP 500');
    expect(broke.failure).toMatch(/Replay: npx fps-conformance run .*--replay demo\/breaks@42/);
    const report = readReport(reportDir);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['demo/holds', 'pass'],
      ['demo/breaks', 'fail'],
      ['demo/needs-sandbox', 'not-tested'],
      ['demo/warns', 'warn'],
    ]);
    expect(readFileSync(join(reportDir, 'junit.xml'), 'utf8')).toContain('<testsuite name="demo"');
    expect(readFileSync(join(reportDir, 'summary.md'), 'utf8')).toMatch(/^## ❌ FPS conformance: FAIL/);
  });

  it('a baseline turns known failures into skips, and with --fail-on stale-baseline fails while an entry now passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fps-vitest-baseline-'));
    const file = join(dir, 'baseline.json');
    writeFileSync(file, JSON.stringify({ 'fps-conformance-baseline': 1, failures: ['R-WIRE-5', 'R-WIRE-1'] }));
    const { code, results } = await runDemo('demo.conformance', { FPS_DEMO_BASELINE: file, FPS_DEMO_FAIL_ON: 'fail,stale-baseline' });
    expect(results.get('demo/breaks: malformed input yields a 4xx')?.status).toBe('skipped');
    const current = results.get('baseline is current (no entry now passes)')!;
    expect(current.status).toBe('failed');
    expect(current.failure).toContain('stale baseline entries (now passing or gone), remove them: R-WIRE-1');
    expect(code).toBe(1);
  });

  it('against the in-process reference emulator: every it agrees with the run\'s own report', async () => {
    const reportDir = join(mkdtempSync(join(tmpdir(), 'fps-vitest-emulator-')), 'report');
    const { results } = await runDemo('emulator.conformance', { FPS_DEMO_REPORT_DIR: reportDir });
    const report = readReport(reportDir);
    expect(report.checks.length).toBeGreaterThan(5);
    const expected = { pass: 'passed', warn: 'passed', info: 'passed', fail: 'failed', 'not-tested': 'skipped', 'not-applicable': 'skipped', unsupported: 'skipped', blocked: 'skipped' } as const;
    for (const check of report.checks) {
      expect([check.id, results.get(`${check.id}: ${check.title}`)?.status]).toEqual([check.id, expected[check.status]]);
    }
  });
});

