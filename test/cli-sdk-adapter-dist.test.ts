// The CLI compiled to JavaScript (as dist/ is) loads a .ts adapter: clients/driver-adapter.ts registers tsx
// before importing it, so `sdk --adapter adapters/awssum` needs no FPS_CONFORMANCE_SOURCES=1.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'fps-dist-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the compiled CLI and a TypeScript adapter', () => {
  it('runs `sdk --adapter <file>.ts` under plain node', () => {
    // the build's own tsconfig, into a scratch dir (dist/ belongs to `npm run build`)
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', out], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
    writeFileSync(join(out, 'package.json'), JSON.stringify({ name: 'fps-conformance', version: '0.0.0-test', type: 'module' }));
    cpSync(join(ROOT, 'reporters', 'schema'), join(out, 'reporters', 'schema'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'));
    const reports = join(out, 'reports');
    const env = { PATH: process.env.PATH ?? '' };
    const stdout = execFileSync(process.execPath, [join(out, 'bin', 'cli.js'), 'sdk', '--adapter', 'test/fakes/good-sdk.ts', '--grep', 'driver/', '--report-dir', reports], { cwd: ROOT, encoding: 'utf8', env, timeout: 60_000 });
    expect(stdout).toContain(`reports: ${reports}`);
    expect(stdout).not.toMatch(/Unknown file extension/);
  }, 240_000);
});
