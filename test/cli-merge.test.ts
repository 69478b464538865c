// `run --shard` and `merge` from the command line: parts written, joined, and refused when incomplete.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '..', 'bin', 'fps-conformance.js');
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('fps-conformance run --shard + merge (CLI)', () => {
  it('writes one part per shard, merges them into one report, and names a missing part (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fps-merge-'));
    const common = ['run', '--suite', 'wire,tokens', '--seed', '11', '--runs', '3'];
    for (const i of [1, 2]) {
      const r = await cli([...common, '--shard', `${i}/2`, '--report-dir', join(dir, `part-${i}`)]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, `part-${i}`, 'results.json'), 'utf8')).shard).toMatchObject({ index: i, count: 2 });
    }
    const merged = await cli(['merge', dir, '--report-dir', join(dir, 'merged')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/merged 2 parts of seed 11/);
    const report = JSON.parse(readFileSync(join(dir, 'merged', 'results.json'), 'utf8'));
    expect(report.shard).toBeUndefined();
    expect(report.command).not.toMatch(/--shard/);
    const missing = await cli(['merge', join(dir, 'part-1'), '--report-dir', join(dir, 'bad')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing shard 2\/2 of seed 11/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const badFlag = await cli(['run', '--shard', '3/2']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/--shard takes <i>\/<n>/);
  }, 240_000);
});
