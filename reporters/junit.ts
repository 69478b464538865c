// junit.xml: one <testsuite> per suite, one <testcase> per check. Failures carry the rule broken and the
// transcript; not-tested and not-applicable are <skipped> with the reason (never shown as passed).
// Valid against the Jenkins xunit JUnit schema (fixtures/junit/junit.xsd, checked by xmllint in a test).
import { XMLBuilder } from 'fast-xml-parser';
import type { CheckResult, RunReport } from '../core/result.ts';
import { xmlSafe } from './escape.ts';
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

/**
 * XMLBuilder escapes & < > " ' in text and attributes. Characters XML 1.0 forbids are shown as \uXXXX
 * first (xmlSafe), so a reader still parses hostile text. What a reader would normalise anyway is
 * written normalised: CR and CRLF as LF in text (XML line-end handling), tabs and newlines in an
 * attribute value as spaces (attribute normalisation; the values are one line already, firstLine).
 */
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  // a value "true" stays an attribute with a value (the default drops it to a bare name: not XML)
  suppressBooleanAttributes: false,
  tagValueProcessor: (_name: string, value: unknown) => xmlSafe(String(value)).replace(/\r\n?/g, '\n'),
  attributeValueProcessor: (_name: string, value: unknown) => xmlSafe(String(value)).replace(/\r\n?|[\t\n]/g, ' '),
});

type Node = Record<string, unknown>;

export function render(report: RunReport, options: JUnitOptions = {}): string {
  const clean = redactReport(report);
  const ruleText = ruleTextLookup(options.catalogue);
  const warnFails = options.failOn?.includes('warn') ?? false;
  const isFailure = (c: CheckResult): boolean => c.status === 'fail' || (warnFails && c.status === 'warn');
  const isSkipped = (c: CheckResult): boolean => SKIP_LABEL[c.status] !== undefined;
  const target = clean.target.url ?? clean.target.sdk?.name ?? clean.target.kind;
  const property = properties(clean).map(([name, value]) => ({ '@name': name, '@value': value }));
  const testsuite = suiteRows(clean).map((row) => {
    const checks = clean.checks.filter((c) => c.suite === row.suite);
    return {
      '@name': row.suite,
      '@tests': checks.length,
      '@failures': checks.filter(isFailure).length,
      '@errors': 0,
      '@skipped': checks.filter(isSkipped).length,
      '@time': seconds(row.durationMs),
      '@timestamp': clean.startedAt,
      '@package': clean.kit.name,
      properties: { property },
      testcase: checks.map((check) => testcase(check, isFailure(check), ruleText)),
    };
  });
  const doc = {
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    testsuites: {
      '@name': `${clean.kit.name} ${clean.kit.version} against ${target}`,
      '@tests': clean.checks.length,
      '@failures': clean.checks.filter(isFailure).length,
      '@errors': 0,
      '@time': seconds(clean.durationMs),
      testsuite,
    },
  };
  return builder.build(doc) as string;
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

function testcase(check: CheckResult, failed: boolean, ruleText: (id: string) => string | undefined): Node {
  const tc: Node = { '@name': `${check.id}: ${check.title}`, '@classname': `fps-conformance.${check.suite}`, '@time': seconds(check.durationMs) };
  const reqs = check.requirements.length ? ` [${check.requirements.join(', ')}]` : '';
  if (failed) {
    const rule = rulesBroken(check)[0] ?? check.status;
    const message = `${check.status === 'warn' ? 'warning: ' : ''}${firstLine(check.message) || 'check failed'}${reqs}`;
    return { ...tc, failure: { '@type': rule, '@message': message, '#text': failureText(check, ruleText) } };
  }
  const label = SKIP_LABEL[check.status];
  if (label !== undefined) {
    const by = check.status === 'blocked' && check.blockedBy?.length ? `by ${check.blockedBy.join(', ')}` : '';
    const reason = [by, firstLine(check.message)].filter(Boolean).join(': ') || 'no reason given';
    return { ...tc, skipped: { '@message': `${label}: ${reason}`, '#text': `${label}: ${check.message ?? reason}` } };
  }
  if (check.status === 'warn' || check.status === 'info' || check.message) {
    const prefix = check.status === 'warn' ? 'WARNING: ' : check.status === 'info' ? 'info: ' : '';
    return { ...tc, 'system-out': `${prefix}${check.message ?? ''}${check.numRuns !== undefined ? `\n(${check.numRuns} generated cases)` : ''}` };
  }
  return tc;
}
