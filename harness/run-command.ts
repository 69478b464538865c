// What `fps-conformance run` does once its flags are parsed: run, write the reports, print the
// summary. bin/commands/run.ts only wires commander to this.
import { createProgress } from '../reporters/console.ts';
import { render as renderConsole } from '../reporters/console.ts';
import { render as renderJson } from '../reporters/json.ts';
import { writeReports } from '../reporters/write.ts';
import { UsageError } from './errors.ts';
import { applyGate, gatedExitCode, resolveGateOptions, type GateOptions } from './gate.ts';
import {
  DEFAULT_REPORT_DIR,
  parseDuration,
  parsePositiveInt,
  parseProfile,
  parseReplay,
  parseSeed,
  parseSuiteList,
  parseVersion,
  resolveCredentials,
  type RunOptions,
} from './run-options.ts';
import { runConformance, type RunOutcome } from './runner.ts';

/** The flags as commander hands them over (all strings, all optional). */
export interface RunFlags {
  target?: string;
  suite?: string;
  seed?: string;
  runs?: string;
  replay?: string;
  timeout?: string;
  timeLimit?: string;
  grep?: string;
  profile?: string;
  reportDir?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  apiVersion?: string;
  json?: boolean;
  /** harness/gate.ts: known failures, by requirement id */
  baseline?: string;
  /** harness/gate.ts: fail, fail-new, warn, not-tested */
  failOn?: string;
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

/** Flags → RunOptions; every bad value is a UsageError naming the flag. */
export function optionsFromFlags(flags: RunFlags, env: NodeJS.ProcessEnv): RunOptions {
  const o: RunOptions = {};
  if (flags.target !== undefined) o.target = flags.target;
  if (flags.suite !== undefined) o.suites = parseSuiteList(flags.suite);
  if (flags.seed !== undefined) o.seed = parseSeed(flags.seed);
  if (flags.runs !== undefined) o.runs = parsePositiveInt('--runs', flags.runs, 100_000);
  if (flags.timeout !== undefined) o.timeoutMs = parsePositiveInt('--timeout', flags.timeout, 3_600_000);
  if (flags.timeLimit !== undefined) o.timeLimitMs = parseDuration('--time-limit', flags.timeLimit);
  if (flags.grep !== undefined) {
    if (flags.grep.trim() === '') throw new UsageError('--grep needs a pattern (requirement id, tag or check id)');
    o.grep = flags.grep;
  }
  if (flags.profile !== undefined) o.profile = parseProfile(flags.profile);
  if (flags.apiVersion !== undefined) o.version = parseVersion(flags.apiVersion);
  if (flags.replay !== undefined) {
    o.replay = parseReplay(flags.replay);
    if (o.seed !== undefined && o.seed !== o.replay.seed) throw new UsageError(`--seed ${o.seed} contradicts the seed of --replay (${o.replay.seed})`);
  }
  if (flags.reportDir !== undefined) {
    if (flags.reportDir.trim() === '') throw new UsageError('--report-dir needs a directory');
    o.reportDir = flags.reportDir;
  }
  const { credentials, from } = resolveCredentials({ accessKeyId: flags.accessKeyId, secretAccessKey: flags.secretAccessKey }, env);
  if (credentials) {
    o.credentials = credentials;
    o.credentialsFrom = from!;
  }
  return o;
}

/** Runs, writes results.json (and the other reports) into the report dir, prints the summary. */
export async function runCommand(flags: RunFlags, io: Io): Promise<RunOutcome> {
  const options = optionsFromFlags(flags, io.env);
  // read before any request is sent, so a bad baseline or --fail-on is exit 2 at once
  const gateOptions: GateOptions | undefined = flags.baseline !== undefined || flags.failOn !== undefined ? resolveGateOptions(flags) : undefined;
  // with --json, stdout carries only the JSON; progress goes to stderr
  const say = flags.json ? io.err : io.out;
  options.progress = (line) => say(`${line}\n`);
  options.events = createProgress({ tty: io.isTTY && !flags.json, write: say });
  const outcome = await runConformance(options);
  const gate = gateOptions ? applyGate(outcome.report, gateOptions) : undefined;
  const gateSummary = gate ? { exitCode: gate.exitCode, newFailures: gate.newFailures, knownFailures: gate.knownFailures, fixed: gate.fixed, lines: gate.lines } : undefined;
  const written = await writeReports(outcome.report, options.reportDir ?? DEFAULT_REPORT_DIR, {
    ...(gateSummary ? { gate: gateSummary } : {}),
    ...(gateOptions?.failOn ? { failOn: gateOptions.failOn } : {}),
  });
  // a kit error is not the target's fault: say so where it cannot be missed (exit code 2)
  for (const note of outcome.report.notes ?? []) if (note.startsWith('internal error')) io.err(`${note}\n`);
  if (flags.json) {
    io.out(renderJson(outcome.report, gateSummary ? { gate: gateSummary } : {}));
  } else {
    io.out(renderConsole(outcome.report));
    io.out(`reports: ${written.dir} (results.json, junit.xml, report.html, summary.md)\n`);
  }
  if (gate) {
    for (const line of gate.lines) say(`${line}\n`);
    return { ...outcome, exitCode: gatedExitCode(outcome.exitCode, gate) };
  }
  return outcome;
}
