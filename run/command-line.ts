// The exact command that reproduces a run, or replays one failing check. Secrets never appear:
// a secret key given by flag is shown as "$FPS_SECRET_ACCESS_KEY".
import { shellQuote } from '../core/curl.ts';
import { DEFAULT_REPORT_DIR, DEFAULT_RUNS, DEFAULT_TIMEOUT_MS, formatReplay, type ReplaySpec, type RunOptions } from './run-options.ts';

export const CLI = 'npx fps-conformance run';

function msToDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${Math.ceil(ms / 1000)}s`;
}

/** Flags that pin the target and environment (shared by the run command and replay commands). */
function baseFlags(o: RunOptions, seed: number, withSelection: boolean): string[] {
  const f: string[] = [];
  if (o.target !== undefined) f.push('--target', shellQuote(o.target));
  if (withSelection && o.suites?.length) f.push('--suite', shellQuote(o.suites.join(',')));
  f.push('--seed', String(seed));
  if (o.runs !== undefined && o.runs !== DEFAULT_RUNS) f.push('--runs', String(o.runs));
  if (o.timeoutMs !== undefined && o.timeoutMs !== DEFAULT_TIMEOUT_MS) f.push('--timeout', String(o.timeoutMs));
  if (o.profile !== undefined) f.push('--profile', o.profile);
  if (o.credentials && o.credentialsFrom === 'flags') {
    f.push('--access-key-id', shellQuote(o.credentials.accessKeyId), '--secret-access-key', '"$FPS_SECRET_ACCESS_KEY"');
  }
  return f;
}

export function runCommand(o: RunOptions, seed: number): string {
  const f = baseFlags(o, seed, true);
  if (o.timeLimitMs !== undefined) f.push('--time-limit', msToDuration(o.timeLimitMs));
  if (o.grep !== undefined) f.push('--grep', shellQuote(o.grep));
  if (o.replay) f.push('--replay', shellQuote(formatReplay(o.replay)));
  if (o.shard) f.push('--shard', `${o.shard.index}/${o.shard.count}`);
  if (o.reportDir !== undefined && o.reportDir !== DEFAULT_REPORT_DIR) f.push('--report-dir', shellQuote(o.reportDir));
  return [CLI, ...f].join(' ');
}

/** Replays one check: its suite, the run seed, and the fast-check path when it came from a property. */
export function replayCommand(o: RunOptions, suite: string, spec: ReplaySpec & { checkId: string }): string {
  return [CLI, ...baseFlags(o, spec.seed, false), '--suite', shellQuote(suite), '--replay', shellQuote(formatReplay(spec))].join(' ');
}

/** `--seed N` added to a command line that lacks one, so every replay line reproduces the run. */
export function withSeed(command: string, seed: number): string {
  if (/(^|\s)--seed(\s|=)/.test(command)) return command;
  return `${command} --seed ${seed}`;
}

/**
 * Replays one SDK check from the run's own command line: a generated sequence by its fast-check path
 * (`--replay <check-id>@<seed>:<path>`, as `run --replay`), any other check by `--grep <check-id>`.
 */
export function sdkReplayCommand(command: string, spec: ReplaySpec & { checkId: string }): string {
  // the run's own selection gives way to the one check replayed
  const base = withSeed(command.replace(/\s--(?:replay|grep)(?:=|\s+)(?:'[^']*'|"[^"]*"|\S+)/g, ''), spec.seed);
  return spec.path !== undefined ? `${base} --replay ${shellQuote(formatReplay(spec))}` : `${base} --grep ${shellQuote(spec.checkId)}`;
}
