// What the run and sdk commands do alike once the kit has a run to make: read the gate first
// (--baseline, --fail-on) and check the report dir, trap SIGINT/SIGTERM around the run, then print
// (console or JSON), gate, write the reports and settle the exit code. Only what each direction
// adds (repro scripts, root causes, driver notes) stays in bin/actions/run.ts and sdk.ts.
import { render as renderConsole } from '../../reporters/console.ts';
import { render as renderJson } from '../../reporters/json.ts';
import { DEFAULT_REPORT_DIR, writeReports } from '../../reporters/write.ts';
import { applyGate, gatedExitCode, resolveGateOptions, type GateOptions, type GateResult } from '../../run/gate.ts';
import { trapSignals, type SignalSource } from '../../run/interrupt.ts';
import { checkReportDir } from '../../run/setup-checks.ts';
import type { RunReport } from '../../core/result.ts';

/** 0 pass, 1 a check or the gate failed, 2 usage or setup error, 130/143 interrupted by SIGINT/SIGTERM. */
export interface CommandOutcome {
  exitCode: 0 | 1 | 2 | 130 | 143;
  report: RunReport;
}

/** Where a command writes, and where its signals come from. */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** where SIGINT/SIGTERM come from (default: this process) */
  signals?: SignalSource;
}

/** The flags both commands take, as commander hands them over (strings, all optional). */
export interface OutputFlags {
  seed?: string;
  runs?: string;
  timeout?: string;
  /** 90, 90s, 2m, 1m30s: no new case or scenario starts after it */
  timeLimit?: string;
  grep?: string;
  /** `<check-id>@<seed>:<path>` as printed under a failure */
  replay?: string;
  /** core/shard.ts: "i/n" */
  shard?: string;
  reportDir?: string;
  json?: boolean;
  /** run/gate.ts: known failures, by requirement id */
  baseline?: string;
  /** run/gate.ts: fail, fail-new, warn, not-tested, unsupported, stale-baseline */
  failOn?: string;
}

export interface Setup {
  reportDir: string;
  gate: GateOptions | undefined;
}

/** Before any request or driver: a bad baseline, --fail-on or report dir is exit 2 at once. */
export async function checkSetup(flags: OutputFlags): Promise<Setup> {
  const gate = flags.baseline !== undefined || flags.failOn !== undefined ? resolveGateOptions(flags) : undefined;
  const reportDir = flags.reportDir ?? DEFAULT_REPORT_DIR;
  await checkReportDir(reportDir);
  return { reportDir, gate };
}

/** Runs with SIGINT/SIGTERM trapped: the first signal aborts `signal`; the exit code says which came. */
export async function runTrapped<T>(say: (line: string) => void, source: SignalSource | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<{ result: T; signalled: 130 | 143 | undefined }> {
  const interrupts = trapSignals(say, source);
  try {
    const result = await run(interrupts.signal);
    return { result, signalled: interrupts.exitCode() };
  } finally {
    interrupts.dispose();
  }
}

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  /** where lines go that are not the report itself (stderr with --json) */
  say: (text: string) => void;
  json: boolean;
  color: boolean;
  /** the direction's own console sections after the summary (root causes, notes) */
  consoleExtra?: (report: RunReport) => string;
  /** after the files are written: the direction's extra files, as lines to print */
  afterWrite?: (dir: string) => Promise<string[]>;
}

/** Prints, gates and writes the reports; returns the exit code the command ends with. */
export async function finishRun(report: RunReport, runExitCode: 0 | 1 | 2, signalled: 130 | 143 | undefined, setup: Setup, o: Output): Promise<CommandOutcome> {
  const gate: GateResult | undefined = setup.gate ? applyGate(report, setup.gate) : undefined;
  const gateSummary = gate ? { exitCode: gate.exitCode, newFailures: gate.newFailures, knownFailures: gate.knownFailures, fixed: gate.fixed, stale: gate.stale, lines: gate.lines } : undefined;
  if (!o.json) {
    o.out(renderConsole(report, { color: o.color }));
    if (o.consoleExtra) o.out(o.consoleExtra(report));
  }
  if (gate) for (const line of gate.lines) o.say(`${line}\n`);
  let written: Awaited<ReturnType<typeof writeReports>>;
  try {
    written = await writeReports(report, setup.reportDir, {
      ...(gateSummary ? { gate: gateSummary } : {}),
      ...(setup.gate?.failOn ? { failOn: setup.gate.failOn } : {}),
    });
  } catch (err) {
    o.err(`${(err as Error).message}\n`);
    return { exitCode: 2, report };
  }
  const extra = o.afterWrite ? await o.afterWrite(written.dir) : [];
  if (o.json) o.out(renderJson(report, gateSummary ? { gate: gateSummary } : {}));
  else {
    o.out(`reports: ${written.dir} (results.json, junit.xml, report.html, summary.md)${report.interrupted ? ', partial: interrupted' : ''}\n`);
    for (const line of extra) o.out(`${line}\n`);
  }
  if (signalled) return { exitCode: signalled, report };
  return { exitCode: gate ? gatedExitCode(runExitCode, gate) : runExitCode, report };
}
