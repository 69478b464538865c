// reproStep: how each recorded exchange is classified and how it was signed, judged with the run's keys.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signCbuiUrl, signedParams } from '../spec/sigv2/index.ts';
import { renderReproScript, reproFileName } from '../reporters/repro-script.ts';
import { buildRepro, reproStep, type ReproContext } from './repro.ts';
import type { Exchange } from '../core/wire.ts';

const BASE = 'http://127.0.0.1:8080/';
const SECRET = 'S3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3t0000';
const ctx: ReproContext = { baseUrl: BASE, accounts: [], secretOf: (id) => (id === 'AKCALLER' ? SECRET : undefined) };
const CLOCK = '2026-01-01T00:00:00Z';

function apiExchange(over: { host?: string; keyId?: string; tamper?: boolean; timestamp?: string } = {}): Exchange {
  const params = signedParams({
    action: 'GetTransactionStatus', params: { TransactionId: 'T1' }, accessKeyId: over.keyId ?? 'AKCALLER', secret: SECRET,
    method: 'POST', host: over.host ?? '127.0.0.1:8080', path: '/', timestamp: over.timestamp ?? '2026-01-01T00:00:00Z', version: '2010-08-28', signatureMethod: 'HmacSHA256',
  });
  if (over.tamper) params.TransactionId = 'T2';
  const body = new URLSearchParams(params).toString();
  return { seq: 1, sentAt: '2030-05-05T00:00:00Z', sandboxNow: CLOCK, request: { method: 'POST', url: BASE, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, response: { status: 200, headers: {}, body: '<x/>' }, elapsedMs: 1 };
}

describe('reproStep', () => {
  it('tells a request signed right from a tampered one, one signed over the host without its port, and one by a key the run did not make', () => {
    expect(reproStep(apiExchange(), ctx)).toMatchObject({ kind: 'api', paramsIn: 'body', signature: 'valid', timestampSkewMs: 0, clock: CLOCK });
    expect(reproStep(apiExchange({ tamper: true }), ctx)?.signature).toBe('invalid');
    expect(reproStep(apiExchange({ host: '127.0.0.1' }), ctx)?.signature).toBe('valid-without-port');
    expect(reproStep(apiExchange({ keyId: 'AKNOSUCH' }), ctx)?.signature).toBe('unknown-key');
  });

  it('keeps a deliberate Timestamp skew from the sandbox clock', () => {
    expect(reproStep(apiExchange({ timestamp: '2025-12-31T23:43:00Z' }), ctx)?.timestampSkewMs).toBe(-17 * 60_000);
  });

  it('classifies sandbox hooks and Co-Branded requests (signed or not) by their URL', () => {
    const hook: Exchange = { seq: 2, sentAt: CLOCK, request: { method: 'POST', url: `${BASE}_sandbox/clock`, headers: {}, body: '{"advanceSeconds":60}' }, response: { status: 200, headers: {}, body: '{}' }, elapsedMs: 1 };
    expect(reproStep(hook, ctx)).toMatchObject({ kind: 'sandbox', path: '_sandbox/clock', clock: CLOCK });
    const signed = signCbuiUrl(`${BASE}cobranded-ui/actions/start`, { callerKey: 'AKCALLER', pipelineName: 'SingleUse', callerReference: 'r1' }, SECRET);
    const cbui = (url: string): Exchange => ({ seq: 3, sentAt: CLOCK, request: { method: 'GET', url, headers: { 'x-sandbox-buyer': 'a@b.example' } }, response: { status: 302, headers: { location: 'http://127.0.0.1:3000/?tokenID=TOK1' }, body: '' }, elapsedMs: 1 });
    expect(reproStep(cbui(signed), ctx)).toMatchObject({ kind: 'cbui', signature: 'valid', was: { status: 302, location: 'http://127.0.0.1:3000/?tokenID=TOK1' } });
    expect(reproStep(cbui(signed.replace('callerReference=r1', 'callerReference=r2')), ctx)?.signature).toBe('invalid');
  });

  it('marks the steps that broke a rule, or the last one, and lists accounts made before the case', () => {
    const failing = { ...apiExchange(), expected: 'error InvalidTransactionId', rules: ['R-AUTH-4'] };
    const accounts = [{ request: '{"role":"caller"}', accountId: 'ACCT000001', email: 'c@x.example', accessKeyId: 'AKCALLER' }, { request: '{}', accountId: 'ACCT000002', email: 'z@x.example', accessKeyId: 'AKOTHER' }];
    const check = { id: 'signature/x', suite: 'signature', title: 't', requirements: ['R-AUTH-4'], status: 'fail' as const, durationMs: 1 };
    const repro = buildRepro({ ...check, transcript: [apiExchange(), failing] }, { ...ctx, accounts })!;
    expect(repro.failing).toEqual([1]);
    // only the caller's key appears in the steps
    expect(repro.accounts.map((a) => a.accessKeyId)).toEqual(['AKCALLER']);
    expect(buildRepro({ ...check, transcript: [apiExchange()] }, ctx)!.failing).toEqual([0]);
    expect(buildRepro({ ...check, transcript: [] }, ctx)).toBeUndefined();
  });
});

describe('renderReproScript', () => {
  it('is a module node accepts, named after the check, without the secret', () => {
    const check = { id: 'signature/x*/\n', suite: 'signature', title: 'a */ title\nwith a line', requirements: ['R-AUTH-4'], status: 'fail' as const, message: 'm', durationMs: 1 };
    const text = renderReproScript(buildRepro({ ...check, transcript: [apiExchange()] }, ctx)!);
    const file = join(mkdtempSync(join(tmpdir(), 'fps-repro-unit-')), reproFileName(check.id));
    expect(reproFileName('tokens/single-use')).toBe('tokens--single-use.mjs');
    writeFileSync(file, text);
    execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' });
    expect(text).not.toContain(SECRET);
    expect(text.startsWith('#!/usr/bin/env node\n// Repro of signature/x*/ ')).toBe(true);
  });
});
