// `--shard i/n`: a deterministic split of one run's work, so that the n shards of one seed together run
// exactly what the unsharded run runs. Whole checks go round-robin over the run's plan; a check whose
// work is generated cases (a model-based property) runs on every shard, each taking one contiguous
// block of its case indices (fast-check's `path` replays from a case index, so case k of a shard is
// case k of the unsharded run).
import { UsageError } from './errors.ts';

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

/** Most shards one run may be cut into (beyond it a shard holds little but start-up). */
export const MAX_SHARDS = 256;

/** "2/3" → { index: 2, count: 3 }; anything else is a UsageError naming the form. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new UsageError(`--shard takes <i>/<n> with 1 ≤ i ≤ n ≤ ${MAX_SHARDS} (e.g. --shard 2/3), not ${JSON.stringify(text)}`);
  }
  return { index, count };
}

export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * Which checks of `plan` (the run's selected check ids, in run order) this shard runs. `split` says
 * which checks are split by case (they run on every shard); the others are dealt round-robin.
 */
export function checksOfShard(plan: readonly string[], split: (id: string) => boolean, shard: Shard): Set<string> {
  const mine = new Set<string>();
  let dealt = 0;
  for (const id of plan) {
    if (split(id)) mine.add(id);
    else if (dealt++ % shard.count === shard.index - 1) mine.add(id);
  }
  return mine;
}

/** The shard that runs a whole (unsplit) check; the inverse of checksOfShard for merges. */
export function ownerOf(plan: readonly string[], split: (id: string) => boolean, id: string, count: number): number | undefined {
  let dealt = 0;
  for (const p of plan) {
    if (split(p)) continue;
    if (p === id) return (dealt % count) + 1;
    dealt++;
  }
  return undefined;
}

export interface CaseBlock {
  /** first case index (fast-check path) */
  start: number;
  /** how many cases, possibly 0 when there are fewer cases than shards */
  count: number;
}

/** This shard's contiguous block of `runs` cases: blocks of all shards cover 0..runs-1 exactly once. */
export function caseBlock(runs: number, shard: Shard | undefined): CaseBlock {
  if (!shard || shard.count === 1) return { start: 0, count: runs };
  const from = Math.floor((runs * (shard.index - 1)) / shard.count);
  const to = Math.floor((runs * shard.index) / shard.count);
  return { start: from, count: to - from };
}
