// `--shard i/n` + `merge` equals the unsharded run on the same seed: the same check ids in the same
// order, the same statuses and case counts, the same coverage.
import { describe, expect, it } from 'vitest';
import { mergeShards } from '../run/merge.ts';
import type { RunReport } from '../core/result.ts';
import { runConformance } from '../run/service-runner.ts';
import { loadCatalogue } from '../run/catalogue.ts';
import { runSdkConformance } from '../run/client-runner.ts';

const SEED = 20261203;
const base = { seed: SEED, runs: 5, suites: ['signature', 'tokens', 'reserve-settle'] };

const view = (r: RunReport) => ({
  checks: r.checks.map((c) => [c.id, c.status, c.numRuns ?? null]),
  coverage: r.requirements.map((q) => [q.id, q.status]),
});

describe('sharded runs merged', () => {
  it('3 shards of one seed, merged, give the unsharded run: check ids, statuses, runs and coverage', async () => {
    const whole = (await runConformance(base)).report;
    const parts = [];
    for (let i = 1; i <= 3; i++) {
      const { report } = await runConformance({ ...base, shard: { index: i, count: 3 } });
      expect(report.shard).toMatchObject({ index: i, count: 3 });
      // each part runs only its share
      expect(report.checks.length).toBeLessThan(whole.checks.length);
      parts.push({ source: `part-${i}`, report });
    }
    const merged = mergeShards(parts, loadCatalogue());
    expect(view(merged)).toEqual(view(whole));
    expect(merged.checks.every((c) => c.status !== 'fail')).toBe(true);
    // a model-based check really was split: its cases add up over the parts
    const split = parts[0]!.report.shard!.split[0]!;
    const runsPerPart = parts.map((p) => p.report.checks.find((c) => c.id === split)?.numRuns ?? 0);
    expect(runsPerPart.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(runsPerPart.reduce((a, b) => a + b, 0)).toBe(whole.checks.find((c) => c.id === split)!.numRuns);
  }, 240_000);

  it('a merge with a missing part, or a part of another seed, fails clearly', async () => {
    const small = { seed: SEED, runs: 2, suites: ['signature'] };
    const p1 = (await runConformance({ ...small, shard: { index: 1, count: 2 } })).report;
    const p2 = (await runConformance({ ...small, shard: { index: 2, count: 2 } })).report;
    const other = (await runConformance({ ...small, seed: SEED + 1, shard: { index: 2, count: 2 } })).report;
    expect(() => mergeShards([{ source: 'p1', report: p1 }], loadCatalogue())).toThrow(/missing shard 2\/2/);
    expect(() => mergeShards([{ source: 'p1', report: p1 }, { source: 'other', report: other }], loadCatalogue())).toThrow(/other has another seed/);
    expect(mergeShards([{ source: 'p2', report: p2 }, { source: 'p1', report: p1 }], loadCatalogue()).checks.map((c) => c.id)).toEqual(p1.shard!.plan);
  }, 120_000);
});

describe('sharded SDK runs merged', () => {
  const sdkRun = (adapter: string, shard?: { index: number; count: number }) =>
    runSdkConformance({ adapter, seed: 7, runs: 3, slowAnswerMs: 200, timeoutMs: 10_000, ...(shard ? { shard } : {}) });
  const statuses = (r: RunReport) => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));

  for (const adapter of ['test/fakes/good-sdk.ts', 'test/fakes/broken-sdk.ts']) {
    it(`2 shards of ${adapter}, merged, give the same statuses and coverage as the whole run`, async () => {
      const whole = (await sdkRun(adapter)).report;
      const parts = [];
      for (let i = 1; i <= 2; i++) parts.push({ source: `sdk-${i}`, report: (await sdkRun(adapter, { index: i, count: 2 })).report });
      expect(parts.every((p) => (p.report.shard?.untouched?.length ?? 0) > 0)).toBe(true);
      const merged = mergeShards(parts, loadCatalogue());
      expect(statuses(merged)).toEqual(statuses(whole));
      expect(merged.requirements.map((q) => [q.id, q.status])).toEqual(whole.requirements.map((q) => [q.id, q.status]));
    }, 120_000);
  }
});
