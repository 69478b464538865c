// Strict form parsing: R-WIRE-1 (`+` is a space) and R-WIRE-5 (malformed input reported, not thrown).
import { describe, expect, it } from 'vitest';
import { decodeFormComponent, encodeForm, parseForm } from './form.ts';

describe('parseForm (R-WIRE-1)', () => {
  it('decodes + as a space and %XY escapes as UTF-8', () => {
    const r = parseForm('a=b+c&n%C3%A9=%E4%B8%AD&e=&flag');
    expect(r).toEqual({ ok: true, params: { a: 'b c', 'né': '中', e: '', flag: '' }, pairs: [['a', 'b c'], ['né', '中'], ['e', ''], ['flag', '']] });
  });
  it('keeps %2B as a literal plus and lowercase hex escapes', () => {
    const r = parseForm('Signature=ab%2bcd%2B%3d');
    expect(r.ok && r.params.Signature).toBe('ab+cd+=');
  });
  it('skips empty segments and accepts an empty form', () => {
    expect(parseForm('&a=1&&b=2&')).toMatchObject({ ok: true, pairs: [['a', '1'], ['b', '2']] });
    expect(parseForm('')).toMatchObject({ ok: true, pairs: [] });
  });
  it('gives params without a prototype, so inherited names never read as parameters', () => {
    const r = parseForm('a=1');
    expect(r.ok && r.params.constructor).toBeUndefined();
    const p = parseForm('__proto__=x&constructor=y');
    expect(p.ok && Object.keys(p.params)).toEqual(['__proto__', 'constructor']);
  });
  it('decodes bytes when given a Uint8Array', () => {
    expect(parseForm(new TextEncoder().encode('x=%C3%A9&y=é'))).toMatchObject({ ok: true, params: { x: 'é', y: 'é' } });
  });
});

describe('parseForm reports malformed input (R-WIRE-5)', () => {
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['truncated escape', 'a=%4', /bad percent-encoding/],
    ['non-hex escape', 'a=%G1', /bad percent-encoding/],
    ['bare percent', 'a=100%', /bad percent-encoding/],
    ['escape in a name', 'b%Z=1', /parameter name/],
    ['non-UTF-8 escapes', 'a=%FF%FE', /not UTF-8/],
    ['overlong UTF-8', 'a=%C0%AF', /not UTF-8/],
    ['truncated UTF-8 sequence', 'a=%E4%B8', /not UTF-8/],
    ['non-UTF-8 raw bytes', new Uint8Array([0x61, 0x3d, 0xff]), /not UTF-8/],
    ['lone surrogate', 'a=\ud800', /surrogate/],
    ['duplicate names', 'a=1&b=2&a=1', /duplicate parameter name "a"/],
    ['duplicate names after decoding', 'a+b=1&a%20b=2', /duplicate/],
    ['empty name', '=1', /empty parameter name/],
  ];
  for (const [what, raw, problem] of cases) {
    it(what, () => {
      const r = parseForm(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.problem).toMatch(problem);
        expect(r.rule).toBe('R-WIRE-5');
      }
    });
  }
  it('absurd lengths and counts', () => {
    expect(parseForm('a=' + 'x'.repeat(100), { maxLength: 50 })).toMatchObject({ ok: false, rule: 'R-WIRE-5' });
    expect(parseForm('a=1&b=2&c=3', { maxParams: 2 })).toMatchObject({ ok: false, problem: 'more than 2 parameters' });
    expect(parseForm('a=1&b=2', { maxParams: 2 }).ok).toBe(true);
    // the default limit holds without a hang
    expect(parseForm('a='.padEnd(2_000_000, 'x')).ok).toBe(false);
  });
});

describe('decodeFormComponent / encodeForm', () => {
  it('reads + literally when asked', () => {
    expect(decodeFormComponent('a+b', false)).toEqual({ ok: true, value: 'a+b' });
  });
  it('encodes with %20 for space and round-trips through parseForm', () => {
    const pairs: [string, string][] = [['a b', 'c+d'], ['é', '~*/=&%']];
    const body = encodeForm(pairs);
    expect(body).toBe('a%20b=c%2Bd&%C3%A9=~%2A%2F%3D%26%25');
    expect(parseForm(body)).toMatchObject({ ok: true, pairs });
  });
});
