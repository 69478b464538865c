// decodeFormComponent's fast path (the engine's decodeURIComponent) answers exactly as the byte-wise
// decoder it replaced, problems included (R-WIRE-1, R-WIRE-5).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBytewise, decodeFormComponent } from './form.ts';

// the reference: the byte-wise decoder the fast path replaced, behind the same lone-surrogate check
function reference(s: string, plusIsSpace = true): ReturnType<typeof decodeFormComponent> {
  const lone = /\p{Cs}/u.exec(s);
  return lone ? { ok: false, problem: `lone surrogate at offset ${lone.index}` } : decodeBytewise(s, plusIsSpace);
}

const byte = fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`);
const piece = fc.oneof(byte, byte.map((x) => x.toLowerCase()), fc.constantFrom('%', '%4', '%G1', '+', 'a', ' ', 'é', '\u{1F600}', '\uD800', '%EF%BB%BF', '%E2%82%AC', '%C0%AF', '%ED%A0%80', '%F4%90%80%80'), fc.string({ maxLength: 3 }));
const component = fc.array(piece, { maxLength: 10 }).map((xs) => xs.join(''));

describe('decodeFormComponent', () => {
  it('answers as the byte-wise decoder, for any mix of escapes, pluses and text', () => {
    fc.assert(fc.property(component, fc.boolean(), (s, plus) => {
      expect(decodeFormComponent(s, plus)).toEqual(reference(s, plus));
    }), { numRuns: 5000 });
  });
  it('keeps the cases that matter', () => {
    expect(decodeFormComponent('2026-01-01T00%3A00%3A00.000Z')).toEqual({ ok: true, value: '2026-01-01T00:00:00.000Z' });
    expect(decodeFormComponent('a+b%2B')).toEqual({ ok: true, value: 'a b+' });
    expect(decodeFormComponent('a+b', false)).toEqual({ ok: true, value: 'a+b' });
    expect(decodeFormComponent('%C0%AF')).toEqual({ ok: false, problem: 'percent-encoded bytes are not UTF-8' });
    expect(decodeFormComponent('x%4')).toEqual({ ok: false, problem: 'bad percent-encoding "%4" at offset 1' });
  });
});
