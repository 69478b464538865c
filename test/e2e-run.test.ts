// runConformance end to end against the in-process fake, and the `run` command as a user runs it.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.ts';
import { runConformance } from '../run/service-runner.ts';
import { createFake } from './support/fake-target.ts';
import { render as renderJson } from '../reporters/json.ts';
import { validateResults } from '../reporters/read.ts';
import { serveHandler } from './support/serve-handler.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const fake = (bugs: Parameters<typeof createFake>[0] = {}) => createFake({ now: NOW, ...bugs }).handle;

describe('runConformance', () => {
  it('reports the run: kit, contract digests, seed, reproduce command, requirements', async () => {
    const { exitCode, report } = await runConformance({ handler: fake(), seed: 5, runs: 3, suites: ['wire'] });
    expect(exitCode).toBe(0);
    expect(report.kit.name).toBe('fps-conformance');
    expect(report.contract.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(report.seed).toBe(5);
    expect(report.command).toBe('npx fps-conformance run --suite wire --seed 5 --runs 3');
    expect(report.suites).toEqual(['wire']);
    const rows = new Map(report.requirements.map((r) => [r.id, r]));
    expect(rows.get('R-WIRE-3')).toMatchObject({ status: 'pass', checks: ['wire/error-documents', 'wire/namespace-per-version'] });
    expect(rows.get('R-PAY-5')).toMatchObject({ status: 'not-tested', reason: 'no check in this run covers it' });
    expect(rows.get('R-SBX-1')!.status).toBe('not-applicable'); // the fake declares only "core"
    expect(rows.has('ACTION-Pay')).toBe(true);
  });

  it('a report with failures, transcripts and replays renders to a results.json that meets the published schema', async () => {
    const { report } = await runConformance({ handler: fake({ bugs: ['accept-any-signature', 'server-error-on-garbage'] }), seed: 5, runs: 5, suites: ['signature', 'robustness'] });
    expect(report.checks.some((c) => c.status === 'fail' && c.transcript?.length && c.replay?.path)).toBe(true);
    const failed = report.checks.find((c) => c.id === 'robustness/bad-percent-encoding')!;
    expect(failed.transcript?.[0]?.curl).toMatch(/^curl -sS -i .*%ZZ/);
    expect(validateResults(JSON.parse(renderJson(report)))).toEqual([]);
  });

  it('a random seed is chosen and printed when none is given', async () => {
    const lines: string[] = [];
    const { report } = await runConformance({ handler: fake(), runs: 1, grep: 'namespace', progress: (l) => lines.push(l) });
    expect(Number.isInteger(report.seed)).toBe(true);
    expect(lines[0]).toBe(`seed ${report.seed} (rerun this exact run with --seed ${report.seed})`);
  });

  it('checks left out by --grep are not-tested with the reason, never passed', async () => {
    const { report } = await runConformance({ handler: fake(), seed: 1, runs: 1, suites: ['signature'], grep: 'R-AUTH-3' });
    const by = new Map(report.checks.map((c) => [c.id, c]));
    expect(by.get('signature/signature-version-1-rejected')!.status).toBe('pass');
    expect(by.get('signature/tampered-request-rejected')).toMatchObject({ status: 'not-tested', message: 'not selected by --grep "R-AUTH-3"' });
  });

  it('without /_sandbox and credentials, account checks are not-tested and the notes say why; user keys make them run', async () => {
    const bare = await runConformance({ handler: fake({ bugs: ['no-sandbox'] }), seed: 1, runs: 2, suites: ['signature', 'robustness'] });
    expect(bare.exitCode).toBe(0);
    const tamper = bare.report.checks.find((c) => c.id === 'signature/tampered-request-rejected')!;
    expect(tamper.status).toBe('not-tested');
    expect(tamper.message).toContain('--access-key-id');
    expect(bare.report.checks.find((c) => c.id === 'robustness/garbage-bytes')!.status).toBe('pass'); // needs nothing
    expect(bare.report.notes?.join('\n')).toMatch(/no sandbox hooks/);
    const keys = { AKUSER: 'user-secret-abcdefgh' };
    const withKeys = await runConformance({ handler: createFake({ now: NOW, bugs: ['no-sandbox'], keys }).handle, seed: 1, runs: 2, suites: ['signature'], credentials: { accessKeyId: 'AKUSER', secretAccessKey: keys.AKUSER } });
    const statuses = new Map(withKeys.report.checks.map((c) => [c.id, c.status]));
    expect(statuses.get('signature/tampered-request-rejected')).toBe('pass');
    // the clock comes from nowhere (no sandbox, no Date header): time checks are honest about it
    expect(statuses.get('signature/timestamp-within-5-minutes-accepted')).toBe('not-tested');
    expect(JSON.stringify(withKeys.report)).not.toContain(keys.AKUSER);
  });

  it('the time limit stops new checks: not-tested "time limit" and timeLimited', async () => {
    const handle = fake();
    // the API answers slowly, the sandbox hooks at once, so setup never eats the whole limit
    const slow = async (r: Request): Promise<Response> => {
      if (!new URL(r.url).pathname.startsWith('/_sandbox')) await new Promise((res) => setTimeout(res, 150));
      return handle(r);
    };
    const { report } = await runConformance({ handler: slow, seed: 1, runs: 2, timeLimitMs: 1500, suites: ['robustness'] });
    expect(report.timeLimited).toBe(true);
    const limited = report.checks.filter((c) => c.status === 'not-tested' && c.message?.startsWith('time limit'));
    expect(limited.length).toBeGreaterThan(5);
    expect(report.checks.some((c) => c.status === 'pass')).toBe(true);
  });

  it('--replay reruns one failing property at its shrunk case and fails the same way', async () => {
    const handler = fake({ bugs: ['accept-any-signature'] });
    const first = await runConformance({ handler, seed: 11, runs: 20, suites: ['signature'] });
    const failed = first.report.checks.find((c) => c.id === 'signature/tampered-request-rejected')!;
    expect(failed.status).toBe('fail');
    const { seed, path } = failed.replay!;
    expect(path).toBeDefined();
    const again = await runConformance({ handler, replay: { checkId: failed.id, seed, path: path! }, suites: ['signature'] });
    const replayed = again.report.checks.find((c) => c.id === failed.id)!;
    expect(replayed.status).toBe('fail');
    expect(replayed.counterexample).toEqual(failed.counterexample);
    expect(replayed.numRuns).toBe(1);
    // only the replayed check and its requirements are reported: no "skip" rows, no "0 of N hold"
    expect(again.report.checks.map((c) => c.id)).toEqual([failed.id]);
    expect(again.report.suites).toEqual(['signature']);
    expect(again.report.requirements.map((r) => r.id).sort()).toEqual([...failed.requirements].sort());
    expect(again.report.requirements.every((r) => r.status === 'fail')).toBe(true);
  });

  it('missing prerequisites are not-tested with the reason; a kit error is not-tested, noted, and exits 2', async () => {
    const registry = [
      {
        name: 'x',
        title: 'x',
        checks: [
          { id: 'x/needs-ipn', title: 'needs ipn', requirements: ['R-IPN-1'], needs: ['ipn' as const], run: async () => ({ status: 'pass' as const }) },
          { id: 'x/needs-simulation', title: 'sim', requirements: ['R-SBX-1'], needs: ['sandbox-simulation' as const], run: async () => ({ status: 'pass' as const }) },
          { id: 'x/throws', title: 'throws', requirements: ['R-WIRE-1'], run: async () => { throw new TypeError('oops'); } },
          { id: 'x/holds', title: 'holds', requirements: ['R-WIRE-2'], run: async () => ({ status: 'pass' as const }) },
        ],
      },
    ];
    const { exitCode, report } = await runConformance({ handler: fake(), seed: 1, registry });
    const by = new Map(report.checks.map((c) => [c.id, c]));
    expect(by.get('x/needs-ipn')).toMatchObject({ status: 'not-tested', message: expect.stringContaining('IPN') });
    expect(by.get('x/needs-simulation')).toMatchObject({ status: 'not-applicable' });
    expect(by.get('x/throws')).toMatchObject({ status: 'not-tested', message: 'internal error in the kit: oops' });
    expect(by.get('x/holds')!.status).toBe('pass');
    expect(report.notes).toContain('internal error: x/throws: internal error in the kit: oops');
    expect(exitCode).toBe(2);
  });

  it('an unreachable target is a setup error with one clear line', async () => {
    await expect(runConformance({ target: 'http://127.0.0.1:1/', timeoutMs: 1000 })).rejects.toThrow(UsageError);
    await expect(runConformance({ target: 'http://127.0.0.1:1/', timeoutMs: 1000 })).rejects.toThrow(/^target http:\/\/127\.0\.0\.1:1\/ is unreachable: connection refused/);
    await expect(runConformance({ target: 'ftp://127.0.0.1/' })).rejects.toThrow(/http/);
  });
});

const CLI = join(import.meta.dirname, '..', 'bin', 'fps-conformance.js');
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('fps-conformance run (CLI)', () => {
  it('checks a target over HTTP, writes results.json and prints the summary; exit 0', async () => {
    const secret = 'user-secret-never-printed-0123';
    const served = await serveHandler(createFake({ now: NOW, keys: { AKCLI: secret } }).handle);
    const dir = mkdtempSync(join(tmpdir(), 'fpsck-run-'));
    try {
      const r = await cli(['run', '--target', served.url, '--suite', 'wire,robustness', '--seed', '3', '--runs', '3', '--report-dir', dir, '--access-key-id', 'AKCLI', '--secret-access-key', secret]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('seed 3');
      expect(r.stdout).toMatch(/PASS/);
      const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
      expect(results.seed).toBe(3);
      expect(results.target.url).toBe(served.url);
      expect(results.checks.length).toBeGreaterThan(20);
      expect(results.command).toContain('--secret-access-key "$FPS_SECRET_ACCESS_KEY"');
      for (const text of [r.stdout, readFileSync(join(dir, 'results.json'), 'utf8'), readFileSync(join(dir, 'report.html'), 'utf8')]) expect(text).not.toContain(secret);
    } finally {
      await served.close();
    }
  });

  it('bad flags and an unreachable target exit 2 with one line, no stack trace', async () => {
    for (const args of [['run', '--time-limit', 'soon'], ['run', '--target', 'http://127.0.0.1:1/'], ['run', '--profile', 'fast'], ['run', '--fail-on', 'fail,never'], ['serve', '--choice', 'bogus']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    // choice options are checked by commander (.choices()), each item of a list too
    expect((await cli(['run', '--profile', 'fast'])).stderr).toMatch(/argument 'fast' is invalid\. Allowed choices are core, sandbox-simulation\./);
    expect((await cli(['run', '--fail-on', 'fail,never'])).stderr).toMatch(/"never" is not allowed\. Allowed choices are fail, fail-new, warn/);
  });

  it('end to end: `serve` in one process, `run --target` in another, the stateless suites hold (exit 0)', async () => {
    const serve = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30_000);
        serve.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        serve.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const dir = mkdtempSync(join(tmpdir(), 'fpsck-e2e-'));
      const r = await cli(['run', '--target', url, '--suite', 'signature,wire,robustness', '--seed', '8', '--runs', '5', '--report-dir', dir]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
      expect(results.checks.filter((c: { status: string }) => c.status !== 'pass' && c.status !== 'not-applicable')).toEqual([]);
    } finally {
      serve.kill('SIGTERM');
    }
  });
});
