// The repro scripts a run writes for its failing checks (reporters/repro-script.ts): against a running
// `serve --bug`, `node repro/<check>.mjs` reproduces the failure (exit 1); against a correct serve it
// does not (exit 0). No secret is written into a script.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type Io } from '../bin/actions/run.ts';
import type { ReproData } from '../run/repro.ts';

const CLI = join(import.meta.dirname, '..', 'bin', 'fps-conformance.js');

function serve(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--quiet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

const node = (file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    // plain node, no loader: the script must stand on its own
    execFile(process.execPath, [file, ...args], { timeout: 60_000, env: { PATH: process.env.PATH ?? '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });

function io(): Io & { stdout: string } {
  const o = { stdout: '', isTTY: false, env: {} as NodeJS.ProcessEnv, out: (t: string) => void (o.stdout += t), err: () => undefined };
  return o;
}

const reproOf = (script: string): ReproData => JSON.parse(/^const REPRO = ([\s\S]*?);\nimport /m.exec(script)![1]!) as ReproData;

let buggy: Awaited<ReturnType<typeof serve>>;
let correct: Awaited<ReturnType<typeof serve>>;
const dir = mkdtempSync(join(tmpdir(), 'fps-repro-'));
let outcome: Awaited<ReturnType<typeof runCommand>>;
let printed = '';

beforeAll(async () => {
  [buggy, correct] = await Promise.all([serve(['--bug', 'tok-single-use-twice', 'sig-stale-timestamp']), serve([])]);
  const o = io();
  outcome = await runCommand({ target: buggy.url, suite: 'tokens,signature', grep: 'single-use,timestamp-beyond', seed: '5', runs: '3', reportDir: dir }, o);
  printed = o.stdout;
}, 120_000);

afterAll(() => {
  buggy?.child.kill('SIGTERM');
  correct?.child.kill('SIGTERM');
});

describe('repro scripts', () => {
  const script = (check: string): string => join(dir, 'repro', `${check.replace('/', '--')}.mjs`);

  it('are written for each failing check, and the run says where', () => {
    expect(outcome.exitCode).toBe(1);
    const failed = outcome.report.checks.filter((c) => c.status === 'fail').map((c) => c.id).sort();
    expect(failed).toEqual(['signature/timestamp-beyond-15-minutes-rejected', 'tokens/single-use-and-recurring']);
    for (const id of failed) expect(existsSync(script(id)), id).toBe(true);
    expect(printed).toContain(`repro scripts: 2 in ${join(dir, 'repro')}`);
  });

  it('reproduce a token used twice (accounts, Co-Branded UI, Pay) against the buggy serve, and not against a correct one', async () => {
    const file = script('tokens/single-use-and-recurring');
    const again = await node(file, [buggy.url]);
    expect(again.stdout).toContain('REPRODUCED: the target answers the failing step(s) as in the failing run');
    expect(again.code, again.stdout + again.stderr).toBe(1);
    // the failing step is the second Pay, answered as in the failing run; the token was made anew
    expect(again.stdout).toMatch(/CBUI as [^\n]*: HTTP 302/);
    expect(again.stdout).toMatch(/Pay\([^\n]*: HTTP 200 PayResponse [A-Za-z]+ {2}<- broke R-TOK-6/);
    const fixed = await node(file, [correct.url]);
    expect(fixed.stdout).toMatch(/HTTP 400 TokenUsageError \(the failing run: HTTP 200 PayResponse/);
    expect(fixed.stdout).toContain('NOT REPRODUCED');
    expect(fixed.code).toBe(0);
  });

  it('keep a deliberately stale Timestamp stale when re-signing, with a caller made before the case', async () => {
    const file = script('signature/timestamp-beyond-15-minutes-rejected');
    const repro = reproOf(readFileSync(file, 'utf8'));
    // the run's caller was made at set-up, before the failing case's transcript: the script makes it again
    expect(repro.accounts.length).toBeGreaterThan(0);
    const stale = repro.steps.find((s) => s.kind === 'api')!;
    expect(stale.signature).toBe('valid');
    expect(stale.timestampSkewMs).toBeLessThan(-15 * 60_000);
    expect((await node(file, [buggy.url])).code).toBe(1);
    const fixed = await node(file, [correct.url]);
    expect(fixed.stdout).toContain('NOT REPRODUCED');
    expect(fixed.code).toBe(0);
  });

  it('carry no secret: account answers are blanked, and the script makes its own keys', () => {
    for (const check of ['tokens/single-use-and-recurring', 'signature/timestamp-beyond-15-minutes-rejected']) {
      const text = readFileSync(script(check), 'utf8');
      const repro = reproOf(text);
      const made = repro.steps.filter((s) => s.kind === 'sandbox' && s.path.startsWith('_sandbox/accounts'));
      for (const s of made) expect((JSON.parse(s.was.body!) as { secretAccessKey: string }).secretAccessKey).toMatch(/redacted/);
      expect(text).not.toMatch(/"secretAccessKey\\?":\s*\\?"(?!\[redacted\]|«redacted»)/);
    }
  });

  it('stop with exit 2 and one line when the target is unreachable', async () => {
    const r = await node(script('tokens/single-use-and-recurring'), ['http://127.0.0.1:1/']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^repro: target http:\/\/127\.0\.0\.1:1\/ is unreachable/);
  });
});
