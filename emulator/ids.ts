// Ids and secrets the emulator picks for every `fresh` Expect, shaped like the seed's samples and
// within the size limits of R-WIRE-7 (TransactionId ≤ 35, TokenId ≤ 65, RequestId ≤ 64).
import type { FreshKind } from '../spec/model/api.ts';
import type { Rng } from './random.ts';

const UPPER_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER_ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const SECRET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * How each kind looks; `max` is the R-WIRE-7 limit where one exists. `unique`: the length of the
 * kind's whole value when it holds at least UNIQUE_BITS random bits, so that, not cut shorter, two
 * never meet (the chance that any two of 2^32 such ids are equal is below 2^-57).
 */
const SHAPES: Record<FreshKind, { make: (r: Rng) => string; max?: number; unique?: number }> = {
  // 35 uppercase alphanumerics, like the seed's 14GKD9GE66FAA63E6O6B2JDPZKN53LZ7F22 (32 random: 165 bits)
  TransactionId: { make: (r) => '14G' + r.chars(UPPER_ALNUM, 32), max: 35, unique: 35 },
  // 64 uppercase alphanumerics, like the seed's SenderTokenId samples (330 bits)
  TokenId: { make: (r) => r.chars(UPPER_ALNUM, 64), max: 65, unique: 64 },
  // a UUID with the ":0" suffix of the seed's c21e7735-9c08-4cd8-99bf-535a848c79b4:0 (30 hex digits and 2 bits: 122 bits)
  RequestId: {
    make: (r) => `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-${'89ab'[r.int(4)]}${r.chars(HEX, 3)}-${r.chars(HEX, 12)}:0`,
    max: 64,
    unique: 38,
  },
  AccountId: { make: (r) => r.chars('0123456789', 12) },
  AccessKeyId: { make: (r) => 'AKIA' + r.chars(UPPER_ALNUM, 16) },
  // 40 of 64 characters: 240 bits
  SecretAccessKey: { make: (r) => r.chars(SECRET, 40), unique: 40 },
  Email: { make: (r) => `user-${r.chars(LOWER_ALNUM, 8)}@fps-sandbox.example` },
};
/** random bits past which ids are not remembered: a collision is out of reach (see SHAPES) */
export const UNIQUE_BITS = 120;

export interface IdGenerator {
  /** a value of that kind never handed out before by this generator */
  fresh(kind: FreshKind, maxLength?: number): string;
}

export function createIdGenerator(rng: Rng): IdGenerator {
  // the ids that could meet again (short kinds, or cut short): two a Pay would make it grow without end
  const issued = new Set<string>();
  return {
    fresh(kind, maxLength) {
      const shape = SHAPES[kind];
      const limit = Math.min(maxLength ?? Infinity, shape.max ?? Infinity);
      for (;;) {
        let value = shape.make(rng);
        if (shape.unique !== undefined && limit >= shape.unique) return value;
        if (value.length > limit) value = value.slice(0, limit);
        // one probe of a set that grows by two ids a Pay: add, and see whether it grew
        const before = issued.size;
        if (issued.add(value).size !== before) return value;
      }
    },
  };
}
