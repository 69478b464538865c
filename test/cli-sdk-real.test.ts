// End to end through the CLI with the two real SDKs this kit ships drivers for: each run must
// complete (no hang, no crash) with exit 1 and the deviations confirmed in adapters/FINDINGS.md.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../core/result.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  report: RunReport;
}

function cli(args: string[]): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'fps-sdk-real-'));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['bin/fps-conformance.js', 'sdk', ...args, '--seed', '11', '--runs', '2', '--report-dir', dir], { timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : null;
      try {
        resolve({ code, stdout, stderr, report: JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunReport });
      } catch (e) {
        reject(new Error(`no results.json (exit ${code}): ${stderr.slice(-500)} ${String(e)}`));
      }
    });
  });
}

const status = (r: RunReport, id: string) => r.checks.find((c) => c.id === id);
const failed = (r: RunReport) => r.checks.filter((c) => c.status === 'fail').map((c) => c.id).sort();

describe('real SDKs', () => {
  it('boto 2.49 as shipped: every FPS call crashes on Python 3 (dict.has_key, len(filter))', async () => {
    const run = await cli(['--driver', 'python3 adapters/boto/driver.py']);
    expect(run.code).toBe(1);
    expect(run.report.target.sdk).toMatchObject({ name: 'boto', version: '2.49.0' });
    const calls = status(run.report, 'sdk/calls-complete')!;
    expect(calls.status).toBe('fail');
    expect(calls.message).toContain("AttributeError: 'dict' object has no attribute 'has_key' at /usr/lib/python3/dist-packages/boto/fps/connection.py:45");
    expect(status(run.report, 'verify/return-url-genuine')?.message).toContain("object of type 'filter' has no len()");
    expect(run.stdout).toContain('Deviations found in boto');
  });

  it('boto 2.49 with the labelled Python 3 shim: Settle/Refund refuse omitted optional amounts; cbui_url adds CallerReference and goes to production', async () => {
    const run = await cli(['--driver', 'python3 adapters/boto/driver.py --shim']);
    expect(run.code).toBe(1);
    expect(run.report.target.sdk?.name).toBe('boto (with Python 3 compatibility shim)');
    expect(run.report.notes?.join('\n')).toContain('Python 3 compatibility shim applied');
    expect(failed(run.report)).toEqual(['answer/variant-sample-root', 'cbui/values-as-given', 'request/optional-omittable']);
    // the seed's own GetRecipientVerificationResponse sample: boto/fps/response.py:69-75 builds a result only for <{Action}Result>
    expect(status(run.report, 'answer/variant-sample-root')?.message).toContain('RecipientVerificationStatus (served "VerificationComplete") missing');
    expect(status(run.report, 'request/optional-omittable')?.message).toMatch(/Settle requires .*TransactionAmount[\s\S]*Refund requires .*RefundAmount/);
    expect(status(run.report, 'cbui/values-as-given')?.message).toContain('sent twice: CallerReference and callerReference');
    expect(status(run.report, 'cbui/endpoint')).toMatchObject({ status: 'warn' });
    expect(status(run.report, 'cbui/endpoint')?.message).toContain('authorize.payments.amazon.com');
    // GET style, Host without the port, resends after 5xx and resets repeat the request
    expect(status(run.report, 'request/style')?.message).toContain('GET');
    expect(status(run.report, 'request/signature')?.status).toBe('pass');
    expect(status(run.report, 'faults/connection-reset')?.message).toContain('→ HTTP 200 Pay Success');
  });

  it('awssum-amazon-fps 1.3.0: GetTokensByCaller, DescriptorPolicy.CsOwner, Settle needs TransactionAmount, malformed XML taken as success, parser stuck after a truncated answer', async () => {
    const run = await cli(['--adapter', 'adapters/awssum']);
    expect(run.code).toBe(1);
    expect(run.report.target.sdk).toMatchObject({ name: 'awssum-amazon-fps', version: '1.3.0' });
    expect(failed(run.report)).toEqual(
      ['answer/no-false-success', 'faults/malformed-xml', 'faults/truncated-xml', 'request/action-documented', 'request/optional-omittable', 'request/parameter-names', 'request/parameters-as-called', 'sdk/calls-complete'].sort(),
    );
    expect(status(run.report, 'request/action-documented')?.message).toContain('Action="GetTokensByCaller"');
    expect(status(run.report, 'request/optional-omittable')?.message).toContain('Provide a TransactionAmount.CurrencyCode');
    expect(status(run.report, 'faults/malformed-xml')?.message).toContain('reported success although no genuine success was served');
    expect(status(run.report, 'faults/truncated-xml')?.message).toContain('does not recover');
    expect(status(run.report, 'request/parameter-names')?.message).toContain('"DescriptorPolicy.CsOwner"');
    expect(status(run.report, 'request/style')?.message).toContain('POST-query');
    // what it cannot do is a row of its own; its unknown Action blocks, not fails, the optional-element variants
    expect(status(run.report, 'sdk/pipeline-SingleUse')?.status).toBe('unsupported');
    expect(status(run.report, 'answer/variant-optional-absent')).toMatchObject({ status: 'blocked', blockedBy: ['request/action-documented', 'request/parameters-as-called'] });
    // the misspelt DescriptorPolicy.CsOwner is answered as if right, so Pay(full)'s answer is still judged
    expect(run.report.checks.find((c) => c.id === 'answer/result-fields')?.status).toBe('pass');
  });
});
