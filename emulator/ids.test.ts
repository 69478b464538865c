// ids.ts: the shapes' random bits behind `unique` (ids not remembered), and ids cut short still never repeat.
import { describe, expect, it } from 'vitest';
import type { FreshKind } from '../spec/model/api.ts';
import { createIdGenerator, UNIQUE_BITS } from './ids.ts';
import { createRng } from './random.ts';

/** random bits of a value: each position's alphabet, read off many values of the kind */
function bitsOf(kind: FreshKind, max?: number): { bits: number; length: number } {
  const ids = createIdGenerator(createRng(7));
  const values = Array.from({ length: 3000 }, () => ids.fresh(kind, max));
  const length = values[0]!.length;
  let bits = 0;
  for (let i = 0; i < length; i++) bits += Math.log2(new Set(values.map((v) => v[i])).size);
  return { bits, length };
}

describe('fresh ids (ids.ts)', () => {
  it('the kinds left unremembered hold at least UNIQUE_BITS random bits at full length; the others fewer', () => {
    for (const kind of ['TransactionId', 'TokenId', 'RequestId', 'SecretAccessKey'] as const) expect(bitsOf(kind).bits, kind).toBeGreaterThanOrEqual(UNIQUE_BITS);
    for (const kind of ['AccountId', 'AccessKeyId', 'Email'] as const) expect(bitsOf(kind).bits, kind).toBeLessThan(UNIQUE_BITS);
  });

  it('ids cut short are remembered: a short id is never handed out twice', () => {
    const ids = createIdGenerator(createRng(3));
    // 2 random characters of 36: 1296 values, all of them drawn before the generator gives up
    const seen = Array.from({ length: 1296 }, () => ids.fresh('TransactionId', 5));
    expect(new Set(seen).size).toBe(1296);
  });
});
