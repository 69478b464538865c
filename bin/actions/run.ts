// What `fps-conformance run` does once its flags are parsed: run, write the reports, print the
// summary. bin/commands/run.ts only wires commander to this.
import { join } from 'node:path';
import { createProgress } from '../../reporters/console.ts';
import { writeReproScripts } from '../../reporters/repro-script.ts';
import { UsageError } from '../../core/errors.ts';
import { internalErrorNote } from '../../core/outcome.ts';
import { checkSetup, finishRun, runTrapped, type CommandIo, type CommandOutcome, type OutputFlags } from './outcome.ts';
import {
  checkReplaySeed,
  parseDuration,
  parseGrep,
  parsePositiveInt,
  parseProfile,
  parseReplay,
  parseSeed,
  parseSuiteList,
  parseVersion,
  resolveCredentials,
  type RunOptions,
} from '../../run/run-options.ts';
import { runConformance } from '../../run/service-runner.ts';
import { compareCommand } from './compare.ts';
import { parseShard } from '../../core/shard.ts';

export type { CommandOutcome };

/** The flags as commander hands them over (all strings, all optional). */
export interface RunFlags extends OutputFlags {
  target?: string;
  suite?: string;
  profile?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  apiVersion?: string;
  /** run/compare-run.ts: the second target's base URL */
  compare?: string;
}

export interface Io extends CommandIo {
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** terminal width for the live progress line */
  columns?: number;
}

/** What bin/commands/run.ts hands in, loaded only when a run needs it. */
export interface RunExtras {
  /** the rule clauses the kit cannot check, with the reason (emulator/bugs/clauses.ts) */
  uncheckedClauses?: readonly { clause: string; rule: string; reason: string }[];
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
  if (flags.grep !== undefined) o.grep = parseGrep(flags.grep);
  if (flags.profile !== undefined) o.profile = parseProfile(flags.profile);
  if (flags.apiVersion !== undefined) o.version = parseVersion(flags.apiVersion);
  if (flags.replay !== undefined) {
    o.replay = parseReplay(flags.replay);
    checkReplaySeed(o.seed, o.replay);
  }
  if (flags.shard !== undefined) o.shard = parseShard(flags.shard);
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

/** Colour on a terminal unless NO_COLOR is set (https://no-color.org) or TERM is dumb. */
export function wantsColor(io: Pick<Io, 'isTTY' | 'env'>): boolean {
  return io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
}

/**
 * Checks the setup (gate, report dir writable, then the target in the runner), runs, prints the
 * summary and only then writes the reports, so a dir that went bad during the run never costs the summary.
 */
export async function runCommand(flags: RunFlags, io: Io, extras: RunExtras = {}): Promise<CommandOutcome> {
  const options = optionsFromFlags(flags, io.env);
  const setup = await checkSetup(flags);
  if (flags.compare !== undefined) {
    if (setup.gate) throw new UsageError('--compare does not take --baseline or --fail-on: it judges the difference between two targets');
    if (flags.json) throw new UsageError('--compare writes compare.json into --report-dir; it does not take --json');
    return compareCommand(options, flags.compare, setup.reportDir, io);
  }
  // with --json, stdout carries only the JSON; progress goes to stderr
  const say = flags.json ? io.err : io.out;
  const progress = createProgress({ tty: io.isTTY && !flags.json, write: say, ...(io.columns ? { columns: io.columns } : {}) });
  options.progress = (line) => progress.log(line);
  options.events = progress;
  const { result: outcome, signalled } = await runTrapped((line) => progress.log(line), io.signals, (signal) => runConformance({ ...options, signal }));
  const report = outcome.report;
  // only clauses of rules this run judges (a replay judges one check's rules)
  const judged = new Set(report.requirements.map((r) => r.id));
  const unchecked = (extras.uncheckedClauses ?? []).filter((u) => judged.has(u.rule)).map((u) => ({ clause: u.clause, rule: u.rule, reason: u.reason }));
  if (unchecked.length > 0) report.uncheckedClauses = unchecked;
  // a kit error is not the target's fault: say so where it cannot be missed (exit code 2)
  for (const e of outcome.internalErrors) io.err(`${internalErrorNote(e)}\n`);
  return finishRun(report, outcome.exitCode, signalled, setup, {
    out: io.out,
    err: io.err,
    say,
    json: flags.json === true,
    color: wantsColor(io),
    // one standalone script per failing check: `node <dir>/repro/<check>.mjs` shows the failure again
    afterWrite: async (dir) => {
      try {
        const repros = await writeReproScripts(dir, outcome.repros);
        return repros.length > 0 ? [`repro scripts: ${repros.length} in ${join(dir, 'repro')} (node <script> [base-url]; exit 1 while the failure reproduces)`] : [];
      } catch (err) {
        say(`repro scripts not written: ${(err as Error).message}\n`);
        return [];
      }
    },
  });
}
