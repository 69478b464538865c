// junit.xml: one <testsuite> per suite, one <testcase> per check. Failures carry the rule broken and the
// transcript; not-tested and not-applicable are <skipped> with the reason (never shown as passed).
// Valid against the Jenkins xunit JUnit schema (fixtures/junit/junit.xsd, checked by xmllint in a test).
import type { CheckResult, RunReport } from '../harness/result.ts';
import { escapeXml, escapeXmlAttr } from './escape.ts';
import { failureText } from './exchange-text.ts';
import { firstLine, redactReport, ruleTextLookup, rulesBroken, suiteRows, type RenderOptions } from './view.ts';

export interface JUnitOptions extends RenderOptions {
  /** --fail-on values; with "warn", warnings are <failure> too */
  failOn?: readonly string[];
}

/** Statuses JUnit shows as <skipped>, with the label that starts the reason (never shown as passed). */
const SKIP_LABEL: Partial<Record<CheckResult['status'], string>> = {
  'not-tested': 'not tested',
  'not-applicable': 'not applicable',
  unsupported: 'not supported by the SDK',
  blocked: 'blocked',
};

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

export function render(report: RunReport, options: JUnitOptions = {}): string {
  const clean = redactReport(report);
  const ruleText = ruleTextLookup(options.catalogue);
  const warnFails = options.failOn?.includes('warn') ?? false;
  const isFailure = (c: CheckResult): boolean => c.status === 'fail' || (warnFails && c.status === 'warn');
  const isSkipped = (c: CheckResult): boolean => SKIP_LABEL[c.status] !== undefined;
  const rows = suiteRows(clean);
  const totalFailures = clean.checks.filter(isFailure).length;
  const target = clean.target.url ?? clean.target.sdk?.name ?? clean.target.kind;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="${escapeXmlAttr(`${clean.kit.name} ${clean.kit.version} against ${target}`)}" tests="${clean.checks.length}" failures="${totalFailures}" errors="0" time="${seconds(clean.durationMs)}">`,
  );
  for (const row of rows) {
    const checks = clean.checks.filter((c) => c.suite === row.suite);
    out.push(
      `  <testsuite name="${escapeXmlAttr(row.suite)}" tests="${checks.length}" failures="${checks.filter(isFailure).length}" errors="0" skipped="${checks.filter(isSkipped).length}" time="${seconds(row.durationMs)}" timestamp="${escapeXmlAttr(clean.startedAt)}" package="${escapeXmlAttr(clean.kit.name)}">`,
    );
    out.push('    <properties>');
    for (const [name, value] of properties(clean)) out.push(`      <property name="${escapeXmlAttr(name)}" value="${escapeXmlAttr(value)}"/>`);
    out.push('    </properties>');
    for (const check of checks) out.push(...testcase(check, isFailure(check), ruleText));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function properties(report: RunReport): [string, string][] {
  return [
    ['kit.version', report.kit.version],
    ['contract.digest', report.contract.digest],
    ['target', report.target.url ?? report.target.sdk?.name ?? report.target.kind],
    ['profile', report.profile],
    ['seed', String(report.seed)],
    ['command', report.command],
    ['timeLimited', String(report.timeLimited)],
    ...(report.interrupted ? ([['interrupted', report.interrupted.signal]] as [string, string][]) : []),
    ...(report.openPoints?.length ? ([['openPoints', report.openPoints.map((p) => p.id).join(', ')]] as [string, string][]) : []),
  ];
}

function testcase(check: CheckResult, failed: boolean, ruleText: (id: string) => string | undefined): string[] {
  const name = `${check.id}: ${check.title}`;
  const open = `    <testcase name="${escapeXmlAttr(name)}" classname="${escapeXmlAttr(`fps-conformance.${check.suite}`)}" time="${seconds(check.durationMs)}">`;
  const reqs = check.requirements.length ? ` [${check.requirements.join(', ')}]` : '';
  if (failed) {
    const rule = rulesBroken(check)[0] ?? check.status;
    const message = `${check.status === 'warn' ? 'warning: ' : ''}${firstLine(check.message) || 'check failed'}${reqs}`;
    return [open, `      <failure type="${escapeXmlAttr(rule)}" message="${escapeXmlAttr(message)}">${escapeXml(failureText(check, ruleText))}</failure>`, '    </testcase>'];
  }
  const label = SKIP_LABEL[check.status];
  if (label !== undefined) {
    const by = check.status === 'blocked' && check.blockedBy?.length ? `by ${check.blockedBy.join(', ')}` : '';
    const reason = [by, firstLine(check.message)].filter(Boolean).join(': ') || 'no reason given';
    return [open, `      <skipped message="${escapeXmlAttr(`${label}: ${reason}`)}">${escapeXml(`${label}: ${check.message ?? reason}`)}</skipped>`, '    </testcase>'];
  }
  if (check.status === 'warn' || check.status === 'info' || check.message) {
    const prefix = check.status === 'warn' ? 'WARNING: ' : check.status === 'info' ? 'info: ' : '';
    const text = `${prefix}${check.message ?? ''}${check.numRuns !== undefined ? `\n(${check.numRuns} generated cases)` : ''}`;
    return [open, `      <system-out>${escapeXml(text)}</system-out>`, '    </testcase>'];
  }
  return [open.replace(/>$/, '/>')];
}
