// junit.xml: valid against the Jenkins JUnit schema (xmllint), one testcase per check grouped by suite,
// failures carry the rule and transcript, not-tested/not-applicable are skipped with their reason.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { render } from './junit.ts';
import { loadCatalogue } from '../run/catalogue.ts';
import { ALL_REPORTS, LEAKED_SECRET, fixture, hostileReport } from '../test/support/report-fixtures.ts';

const XSD = new URL('../fixtures/junit/junit.xsd', import.meta.url).pathname;
const catalogue = loadCatalogue();
const dir = mkdtempSync(join(tmpdir(), 'fps-junit-'));

/** xmllint's verdict: '' when valid, else its complaint. */
function xmllint(xml: string, name: string): string {
  const file = join(dir, `${name}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe', timeout: 20_000 });
    return '';
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err);
  }
}

type Case = { '@_name': string; '@_classname': string; failure?: { '#text': string; '@_type': string; '@_message': string }; skipped?: { '@_message': string } | string; 'system-out'?: string };
type Suite = { '@_name': string; '@_tests': string; '@_failures': string; '@_skipped': string; testcase: Case[] };
const parse = (xml: string): Suite[] =>
  new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml).testsuites.testsuite as Suite[];

describe('junit.xml', () => {
  it.each(ALL_REPORTS)('the %s example is valid against the Jenkins JUnit schema', (name) => {
    expect(xmllint(render(fixture(name), { catalogue }), name)).toBe('');
  });

  it('stays valid, and well-formed, with hostile target text (markup, ]]>, control characters)', () => {
    const xml = render(hostileReport(), { catalogue });
    expect(xmllint(xml, 'hostile')).toBe('');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).not.toContain('wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY');
  });

  it('the schema check can fail: a testsuite without its required failures count is refused', () => {
    const xml = render(fixture('passing'), { catalogue }).replace(/ failures="\d+" errors="0" skipped/, ' errors="0" skipped');
    expect(xmllint(xml, 'broken')).toMatch(/failures/);
  });

  it('one testsuite per suite and one testcase per check', () => {
    const report = fixture('failing');
    const suites = parse(render(report, { catalogue }));
    expect(suites.map((s) => s['@_name'])).toEqual(report.suites);
    expect(suites.reduce((n, s) => n + s.testcase.length, 0)).toBe(report.checks.length);
    for (const s of suites) expect(Number(s['@_tests'])).toBe(s.testcase.length);
  });

  it('a failure names the rule broken, its text, the transcript and the replay command', () => {
    const suites = parse(render(fixture('failing'), { catalogue }));
    const tokens = suites.find((s) => s['@_name'] === 'tokens')!;
    expect(tokens['@_failures']).toBe('1');
    const tc = tokens.testcase.find((t) => t['@_name'].startsWith('tokens/multi-use-month-windows'))!;
    expect(tc.failure?.['@_type']).toBe('R-TOK-7');
    expect(tc.failure?.['@_message']).toMatch(/TokenUsageError.*\[R-TOK-7, PIPELINE-MultiUse\]/);
    const body = tc.failure?.['#text'] ?? '';
    expect(body).toContain('R-TOK-7: Usage windows and month clamping');
    expect(body).toContain('> GET http://127.0.0.1:8080/');
    expect(body).toContain('>   Action=Pay');
    expect(body).toContain('< HTTP 400');
    expect(body).toContain('<Code>TokenUsageError</Code>');
    expect(body).toContain('! allowed instead: HTTP 200 PayResponse');
    expect(body).toContain("Replay: npx fps-conformance run --target http://127.0.0.1:8080 --seed 1234567 --suite tokens --replay 'tokens/multi-use-month-windows@1234567:17:3:0:1'");
  });

  it('a failure carries the curl command of each exchange, secrets blanked', () => {
    const xml = render(hostileReport(), { catalogue });
    const tc = parse(xml).find((s) => s['@_name'] === 'tokens')!.testcase.find((t) => t['@_name'].startsWith('tokens/multi-use-month-windows'))!;
    const lines = (tc.failure?.['#text'] ?? '').split('\n').filter((l) => l.trimStart().startsWith('$ curl -sS -i '));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('Action=Pay');
    expect(xml).toContain('AWSSecretKey=«redacted»');
    expect(xml).not.toContain(LEAKED_SECRET);
  });

  it('not-tested and not-applicable checks are skipped with their reason, never passed', () => {
    const report = fixture('time-limited');
    const suites = parse(render(report, { catalogue }));
    const cases = suites.flatMap((s) => s.testcase);
    for (const check of report.checks.filter((c) => c.status === 'not-tested' || c.status === 'not-applicable')) {
      const tc = cases.find((t) => t['@_name'].startsWith(`${check.id}:`))!;
      const skipped = tc.skipped as { '@_message': string };
      expect(skipped['@_message']).toBe(`${check.status === 'not-tested' ? 'not tested' : 'not applicable'}: ${check.message}`);
    }
    expect(suites.find((s) => s['@_name'] === 'refunds')!['@_skipped']).toBe('1');
  });

  it('warnings pass with a WARNING line, or fail under --fail-on warn', () => {
    const report = fixture('failing');
    const find = (xml: string): Case => parse(xml).flatMap((s) => s.testcase).find((t) => t['@_name'].startsWith('signature/timestamp-freshness'))!;
    expect(find(render(report, { catalogue }))['system-out']).toMatch(/^WARNING: Not testable/);
    expect(find(render(report, { catalogue, failOn: ['fail', 'warn'] })).failure?.['@_message']).toMatch(/^warning: Not testable/);
  });
});
