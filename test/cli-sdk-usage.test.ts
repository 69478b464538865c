// `fps-conformance sdk` usage errors: one clear line on stderr and exit 2, never a stack trace.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.ts';
import { sdkOptionsFromFlags } from '../bin/actions/sdk.ts';

function sdk(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/fps-conformance.js', 'sdk', ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : ((err as { code?: number }).code ?? null), stdout, stderr });
    });
  });
}

describe('fps-conformance sdk flags', () => {
  it('bad values are usage errors naming the flag', () => {
    expect(() => sdkOptionsFromFlags({ adapter: 'a', runs: '0' })).toThrow(/--runs must be a whole number/);
    expect(() => sdkOptionsFromFlags({ adapter: 'a', seed: 'x' })).toThrow(UsageError);
    expect(() => sdkOptionsFromFlags({ adapter: 'a', driver: 'b' })).toThrow(/exactly one/);
    expect(sdkOptionsFromFlags({ driver: 'python3 d.py', seed: '7', runs: '3', timeout: '500', grep: 'faults/' })).toEqual({ driver: 'python3 d.py', seed: 7, runs: 3, timeoutMs: 500, grep: 'faults/' });
  });
});

describe('fps-conformance sdk usage errors', () => {
  it.concurrent.each([
    [[], /give exactly one of --driver "<command>" or --adapter <path>/],
    [['--driver', 'no-such-driver-xyz'], /--driver: cannot start "no-such-driver-xyz": command not found/],
    [['--adapter', 'adapters/no-such-adapter'], /--adapter: no module at "adapters\/no-such-adapter"/],
  ])('%j exits 2 with one line', async (args, message) => {
    const r = await sdk(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
