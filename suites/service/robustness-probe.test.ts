import { describe, expect, it } from 'vitest';
import { encodeRfc3986Bytes as encodeBytes, hmac, stringToSign } from '../../spec/sigv2/index.ts';
import type { WireRequest } from '../../core/wire.ts';
import { canonicalOver, duplicateVariants, encodingVariants, lenientBytes, lenientReadings, variantRequest } from './robustness-probe.ts';

const BASE: [string, string][] = [
  ['UrlEndPoint', 'http://127.0.0.1/fps-conformance/ipn/ab'],
  ['HttpParameters', 'signatureVersion=2'],
  ['Action', 'VerifySignature'],
  ['Timestamp', '2026-01-01T00:00:00.000Z'],
  ['SignatureMethod', 'HmacSHA256'],
];

describe('lenient readings of a malformed value', () => {
  it('keeps a bad escape as text and decodes valid escapes to bytes', () => {
    expect([...lenientBytes('A%ZZ%41%4')]).toEqual([0x41, 0x25, 0x5a, 0x5a, 0x41, 0x25, 0x34]);
    expect([...lenientBytes('\xff(')]).toEqual([0xff, 0x28]);
  });

  it('reads non-UTF-8 as U+FFFD (as URLSearchParams does) or as raw bytes', () => {
    const [text, bytes] = lenientReadings('%FF%FE');
    expect(text!.value).toBe(new URLSearchParams('v=%FF%FE').get('v'));
    expect(bytes!.value).toEqual(new Uint8Array([0xff, 0xfe]));
  });

  it('signs raw bytes byte by byte and text as UTF-8 (R-AUTH-1)', () => {
    expect(encodeBytes(new Uint8Array([0x41, 0xff, 0x2d, 0x20]))).toBe('A%FF-%20');
    expect(canonicalOver([['b', new Uint8Array([0xc3, 0x28])], ['a', 'é']])).toBe('a=%C3%A9&b=%C3%28');
  });
});

describe('variants', () => {
  it('a bad escape read as text or as bytes signs the same, so one request is sent', () => {
    const v = encodingVariants(BASE, 'AB%ZZCD');
    expect(v).toHaveLength(1);
    expect(v[0]!.wire.find(([n]) => n === 'UrlEndPoint')![1]).toBe('http%3A%2F%2F127.0.0.1%2Ffps-conformance%2Fipn%2FabAB%ZZCD');
  });

  it('non-UTF-8 bytes give a U+FFFD reading and a raw-bytes reading; the overlong case also "/"', () => {
    expect(encodingVariants(BASE, '%FF%FE%FD')).toHaveLength(2);
    const overlong = encodingVariants(BASE, 'A%C0%AFB', [{ reading: 'lax', suffix: 'A/B' }]);
    expect(overlong.map((v) => v.reading)).toHaveLength(3);
    expect(overlong[2]!.signed.find(([n]) => n === 'UrlEndPoint')![1]).toBe('http://127.0.0.1/fps-conformance/ipn/abA/B');
  });

  it('a duplicate is sent in both orders, signed over the first, the last and every value', () => {
    const v = duplicateVariants(BASE, 'Action', 'GetTransactionStatus');
    expect(v).toHaveLength(6);
    for (const x of v) expect(x.wire.filter(([n]) => n === 'Action')).toHaveLength(2);
    const firstWins = v.find((x) => x.reading.includes('probe value first: first value wins'))!;
    expect(firstWins.signed.filter(([n]) => n === 'Action')).toEqual([['Action', 'VerifySignature']]);
    const lastWins = v.find((x) => x.reading.includes('other value first: last value wins'))!;
    expect(lastWins.signed.filter(([n]) => n === 'Action')).toEqual([['Action', 'VerifySignature']]);
  });

  it('puts the wire as written and a signature over the reading, in the query or a latin1 body', () => {
    const secret = 'test-secret';
    const get: WireRequest = { method: 'GET', url: 'http://127.0.0.1:8080/?x=1', headers: {} };
    const [v] = encodingVariants(BASE, 'AB%ZZCD');
    const sent = variantRequest(get, v!, secret);
    expect(sent.url).toContain('abAB%ZZCD&');
    const sig = decodeURIComponent(/Signature=([^&]*)$/.exec(sent.url)![1]!);
    const expected = hmac(stringToSign({ method: 'GET', host: '127.0.0.1:8080', path: '/', params: v!.signed as [string, string][] }), secret, 'HmacSHA256');
    expect(sig).toBe(expected);
    const post: WireRequest = { method: 'POST', url: 'http://127.0.0.1:8080/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' };
    const [raw] = encodingVariants(BASE, '\xff(');
    const body = variantRequest(post, raw!, secret);
    expect(body.bodyEncoding).toBe('latin1');
    expect(body.body).toContain('ab\xff(&');
  });
});
