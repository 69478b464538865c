// Live progress. On a TTY: one line for the running suite ("tokens 3/7 · tokens/usage-limits 12/25"),
// redrawn in place by cli-progress; every other line goes through the bar library's own log() so it
// lands above the bar, and the bar is cleared at the end (nothing left behind). Not a TTY: plain lines.
// Events redraw the bar themselves (throttled): an in-process target can starve the library's timer.
import cliProgress from 'cli-progress';
import type { CheckStatus } from '../core/result.ts';
import { controlSafe } from './escape.ts';
import { formatDuration } from './view.ts';

export interface ProgressOptions {
  /** true when the output is a terminal: a line that redraws in place; false: one plain line per event */
  tty: boolean;
  write: (text: string) => void;
  /** terminal width (default 100) */
  columns?: number;
  /** least ms between two redraws triggered by events (default 80) */
  redrawMs?: number;
}

/** What the runner calls while checks run. */
export interface Progress {
  suiteStart(name: string, total: number): void;
  checkStart(suite: string, id: string): void;
  caseDone(suite: string, id: string, done: number, total: number): void;
  checkDone(suite: string, id: string, status: CheckStatus): void;
  suiteEnd(name: string): void;
  done(): void;
  /** a free progress line (seed, notes): above the bar on a TTY, so it does not garble it */
  log(line: string): void;
}

export const STATUS_LABEL: Record<CheckStatus, string> = { pass: 'pass', fail: 'FAIL', warn: 'warn', 'not-applicable': 'n/a ', 'not-tested': 'skip', info: 'info', unsupported: 'unsp', blocked: 'blkd' };

const emptyCounts = (): Record<CheckStatus, number> => ({ pass: 0, fail: 0, warn: 0, 'not-applicable': 0, 'not-tested': 0, info: 0, unsupported: 0, blocked: 0 });

interface SuiteState {
  total: number;
  done: number;
  counts: Record<CheckStatus, number>;
  started: number;
}

/** "1 failed, 2 not tested": the problems so far, for the live line and the suite's end line. */
function problemsText(c: Record<CheckStatus, number>): string {
  const parts: [number, string][] = [
    [c.fail, 'failed'],
    [c.warn, 'warnings'],
    [c.blocked, 'blocked'],
    [c.unsupported, 'not supported by the SDK'],
    [c['not-tested'], 'not tested'],
  ];
  return parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(', ');
}

function endLine(name: string, s: SuiteState, ms: number): string {
  const parts: [number, string][] = [
    [s.counts.warn, 'warnings'],
    [s.counts.blocked, 'blocked'],
    [s.counts.unsupported, 'not supported by the SDK'],
    [s.counts['not-tested'], 'not tested'],
    [s.counts['not-applicable'], 'not applicable'],
  ];
  const extra = parts.filter(([n]) => n > 0).map(([n, what]) => `, ${n} ${what}`).join('');
  return `suite ${name}: ${s.counts.pass} passed, ${s.counts.fail} failed${extra} (${formatDuration(ms)})\n`;
}

export function createProgress(options: ProgressOptions): Progress {
  const suites = new Map<string, SuiteState>();
  const redrawMs = options.redrawMs ?? 80;
  let multibar: cliProgress.MultiBar | undefined;
  let bar: cliProgress.SingleBar | undefined;
  let lastDraw = 0;
  if (options.tty) {
    // cli-progress writes to a stream; this adapter sends its output to `write` (the runner decides where)
    const stream = { isTTY: true, columns: options.columns ?? 100, write: (s: string) => (options.write(s), true), on: () => stream, once: () => stream, removeListener: () => stream, cursorTo: () => true, clearLine: () => true, moveCursor: () => true };
    multibar = new cliProgress.MultiBar(
      {
        stream: stream as unknown as NodeJS.WritableStream,
        format: ' {suite} |{bar}| {value}/{total} {current}{problems}',
        barsize: 20,
        hideCursor: false,
        clearOnComplete: true,
        stopOnComplete: false,
        forceRedraw: true,
        gracefulExit: false,
        linewrap: false,
      },
      cliProgress.Presets.shades_classic,
    );
  }
  const state = (name: string): SuiteState => {
    let s = suites.get(name);
    if (!s) {
      s = { total: 0, done: 0, counts: emptyCounts(), started: performance.now() };
      suites.set(name, s);
    }
    return s;
  };
  const redraw = (force = false): void => {
    const now = performance.now();
    if (!multibar || !bar || (!force && now - lastDraw < redrawMs)) return;
    lastDraw = now;
    multibar.update();
  };
  const logLine = (line: string): void => {
    const text = `${controlSafe(line.replace(/\n$/, ''))}\n`;
    // only while a live line is drawn: MultiBar.update() with no bar starts a second redraw timer that stop() never clears
    if (multibar && bar) {
      multibar.log(text);
      redraw(true); // the log buffer is written only on a redraw
    } else {
      options.write(text);
    }
  };
  const problems = (s: SuiteState): string => {
    const p = problemsText(s.counts);
    return p ? ` · ${p}` : '';
  };

  return {
    suiteStart(name, total) {
      const s = state(name);
      s.total = total;
      s.started = performance.now();
      if (multibar) {
        bar = multibar.create(Math.max(total, 1), 0, { suite: controlSafe(name), current: '', problems: '' });
        redraw(true);
      } else {
        options.write(`suite ${controlSafe(name)}: ${total} check${total === 1 ? '' : 's'}\n`);
      }
    },
    checkStart(_suite, id) {
      bar?.update({ current: `· ${controlSafe(id)}` });
      redraw();
    },
    caseDone(_suite, id, done, total) {
      bar?.update({ current: `· ${controlSafe(id)} ${done}/${total}` });
      redraw();
    },
    checkDone(suite, id, status) {
      const s = state(suite);
      s.done += 1;
      s.counts[status] += 1;
      if (multibar) {
        bar?.increment(1, { current: '', problems: problems(s) });
        if (status === 'fail') logLine(`FAIL ${id}`);
        else redraw();
      } else {
        options.write(`  ${STATUS_LABEL[status]}  ${controlSafe(id)}\n`);
      }
    },
    suiteEnd(name) {
      const s = state(name);
      const line = endLine(controlSafe(name), s, performance.now() - s.started);
      if (multibar && bar) {
        // the suite's line becomes a plain log line; the live line moves on to the next suite
        multibar.remove(bar);
        bar = undefined;
        logLine(line);
      } else {
        options.write(line);
      }
    },
    log: logLine,
    done() {
      if (!multibar) return;
      multibar.update(); // flush logged lines (stop() alone drops them)
      multibar.stop(); // clearOnComplete: the live line is erased
      multibar = undefined;
    },
  };
}
