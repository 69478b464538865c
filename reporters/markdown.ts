// summary.md: a short Markdown summary for a CI job summary or a PR comment. Every string from the
// target or the report is escaped or fenced (a PR comment renders HTML).
import type { CheckResult, RunReport } from '../core/result.ts';
import { escapeMarkdown, markdownCode, redactCommand } from './escape.ts';
import { notRunByStatus, openPointText, uncheckedText } from './lists.ts';
import { areaTitle, checkCounts, firstLine, formatDuration, groupByArea, problems, redactReport, requirementMatrix, rulesBroken, suiteRows, verdictCounts, verdictLine, verdictOf, type RenderOptions } from './view.ts';

export const REPORT_FILES = { json: 'results.json', junit: 'junit.xml', html: 'report.html', markdown: 'summary.md' } as const;

const ICON = { fail: '❌', pass: '✅', incomplete: '⚠️' } as const;
/** At most this many failing checks are listed; the rest are counted (PR comments have a size limit). */
const MAX_LISTED = 25;

export function render(report: RunReport, options: RenderOptions = {}): string {
  const clean = redactReport(report);
  const matrix = requirementMatrix(clean, options.catalogue);
  const verdict = verdictOf(clean);
  const out: string[] = [];
  const target = clean.target.url ?? clean.target.sdk?.name ?? clean.target.kind;
  out.push(`## ${ICON[verdict]} FPS conformance: ${escapeMarkdown(verdictLine({ ...clean, requirements: matrix }))}`, '');
  out.push(
    `Target ${markdownCode(target)} (${clean.target.kind}${clean.target.embedded ? ', embedded reference emulator' : ''}), profile ${markdownCode(clean.profile)}, seed ${markdownCode(String(clean.seed))}, ${formatDuration(clean.durationMs)}, ${escapeMarkdown(clean.kit.name)} ${escapeMarkdown(clean.kit.version)}, contract ${markdownCode(clean.contract.digest.slice(0, 12))}.`,
    '',
  );
  if (options.gate) {
    out.push(`**Gate: ${options.gate.exitCode === 0 ? 'passed' : 'failed'}**`, '');
    for (const line of options.gate.lines) out.push(`- ${escapeMarkdown(line)}`);
    out.push('');
  }
  const c = checkCounts(clean);
  if (clean.interrupted) out.push(`**Interrupted by ${clean.interrupted.signal}** at ${escapeMarkdown(clean.interrupted.at)}: partial results; checks not reached are not tested.`, '');
  // blocked and unsupported get columns when the run has any (SDK runs)
  const extra = (['blocked', 'unsupported'] as const).filter((st) => c[st] > 0);
  const label = { blocked: 'blocked', unsupported: 'not supported by the SDK' } as const;
  out.push(
    `| suite | passed | failed | warnings |${extra.map((st) => ` ${label[st]} |`).join('')} not tested | not applicable | time |`,
    `| --- | ---: | ---: | ---: |${extra.map(() => ' ---: |').join('')} ---: | ---: | ---: |`,
  );
  for (const row of suiteRows(clean)) {
    out.push(`| ${escapeMarkdown(row.suite)} | ${row.counts.pass} | ${row.counts.fail} | ${row.counts.warn} |${extra.map((st) => ` ${row.counts[st]} |`).join('')} ${row.counts['not-tested']} | ${row.counts['not-applicable']} | ${formatDuration(row.durationMs)} |`);
  }
  out.push(`| **all** | **${c.pass}** | **${c.fail}** | **${c.warn}** |${extra.map((st) => ` **${c[st]}** |`).join('')} **${c['not-tested']}** | **${c['not-applicable']}** | **${formatDuration(clean.durationMs)}** |`, '');

  const areaLine = groupByArea(matrix)
    .map(([area, rows]) => {
      const v = verdictCounts(rows);
      return `${escapeMarkdown(areaTitle(area))} ${v.pass}/${rows.length - v['not-applicable']}${v.fail ? ` (${v.fail} failing)` : ''}`;
    })
    .join(' · ');
  out.push(`Requirements holding, by area: ${areaLine}`, '');

  const failingReqs = matrix.filter((r) => r.status === 'fail');
  if (failingReqs.length > 0) {
    out.push(`**Failing requirements (${failingReqs.length}):** ${failingReqs.map((r) => `${escapeMarkdown(r.id)} ${escapeMarkdown(r.title)}`).join(' · ')}`, '');
  }
  const listed = problems(clean);
  if (listed.length > 0) {
    out.push('### Failing checks', '');
    for (const check of listed.slice(0, MAX_LISTED)) {
      const rules = rulesBroken(check).join(', ');
      out.push(`- ${check.status === 'warn' ? '⚠️ ' : ''}**${escapeMarkdown(check.id)}** (${escapeMarkdown(rules || 'no requirement')}): ${escapeMarkdown(firstLine(check.message) || check.title)}`);
      const curl = firstCurl(check);
      if (curl !== undefined) out.push(`  curl: ${markdownCode(redactCommand(curl))}`);
      if (check.replay) out.push(`  replay: ${markdownCode(check.replay.command)}`);
    }
    if (listed.length > MAX_LISTED) out.push(`- …and ${listed.length - MAX_LISTED} more (see ${REPORT_FILES.html})`);
    out.push('');
  }
  const untested = clean.checks.filter((x) => x.status === 'not-tested');
  if (untested.length > 0) {
    const reasons = new Map<string, number>();
    for (const check of untested) reasons.set(firstLine(check.message) || 'no reason given', (reasons.get(firstLine(check.message) || 'no reason given') ?? 0) + 1);
    out.push('### Not tested', '');
    for (const [reason, n] of reasons) out.push(`- ${n} check${n === 1 ? '' : 's'}: ${escapeMarkdown(reason)}`);
    out.push('');
  }
  const { unsupported, blocked } = notRunByStatus(clean);
  if (unsupported.length || blocked.length) {
    out.push('### Not supported by the SDK, and blocked', '');
    for (const x of unsupported) out.push(`- **${escapeMarkdown(x.id)}**: not supported by the SDK${x.message ? `: ${escapeMarkdown(firstLine(x.message))}` : ''}`);
    for (const x of blocked) out.push(`- **${escapeMarkdown(x.id)}**: blocked by ${escapeMarkdown((x.blockedBy ?? []).join(', ') || 'another check')}`);
    out.push('');
  }
  if (clean.openPoints?.length) {
    out.push(`### Open points the kit does not judge (${clean.openPoints.length})`, '');
    for (const p of clean.openPoints) out.push(`- ${escapeMarkdown(openPointText(p))}`);
    out.push('');
  }
  if (clean.uncheckedClauses?.length) {
    out.push(`### Clauses the kit cannot check (${clean.uncheckedClauses.length})`, '');
    for (const u of clean.uncheckedClauses) out.push(`- ${escapeMarkdown(uncheckedText(u))}`);
    out.push('');
  }
  out.push(
    `Full report: ${markdownCode(REPORT_FILES.html)} (open in a browser), ${markdownCode(REPORT_FILES.json)} (schema: results.schema.json), ${markdownCode(REPORT_FILES.junit)}. Rerun: ${markdownCode(clean.command)}`,
  );
  return `${out.join('\n')}\n`;
}

/** The curl of the first exchange that broke a rule (else of the first one the harness gave a curl). */
function firstCurl(check: CheckResult): string | undefined {
  const withCurl = (check.transcript ?? []).filter((e) => e.curl);
  return (withCurl.find((e) => e.expected !== undefined || (e.rules?.length ?? 0) > 0) ?? withCurl[0])?.curl;
}
