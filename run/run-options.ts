// The options of a conformance run and their validation: every bad value is one clear line
// (UsageError, exit 2). Shared by `fps-conformance run` and programmatic callers.
import parseDurationText from 'parse-duration';
import { VERSIONS, type Version } from '../spec/types.ts';
import { UsageError } from '../core/errors.ts';
import type { FetchHandler } from '../transports/in-process.ts';
import type { Credentials, Suite } from '../core/suite.ts';

export type Profile = 'core' | 'sandbox-simulation';
export const PROFILES: readonly Profile[] = ['core', 'sandbox-simulation'];

export const DEFAULT_RUNS = 25;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_REPORT_DIR = 'fps-conformance-report';

export interface RunEvents {
  suiteStart(name: string, total: number): void;
  /** a check starts: the live line names it */
  checkStart?(suite: string, id: string): void;
  /** a generated case of the running check finished */
  caseDone?(suite: string, id: string, done: number, total: number): void;
  checkDone(suite: string, id: string, status: import('../core/result.ts').CheckStatus): void;
  suiteEnd(name: string): void;
  done(): void;
}

export interface ReplaySpec {
  /** the one check to replay; when absent, --grep must select exactly one check */
  checkId?: string;
  seed: number;
  /** fast-check replay path ("5:1:0"), for property checks */
  path?: string;
}

export interface RunOptions {
  /** base URL of the emulator; absent: the kit starts its reference emulator in-process */
  target?: string;
  /** an in-process `Request → Response` core to check instead of a URL (tests, embedding) */
  handler?: FetchHandler;
  /** suite names (default: all registered) */
  suites?: string[];
  /** run seed (default: random, always printed) */
  seed?: number;
  /** fast-check runs per property */
  runs?: number;
  /** per-request timeout, ms */
  timeoutMs?: number;
  /** whole-run limit, ms: no new case starts after it */
  timeLimitMs?: number;
  /** comma-separated: requirement ids, tags, or check id substrings */
  grep?: string;
  profile?: Profile;
  replay?: ReplaySpec;
  /** user-supplied API credentials (flags or FPS_ACCESS_KEY_ID / FPS_SECRET_ACCESS_KEY) */
  credentials?: Credentials;
  /** where the credentials came from, for the reproduce command (the secret is never printed) */
  credentialsFrom?: 'flags' | 'env';
  /** default API Version for requests (default: the newest the target declares, else 2010-08-28) */
  version?: Version;
  /** the suites to choose from (default: suites/service/index.ts) */
  registry?: readonly Suite[];
  /** notes while running (seed, missing hooks, failures); default: none */
  progress?: (line: string) => void;
  /** per-suite and per-check events (reporters/console.ts createProgress); without it, one line per suite goes to `progress` */
  events?: RunEvents;
  /** the report dir, only to echo it in the reproduce command */
  reportDir?: string;
  /** aborted (with 'SIGINT' or 'SIGTERM' as reason) → no new check starts; the report is marked interrupted */
  signal?: AbortSignal;
  /** `--shard i/n`: run only this shard's part (core/shard.ts); `merge` joins the parts */
  shard?: import('../core/shard.ts').Shard;
  /** `--compare`: each generated case of each model-based check, as it ran (run/compare-record.ts) */
  recordCase?: (checkId: string, record: { index: number; exchanges: import('../core/wire.ts').Exchange[]; refusedSeq?: number }) => void;
}

const INT = /^-?\d+$/;

export function parseSeed(raw: string): number {
  const n = Number(raw);
  if (!INT.test(raw.trim()) || !Number.isSafeInteger(n) || n < -2147483648 || n > 4294967295) {
    throw new UsageError(`--seed must be an integer (32-bit), got ${JSON.stringify(raw)}`);
  }
  return n;
}

export function parsePositiveInt(flag: string, raw: string, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new UsageError(`${flag} must be a whole number from 1 to ${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/**
 * "90" (seconds), "90s", "2m", "1m30s", "1h" → ms. The shape check keeps to the whole hours,
 * minutes and seconds the help promises (parse-duration alone would also take "1.5m", "2 weeks" or
 * a bare number as ms); parse-duration does the arithmetic.
 */
export function parseDuration(flag: string, raw: string): number {
  const s = raw.trim().toLowerCase();
  const ms = /^\d+$/.test(s) ? parseDurationText(`${s}s`) : /^(?:\d+[hms])+$/.test(s) ? parseDurationText(s) : null;
  if (ms === null || ms === undefined || !Number.isFinite(ms)) {
    throw new UsageError(`${flag} must be a duration like 90, 90s, 2m or 1m30s, got ${JSON.stringify(raw)}`);
  }
  if (ms <= 0) throw new UsageError(`${flag} must be more than 0, got ${JSON.stringify(raw)}`);
  return ms;
}

export function parseProfile(raw: string): Profile {
  if (!(PROFILES as readonly string[]).includes(raw)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw as Profile;
}

export function parseVersion(raw: string): Version {
  if (!(VERSIONS as readonly string[]).includes(raw)) throw new UsageError(`--api-version must be one of ${VERSIONS.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw as Version;
}

/**
 * `--replay [<check-id>@]<seed>[:<path>]`, e.g. `signature/tampered-request-rejected@1234:5:1:0`.
 * Every failure in a report prints its own, ready to paste.
 */
export function parseReplay(raw: string): ReplaySpec {
  const m = /^(?:([^@\s]+)@)?(-?\d+)(?::(\d+(?::\d+)*))?$/.exec(raw.trim());
  if (!m) {
    throw new UsageError(`--replay must look like <seed>:<path> or <check-id>@<seed>:<path> (e.g. signature/x@1234:5:1:0), got ${JSON.stringify(raw)}`);
  }
  const spec: ReplaySpec = { seed: parseSeed(m[2]!) };
  if (m[1] !== undefined) spec.checkId = m[1];
  if (m[3] !== undefined) spec.path = m[3];
  return spec;
}

/** `--seed` and the seed inside `--replay` must agree: the replay's seed is the run's. */
export function checkReplaySeed(seed: number | undefined, replay: ReplaySpec | undefined): void {
  if (replay && seed !== undefined && seed !== replay.seed) throw new UsageError(`--seed ${seed} contradicts the seed of --replay (${replay.seed})`);
}

export function parseGrep(raw: string): string {
  if (raw.trim() === '') throw new UsageError('--grep needs a pattern (requirement id, tag or check id)');
  return raw;
}

export function formatReplay(spec: ReplaySpec): string {
  return `${spec.checkId ? `${spec.checkId}@` : ''}${spec.seed}${spec.path ? `:${spec.path}` : ''}`;
}

export function parseSuiteList(raw: string): string[] {
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError('--suite needs at least one suite name');
  return names;
}

/** Credentials from flags, else the environment; both halves or neither. */
export function resolveCredentials(
  flags: { accessKeyId?: string; secretAccessKey?: string },
  env: NodeJS.ProcessEnv,
): { credentials?: Credentials; from?: 'flags' | 'env' } {
  const pick = (flagValue: string | undefined, envName: string): [string | undefined, 'flags' | 'env' | undefined] =>
    flagValue !== undefined ? [flagValue, 'flags'] : env[envName] ? [env[envName], 'env'] : [undefined, undefined];
  const [id, idFrom] = pick(flags.accessKeyId, 'FPS_ACCESS_KEY_ID');
  const [secret, secretFrom] = pick(flags.secretAccessKey, 'FPS_SECRET_ACCESS_KEY');
  if (id === undefined && secret === undefined) return {};
  if (!id || !secret) {
    throw new UsageError('credentials need both an access key id and a secret access key (--access-key-id/--secret-access-key or FPS_ACCESS_KEY_ID/FPS_SECRET_ACCESS_KEY)');
  }
  return { credentials: { accessKeyId: id, secretAccessKey: secret }, from: idFrom === 'flags' || secretFrom === 'flags' ? 'flags' : 'env' };
}

/** Checks the option values a programmatic caller may have set wrong (the CLI parses before this). */
export function validateOptions(o: RunOptions): void {
  if (o.runs !== undefined && (!Number.isSafeInteger(o.runs) || o.runs < 1)) throw new UsageError(`runs must be a whole number ≥ 1, got ${o.runs}`);
  if (o.timeoutMs !== undefined && !(o.timeoutMs > 0)) throw new UsageError(`timeout must be more than 0 ms, got ${o.timeoutMs}`);
  if (o.timeLimitMs !== undefined && !(o.timeLimitMs > 0)) throw new UsageError(`time limit must be more than 0, got ${o.timeLimitMs}`);
  if (o.seed !== undefined && !Number.isSafeInteger(o.seed)) throw new UsageError(`seed must be an integer, got ${o.seed}`);
  if (o.profile !== undefined && !PROFILES.includes(o.profile)) throw new UsageError(`profile must be one of ${PROFILES.join(', ')}`);
  if (o.target !== undefined && o.handler !== undefined) throw new UsageError('give either a target URL or an in-process handler, not both');
}
