// decodeFormComponent's fast path (the engine's decodeURIComponent) answers exactly as the byte-wise
// decoder it replaced, problems included (R-WIRE-1, R-WIRE-5); formPairs finds the first repeated
// name both ways it looks (a scan while the names are few, a Set past that), and takes plain
// components as is exactly where decoding them gives them back.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBytewise, decodeFormComponent, formPairs } from './form.ts';

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

describe('formPairs duplicate names', () => {
  // the names so far are scanned while they are few, a Set takes over past FEW_NAMES: both find the first repeat
  it('refuses the first repeated name, however many names come before it', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9.]{0,6}$/), { minLength: 1, maxLength: 70, size: 'max' }), fc.oneof(fc.nat(2), fc.nat()), fc.nat(), fc.boolean(), (names, i, j, repeat) => {
      const list = [...names];
      if (repeat) list.splice(j % (list.length + 1), 0, list[i % list.length]!);
      const read = formPairs(list.map((n, k) => `${n}=${k}`).join('&'));
      const firstRepeat = list.findIndex((n, k) => list.indexOf(n) < k);
      if (firstRepeat < 0) expect(read).toEqual({ ok: true, pairs: list.map((n, k) => [n, String(k)]) });
      else expect(read).toEqual({ ok: false, problem: `duplicate parameter name ${JSON.stringify(list[firstRepeat])}`, rule: 'R-WIRE-5' });
    }), { numRuns: 1000 });
  });
});

describe('formPairs plain components', () => {
  // a component with no %, + or surrogate is taken as is: the pairs (or the refusal) are those of
  // decoding every component
  const byDecoder = (text: string): [string, string][] | undefined => {
    const pairs: [string, string][] = [];
    for (const seg of text.split('&')) {
      if (seg === '') continue;
      const eq = seg.indexOf('=');
      const n = decodeFormComponent(eq < 0 ? seg : seg.slice(0, eq));
      const v = decodeFormComponent(eq < 0 ? '' : seg.slice(eq + 1));
      if (!n.ok || !v.ok || n.value === '' || pairs.some(([x]) => x === n.value)) return undefined;
      pairs.push([n.value, v.value]);
    }
    return pairs;
  };
  it('reads what decoding every component reads', () => {
    const part = fc.oneof(piece, fc.constantFrom('&', '=', '&&', 'a=', '=b'));
    fc.assert(fc.property(fc.array(part, { maxLength: 16 }).map((xs) => xs.join('')), (text) => {
      const read = formPairs(text);
      const ref = byDecoder(text);
      expect(read.ok).toBe(ref !== undefined);
      if (read.ok) expect(read.pairs).toEqual(ref);
    }), { numRuns: 3000 });
  });
});
