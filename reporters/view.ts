// What every reporter shows, computed once from a RunReport: counts, verdict, score, the requirement
// matrix (every catalogue requirement, with its status in this run) and per-suite rows.
import type { CheckResult, CheckStatus, RequirementVerdict, RunReport } from '../core/result.ts';
import type { Area, Citation, Requirement, RuleKind } from '../spec/types.ts';
import { redactCommand, redactText, redactValue } from './escape.ts';
import { boundReport } from './excerpt.ts';
import prettyMs from 'pretty-ms';

export const CHECK_STATUSES: readonly CheckStatus[] = ['fail', 'warn', 'blocked', 'unsupported', 'pass', 'not-tested', 'not-applicable', 'info'];
export const VERDICTS: readonly RequirementVerdict[] = ['fail', 'pass', 'not-tested', 'not-applicable'];

/** Options every render() accepts; all optional, so `render(report)` works alone. */
export interface RenderOptions {
  /** the requirement catalogue (spec/catalogue `allRequirements()`), for rule texts, areas and citations */
  catalogue?: readonly Requirement[];
  /** the gate's verdict, when --baseline / --fail-on were applied */
  gate?: GateSummary;
}

/** The part of run/gate.ts GateResult the reporters show. */
export interface GateSummary {
  exitCode: 0 | 1;
  newFailures: string[];
  knownFailures: string[];
  fixed: string[];
  /** baseline entries that now pass or no longer exist */
  stale?: string[];
  lines: string[];
}

export function checkCounts(report: RunReport): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, 'not-applicable': 0, 'not-tested': 0, info: 0, unsupported: 0, blocked: 0 };
  for (const check of report.checks) counts[check.status] += 1;
  return counts;
}

export function verdictCounts(rows: readonly { status: RequirementVerdict }[]): Record<RequirementVerdict, number> {
  const counts: Record<RequirementVerdict, number> = { pass: 0, fail: 0, 'not-applicable': 0, 'not-tested': 0 };
  for (const row of rows) counts[row.status] += 1;
  return counts;
}

export type Verdict = 'fail' | 'pass' | 'incomplete';

/**
 * fail: a check broke a rule. incomplete: nothing broke, but some selected checks did not run (time
 * limit, missing prerequisite). pass: every selected check ran and held. Requirements no check covers
 * are a coverage figure (score), not a verdict on the target.
 */
export function verdictOf(report: RunReport): Verdict {
  const c = checkCounts(report);
  if (c.fail > 0) return 'fail';
  if (c['not-tested'] > 0 || c.blocked > 0 || c.unsupported > 0 || report.timeLimited || report.interrupted) return 'incomplete';
  return 'pass';
}

/** One line: what a reader deciding "is this target fit?" needs first. */
export function verdictLine(report: RunReport): string {
  const c = checkCounts(report);
  const s = score(report);
  const head = { fail: 'FAIL', pass: 'PASS', incomplete: 'PASS (incomplete)' }[verdictOf(report)];
  const parts = [`${c.pass} passed`, `${c.fail} failed`];
  if (c.warn) parts.push(`${c.warn} warnings`);
  if (c['not-tested']) parts.push(`${c['not-tested']} not tested`);
  if (c.blocked) parts.push(`${c.blocked} blocked`);
  if (c.unsupported) parts.push(`${c.unsupported} not supported by the SDK`);
  if (c['not-applicable']) parts.push(`${c['not-applicable']} not applicable`);
  const stopped = report.interrupted ? `; interrupted by ${report.interrupted.signal} (partial)` : report.timeLimited ? '; stopped by --time-limit' : '';
  const lists = [
    report.openPoints?.length ? `${report.openPoints.length} open points not judged` : '',
    report.uncheckedClauses?.length ? `${report.uncheckedClauses.length} clauses not checkable` : '',
  ].filter(Boolean);
  return `${head}: ${s.holding} of ${s.checked} requirements checked hold (${s.percent}%), coverage ${s.checked}/${s.applicable}; checks: ${parts.join(', ')}${stopped}${lists.length ? `; ${lists.join(', ')}` : ''}`;
}

export interface Score {
  /** requirements that held */
  holding: number;
  /** requirements with a verdict (pass or fail) */
  checked: number;
  /** requirements that apply to this target (all but not-applicable) */
  applicable: number;
  /** holding / checked, one decimal, floored (so 99.96% never shows as 100%) */
  percent: number;
  /** checked / applicable, one decimal */
  coverage: number;
}

export function score(report: RunReport): Score {
  const v = verdictCounts(report.requirements);
  const checked = v.pass + v.fail;
  const applicable = checked + v['not-tested'];
  const pct = (n: number, d: number): number => (d === 0 ? 0 : Math.floor((1000 * n) / d) / 10);
  return { holding: v.pass, checked, applicable, percent: pct(v.pass, checked), coverage: pct(checked, applicable) };
}

/** Area of an id when the catalogue does not know it: by the ruling family the documents use. */
const AREA_BY_PREFIX: readonly [string, Area][] = [
  ['R-WIRE-', 'wire'],
  ['R-AUTH-', 'signature'],
  ['R-TOK-', 'tokens'],
  ['R-PAY-', 'payments'],
  ['R-REF-', 'refunds'],
  ['R-IDEM-', 'idempotency'],
  ['R-IPN-', 'ipn'],
  ['R-MKT-', 'marketplace'],
  ['R-SBX-', 'sandbox'],
  ['PIPELINE-', 'cbui'],
  ['ACTION-', 'payments'],
  ['ERROR-', 'wire'],
];

export const AREA_TITLES: Record<Area, string> = {
  wire: 'Wire protocol',
  signature: 'Signature version 2',
  authorization: 'Authorization',
  tokens: 'Tokens',
  cbui: 'Co-Branded UI pipelines',
  payments: 'Payments, reserve and settle',
  refunds: 'Refunds',
  idempotency: 'Idempotency (CallerReference)',
  ipn: 'Instant Payment Notification',
  marketplace: 'Marketplace',
  sandbox: 'Sandbox simulation',
  client: 'Client (SDK) behaviour',
};

export function areaOf(id: string): Area | 'other' {
  for (const [prefix, area] of AREA_BY_PREFIX) if (id.startsWith(prefix)) return area;
  return 'other';
}

export interface MatrixRow {
  id: string;
  title: string;
  text?: string;
  area: Area | 'other';
  kind?: RuleKind;
  cites: Citation[];
  status: RequirementVerdict;
  reason?: string;
  checks: string[];
}

/**
 * Every requirement of the catalogue, and every one the run reported. A catalogue requirement the run
 * never mentions is not-tested ("no check in this run covers it"); one that applies only to the other
 * kind of target is not-applicable. Never pass without a check that passed.
 */
export function requirementMatrix(report: RunReport, catalogue: readonly Requirement[] = []): MatrixRow[] {
  const byId = new Map(catalogue.map((r) => [r.id, r]));
  const reported = new Map(report.requirements.map((r) => [r.id, r]));
  const ids = [...new Set([...catalogue.map((r) => r.id), ...report.requirements.map((r) => r.id)])];
  const side = report.target.kind === 'sdk' ? 'client' : 'service';
  return ids.map((id) => {
    const req = byId.get(id);
    const status = reported.get(id);
    const base = { id, title: req?.title ?? id, text: req?.text, area: req?.area ?? areaOf(id), kind: req?.kind, cites: req?.cites ?? [] };
    if (status) return { ...base, status: status.status, reason: status.reason, checks: status.checks };
    if (req && req.appliesTo !== 'both' && req.appliesTo !== side) {
      return { ...base, status: 'not-applicable' as const, reason: `applies to ${req.appliesTo === 'client' ? 'SDKs (clients)' : 'services (emulators)'} only`, checks: [] };
    }
    return { ...base, status: 'not-tested' as const, reason: 'no check in this run covers it', checks: [] };
  });
}

/** Areas in a stable order (the catalogue's order of first appearance, "other" last). */
export function groupByArea<T extends { area: Area | 'other' }>(rows: readonly T[]): [Area | 'other', T[]][] {
  const groups = new Map<Area | 'other', T[]>();
  for (const row of rows) {
    const list = groups.get(row.area) ?? [];
    list.push(row);
    groups.set(row.area, list);
  }
  const order = [...Object.keys(AREA_TITLES), 'other'];
  return [...groups.entries()].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
}

export function areaTitle(area: Area | 'other'): string {
  return area === 'other' ? 'Other' : AREA_TITLES[area];
}

export interface SuiteRow {
  suite: string;
  counts: Record<CheckStatus, number>;
  durationMs: number;
}

/** Per suite, in the report's suite order (suites with checks but not listed come after). */
export function suiteRows(report: RunReport): SuiteRow[] {
  const names = [...new Set([...report.suites, ...report.checks.map((c) => c.suite)])];
  return names.map((suite) => {
    const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, 'not-applicable': 0, 'not-tested': 0, info: 0, unsupported: 0, blocked: 0 };
    let durationMs = 0;
    for (const check of report.checks) {
      if (check.suite !== suite) continue;
      counts[check.status] += 1;
      durationMs += check.durationMs;
    }
    return { suite, counts, durationMs };
  });
}

/** Checks a reader must look at: failures first, then warnings. */
export function problems(report: RunReport): CheckResult[] {
  return [...report.checks.filter((c) => c.status === 'fail'), ...report.checks.filter((c) => c.status === 'warn')];
}

/** The rules a failing check broke: the transcript's rule ids first (they name the exact breach), then the check's. */
export function rulesBroken(check: CheckResult): string[] {
  const fromTranscript = (check.transcript ?? []).flatMap((e) => e.rules ?? []);
  return [...new Set([...fromTranscript, ...check.requirements])];
}

/** "850ms", "6.7s", "1m 2s" (pretty-ms). */
export function formatDuration(ms: number): string {
  return prettyMs(Math.max(0, Math.round(ms)), { secondsDecimalDigits: 1 });
}

export function formatCitation(cite: Citation): string {
  return `${cite.source} § ${cite.section}${cite.quote ? `: "${cite.quote}"` : ''}`;
}

/** First line of a message, for one-line listings. */
export function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0]?.trim() ?? '';
}

/**
 * A copy with secret-looking values blanked in every transcript (URL, headers, bodies). The harness blanks
 * secrets when it records; reports do it again because a report is handed to other people.
 */
export function redactReport(report: RunReport): RunReport {
  // blank first, then cut: a cut never leaves half a secret behind
  return boundReport(redactOnly(report));
}

function redactOnly(report: RunReport): RunReport {
  return {
    ...report,
    checks: report.checks.map((check) =>
      check.transcript
        ? {
            ...check,
            transcript: check.transcript.map((e) => ({
              ...e,
              request: {
                ...e.request,
                url: redactText(e.request.url),
                headers: redactHeaders(e.request.headers),
                ...(e.request.body !== undefined ? { body: redactText(e.request.body) } : {}),
              },
              ...(e.response ? { response: { ...e.response, headers: redactHeaders(e.response.headers), body: redactText(e.response.body) } } : {}),
              ...(e.curl !== undefined ? { curl: redactCommand(e.curl) } : {}),
            })),
          }
        : check,
    ),
  };
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, redactValue(k, v)]));
}

/** id → "title: text" from the catalogue, for naming the rule a failure broke. */
export function ruleTextLookup(catalogue: readonly Requirement[] = []): (id: string) => string | undefined {
  const byId = new Map(catalogue.map((r) => [r.id, r]));
  return (id) => {
    const req = byId.get(id);
    return req ? (req.text && req.text !== req.title ? `${req.title}: ${req.text}` : req.title) : undefined;
  };
}
