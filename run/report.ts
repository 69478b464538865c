// The one report assembly of both directions: kit, contract digest, seed, the command with its seed,
// the requirement roll-up, open points, interruption and shard part. The runners hand in what only
// they know (the target, the checks and their notes); everything else is worded here once.
import { contractDigest } from '../spec/catalogue/index.ts';
import { OPEN_POINTS } from '../spec/catalogue/open-points.ts';
import { KIT_NAME, KIT_VERSION } from '../core/kit.ts';
import { isTimeLimited } from '../core/outcome.ts';
import type { CheckResult, RunReport, ShardPart, TargetInfo } from '../core/result.ts';
import { loadCatalogue } from './catalogue.ts';
import { rollUpRun } from './rollup.ts';
import type { RollupContext } from './rollup.ts';

export interface ReportParts {
  target: TargetInfo;
  profile: RollupContext['profile'];
  seed: number;
  /** the command line that reproduces the whole run, with its seed */
  command: string;
  startedAt: Date;
  checks: CheckResult[];
  suites: string[];
  /** a signal's name when one stopped the run */
  interrupted?: string | undefined;
  /** the run's --time-limit ran out (besides any check the limit stopped) */
  deadlinePassed?: boolean;
  notes?: string[];
  /** judge only the requirements these checks cover (a replay of one check) */
  onlyCoveredRequirements?: boolean;
  shard?: ShardPart;
  /** SDK runs: each failure as a deviation found */
  findings?: boolean;
}

export function assembleReport(p: ReportParts): RunReport {
  const all = loadCatalogue();
  // a replay judges only the replayed check's requirements ("0 of N hold" for the rest would be noise)
  const catalogue = p.onlyCoveredRequirements ? all.filter((r) => p.checks.some((c) => c.requirements.includes(r.id))) : all;
  const failed = p.checks.filter((c) => c.status === 'fail');
  return {
    schemaVersion: 1,
    kit: { name: KIT_NAME, version: KIT_VERSION },
    contract: contractDigest(),
    target: p.target,
    profile: p.profile,
    seed: p.seed,
    command: p.command,
    startedAt: p.startedAt.toISOString(),
    durationMs: Date.now() - p.startedAt.getTime(),
    timeLimited: p.checks.some(isTimeLimited) || p.deadlinePassed === true,
    ...(p.interrupted ? { interrupted: { signal: p.interrupted === 'SIGTERM' ? ('SIGTERM' as const) : ('SIGINT' as const), at: new Date().toISOString() } } : {}),
    suites: p.suites,
    checks: p.checks,
    requirements: rollUpRun(catalogue, p.checks, p.profile, p.target.kind),
    ...(p.findings ? { findings: failed.map((c) => ({ title: c.title, rule: c.requirements.join(', '), checks: [c.id], detail: c.message ?? '' })) } : {}),
    ...(p.notes?.length ? { notes: p.notes } : {}),
    ...(p.shard ? { shard: p.shard } : {}),
    openPoints: OPEN_POINTS.map((pt) => ({ ...pt, rules: [...pt.rules], cites: [...pt.cites], ...(pt.accepted ? { accepted: [...pt.accepted] } : {}) })),
  };
}

/** 1 when a check failed; 2 when the kit itself failed on a check (not the target's fault); else 0. */
export function runExitCode(checks: readonly CheckResult[], internalErrors: number): 0 | 1 | 2 {
  return checks.some((c) => c.status === 'fail') ? 1 : internalErrors > 0 ? 2 : 0;
}
