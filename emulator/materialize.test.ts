// materialize's loops give what its entry-array reference gives: the same fields in the same order,
// the same choices asked in the same order, the same ids drawn and bound.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expect } from '../spec/model/api.ts';
import { materialize, materializeByEntries, SIGNATURE_FIELDS, type MaterializeContext } from './materialize.ts';

const NAMES = ['TransactionId', 'TransactionStatus', 'StatusCode', 'StatusMessage', 'statusCode', 'transactionStatus', 'statusMessage', 'RequestId', 'DateInstalled', 'Token.TokenId', 'transactionDate', 'signature', 'certificateUrl', 'toString', '__proto__', 'x.Message', 'Amount'];
const expectArb: fc.Arbitrary<Expect> = fc.oneof(
  fc.constantFrom('Success', 'Pending', 'USD 1.00', ''),
  fc.array(fc.constantFrom('Success', 'Failure', 'Pending'), { maxLength: 3 }).map((oneOf) => ({ oneOf })),
  fc.record({ fresh: fc.constantFrom('TransactionId', 'RequestId', 'TokenId') as fc.Arbitrary<'TransactionId'>, bind: fc.constantFrom('a', 'b', 'RequestId'), maxLength: fc.option(fc.nat(40), { nil: undefined }) })
    .map((e) => (e.maxLength === undefined ? { fresh: e.fresh, bind: e.bind } : e)),
  fc.constant({ present: true as const }),
  fc.constant({ pattern: '^USD \\d+\\.\\d{2}$', example: 'USD 1.00' }),
  fc.constant({ optional: true as const }),
);
const fieldsArb = fc.array(fc.tuple(fc.constantFrom(...NAMES), expectArb), { maxLength: 10 }).map((pairs) => Object.fromEntries(pairs) as Record<string, Expect>);

function context(seed: number, log: string[]): MaterializeContext {
  let a = seed >>> 0, n = 0;
  return {
    choose: (k, what) => { a = (Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0; log.push(`${what}:${k}`); return a % k; },
    fresh: (kind, max) => { log.push(`fresh ${kind} ${max}`); return `${kind}-${++n}`; },
    requestId: 'req-1',
    now: 1_767_225_600_000,
    tokenInstalled: (id) => (id === '' ? undefined : 1_767_225_000_000),
  };
}

describe('materialize (materialize.ts)', () => {
  it('equals the entry-array reference: fields and their order, choices, ids bound', () => {
    fc.assert(fc.property(fieldsArb, fc.integer(), fc.boolean(), (fields, seed, skip) => {
      const logA: string[] = [], logB: string[] = [];
      const boundA: Record<string, string> = { b: 'given' }, boundB: Record<string, string> = { b: 'given' };
      const options = skip ? { skip: SIGNATURE_FIELDS } : {};
      // (a field named like an Object.prototype member may throw: then both throw the same)
      const outcome = (f: () => Record<string, string>) => { try { const r = f(); return { entries: JSON.stringify(Object.entries(r)), proto: Object.getPrototypeOf(r) as unknown }; } catch (err) { return { threw: String(err) }; } };
      const a = outcome(() => materialize(fields, context(seed, logA), boundA, options));
      const b = outcome(() => materializeByEntries(fields, context(seed, logB), boundB, options));
      expect(a).toEqual(b);
      expect(logA).toEqual(logB);
      expect(boundA).toEqual(boundB);
    }), { numRuns: 2000 });
  });
});
