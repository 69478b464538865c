// The sdk command shares run's command layer: --fail-on and --baseline gate it, the reports name the
// gate, and unsupported rows show in the console like any other status.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sdkCommand } from '../bin/actions/sdk.ts';

function io() {
  const o = { stdout: '', stderr: '', out: (t: string) => void (o.stdout += t), err: (t: string) => void (o.stderr += t) };
  return o;
}
const flags = { adapter: 'test/fakes/flaw-no-recurring.ts', seed: '3', runs: '1', grep: 'sdk/pipeline-', timeout: '10000' };

describe('sdk gate', () => {
  it('an unsupported pipeline is a row in the console; --fail-on unsupported fails the run on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdk-gate-'));
    const plain = io();
    const open = await sdkCommand({ ...flags, reportDir: join(dir, 'a') }, plain, []);
    expect(open.exitCode).toBe(0);
    expect(plain.stdout).toMatch(/UNSUPPORTED sdk\/pipeline-Recurring: not supported by the SDK/);
    expect(readFileSync(join(dir, 'a', 'summary.md'), 'utf8')).toContain('**sdk/pipeline-Recurring**: not supported by the SDK');

    const gated = io();
    const closed = await sdkCommand({ ...flags, reportDir: join(dir, 'b'), failOn: 'fail,unsupported' }, gated, []);
    expect(closed.exitCode).toBe(1);
    expect(gated.stdout).toMatch(/not supported by the SDK \(--fail-on unsupported\): .*PIPELINE-Recurring/);
    expect(gated.stdout).toContain('gate: FAIL (--fail-on fail,unsupported)');
  });

  it('a baseline that cannot be read is exit 2 before the SDK is started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdk-gate-'));
    const bad = join(dir, 'baseline.json');
    writeFileSync(bad, 'not json');
    await expect(sdkCommand({ ...flags, reportDir: join(dir, 'c'), baseline: bad }, io(), [])).rejects.toThrow(/baseline/);
  });
});
