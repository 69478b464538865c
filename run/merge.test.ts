import { describe, expect, it } from 'vitest';
import { fixture } from '../test/support/report-fixtures.ts';
import { allRequirements } from '../spec/catalogue/index.ts';
import { UsageError } from '../core/errors.ts';
import { mergeShards, type MergePart } from './merge.ts';
import type { CheckResult, RunReport } from '../core/result.ts';
import { caseBlock, checksOfShard } from '../core/shard.ts';

const catalogue = allRequirements();

/** Cuts a whole report into n parts the way `run --shard i/n` would. */
function cut(whole: RunReport, count: number, splitIds: readonly string[]): MergePart[] {
  const plan = whole.checks.map((c) => c.id);
  const isSplit = (id: string): boolean => splitIds.includes(id);
  return Array.from({ length: count }, (_, i) => {
    const shard = { index: i + 1, count };
    const mine = checksOfShard(plan, isSplit, shard);
    const checks: CheckResult[] = whole.checks.filter((c) => mine.has(c.id)).map((c) => {
      if (!isSplit(c.id)) return c;
      const block = caseBlock(c.numRuns ?? 0, shard);
      return { ...c, numRuns: block.count, durationMs: c.durationMs / count };
    });
    return {
      source: `shard-${i + 1}.json`,
      report: { ...whole, command: `${whole.command} --shard ${i + 1}/${count}`, checks, shard: { ...shard, plan, split: [...splitIds] } },
    };
  });
}

const byStatus = (r: RunReport) => r.checks.map((c) => [c.id, c.status, c.numRuns]);
const coverage = (r: RunReport) => r.requirements.map((q) => [q.id, q.status]);

describe('mergeShards', () => {
  for (const name of ['passing', 'failing'] as const) {
    it(`joins the parts of the ${name} example into the whole: same checks, order, statuses, runs and coverage`, () => {
      const whole = fixture(name);
      const split = whole.checks.filter((c) => c.numRuns !== undefined).map((c) => c.id).slice(0, 2);
      for (const count of [1, 2, 3, 5]) {
        const merged = mergeShards(cut(whole, count, split).reverse(), catalogue);
        expect(byStatus(merged)).toEqual(byStatus(whole));
        expect(coverage(merged)).toEqual(coverage(whole));
        expect(merged.command).toBe(whole.command);
        expect(merged.shard).toBeUndefined();
      }
    });
  }

  it('takes a failure in any part as the failure of a split check, with that part\'s transcript', () => {
    const whole = fixture('passing');
    const prop = whole.checks.find((c) => c.numRuns !== undefined)!;
    const parts = cut(whole, 3, [prop.id]);
    const failing = { ...prop, status: 'fail' as const, message: 'R-PAY-4: settled twice', numRuns: 2 };
    parts[1]!.report = { ...parts[1]!.report, checks: parts[1]!.report.checks.map((c) => (c.id === prop.id ? failing : c)) };
    const merged = mergeShards(parts, catalogue);
    const got = merged.checks.find((c) => c.id === prop.id)!;
    expect(got.status).toBe('fail');
    expect(got.message).toBe('R-PAY-4: settled twice');
    expect(merged.requirements.filter((r) => prop.requirements.includes(r.id)).every((r) => r.status === 'fail')).toBe(true);
  });

  it('names the missing shards', () => {
    const parts = cut(fixture('passing'), 4, []);
    expect(() => mergeShards([parts[0]!, parts[2]!], catalogue)).toThrow(/missing shards 2\/4, 4\/4/);
  });

  it('refuses a part of another seed, contract, kit version or plan, and a part given twice', () => {
    const parts = cut(fixture('passing'), 2, []);
    const other = (edit: (r: RunReport) => RunReport): MergePart[] => [parts[0]!, { source: 'other.json', report: edit(parts[1]!.report) }];
    expect(() => mergeShards(other((r) => ({ ...r, seed: r.seed + 1 })), catalogue)).toThrow(/other\.json has another seed/);
    expect(() => mergeShards(other((r) => ({ ...r, contract: { ...r.contract, digest: 'f00' } })), catalogue)).toThrow(/another contract/);
    expect(() => mergeShards(other((r) => ({ ...r, kit: { ...r.kit, version: '9.9.9' } })), catalogue)).toThrow(/another kit version/);
    expect(() => mergeShards(other((r) => ({ ...r, shard: { ...r.shard!, plan: r.shard!.plan.slice(1) } })), catalogue)).toThrow(/another check plan/);
    expect(() => mergeShards([parts[0]!, { ...parts[0]!, source: 'copy.json' }], catalogue)).toThrow(/given twice/);
    expect(() => mergeShards([{ source: 'plain.json', report: fixture('passing') }], catalogue)).toThrow(UsageError);
  });
});
