// report.html: one self-contained page for a person deciding whether an emulator or SDK is fit:
// verdict and score, counts by area, failures with their exchanges, the full requirement matrix and
// every check, with filtering by status and text. Everything from the report is escaped.
import type { CheckResult, RunReport } from '../core/result.ts';
import type { Requirement } from '../spec/types.ts';
import { escapeHtml as h } from './escape.ts';
import { CSS, JS } from './html-assets.ts';
import { anchorFor, failureDetails, searchText } from './html-failure.ts';
import { TREATMENT_TEXT } from './lists.ts';
import {
  areaTitle, checkCounts, firstLine, formatCitation, formatDuration, groupByArea, problems, redactReport,
  requirementMatrix, score, suiteRows, verdictCounts, verdictOf, type MatrixRow, type RenderOptions,
} from './view.ts';

const VERDICT_TEXT = { fail: 'FAIL', pass: 'PASS', incomplete: 'INCOMPLETE' } as const;
const FILTERS: [string, string][] = [
  ['all', 'All'],
  ['fail', 'Failing'],
  ['warn', 'Warnings'],
  ['pass', 'Passing'],
  ['blocked', 'Blocked'],
  ['unsupported', 'Not supported by the SDK'],
  ['not-tested', 'Not tested'],
  ['not-applicable', 'Not applicable'],
];

export function render(report: RunReport, options: RenderOptions = {}): string {
  const clean = redactReport(report);
  const byId = new Map<string, Requirement>((options.catalogue ?? []).map((r) => [r.id, r]));
  const matrix = requirementMatrix(clean, options.catalogue);
  const verdict = verdictOf(clean);
  const title = `FPS conformance: ${VERDICT_TEXT[verdict]} — ${clean.target.url ?? clean.target.sdk?.name ?? clean.target.kind}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${h(title)}</title>
<style>${CSS}</style>
</head>
<body>
${header(clean, matrix, verdict)}
<main>
${controls()}
${options.gate ? gateBlock(options.gate.exitCode, options.gate.lines) : ''}
${areasBlock(matrix)}
${failuresBlock(clean, byId)}
${matrixBlock(matrix, clean)}
${checksBlock(clean)}
${listsBlock(clean)}
${footer(clean)}
</main>
<script>${JS}</script>
</body>
</html>
`;
}

function header(report: RunReport, matrix: MatrixRow[], verdict: keyof typeof VERDICT_TEXT): string {
  const s = score({ ...report, requirements: matrix });
  const v = verdictCounts(matrix);
  const c = checkCounts(report);
  const total = Math.max(1, v.pass + v.fail + v['not-tested']);
  const pct = (n: number): string => `${((100 * n) / total).toFixed(2)}%`;
  const t = report.target;
  const targetText = t.url ?? t.sdk?.name ?? t.kind;
  const sdk = t.sdk ? ` · ${h(t.sdk.name)}${t.sdk.version ? ` ${h(t.sdk.version)}` : ''}${t.sdk.language ? ` (${h(t.sdk.language)})` : ''}` : '';
  return `<header class="top"><div class="wrap">
<div><h1>FPS conformance report</h1><span class="verdict ${verdict}" id="verdict">${VERDICT_TEXT[verdict]}</span></div>
<div class="score" id="score">${s.percent}%<small>${s.holding} of ${s.checked} requirements checked hold · coverage ${s.checked}/${s.applicable} (${s.coverage}%)</small>
<div class="bar" title="requirements: ${v.pass} hold, ${v.fail} fail, ${v['not-tested']} not tested"><span class="b-pass" style="width:${pct(v.pass)}"></span><span class="b-fail" style="width:${pct(v.fail)}"></span><span class="b-nt" style="width:${pct(v['not-tested'])}"></span></div></div>
<div class="meta">
<div>Target <b>${h(targetText)}</b> (${h(t.kind)}${t.embedded ? ', embedded reference emulator' : ''})${sdk}${t.driver ? ` · driver <code>${h(t.driver)}</code>` : ''}</div>
<div>Checks: <b>${c.pass}</b> passed · <b>${c.fail}</b> failed · <b>${c.warn}</b> warnings${c.blocked ? ` · <b>${c.blocked}</b> blocked` : ''}${c.unsupported ? ` · <b>${c.unsupported}</b> not supported by the SDK` : ''} · <b>${c['not-tested']}</b> not tested · <b>${c['not-applicable']}</b> not applicable${c.info ? ` · ${c.info} info` : ''}</div>
${report.interrupted ? `<div id="interrupted"><b>Interrupted by ${h(report.interrupted.signal)}</b> at ${h(report.interrupted.at)}: partial results; checks not reached are not tested.</div>` : ''}
<div>Profile <b>${h(report.profile)}</b> · seed <b>${h(String(report.seed))}</b> · started ${h(report.startedAt)} · ${h(formatDuration(report.durationMs))}${report.timeLimited ? ' · <b>stopped by --time-limit</b>' : ''}</div>
<div>${h(report.kit.name)} ${h(report.kit.version)} · contract <code title="catalogue ${h(report.contract.catalogueDigest)} · rulings ${h(report.contract.rulingsDigest)}">${h(report.contract.digest.slice(0, 16))}</code></div>
</div>
</div></header>`;
}

function controls(): string {
  const buttons = FILTERS.map(([value, label]) => `<button type="button" data-filter="${value}" aria-pressed="${value === 'all'}">${label}</button>`).join('');
  return `<nav class="controls" aria-label="Filter">${buttons}<input id="q" type="search" placeholder="Filter: id, rule, text…" aria-label="Filter by text"><button type="button" id="expand">Expand failures</button><button type="button" id="collapse">Collapse</button><span class="shown" id="shown"></span></nav>`;
}

function gateBlock(exitCode: 0 | 1, lines: string[]): string {
  return `<section id="gate"><h2>Gate: ${exitCode === 0 ? 'passed' : 'failed'}</h2><ul>${lines.map((l) => `<li>${h(l)}</li>`).join('')}</ul></section>`;
}

function areasBlock(matrix: MatrixRow[]): string {
  const cards = groupByArea(matrix).map(([area, rows]) => {
    const v = verdictCounts(rows);
    const applicable = v.pass + v.fail + v['not-tested'];
    const pct = (n: number): string => `${applicable ? ((100 * n) / applicable).toFixed(2) : 0}%`;
    return `<a class="area" href="#area-${h(area)}"><div class="t">${h(areaTitle(area))}</div><div class="n">${v.pass}/${applicable} hold${v.fail ? ` · <span class="f">${v.fail} failing</span>` : ''}${v['not-tested'] ? ` · ${v['not-tested']} not tested` : ''}${v['not-applicable'] ? ` · ${v['not-applicable']} n/a` : ''}</div><div class="bar"><span class="b-pass" style="width:${pct(v.pass)}"></span><span class="b-fail" style="width:${pct(v.fail)}"></span><span class="b-nt" style="width:${pct(v['not-tested'])}"></span></div></a>`;
  });
  return `<section id="areas"><h2>Compliance by area</h2><div class="areas">${cards.join('')}</div></section>`;
}

function failuresBlock(report: RunReport, byId: ReadonlyMap<string, Requirement>): string {
  const list = problems(report);
  const body = list.length ? list.map((c, i) => failureDetails(c, i, byId)).join('\n') : '';
  const none = `<p class="empty none-shown"${list.length ? ' hidden' : ''}>${list.length ? 'No failure matches the filter.' : 'No check failed.'}</p>`;
  return `<section id="failures"><h2>Failures and warnings (${list.length})</h2>${body}${none}</section>`;
}

function matrixBlock(matrix: MatrixRow[], report: RunReport): string {
  const statusOfCheck = new Map(report.checks.map((c) => [c.id, c.status]));
  const groups = groupByArea(matrix).map(([area, rows]) => {
    const body = rows.map((row) => matrixRow(row, statusOfCheck)).join('\n');
    return `<div class="group" id="area-${h(area)}"><h3>${h(areaTitle(area))}</h3><table><thead><tr><th style="width:120px">status</th><th style="width:190px">requirement</th><th>rule</th><th style="width:28%">checks</th></tr></thead><tbody>${body}</tbody></table></div>`;
  });
  return `<section id="matrix"><h2>Requirements (${matrix.length})</h2>${groups.join('\n')}<p class="empty none-shown" hidden>No requirement matches the filter.</p></section>`;
}

function matrixRow(row: MatrixRow, statusOfCheck: ReadonlyMap<string, CheckResult['status']>): string {
  const search = searchText([row.id, row.title, row.text, row.reason, ...row.checks]);
  const cites = row.cites.map((c) => `<p class="cite">${h(formatCitation(c))}</p>`).join('');
  const detail = row.text || cites ? `<details class="req"><summary>${h(row.title)}${row.kind ? `<span class="kind">${h(row.kind)}</span>` : ''}</summary>${row.text ? `<p class="rtext">${h(row.text)}</p>` : ''}${cites}</details>` : h(row.title);
  const checks = row.checks.map((id) => `<div><a href="#${h(anchorFor(id))}" class="mono">${h(id)}</a>${statusOfCheck.get(id) && statusOfCheck.get(id) !== row.status ? ` <span class="why">(${h(statusOfCheck.get(id) ?? '')})</span>` : ''}</div>`).join('');
  const reason = row.reason ? `<div class="why">${h(row.reason)}</div>` : '';
  return `<tr class="item ${h(row.status)}" data-kind="req" data-status="${h(row.status)}" data-search="${search}"><td><span class="badge ${h(row.status)}">${h(row.status)}</span></td><td class="id"><code>${h(row.id)}</code></td><td>${detail}</td><td>${checks || '<span class="why">none</span>'}${reason}</td></tr>`;
}

function checksBlock(report: RunReport): string {
  const failing = new Set(problems(report).map((c) => c.id));
  const groups = suiteRows(report).map((row) => {
    const checks = report.checks.filter((c) => c.suite === row.suite);
    const body = checks
      .map((c) => {
        // failing checks' anchor is their details block above; the row links there
        const id = failing.has(c.id) ? '' : ` id="${h(anchorFor(c.id))}"`;
        const name = failing.has(c.id) ? `<a href="#${h(anchorFor(c.id))}" class="mono">${h(c.id)}</a>` : `<code>${h(c.id)}</code>`;
        const runs = c.numRuns !== undefined ? ` · ${c.numRuns} cases` : '';
        const by = c.status === 'blocked' && c.blockedBy?.length ? `<div class="why">blocked by ${c.blockedBy.map((b) => h(b)).join(', ')}</div>` : '';
        return `<tr class="item ${h(c.status)}"${id} data-kind="check" data-status="${h(c.status)}" data-search="${searchText([c.id, c.title, c.message, ...c.requirements])}"><td><span class="badge ${h(c.status)}">${h(c.status)}</span></td><td>${name}<div class="why">${h(c.title)}</div></td><td>${h(c.requirements.join(', '))}</td><td>${h(firstLine(c.message))}${by}<div class="why">${h(formatDuration(c.durationMs))}${runs}</div></td></tr>`;
      })
      .join('\n');
    const n = row.counts;
    return `<div class="group"><h3>${h(row.suite)} <span class="why">${n.pass} passed · ${n.fail} failed · ${n['not-tested']} not tested · ${h(formatDuration(row.durationMs))}</span></h3><table><thead><tr><th style="width:120px">status</th><th style="width:30%">check</th><th style="width:18%">requirements</th><th>result</th></tr></thead><tbody>${body}</tbody></table></div>`;
  });
  return `<section id="checks"><h2>Checks by suite (${report.checks.length})</h2>${groups.join('\n')}<p class="empty none-shown" hidden>No check matches the filter.</p></section>`;
}

/** Open points the kit does not judge, and clauses it cannot check: shown whenever the report carries them. */
function listsBlock(report: RunReport): string {
  const open = report.openPoints ?? [];
  const unchecked = report.uncheckedClauses ?? [];
  const parts: string[] = [];
  if (open.length) {
    const rows = open.map((p) => `<tr><td><code>${h(p.id)}</code></td><td>${h(p.title)}</td><td>${h(p.rules.join(', '))}</td><td>${h(TREATMENT_TEXT[p.treatment])}${p.accepted?.length ? `: ${h(p.accepted.join(' | '))}` : ''}</td></tr>`).join('');
    parts.push(`<section id="open-points"><h2>Open points the kit does not judge (${open.length})</h2><table><thead><tr><th>id</th><th>what is open</th><th>rules</th><th>what the kit does</th></tr></thead><tbody>${rows}</tbody></table></section>`);
  }
  if (unchecked.length) {
    const rows = unchecked.map((u) => `<tr><td><code>${h(u.rule)}</code></td><td>${h(u.clause)}</td><td>${h(u.reason)}</td></tr>`).join('');
    parts.push(`<section id="unchecked-clauses"><h2>Clauses the kit cannot check (${unchecked.length})</h2><table><thead><tr><th>rule</th><th>clause</th><th>why not</th></tr></thead><tbody>${rows}</tbody></table></section>`);
  }
  return parts.join('\n');
}

function footer(report: RunReport): string {
  const findings = report.findings?.length
    ? `<h3>Findings</h3><ul>${report.findings.map((f) => `<li><b>${h(f.title)}</b> (${h(f.rule)}): ${h(f.detail)}</li>`).join('')}</ul>`
    : '';
  const notes = report.notes?.length ? `<h3>Notes</h3><ul>${report.notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul>` : '';
  return `<footer>${findings}${notes}<h3>Reproduce this run</h3><pre>${h(report.command)}</pre><p>Generated by ${h(report.kit.name)} ${h(report.kit.version)}. Statuses: <b>pass</b> the check ran and held; <b>fail</b> it broke the cited rule; <b>warn</b> a deviation the rulings tolerate but flag; <b>not tested</b> the check did not run (reason given), which never counts as passing; <b>not applicable</b> the target declares it does not do this; <b>blocked</b> another check's failure kept it from running; <b>not supported by the SDK</b> the SDK cannot express what the check needs. Neither of the last two counts as passing.</p></footer>`;
}
