// Setup checks: the report dir probe (never a hang) and the "is this FPS at all" verdict, which must
// refuse a static web server and never a broken FPS (that is for the checks to judge).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReportDir, notFpsReason } from './setup-checks.ts';
import type { WireResponse } from '../core/wire.ts';

const res = (status: number, body: string, type?: string): WireResponse => ({ status, body, headers: type ? { 'content-type': type } : {} });

describe('notFpsReason', () => {
  it('refuses an HTML page, JSON and plain text answered with a 2xx-4xx', () => {
    expect(notFpsReason(res(200, '<!DOCTYPE html><html></html>', 'text/html'))).toBe('it answered an HTML page');
    expect(notFpsReason(res(404, '<html><body>Not Found</body></html>'))).toBe('it answered an HTML page');
    expect(notFpsReason(res(200, '{"ok":true}', 'application/json'))).toBe('it answered JSON, not XML');
    expect(notFpsReason(res(403, 'Forbidden'))).toBe('it answered something that is not XML');
  });
  it('accepts what an FPS may answer, and leaves 5xx and empty bodies to the checks', () => {
    expect(notFpsReason(res(400, '<Response><Errors><Error><Code>InvalidAction</Code></Error></Errors></Response>', 'text/xml'))).toBeUndefined();
    expect(notFpsReason(res(400, '\uFEFF<?xml version="1.0"?><Response/>'))).toBeUndefined();
    expect(notFpsReason(res(500, '<html><h1>500</h1></html>', 'text/html'))).toBeUndefined();
    expect(notFpsReason(res(400, ''))).toBeUndefined();
  });
});

describe('checkReportDir', () => {
  it('creates nested dirs, and refuses a path under a file or under /proc at once', async () => {
    const base = mkdtempSync(join(tmpdir(), 'fps-setup-'));
    await checkReportDir(join(base, 'a', 'b'));
    const file = join(base, 'f');
    writeFileSync(file, '');
    await expect(checkReportDir(join(file, 'sub'))).rejects.toThrow(/cannot write reports to ".*f\/sub": ENOTDIR/);
    const t0 = Date.now();
    await expect(checkReportDir('/proc/x/y', 3000)).rejects.toThrow(/cannot write reports to "\/proc\/x\/y"/);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
