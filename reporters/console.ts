// The console: the final summary (suite table, each failure with its shrunk steps, the failing
// exchange with what was allowed instead, its curl and its replay command, the verdict line). Only
// report text is printed, control characters escaped, never credentials. Colour (picocolors) only
// when asked (a TTY without NO_COLOR); files and pipes get plain text.
import Table from 'cli-table3';
import pc from 'picocolors';
import type { CheckResult, CheckStatus, RunReport } from '../core/result.ts';
import type { Exchange } from '../core/wire.ts';
import { controlSafe, redactText } from './escape.ts';
import { exchangeText } from './exchange-text.ts';
import { checkCounts, firstLine, formatDuration, problems, redactReport, rulesBroken, suiteRows, verdictLine, verdictOf, type RenderOptions } from './view.ts';
import { extraLists } from './lists.ts';

export { createProgress, type Progress, type ProgressOptions } from './progress.ts';

export interface ConsoleOptions extends RenderOptions {
  /** colour the output (picocolors); default false */
  color?: boolean;
  /** most lines of one failing exchange (default 40); the reports keep more */
  exchangeLines?: number;
}

/** Columns beyond passed / failed / not tested, shown only when the run has such checks. */
const OPTIONAL_COLUMNS: [CheckStatus, string][] = [
  ['warn', 'warnings'],
  ['blocked', 'blocked'],
  ['unsupported', 'unsupported'],
];

function table(head: string[], rows: string[][], right: boolean[]): string[] {
  const t = new Table({
    head,
    colAligns: right.map((r) => (r ? 'right' : 'left')),
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '-', 'mid-mid': '  ', right: '', 'right-mid': '', middle: '  ' },
  });
  t.push(...rows);
  return t
    .toString()
    .split('\n')
    .map((l) => l.trimEnd());
}

/** The exchange a reader must see: the one that broke a rule, else the last one. */
export function failingExchange(check: CheckResult): Exchange | undefined {
  const t = check.transcript ?? [];
  return [...t].reverse().find((e) => e.expected !== undefined || (e.rules?.length ?? 0) > 0) ?? t.at(-1);
}

function failureLines(check: CheckResult, c: ReturnType<typeof pc.createColors>, maxLines: number): string[] {
  const head = check.status === 'fail' ? c.red(c.bold('FAIL')) : c.yellow('WARN');
  const out = [`${head} ${c.bold(controlSafe(check.id))} [${controlSafe(rulesBroken(check).join(', '))}]: ${controlSafe(redactText(firstLine(check.message) || check.title))}`];
  if (check.counterexample?.length) {
    out.push(c.dim('  steps (shrunk):'));
    for (const l of check.counterexample.slice(0, 30)) out.push(`    ${controlSafe(l)}`);
    if (check.counterexample.length > 30) out.push(c.dim(`    … ${check.counterexample.length - 30} more steps in the reports`));
  }
  const e = failingExchange(check);
  if (e) {
    const shown = exchangeText(e);
    out.push(c.dim(`  failing exchange (of ${check.transcript?.length ?? 1}):`));
    for (const l of shown.slice(0, maxLines)) {
      const line = `    ${controlSafe(l)}`;
      out.push(l.startsWith('!') ? c.yellow(line) : l.startsWith('$') ? c.cyan(line) : line);
    }
    if (shown.length > maxLines) out.push(c.dim(`    … ${shown.length - maxLines} more lines in report.html`));
  }
  if (check.replay) out.push(`  ${c.dim('replay:')} ${controlSafe(check.replay.command)}`);
  return out;
}

export function render(report: RunReport, options: ConsoleOptions = {}): string {
  const c = pc.createColors(options.color === true);
  const clean = redactReport(report);
  const counts = checkCounts(clean);
  const extra = OPTIONAL_COLUMNS.filter(([status]) => status !== 'warn' && counts[status] > 0);
  const row = (label: string, n: Record<CheckStatus, number>, ms: number): string[] => [
    controlSafe(label),
    String(n.pass),
    String(n.fail),
    ...extra.map(([status]) => String(n[status])),
    String(n['not-tested']),
    formatDuration(ms),
  ];
  const rows = suiteRows(clean).map((r) => row(r.suite, r.counts, r.durationMs));
  rows.push(row('total', counts, clean.durationMs));
  const head = ['suite', 'passed', 'failed', ...extra.map(([, label]) => label), 'not tested', 'time'];
  const out = ['', ...table(head, rows, head.map((_, i) => i > 0)), ''];
  for (const check of problems(clean)) out.push(...failureLines(check, c, options.exchangeLines ?? 40), '');
  for (const line of extraLists(clean)) out.push(controlSafe(line));
  if (clean.interrupted) out.push(c.yellow(`interrupted by ${clean.interrupted.signal}: these are partial results; checks not reached are not tested`));
  const verdict = verdictLine(clean);
  const v = verdictOf(clean);
  out.push(v === 'fail' ? c.red(verdict) : v === 'pass' ? c.green(verdict) : c.yellow(verdict));
  return `${out.join('\n')}\n`;
}
