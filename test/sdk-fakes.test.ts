// The sdk checks against two fake SDKs run in-process through MSW: a correct one must pass every
// check, and a deliberately broken one must fail exactly the checks its three defects break.
import { describe, expect, it } from 'vitest';
import { runSdkConformance } from '../sdk/runner.ts';

const run = (adapter: string) => runSdkConformance({ adapter, seed: 7, runs: 3, slowAnswerMs: 200, timeoutMs: 10_000 });

describe('sdk checks against fake SDKs', () => {
  it('a correct fake SDK passes every check (exit 0)', async () => {
    const { exitCode, report } = await run('test/fakes/good-sdk.ts');
    const notPassing = report.checks.filter((c) => c.status !== 'pass' && c.status !== 'info').map((c) => `${c.id}: ${c.status} ${c.message ?? ''}`);
    expect(notPassing).toEqual([]);
    expect(exitCode).toBe(0);
    expect(report.target.kind).toBe('sdk');
    expect(report.target.sdk?.name).toBe('good-fake-sdk');
    // it signs over the Host with its port, and that is reported as information (R-AUTH-1b)
    expect(report.checks.find((c) => c.id === 'request/signature-host')?.message).toContain('with its port');
    expect(report.checks.find((c) => c.id === 'request/style')?.message).toContain('POST-form');
  });

  it('a broken fake SDK fails exactly the checks its defects break (exit 1)', async () => {
    const { exitCode, report } = await run('test/fakes/broken-sdk.ts');
    const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.id).sort();
    expect(failed).toEqual(
      [
        // "+" for spaces when signing: API requests and Co-Branded URLs with a space (R-AUTH-1)
        'request/signature',
        'cbui/signature',
        // a failed Pay resent with a new CallerReference (R-IDEM-2), on each retriable fault it resends after
        'faults/http-500-InternalError',
        'faults/http-503-InternalError',
        'faults/connection-reset',
        // ...which is also a parameter the caller gave and the SDK changed
        'request/parameters-as-called',
        // error codes dropped (R-WIRE-4)
        'answer/error-surfaced',
      ].sort(),
    );
    expect(exitCode).toBe(1);
    const retry = report.checks.find((c) => c.id === 'faults/connection-reset')!;
    expect(retry.message).toContain('changed CallerReference');
    expect(retry.transcript?.length).toBeGreaterThan(1);
    expect(report.findings?.map((f) => f.checks[0]).sort()).toEqual(failed);
  });
});
