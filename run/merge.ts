// `fps-conformance merge`: the n results.json of one sharded run (`--shard i/n`) joined into the report
// the unsharded run makes: the same checks in the same order, the same statuses, the same coverage.
// Parts of different seeds, contracts, kit versions or plans are refused, and missing parts named.
import type { Requirement } from '../spec/types.ts';
import { UsageError } from '../core/errors.ts';
import type { CheckResult, CheckStatus, RunReport, ShardPart } from '../core/result.ts';
import { rollUpRun } from './rollup.ts';

export interface MergePart {
  /** where the part came from, for messages */
  source: string;
  report: RunReport;
}

/** Which status a check split over shards takes: the worst of its parts. */
const WORST_FIRST: readonly CheckStatus[] = ['fail', 'warn', 'not-tested', 'blocked', 'unsupported', 'pass', 'info', 'not-applicable'];

type Sharded = MergePart & { shard: ShardPart };

function sameEverywhere(parts: readonly Sharded[], what: string, read: (r: RunReport) => unknown): void {
  const first = JSON.stringify(read(parts[0]!.report));
  const other = parts.find((p) => JSON.stringify(read(p.report)) !== first);
  if (other) {
    throw new UsageError(`cannot merge: ${other.source} has another ${what} than ${parts[0]!.source} (${String(read(other.report))} vs ${String(read(parts[0]!.report))}): the parts are not one sharded run`);
  }
}

/** Checks the parts belong together and are complete; returns them ordered by shard index. */
function validate(parts: readonly MergePart[]): Sharded[] {
  if (parts.length === 0) throw new UsageError('merge needs at least one results.json of a --shard run');
  const unsharded = parts.find((p) => p.report.shard === undefined);
  if (unsharded) throw new UsageError(`cannot merge: ${unsharded.source} is not a --shard part (it has no "shard" field)`);
  const sharded = parts as Sharded[];
  sameEverywhere(sharded, 'kit version', (r) => r.kit.version);
  sameEverywhere(sharded, 'contract', (r) => r.contract.digest);
  sameEverywhere(sharded, 'seed', (r) => r.seed);
  sameEverywhere(sharded, 'shard count', (r) => r.shard!.count);
  sameEverywhere(sharded, 'profile', (r) => r.profile);
  sameEverywhere(sharded, 'target kind', (r) => r.target.kind);
  sameEverywhere(sharded, 'check plan (--suite, --grep or --runs differ)', (r) => JSON.stringify([r.shard!.plan, r.shard!.split]));
  const count = sharded[0]!.report.shard!.count;
  const byIndex = new Map<number, Sharded>();
  for (const p of sharded) {
    const seen = byIndex.get(p.report.shard!.index);
    if (seen) throw new UsageError(`cannot merge: shard ${p.report.shard!.index}/${count} is given twice (${seen.source} and ${p.source})`);
    byIndex.set(p.report.shard!.index, { ...p, shard: p.report.shard! });
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) throw new UsageError(`cannot merge: missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} of seed ${sharded[0]!.report.seed}`);
  return [...byIndex.values()].sort((a, b) => a.shard.index - b.shard.index);
}

/** One check from its parts (one part for a whole check, one per shard for a split one). */
function joinCheck(id: string, found: readonly { part: Sharded; check: CheckResult }[]): CheckResult {
  if (found.length === 1) return found[0]!.check;
  const rank = (c: CheckResult): number => WORST_FIRST.indexOf(c.status);
  const worst = [...found].sort((a, b) => rank(a.check) - rank(b.check) || a.part.shard.index - b.part.shard.index)[0]!.check;
  const runs = found.reduce((n, f) => n + (f.check.numRuns ?? 0), 0);
  const hasRuns = found.some((f) => f.check.numRuns !== undefined);
  // each part credits what its own cases exercised (ACTION-*, ERROR-*): a passing whole credits them
  // all; a failing one, as the runner does, only the rules of its failure
  const requirements = worst.status === 'fail' ? worst.requirements : [...new Set(found.flatMap((f) => f.check.requirements))];
  return {
    ...worst,
    id,
    requirements,
    ...(hasRuns ? { numRuns: runs } : {}),
    durationMs: found.reduce((n, f) => n + f.check.durationMs, 0),
  };
}

/** The merged report; throws UsageError when the parts do not make one whole run. */
export function mergeShards(parts: readonly MergePart[], catalogue: readonly Requirement[]): RunReport {
  const ordered = validate(parts);
  const first = ordered[0]!;
  const { plan, split } = first.shard;
  const splitSet = new Set(split);
  const checks: CheckResult[] = [];
  for (const id of plan) {
    const held = ordered.flatMap((part) => part.report.checks.filter((c) => c.id === id).map((check) => ({ part, check })));
    // a part that did not reach a check says nothing of it, unless no part reached it
    const reached = held.filter((f) => !f.part.shard.untouched?.includes(id));
    const found = reached.length > 0 ? reached : held.slice(0, 1);
    if (found.length === 0) throw new UsageError(`cannot merge: no part holds check ${id} (a part was cut short or edited)`);
    if (!splitSet.has(id) && found.length > 1) throw new UsageError(`cannot merge: check ${id} is in ${found.map((f) => f.part.source).join(' and ')}; it belongs to one shard`);
    checks.push(joinCheck(id, found));
  }
  const notes = [...new Set(ordered.flatMap((p) => p.report.notes ?? []))];
  const findings = ordered.flatMap((p) => p.report.findings ?? []);
  const started = Math.min(...ordered.map((p) => Date.parse(p.report.startedAt)));
  const { shard: _shard, ...base } = first.report;
  return {
    ...base,
    command: first.report.command.replace(/\s--shard[ =]\S+/, ''),
    startedAt: new Date(started).toISOString(),
    durationMs: Math.max(...ordered.map((p) => p.report.durationMs)),
    timeLimited: ordered.some((p) => p.report.timeLimited),
    checks,
    requirements: rollUpRun(catalogue, checks, first.report.profile === 'sandbox-simulation' ? 'sandbox-simulation' : 'core', first.report.target.kind),
    ...(notes.length ? { notes } : {}),
    ...(findings.length ? { findings } : {}),
  };
}
