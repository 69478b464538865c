// Results are data; reporters render them (reporters/), bin/ writes files and sets the exit code.
import type { OpenPoint } from '../spec/catalogue/open-points.ts';
import type { Exchange } from './wire.ts';

/**
 * pass: the check ran and held. fail: it ran and broke a rule.
 * warn: a "not testable" prerequisite of a set rule, or a deviation the rulings tolerate but flag.
 * not-applicable: the target declares it does not do this (e.g. no sandbox-simulation profile).
 * not-tested: the check did not run (time limit, --grep, missing prerequisite); reason required.
 * info: a measurement or note, never a verdict.
 * unsupported: an SDK cannot express what the check needs (its driver said so, or its hello leaves it out).
 * blocked: the check could not run because another check's failure stands in its way (`blockedBy`).
 */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'not-applicable' | 'not-tested' | 'info' | 'unsupported' | 'blocked';

export interface Replay {
  seed: number;
  /** fast-check replay path, when the failure came from a property */
  path?: string;
  /** the exact shell command that replays this failure */
  command: string;
}

export interface CheckResult {
  /** unique, stable: "<suite>/<name>", e.g. "signature/tampered-value-rejected" */
  id: string;
  suite: string;
  title: string;
  /** R- rulings and catalogue ids this check enforces */
  requirements: string[];
  status: CheckStatus;
  /** one or a few lines: what held, or what broke and what was allowed instead */
  message?: string;
  /** for failures: the shrunk exchanges, in order */
  transcript?: Exchange[];
  /** the shrunk command sequence as readable lines, e.g. ["#1 Pay(SingleUse#0, 1.00)", ...] */
  counterexample?: string[];
  replay?: Replay;
  /** generated cases run, for property checks */
  numRuns?: number;
  /** status blocked: the check ids whose failure kept this one from running */
  blockedBy?: string[];
  durationMs: number;
}

export type RequirementVerdict = 'pass' | 'fail' | 'not-applicable' | 'not-tested';

export interface RequirementStatus {
  id: string;
  status: RequirementVerdict;
  /** why, when not-applicable or not-tested */
  reason?: string;
  /** ids of the checks that cover it */
  checks: string[];
}

export interface TargetInfo {
  kind: 'emulator' | 'sdk';
  /** base URL for an emulator; loopback URL the SDK was pointed at for an SDK */
  url?: string;
  /** true when the kit started its own reference emulator */
  embedded?: boolean;
  /** for SDKs: as the driver or adapter reports it */
  sdk?: { name: string; version?: string; language?: string };
  /** the command or module that was plugged in */
  driver?: string;
}

export interface RunReport {
  schemaVersion: 1;
  kit: { name: string; version: string };
  /** which contract this run judged: digests of the catalogue and of the rulings ledger */
  contract: { digest: string; catalogueDigest: string; rulingsDigest: string };
  target: TargetInfo;
  profile: string;
  seed: number;
  /** the command line that reproduces the whole run */
  command: string;
  startedAt: string;
  durationMs: number;
  /** the run hit --time-limit and stopped generating new cases */
  timeLimited: boolean;
  /** a signal stopped the run: checks not reached are not-tested ("interrupted"); the reports are partial */
  interrupted?: { signal: 'SIGINT' | 'SIGTERM'; at: string };
  suites: string[];
  checks: CheckResult[];
  requirements: RequirementStatus[];
  /** SDK runs: deviations found, each tied to checks */
  findings?: { title: string; rule: string; checks: string[]; detail: string }[];
  /** stderr of a driver, notes about the environment */
  notes?: string[];
  /** open points the kit does not judge (spec/catalogue/open-points.ts OPEN_POINTS), as this run knew them */
  openPoints?: OpenPoint[];
  /** rule clauses the kit cannot check, with the reason (from emulator/bugs/clauses.ts) */
  uncheckedClauses?: { clause: string; rule: string; reason: string }[];
  /** a `--shard i/n` part: `merge` joins the n parts into the report the unsharded run makes */
  shard?: ShardPart;
}

export interface ShardPart {
  /** 1-based */
  index: number;
  count: number;
  /** every check id the unsharded run selects, in run order (the same in every part) */
  plan: string[];
  /** the checks split by case over every shard (model-based properties); the rest go round-robin */
  split: string[];
  /** checks of the plan this part did not reach (SDK runs: no scenario of this shard observed them) */
  untouched?: string[];
}
