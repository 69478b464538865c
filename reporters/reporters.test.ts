// The JSON, Markdown and console reporters, the report writer and reader, against the example reports.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render as renderJson } from './json.ts';
import { render as renderMarkdown } from './markdown.ts';
import { createProgress, render as renderConsole } from './console.ts';
import { readReport, validateResults } from './read.ts';
import { writeReports } from './write.ts';
import { prettyXml, requestParams } from './exchange-text.ts';
import { score, verdictOf } from './view.ts';
import { loadCatalogue } from '../run/catalogue.ts';
import { ALL_REPORTS, HOSTILE, LEAKED_SECRET, fixture, hostileReport } from '../test/support/report-fixtures.ts';

const catalogue = loadCatalogue();

describe('results.json', () => {
  it.each(ALL_REPORTS)('the %s example validates against the published schema', (name) => {
    const out = JSON.parse(renderJson(fixture(name), { catalogue }));
    expect(validateResults(out)).toEqual([]);
  });

  it('lists every catalogue requirement with a status, and a reason for each not-tested one', () => {
    const out = JSON.parse(renderJson(fixture('time-limited'), { catalogue })) as { requirements: { id: string; status: string; reason?: string }[] };
    const ids = new Set(out.requirements.map((r) => r.id));
    for (const req of catalogue) expect(ids.has(req.id)).toBe(true);
    const untested = out.requirements.filter((r) => r.status === 'not-tested');
    expect(untested.length).toBeGreaterThan(0);
    for (const r of untested) expect(r.reason).toBeTruthy();
  });

  it('keeps each failure\'s transcript and replay command, and the contract digests', () => {
    const report = fixture('failing');
    const out = JSON.parse(renderJson(report, { catalogue }));
    const failing = out.checks.filter((c: { status: string }) => c.status === 'fail');
    expect(failing.length).toBe(5);
    for (const c of failing) expect(c.replay.command).toMatch(/^npx fps-conformance run .*--replay /);
    expect(failing.some((c: { transcript?: unknown[] }) => (c.transcript?.length ?? 0) > 1)).toBe(true);
    expect(out.contract).toEqual(report.contract);
    expect(out.summary.verdict).toBe('fail');
  });

  it('the schema rejects a not-tested check without its reason and an unknown status', () => {
    const out = JSON.parse(renderJson(fixture('time-limited'), { catalogue }));
    const nt = out.checks.find((c: { status: string }) => c.status === 'not-tested');
    delete nt.message;
    expect(validateResults(out).join('\n')).toMatch(/message/);
    out.checks[0].status = 'passed';
    expect(validateResults(out).length).toBeGreaterThan(1);
  });

  it('blanks a secret that slipped into a transcript', () => {
    const text = renderJson(hostileReport(), { catalogue });
    expect(text).not.toContain('wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY');
    expect(text).toContain('AWSSecretKey=«redacted»');
  });

  it('reads back from a file or a report directory, and rejects other files with one clear line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fps-read-'));
    writeFileSync(join(dir, 'results.json'), renderJson(fixture('failing'), { catalogue }));
    const back = readReport(dir);
    expect(back.checks).toEqual(fixture('failing').checks);
    expect(readReport(join(dir, 'results.json')).seed).toBe(1234567);
    writeFileSync(join(dir, 'bad.json'), '{"format":"something-else"}');
    expect(() => readReport(join(dir, 'bad.json'))).toThrow(/not an fps-conformance results.json/);
    writeFileSync(join(dir, 'broken.json'), '{');
    expect(() => readReport(join(dir, 'broken.json'))).toThrow(/is not JSON/);
    expect(() => readReport(join(dir, 'missing.json'))).toThrow(/cannot read report/);
  });
});

describe('verdict and score', () => {
  it('fail when a check failed, incomplete when checks did not run, pass otherwise', () => {
    expect(verdictOf(fixture('failing'))).toBe('fail');
    expect(verdictOf(fixture('time-limited'))).toBe('incomplete');
    expect(verdictOf(fixture('passing'))).toBe('pass');
  });

  it('never rounds a failing run up to 100%', () => {
    const report = fixture('passing');
    const reqs = Array.from({ length: 2000 }, (_, i) => ({ id: `X-${i}`, status: 'pass' as const, checks: ['a/b'] }));
    reqs[0] = { ...reqs[0]!, status: 'fail' as never };
    const s = score({ ...report, requirements: reqs });
    expect(s.percent).toBeLessThan(100);
    expect(s.checked).toBe(2000);
  });
});

describe('summary.md', () => {
  it('has the verdict line, counts, failing requirements with replay commands, and names the other files', () => {
    const md = renderMarkdown(fixture('failing'), { catalogue });
    expect(md.split('\n')[0]).toMatch(/^## ❌ FPS conformance: FAIL/);
    expect(md).toContain('| **all** | **13** | **5** | **1** | **0** | **1** |');
    expect(md).toMatch(/\*\*tokens\/multi-use-month-windows\*\* \(R-TOK-7, PIPELINE-MultiUse\)/);
    expect(md).toContain("replay: `npx fps-conformance run --target http://127.0.0.1:8080 --seed 1234567 --suite tokens --replay 'tokens/multi-use-month-windows@1234567:17:3:0:1'`");
    for (const f of ['report.html', 'results.json', 'junit.xml']) expect(md).toContain(f);
    expect(md).toContain('**Failing requirements (8):** R-WIRE-5 Malformed input yields a 4xx ·');
  });

  it('shows the curl command of the first failing exchange, secrets blanked', () => {
    const md = renderMarkdown(hostileReport(), { catalogue });
    const tokens = md.split('\n').findIndex((l) => l.includes('**tokens/multi-use-month-windows**'));
    expect(md.split('\n')[tokens + 1]).toMatch(/^  curl: `curl -sS -i .*Action=Pay.*`$/);
    expect(md).toContain('AWSSecretKey=«redacted»');
    expect(md).toContain("X-Secret-Token: «redacted»'");
    expect(md).not.toContain(LEAKED_SECRET);
    // a check without curl commands (the example report was not run through the harness) shows none
    expect(renderMarkdown(fixture('failing'), { catalogue })).not.toContain('curl:');
  });

  it('says why checks were not tested', () => {
    const md = renderMarkdown(fixture('time-limited'), { catalogue });
    expect(md).toMatch(/^## ⚠️ FPS conformance: PASS \(incomplete\)/);
    expect(md).toContain('### Not tested');
    expect(md).toMatch(/10 checks: not tested: --time-limit 2m reached/);
  });

  it('escapes hostile text: no raw HTML, no control characters, no table breakage', () => {
    const md = renderMarkdown(hostileReport(), { catalogue });
    // code spans render their content as text; outside them no markup may survive
    const prose = md.replace(/(`+) ?[^`]*?(?:`(?!`)[^`]*?)* ?\1/g, '');
    expect(prose).not.toContain('<script>');
    expect(prose).not.toContain('<img');
    expect(md).not.toMatch(/[\u0000-\u0008\u001b]/);
    expect(md).not.toContain('wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY');
  });

  it('shows the gate lines when a gate was applied', () => {
    const md = renderMarkdown(fixture('failing'), { catalogue, gate: { exitCode: 0, newFailures: [], knownFailures: ['R-TOK-7'], fixed: [], lines: ['known failure (baseline): R-TOK-7'] } });
    expect(md).toContain('**Gate: passed**');
    expect(md).toContain('- known failure (baseline): R-TOK-7');
  });
});

describe('console', () => {
  it('prints a summary table per suite with failures, their rules and replay commands', () => {
    const text = renderConsole(fixture('failing'));
    expect(text).toMatch(/suite\s+passed\s+failed\s+not tested\s+time/);
    expect(text).toMatch(/\ntokens\s+2\s+1\s+0\s+6\.6s\n/);
    expect(text).toMatch(/\ntotal\s+13\s+5\s+0\s+27\.1s\n/);
    expect(text).toContain('FAIL idempotency/same-caller-reference-same-answer [R-IDEM-2]');
    expect(text).toContain("replay: npx fps-conformance run --target http://127.0.0.1:8080 --seed 1234567 --suite idempotency");
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^FAIL: /);
  });

  it('never lets a target drive the terminal (escape sequences shown, not sent)', () => {
    const text = renderConsole(hostileReport());
    expect(text).not.toMatch(/[\u0000-\u0008\u001b]/);
    expect(text).toContain('\\u001B[31m');
  });

  it('plain mode writes one line per event (CI logs)', () => {
    const lines: string[] = [];
    const p = createProgress({ tty: false, write: (s) => lines.push(s) });
    p.suiteStart('signature', 2);
    p.checkDone('signature', 'signature/a', 'pass');
    p.checkDone('signature', 'signature/b', 'fail');
    p.suiteEnd('signature');
    p.log('seed 7 (rerun with --seed 7)');
    p.done();
    expect(lines[4]).toBe('seed 7 (rerun with --seed 7)\n');
    expect(lines[0]).toBe('suite signature: 2 checks\n');
    expect(lines[1]).toBe('  pass  signature/a\n');
    expect(lines[2]).toBe('  FAIL  signature/b\n');
    expect(lines[3]).toMatch(/^suite signature: 1 passed, 1 failed \(\d+ms\)\n$/);
    expect(lines.join('')).not.toMatch(/\u001b\[/);
  });

  it('TTY mode draws one live line per suite with a case counter, logs above it, and clears it at the end', () => {
    let out = '';
    const p = createProgress({ tty: true, write: (s) => (out += s), columns: 120, redrawMs: 0 });
    p.suiteStart('tokens', 4);
    p.log('a note \u001b[2J');
    p.checkStart('tokens', 'tokens/usage-limits');
    p.caseDone('tokens', 'tokens/usage-limits', 12, 25);
    expect(out).toMatch(/tokens\s+\|[█░]+\| 0\/4 · tokens\/usage-limits 12\/25/);
    p.checkDone('tokens', 'tokens/usage-limits', 'pass');
    p.checkDone('tokens', 'tokens/b', 'fail');
    p.checkDone('tokens', 'tokens/c', 'not-tested');
    p.checkDone('tokens', 'tokens/d', 'pass');
    p.suiteEnd('tokens');
    p.done();
    expect(out).toContain('FAIL tokens/b');
    expect(out).toContain('a note \\u001B[2J');
    expect(out).toMatch(/suite tokens: 2 passed, 1 failed, 1 not tested \(\d+ms\)/);
    // the last thing written erases the live line: nothing is left behind
    expect(out.endsWith('\u001b[2K') || /\u001b\[[0-9;]*[JK]\s*$/.test(out.slice(-20)) || out.endsWith('\r')).toBe(true);
  });
});

describe('writeReports', () => {
  it('writes the four files into the report directory', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fps-write-')), 'nested', 'fps-conformance-report');
    const paths = await writeReports(fixture('failing'), dir, { catalogue });
    for (const file of [paths.json, paths.junit, paths.html, paths.markdown]) expect(readFileSync(file, 'utf8').length).toBeGreaterThan(100);
    expect(readReport(dir).checks.length).toBe(20);
  });

  it('a report dir that cannot be created is a UsageError, not a stack trace', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fps-write-')), 'a-file');
    writeFileSync(file, 'x');
    await expect(writeReports(fixture('passing'), join(file, 'sub'), { catalogue })).rejects.toThrow(/cannot write reports to/);
  });
});

describe('transcript helpers', () => {
  it('reads parameters from the query string and a form body, + as space, bad %-escapes as sent', () => {
    const params = requestParams({ method: 'POST', url: 'http://127.0.0.1:1/?Action=Pay&A=1%2B1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'B=two+words&C=%zz&SecretAccessKey=abc' });
    expect(params).toEqual([['Action', 'Pay'], ['A', '1+1'], ['B', 'two words'], ['C', '%zz'], ['SecretAccessKey', '«redacted»']]);
  });

  it('pretty-prints XML, keeps text, and returns broken input unchanged', () => {
    expect(prettyXml('<a><b>x y</b><c/></a>')).toBe('<a>\n  <b>x y</b>\n  <c/>\n</a>');
    expect(prettyXml('not xml <')).toBe('not xml <');
    // hostile input never throws and loses no visible character
    expect(prettyXml(HOSTILE).replace(/\s/g, '')).toBe(HOSTILE.replace(/\s/g, ''));
  });
});
