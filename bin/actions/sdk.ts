// What `fps-conformance sdk` does once its flags are parsed: run, write the reports, print the
// summary and the deviations found. bin/commands/sdk.ts only wires commander to this.
import { UsageError } from '../../core/errors.ts';
import { checkReplaySeed, parseDuration, parseGrep, parsePositiveInt, parseReplay, parseSeed } from '../../run/run-options.ts';
import type { RunReport } from '../../core/result.ts';
import { checkSetup, finishRun, runTrapped, type CommandIo, type CommandOutcome, type OutputFlags } from './outcome.ts';
import { shellQuote } from '../../core/curl.ts';
import { controlSafe } from '../../reporters/escape.ts';
import { short } from '../../clients/driver-protocol.ts';
import { renderRootCauses } from '../../run/root-causes.ts';
import { runSdkConformance, type SdkRunOptions } from '../../run/client-runner.ts';
import { parseShard } from '../../core/shard.ts';

export interface SdkFlags extends OutputFlags {
  driver?: string;
  adapter?: string;
  strict?: boolean;
}

export interface Io extends CommandIo {
  /** colour the summary (a TTY without NO_COLOR) */
  color?: boolean;
}

export function sdkOptionsFromFlags(flags: SdkFlags): SdkRunOptions {
  if ((flags.driver === undefined) === (flags.adapter === undefined)) throw new UsageError('give exactly one of --driver "<command>" or --adapter <path>');
  if (flags.driver !== undefined && flags.driver.trim() === '') throw new UsageError('--driver needs a command');
  const o: SdkRunOptions = {};
  if (flags.driver !== undefined) o.driver = flags.driver;
  if (flags.adapter !== undefined) o.adapter = flags.adapter;
  if (flags.seed !== undefined) o.seed = parseSeed(flags.seed);
  if (flags.runs !== undefined) o.runs = parsePositiveInt('--runs', flags.runs, 10_000);
  if (flags.timeout !== undefined) o.timeoutMs = parsePositiveInt('--timeout', flags.timeout, 3_600_000);
  if (flags.timeLimit !== undefined) o.timeLimitMs = parseDuration('--time-limit', flags.timeLimit);
  if (flags.strict === true) o.strict = true;
  if (flags.shard !== undefined) o.shard = parseShard(flags.shard);
  if (flags.grep !== undefined) o.grep = parseGrep(flags.grep);
  if (flags.replay !== undefined) {
    o.replay = parseReplay(flags.replay);
    checkReplaySeed(o.seed, o.replay);
  }
  return o;
}

/** The deviations, each with its rules and the exchanges that show it. */
export function renderDeviations(report: RunReport): string {
  const failed = report.checks.filter((c) => c.status === 'fail');
  if (failed.length === 0) return '';
  const lines = ['', `Deviations found in ${report.target.sdk?.name ?? 'the SDK'} (${failed.length}):`];
  for (const c of failed) {
    lines.push(`- ${c.id} [${c.requirements.join(', ')}]`);
    for (const l of (c.message ?? '').split('\n')) lines.push(`    ${l}`);
    const exchanges = c.transcript ?? [];
    for (const ex of exchanges.slice(0, 4)) {
      const body = ex.request.body ? ` ${ex.request.body.slice(0, 400)}` : '';
      lines.push(`    > ${ex.label ? `[${ex.label}] ` : ''}${ex.request.method} ${ex.request.url}${body}`);
      if (ex.response) lines.push(`    < HTTP ${ex.response.status} ${ex.response.body.replace(/\s+/g, ' ').slice(0, 240)}`);
      else if (ex.error) lines.push(`    < ${ex.error}`);
    }
    if (exchanges.length > 4) lines.push(`    (${exchanges.length - 4} more exchanges in results.json)`);
  }
  return `${lines.join('\n')}\n`;
}

export async function sdkCommand(flags: SdkFlags, io: Io, argv: string[] = process.argv.slice(2)): Promise<CommandOutcome> {
  const options = sdkOptionsFromFlags(flags);
  options.command = `npx fps-conformance ${argv.map(shellQuote).join(' ')}`;
  // before the driver starts: a bad gate or a dir that cannot take the reports is exit 2 now, not after the run
  const setup = await checkSetup(flags);
  // a driver's or SDK's text reaches a terminal only with its control characters escaped
  const say = (line: string): void => io.err(`${controlSafe(line)}\n`);
  options.progress = say;
  const { result, signalled } = await runTrapped(say, io.signals, (signal) => runSdkConformance({ ...options, signal }));
  return finishRun(result.report, result.exitCode, signalled, setup, {
    out: io.out,
    err: io.err,
    say: flags.json ? io.err : io.out,
    json: flags.json === true,
    color: io.color === true,
    consoleExtra: sdkConsoleExtra,
  });
}

/** After the summary: root causes (what the SDK sent), every deviation in full, then the first notes. */
function sdkConsoleExtra(report: RunReport): string {
  const parts = [controlSafeLines(renderRootCauses(report)), controlSafeLines(renderDeviations(report))];
  // notes can be long (a driver's stderr); the console shows the first ones, results.json keeps all
  const notes = report.notes ?? [];
  for (const n of notes.slice(0, 12)) parts.push(`note: ${controlSafe(short(n, 300))}\n`);
  if (notes.length > 12) parts.push(`note: (${notes.length - 12} more lines in results.json)\n`);
  return parts.join('');
}

/** Escapes control characters line by line, keeping the newlines. */
function controlSafeLines(text: string): string {
  return text
    .split('\n')
    .map((l) => controlSafe(l))
    .join('\n');
}
