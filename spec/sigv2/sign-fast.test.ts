// The fast canonical query of sign.ts must equal encode.ts's reference one, byte for byte (R-AUTH-1).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalQuery, compareUtf8, encodeRfc3986 } from './encode.ts';
import { compareFast, encodeFast, hmac, sign, signQuery, stringToSign } from './sign.ts';

// any UTF-16 code unit, lone surrogates included, plus the characters encodeURIComponent leaves alone
const unit = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.constantFrom('!', "'", '(', ')', '*', '~', '-', '.', '_', 'a', 'Z', '0', '%', '+', ' '));
const text = fc.string({ unit, maxLength: 12 });
const pairs = fc.array(fc.tuple(fc.oneof(text, fc.constantFrom('Signature', 'Action', 'A', 'AB')), text), { maxLength: 8 });
const sign0 = (c: number): number => Math.sign(c);

describe('sign.ts fast paths', () => {
  it('encodeFast equals encodeRfc3986', () => {
    fc.assert(fc.property(text, (s) => {
      expect(encodeFast(s)).toBe(encodeRfc3986(s));
    }), { numRuns: 3000 });
    expect(encodeFast("a!'()*b c\uD800")).toBe('a%21%27%28%29%2Ab%20c%EF%BF%BD');
  });
  it('compareFast orders as compareUtf8', () => {
    fc.assert(fc.property(text, text, (a, b) => {
      expect(sign0(compareFast(a, b))).toBe(sign0(compareUtf8(a, b)));
    }), { numRuns: 3000 });
    // U+FF5E sorts after U+1F600 in code units but before it in UTF-8 bytes
    expect(sign0(compareFast('\uFF5E', '\uD83D\uDE00'))).toBe(-1);
    expect(sign0(compareFast('a\uD83D', 'a\uD83D\uDE00'))).toBe(sign0(compareUtf8('a\uD83D', 'a\uD83D\uDE00')));
  });
  it('hmac with the cached key equals an HMAC keyed by the secret string', () => {
    fc.assert(fc.property(text, text, fc.constantFrom('HmacSHA256' as const, 'HmacSHA1' as const), (secret, data, m) => {
      expect(hmac(data, secret, m)).toBe(createHmac(m === 'HmacSHA256' ? 'sha256' : 'sha1', secret).update(data, 'utf8').digest('base64'));
    }), { numRuns: 500 });
  });
  it('stringToSign uses the reference canonical query', () => {
    fc.assert(fc.property(pairs, (ps) => {
      expect(stringToSign({ method: 'GET', host: 'H:1', path: '/', params: ps })).toBe(`GET\nh:1\n/\n${canonicalQuery(ps)}`);
      // a record (read without entry pairs): the same as its entries
      const rec = Object.fromEntries(ps);
      expect(stringToSign({ method: 'GET', host: 'H:1', path: '/', params: rec })).toBe(`GET\nh:1\n/\n${canonicalQuery(Object.entries(rec))}`);
    }), { numRuns: 1000 });
  });
  it('signQuery signs as sign() and sends every parameter once, Signature last', () => {
    fc.assert(fc.property(fc.dictionary(text, text, { maxKeys: 8 }), (params) => {
      const req = { method: 'POST', host: '127.0.0.1:8080', path: '/', params, secret: 'secretsecretsecret', signatureMethod: 'HmacSHA256' as const };
      const { signature, query } = signQuery(req);
      expect(signature).toBe(sign(req));
      expect(signature).toBe(hmac(`POST\n127.0.0.1:8080\n/\n${canonicalQuery(params)}`, req.secret, 'HmacSHA256'));
      const sent = Object.entries(params).filter(([n]) => n !== 'Signature').map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`);
      expect(query).toBe([...sent, `Signature=${encodeRfc3986(signature)}`].join('&'));
    }), { numRuns: 500 });
    // many names (the library sort) and ordered pairs with repeats sign as the reference too
    fc.assert(fc.property(fc.dictionary(text, text, { minKeys: 20, maxKeys: 40 }), pairs, (params, ps) => {
      for (const p of [params, ps]) {
        const req = { method: 'GET', host: 'h', path: '/', params: p, secret: 'secretsecretsecret', signatureMethod: 'HmacSHA1' as const };
        expect(signQuery(req).signature).toBe(hmac(`GET\nh\n/\n${canonicalQuery(p)}`, req.secret, 'HmacSHA1'));
      }
    }), { numRuns: 200 });
  });
  it('a record whose names have the same UTF-8 bytes signs as the reference: their values decide the order', () => {
    // lone surrogates are distinct names with U+FFFD's bytes; the reference sorts them by value (seed 004 step 1)
    const few = { '\uD800': 'a', '\uD801': '', A: '1' };
    const many: Record<string, string> = { '\uD800': 'a', '\uD801': '' };
    for (let i = 0; i < 30; i++) many[`n${i}`] = String(i);
    for (const params of [few, many]) {
      const want = `GET\nh\n/\n${canonicalQuery(params)}`;
      expect(stringToSign({ method: 'GET', host: 'h', path: '/', params })).toBe(want);
      expect(signQuery({ method: 'GET', host: 'h', path: '/', params, secret: 'secretsecretsecret', signatureMethod: 'HmacSHA1' }).signature).toBe(hmac(want, 'secretsecretsecret', 'HmacSHA1'));
    }
    expect(canonicalQuery(few).startsWith('A=1&%EF%BF%BD=&%EF%BF%BD=a')).toBe(true);
  });
  it('encodeFast answers a value again as the first time, whatever came between (it remembers the last one)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('2026-12-04T14:00:00Z', 'a b', 'a b', "x'y", 'plain'), { maxLength: 12 }), (values) => {
      for (const v of values) expect(encodeFast(v)).toBe(encodeRfc3986(v));
    }));
  });
});
