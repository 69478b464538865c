// The model's copy of a request's parameters (plainCopy, built from the reader's pairs) is the
// spread of the reader's dictionary it replaced: the same own keys, in the same order, with the
// same values and prototype, for any form the strict reader accepts (integer-like and
// Object.prototype names included).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readParamsStrict } from '../spec/wire/request-params.ts';
import { plainCopy, unsliced } from './api.ts';

// values long enough to be slices of the body (13+ characters), Object.prototype and index-like ones among them
const value = fc.oneof(fc.string({ maxLength: 6 }), fc.string({ minLength: 13, maxLength: 40 }), fc.constantFrom('hasOwnProperty', '__proto__xxxxxxxx', '12345678901234', '4294967296000', 'propertyIsEnumerable'));
const name = fc.oneof(fc.constantFrom('Action', '__proto__', 'constructor', 'toString', '0', '1', '10', '01', '-1', '4294967295', 'a.b', 'hasOwnProperty'), fc.string({ minLength: 1, maxLength: 6 }));

describe('plainCopy', () => {
  it('equals spreading the strict reader’s parameters', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n, maxLength: 12 }), fc.nat(12), (pairs, split) => {
        const enc = (ps: [string, string][]) => ps.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&');
        const read = readParamsStrict({ method: 'POST', query: enc(pairs.slice(0, split)), contentType: 'application/x-www-form-urlencoded', body: enc(pairs.slice(split)) });
        if (!read.ok) return;
        const copy = plainCopy(read.params, read.pairs);
        const spread = { ...read.params };
        expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(spread));
        expect(Object.entries(copy)).toEqual(Object.entries(spread));
        expect(Object.getOwnPropertyNames(copy)).toEqual(Object.getOwnPropertyNames(spread));
      }),
      { numRuns: 2000 },
    );
  });

  it('holds values as they were read (unsliced keeps every string as it is)', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ minLength: 13, maxLength: 60 })), (s) => {
      expect(unsliced(s)).toBe(s);
    }), { numRuns: 3000 });
    for (const s of ['hasOwnProperty', '__proto__xxxxxxxx', '12345678901234', '4294967294', '4294967295000', 'constructor..', 'a'.repeat(13)]) expect(unsliced(s)).toBe(s);
  });
});
