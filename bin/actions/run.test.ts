// `fps-conformance run` minus the process: flags → run → reports → exit code, with the gate.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type Io } from './run.ts';
import { createFake } from '../../test/support/fake-target.ts';
import { serveHandler } from '../../test/support/serve-handler.ts';
import { UNCHECKED_CLAUSES } from '../../emulator/bugs/clauses.ts';

let served: { url: string; close(): Promise<void> };
beforeAll(async () => {
  served = await serveHandler(createFake({ now: Date.parse('2026-01-01T00:00:00Z'), bugs: ['wrong-namespace'] }).handle);
});
afterAll(() => served.close());

function io(): Io & { stdout: string; stderr: string } {
  const o = { stdout: '', stderr: '', isTTY: false, env: {} as NodeJS.ProcessEnv, out: (t: string) => void (o.stdout += t), err: (t: string) => void (o.stderr += t) };
  return o;
}

describe('runCommand', () => {
  it('a failing check exits 1; listed in a baseline it exits 0 and says "known failure"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fpsck-cmd-'));
    const plain = io();
    const first = await runCommand({ target: served.url, suite: 'wire', seed: '4', runs: '2', reportDir: dir }, plain);
    expect(first.exitCode).toBe(1);
    expect(plain.stdout).toContain('FAIL wire/namespace-per-version');
    expect(plain.stdout).toContain('replay: npx fps-conformance run');
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, JSON.stringify({ 'fps-conformance-baseline': 1, failures: ['R-WIRE-3'] }));
    const gated = io();
    const second = await runCommand({ target: served.url, suite: 'wire', seed: '4', runs: '2', reportDir: dir, baseline }, gated);
    expect(second.exitCode).toBe(0);
    expect(gated.stdout).toContain('known failure (baseline): wire/namespace-per-version R-WIRE-3');
  });

  it('--json prints only results.json on stdout, progress on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fpsck-cmd-'));
    const o = io();
    const r = await runCommand({ target: served.url, suite: 'robustness', grep: 'empty', seed: '1', runs: '1', reportDir: dir, json: true }, o);
    expect(r.exitCode).toBe(0);
    const parsed = JSON.parse(o.stdout);
    expect(parsed.seed).toBe(1);
    expect(o.stderr).toContain('seed 1');
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).seed).toBe(1);
  });

  it('a bad --fail-on is refused before any request', async () => {
    await expect(runCommand({ target: 'http://127.0.0.1:1/', failOn: 'sometimes' }, io())).rejects.toThrow(/--fail-on/);
  });

  it('fills uncheckedClauses (as bin/commands/run.ts hands them in) with the clauses of rules the run judges', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fpsck-cmd-'));
    const foreign = { clause: 'R-NOPE-1.x', rule: 'R-NOPE-1', reason: 'no such rule' };
    const r = await runCommand({ target: served.url, suite: 'robustness', grep: 'empty', seed: '1', runs: '1', reportDir: dir }, io(), { uncheckedClauses: [...UNCHECKED_CLAUSES, foreign] });
    const written = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { uncheckedClauses?: { clause: string; rule: string; reason: string }[] };
    expect(UNCHECKED_CLAUSES.length).toBeGreaterThan(0);
    expect(written.uncheckedClauses?.map((u) => u.clause)).toEqual(UNCHECKED_CLAUSES.map((u) => u.clause));
    expect(written.uncheckedClauses?.[0]).toEqual({ clause: UNCHECKED_CLAUSES[0]!.clause, rule: UNCHECKED_CLAUSES[0]!.rule, reason: UNCHECKED_CLAUSES[0]!.reason });
    expect(r.report.uncheckedClauses?.some((u) => u.rule === 'R-NOPE-1')).toBe(false);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('Clauses the kit cannot check');
  });
});
