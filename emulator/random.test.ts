// rng.chars builds its string in one go: the same string, and the same draws after it, as appending
// alphabet[int(n)] character by character (the ids of a seed must not change).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from './random.ts';

describe('createRng().chars', () => {
  it('equals drawing and appending one character at a time', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string({ unit: 'binary', minLength: 1, maxLength: 70 }), fc.array(fc.nat(80), { maxLength: 5 }), (seed, alphabet, lengths) => {
        const fast = createRng(seed), slow = createRng(seed);
        for (const n of lengths) {
          let out = '';
          for (let i = 0; i < n; i++) out += alphabet[slow.int(alphabet.length)];
          expect(fast.chars(alphabet, n)).toBe(out);
        }
        expect(fast.next()).toBe(slow.next());
      }),
      { numRuns: 500 },
    );
  });
});
