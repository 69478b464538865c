// The console: a progress bar per suite when stdout is a TTY, plain lines otherwise (CI logs), and the
// final summary table. Only ids, statuses and report text are printed; never credentials.
import cliProgress from 'cli-progress';
import type { CheckStatus, RunReport } from '../harness/result.ts';
import { controlSafe, redactText } from './escape.ts';
import { checkCounts, firstLine, formatDuration, problems, redactReport, rulesBroken, suiteRows, verdictLine, type RenderOptions } from './view.ts';

export interface ProgressOptions {
  /** true when stdout is a terminal: bars that redraw in place; false: one plain line per event */
  tty: boolean;
  write: (text: string) => void;
  /** terminal width for the bars (default 100) */
  columns?: number;
}

/** What the runner calls while checks run. */
export interface Progress {
  suiteStart(name: string, total: number): void;
  checkDone(suite: string, id: string, status: CheckStatus): void;
  suiteEnd(name: string): void;
  done(): void;
  /** a free progress line (seed, notes): above the bars on a TTY, so it does not garble them */
  log(line: string): void;
}

const LABEL: Record<CheckStatus, string> = { pass: 'pass', fail: 'FAIL', warn: 'warn', 'not-applicable': 'n/a ', 'not-tested': 'skip', info: 'info', unsupported: 'unsp', blocked: 'blkd' };

interface SuiteState {
  total: number;
  done: number;
  counts: Record<CheckStatus, number>;
  started: number;
  bar?: cliProgress.SingleBar;
}

export function createProgress(options: ProgressOptions): Progress {
  const suites = new Map<string, SuiteState>();
  const now = (): number => performance.now();
  let multibar: cliProgress.MultiBar | undefined;
  if (options.tty) {
    // cli-progress writes to a stream; this adapter sends its output to `write` (tests and the runner decide where)
    const stream = { isTTY: true, columns: options.columns ?? 100, write: (s: string) => (options.write(s), true), on: () => stream, once: () => stream, removeListener: () => stream };
    multibar = new cliProgress.MultiBar(
      {
        stream: stream as unknown as NodeJS.WritableStream,
        format: ' {suite} |{bar}| {value}/{total} {problems}',
        barsize: 30,
        hideCursor: false,
        clearOnComplete: false,
        stopOnComplete: false,
        forceRedraw: true,
        gracefulExit: false,
      },
      cliProgress.Presets.shades_classic,
    );
  }
  const state = (name: string): SuiteState => {
    let s = suites.get(name);
    if (!s) {
      s = { total: 0, done: 0, counts: { pass: 0, fail: 0, warn: 0, 'not-applicable': 0, 'not-tested': 0, info: 0, unsupported: 0, blocked: 0 }, started: now() };
      suites.set(name, s);
    }
    return s;
  };
  const problemsText = (s: SuiteState): string =>
    [s.counts.fail ? `${s.counts.fail} failed` : '', s.counts['not-tested'] ? `${s.counts['not-tested']} not tested` : ''].filter(Boolean).join(', ');
  const endLine = (name: string, s: SuiteState): string =>
    `suite ${name}: ${s.counts.pass} passed, ${s.counts.fail} failed${s.counts.warn ? `, ${s.counts.warn} warnings` : ''}${s.counts['not-tested'] ? `, ${s.counts['not-tested']} not tested` : ''}${s.counts['not-applicable'] ? `, ${s.counts['not-applicable']} not applicable` : ''} (${formatDuration(now() - s.started)})\n`;

  return {
    suiteStart(name, total) {
      const s = state(name);
      s.total = total;
      s.started = now();
      if (multibar) s.bar = multibar.create(Math.max(total, 1), 0, { suite: name.padEnd(14), problems: '' });
      else options.write(`suite ${name}: ${total} check${total === 1 ? '' : 's'}\n`);
    },
    checkDone(suite, id, status) {
      const s = state(suite);
      s.done += 1;
      s.counts[status] += 1;
      if (multibar) {
        s.bar?.increment(1, { problems: problemsText(s) });
        if (status === 'fail') {
          multibar.log(`FAIL ${controlSafe(id)}\n`);
          multibar.update(); // the log buffer is written only on a redraw
        }
      } else {
        options.write(`  ${LABEL[status]}  ${controlSafe(id)}\n`);
      }
    },
    suiteEnd(name) {
      const s = state(name);
      if (s.bar) {
        s.bar.update(Math.max(s.total, s.done, 1), { problems: problemsText(s) });
      } else {
        options.write(endLine(name, s));
      }
    },
    log(line) {
      const text = `${controlSafe(line.replace(/\n$/, ''))}\n`;
      if (multibar) {
        multibar.log(text);
        multibar.update();
      } else {
        options.write(text);
      }
    },
    done() {
      // one last redraw flushes logged lines (stop() alone drops them), then stop the redraw timer
      multibar?.update();
      multibar?.stop();
    },
  };
}

/** Left- or right-aligned text table. */
function table(head: string[], rows: string[][], right: boolean[]): string[] {
  const widths = head.map((cell, i) => Math.max(cell.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (right[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** The final summary: suite table, failing checks with their rule and replay command, the verdict line. */
export function render(report: RunReport, _options: RenderOptions = {}): string {
  const clean = redactReport(report);
  const rows = suiteRows(clean).map((r) => [controlSafe(r.suite), String(r.counts.pass), String(r.counts.fail), String(r.counts['not-tested']), formatDuration(r.durationMs)]);
  const c = checkCounts(clean);
  rows.push(['total', String(c.pass), String(c.fail), String(c['not-tested']), formatDuration(clean.durationMs)]);
  const out = ['', ...table(['suite', 'passed', 'failed', 'not tested', 'time'], rows, [false, true, true, true, true]), ''];
  for (const check of problems(clean)) {
    out.push(controlSafe(`${check.status === 'fail' ? 'FAIL' : 'WARN'} ${check.id} [${rulesBroken(check).join(', ')}]: ${redactText(firstLine(check.message) || check.title)}`));
    if (check.replay) out.push(controlSafe(`     replay: ${check.replay.command}`));
  }
  if (problems(clean).length) out.push('');
  out.push(verdictLine(clean));
  return `${out.join('\n')}\n`;
}
