import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.ts';
import { caseBlock, checksOfShard, ownerOf, parseShard } from './shard.ts';

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  });
  it.each(['0/3', '4/3', '1/0', '3', 'a/b', '1/3/4', '-1/3', '1/999'])('refuses %s with a UsageError naming the form', (text) => {
    expect(() => parseShard(text)).toThrow(UsageError);
    expect(() => parseShard(text)).toThrow(/--shard takes <i>\/<n>/);
  });
});

describe('the split', () => {
  const planArb = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}\/[a-z]{1,6}$/), { maxLength: 30 });

  it('deals every whole check to exactly one shard, and split checks to all, whatever the plan', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 1, max: 9 }), fc.func(fc.boolean()), (plan, count, isSplit) => {
        const split = (id: string): boolean => isSplit(id);
        const shards = Array.from({ length: count }, (_, i) => checksOfShard(plan, split, { index: i + 1, count }));
        for (const id of plan) {
          const holders = shards.map((s, i) => (s.has(id) ? i + 1 : 0)).filter(Boolean);
          if (split(id)) expect(holders).toHaveLength(count);
          else expect(holders).toEqual([ownerOf(plan, split, id, count)]);
        }
      }),
    );
  });

  it('cuts the cases of a property into blocks that cover every case once, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 40 }), (runs, count) => {
        const covered: number[] = [];
        for (let i = 1; i <= count; i++) {
          const b = caseBlock(runs, { index: i, count });
          for (let k = b.start; k < b.start + b.count; k++) covered.push(k);
        }
        expect(covered).toEqual(Array.from({ length: runs }, (_, k) => k));
      }),
    );
  });

  it('leaves an unsharded run whole', () => {
    expect(caseBlock(25, undefined)).toEqual({ start: 0, count: 25 });
    expect(checksOfShard(['a/x', 'b/y'], () => false, { index: 1, count: 1 })).toEqual(new Set(['a/x', 'b/y']));
  });
});
