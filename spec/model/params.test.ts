// paramViolations reads the catalogue once per action and counts UTF-8 bytes without encoding: the
// same violations, in the same order, as the per-call catalogue reading below with TextEncoder's
// count (each parameter judged by the same valueViolations), on generated parameter sets; utf8Length
// agrees with TextEncoder on any UTF-16 string, lone surrogates included.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTION_SPECS, COMMON_PARAMS } from '../catalogue/actions.ts';
import { ACTIONS, type ActionName } from '../types.ts';
import { amountViolations, paramValue, paramViolations, utf8Length, valueViolations } from './params.ts';
import { v, type Violation } from './violations.ts';

/** the reference: every catalogue read per call, every value encoded to count its bytes */
function paramViolationsByWalk(action: ActionName, params: Readonly<Record<string, string>>): Violation[] {
  const out: Violation[] = [];
  const known = new Set<string>();
  for (const spec of [...COMMON_PARAMS, ...ACTION_SPECS[action].params]) {
    [spec.name, ...(spec.aliases ?? [])].forEach((n) => known.add(n));
    if (spec.type === 'Amount') {
      known.add(`${spec.name}.Value`).add(`${spec.name}.CurrencyCode`);
      out.push(...amountViolations(params, spec));
      continue;
    }
    if (COMMON_PARAMS.includes(spec)) continue;
    valueViolations(out, action, spec, paramValue(params, spec), (s) => new TextEncoder().encode(s).length);
  }
  const complex = [...ACTION_SPECS[action].params].filter((p) => p.type === 'DescriptorPolicy').map((p) => `${p.name}.`);
  for (const name of Object.keys(params)) {
    if (!known.has(name) && !complex.some((prefix) => name.startsWith(prefix))) out.push(v(['InvalidParams'], ['R-WIRE-5'], `unknown parameter ${name}`, false));
  }
  return out;
}

const lone = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: lone, maxLength: 40 }), fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', '\ud800', '\udc00'), maxLength: 300 }));

describe('utf8Length', () => {
  it('counts what TextEncoder encodes', () => {
    fc.assert(fc.property(anyString, (s) => utf8Length(s) === new TextEncoder().encode(s).length), { numRuns: 2000 });
  });
});

describe('paramViolations', () => {
  const names = (a: ActionName): string[] =>
    [...COMMON_PARAMS, ...ACTION_SPECS[a].params].flatMap((s) => [s.name, ...(s.aliases ?? []), `${s.name}.Value`, `${s.name}.CurrencyCode`, `${s.name}.x`]);
  const value = fc.oneof(fc.constantFrom('', '1', '1.00', '0', '0.01', '-1', 'USD', 'EUR', 'abc', 'Caller', 'caller', 'x'.repeat(129), 'é'.repeat(70)), anyString);
  it('gives the violations of the per-call catalogue reading, in order', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACTIONS), fc.infiniteStream(fc.tuple(fc.oneof(fc.constant(''), anyString), value)), fc.nat(12), (action, stream, n) => {
        const pool = names(action);
        const params: Record<string, string> = {};
        let i = 0;
        for (const [extra, val] of stream) {
          if (i++ >= n) break;
          params[extra !== '' && i % 4 === 0 ? extra : pool[(extra.length * 7 + i * 13) % pool.length]!] = val;
        }
        const fast = paramViolations(action, params);
        expect(fast).toEqual(paramViolationsByWalk(action, params));
      }),
      { numRuns: 500 },
    );
  });
});
