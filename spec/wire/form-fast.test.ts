// decodeFormComponent's fast path (the engine's decodeURIComponent) answers exactly as the byte-wise
// decoder it replaced, problems included (R-WIRE-1, R-WIRE-5).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeFormComponent } from './form.ts';

// the byte-wise reference, as it was before the fast path
const HEX = /^[0-9A-Fa-f]{2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function reference(s: string, plusIsSpace = true): ReturnType<typeof decodeFormComponent> {
  const lone = /\p{Cs}/u.exec(s);
  if (lone) return { ok: false, problem: `lone surrogate at offset ${lone.index}` };
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!HEX.test(hex)) return { ok: false, problem: `bad percent-encoding ${JSON.stringify(s.slice(i, i + 3))} at offset ${i}` };
      bytes.push(parseInt(hex, 16));
      i += 3;
    } else if (c === '+' && plusIsSpace) {
      bytes.push(0x20);
      i += 1;
    } else {
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      for (const b of new TextEncoder().encode(ch)) bytes.push(b);
      i += ch.length;
    }
  }
  try {
    return { ok: true, value: utf8.decode(new Uint8Array(bytes)) };
  } catch {
    return { ok: false, problem: 'percent-encoded bytes are not UTF-8' };
  }
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
