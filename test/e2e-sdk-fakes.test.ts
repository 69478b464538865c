// The sdk checks against two fake SDKs run in-process through MSW: a correct one must pass every
// check, and a deliberately broken one must fail exactly the checks its three defects break.
import { describe, expect, it } from 'vitest';
import { runSdkConformance } from '../run/client-runner.ts';

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
        // error codes dropped (R-WIRE-4), on every error the kit serves, each variant on its row
        'answer/error-surfaced',
        'answer/error-every-code',
        'answer/error-unknown-code',
        'answer/error-retriable-4xx',
        'answer/error-retriable-5xx',
        'answer/error-sample-shaped',
      ].sort(),
    );
    expect(exitCode).toBe(1);
    const retry = report.checks.find((c) => c.id === 'faults/connection-reset')!;
    expect(retry.message).toContain('changed CallerReference');
    expect(retry.transcript?.length).toBeGreaterThan(1);
    expect(report.findings?.map((f) => f.checks[0]).sort()).toEqual(failed);
    // its "+" is measured, and the service still answered as if its requests had been right
    expect(report.checks.find((c) => c.id === 'request/space-encoding')?.message).toContain('spaces sent as +, signed as +');
    expect(report.checks.find((c) => c.id === 'answer/result-fields')?.status).toBe('pass');
  });
});

// One fake per class of defect real client libraries have (issue 15): each breaks exactly its row,
// everything else it does is still judged (the service answers a deviating request as if right).
const ONE_FLAW: [string, string, 'fail' | 'warn' | 'unsupported', RegExp][] = [
  ['one-root', 'answer/variant-sample-root', 'fail', /variant sample-root.*expected <GetRecipientVerificationStatusResponse>/],
  ['one-namespace', 'answer/variant-version-2008-09-17', 'fail', /unknown namespace/],
  ['loses-http-status', 'answer/error-retriable-5xx', 'fail', /HTTP status 400 where 50[03] was served/],
  ['unknown-code-crash', 'answer/error-unknown-code', 'fail', /crashed instead of surfacing it: NameError/],
  ['rsa-only', 'verify/outbound-hmac', 'fail', /variant HmacSHA256\] verifyReturnUrl, genuine: said invalid .*without asking/],
  ['no-recurring', 'sdk/pipeline-Recurring', 'unsupported', /left out of hello.supports.pipelines/],
  ['cbui-host-differs', 'request/signing-hosts', 'warn', /API requests are signed over the host with its port; Co-Branded URLs over the host without its port/],
  ['verify-unsigned', 'request/verify-signature-signed', 'fail', /VerifySignature sent unsigned/],
  ['bad-version', 'request/version', 'fail', /Version="2009-01-09"/],
];

describe('one fake SDK per class of defect', () => {
  it.each(ONE_FLAW)('%s breaks exactly %s (%s)', async (flaw, check, status, message) => {
    const { report } = await run(`test/fakes/flaw-${flaw}.ts`);
    // warn rows the rulings tolerate for local verifiers are allowed beside the one defect (verify/*-genuine for rsa-only)
    // and an SDK that sends its own Version cannot be served the 2008-09-17 namespace (not-tested, with the reason)
    const tolerated = flaw === 'rsa-only' ? ['verify/return-url-genuine', 'verify/ipn-genuine'] : flaw === 'bad-version' ? ['answer/variant-version-2008-09-17'] : [];
    const off = report.checks.filter((c) => !['pass', 'info'].includes(c.status) && !tolerated.includes(c.id)).map((c) => `${c.id}:${c.status}`);
    expect(off).toEqual([`${check}:${status}`]);
    expect(report.checks.find((c) => c.id === check)?.message).toMatch(message);
  });
});

describe('--strict', () => {
  it('refuses the bad-version fake\'s requests as a real FPS would, so more checks are blocked than when the kit answers as if right', async () => {
    const lenient = await run('test/fakes/flaw-bad-version.ts');
    const strict = await runSdkConformance({ adapter: 'test/fakes/flaw-bad-version.ts', seed: 7, runs: 3, slowAnswerMs: 200, timeoutMs: 10_000, strict: true });
    const failed = (r: typeof lenient) => r.report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failed(strict)).toContain('request/version');
    // refused requests keep later behaviour from being judged: more is blocked than in the lenient run
    const blocked = (r: typeof lenient) => r.report.checks.filter((c) => c.status === 'blocked').map((c) => c.id);
    expect(blocked(strict).length).toBeGreaterThan(blocked(lenient).length);
    // every failure the lenient run found is still found
    expect(failed(strict)).toEqual(expect.arrayContaining(failed(lenient)));
    // a VerifySignature refused for the Version says nothing of how the SDK verifies: blocked, not failed
    const genuine = strict.report.checks.find((c) => c.id === 'verify/return-url-genuine');
    expect(genuine?.status).toBe('blocked');
    expect(genuine?.blockedBy).toContain('request/version');
  });
});
