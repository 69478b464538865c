// Example-based checks of Signature Version 2 (seed 004 "Generating a Signature"; R-AUTH-1, R-AUTH-1b,
// R-WIRE-2, R-IPN-3). Golden vectors live in fixtures/vectors and are checked by run/vectors.test.ts.
import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  checkOutbound,
  decodeHttpParameters,
  encodeHttpParameters,
  encodeRfc3986,
  hmac,
  hostWithoutPort,
  sign,
  signCbuiUrl,
  signedParams,
  signOutbound,
  stringToSign,
  verify,
  verifyCbuiUrl,
  verifyOutbound,
} from './index.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('encodeRfc3986 (R-AUTH-1)', () => {
  it.each([
    ['AZaz09-_.~', 'AZaz09-_.~'],
    [' ', '%20'],
    ['+', '%2B'],
    ['*', '%2A'],
    ['/:?#[]@!$&\'()=,;%', '%2F%3A%3F%23%5B%5D%40%21%24%26%27%28%29%3D%2C%3B%25'],
    ['é', '%C3%A9'],
    ['中', '%E4%B8%AD'],
    ['😀', '%F0%9F%98%80'],
    ['\n', '%0A'],
  ])('%j → %s', (input, expected) => {
    expect(encodeRfc3986(input)).toBe(expected);
  });
});

describe('canonicalQuery (R-AUTH-1)', () => {
  it('sorts by byte order (uppercase before lowercase), excludes Signature, keeps = for empty values', () => {
    expect(canonicalQuery({ b: '2', Signature: 'x', a: '', B: '1', signature: 'kept' })).toBe('B=1&a=&b=2&signature=kept');
  });
  it('sorts by the UTF-8 bytes of the raw names, not by UTF-16 code units', () => {
    // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8; UTF-16 would put the emoji first
    expect(canonicalQuery([['😀', '1'], ['Ａ', '2']])).toBe('%EF%BC%A1=2&%F0%9F%98%80=1');
  });
});

describe('sign and verify (R-AUTH-1, R-AUTH-1b, R-WIRE-2)', () => {
  const base = { Action: 'Pay', SignatureVersion: '2', SignatureMethod: 'HmacSHA256', Timestamp: '2009-10-06T05:49:52.843Z' };
  it('stringToSign lowercases the host and defaults the path to /', () => {
    expect(stringToSign({ method: 'POST', host: 'FPS.Example:8080', path: '', params: { a: '1' } })).toBe('POST\nfps.example:8080\n/\na=1');
  });
  it('hmac matches the RFC 4231 test case 2 for SHA-256 and RFC 2202 test case 2 for SHA-1', () => {
    const data = 'what do ya want for nothing?';
    expect(Buffer.from(hmac(data, 'Jefe', 'HmacSHA256'), 'base64').toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(Buffer.from(hmac(data, 'Jefe', 'HmacSHA1'), 'base64').toString('hex')).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
  });
  it('verifies over the host with its port and, per R-AUTH-1b, without it', () => {
    for (const [signedHost, form] of [['127.0.0.1:8080', 'with-port'], ['127.0.0.1', 'without-port']] as const) {
      const Signature = sign({ method: 'GET', host: signedHost, path: '/', params: base, secret: SECRET, signatureMethod: 'HmacSHA256' });
      expect(verify({ method: 'GET', host: '127.0.0.1:8080', path: '/', params: { ...base, Signature }, secret: SECRET })).toEqual({
        valid: true,
        method: 'HmacSHA256',
        hostForm: form,
      });
    }
  });
  it('hostWithoutPort strips only a trailing :digits, IPv6 literals included', () => {
    expect(hostWithoutPort('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(hostWithoutPort('[::1]:8080')).toBe('[::1]');
    expect(hostWithoutPort('[::1]')).toBeUndefined();
    expect(hostWithoutPort('fps.example')).toBeUndefined();
    expect(hostWithoutPort('fps.example:')).toBeUndefined();
  });
  it('a portless Host is only checked as given', () => {
    const Signature = sign({ method: 'GET', host: 'h', path: '/', params: base, secret: SECRET, signatureMethod: 'HmacSHA256' });
    expect(verify({ method: 'GET', host: 'h', path: '/', params: { ...base, Signature }, secret: SECRET })).toEqual({ valid: true, method: 'HmacSHA256' });
    expect(verify({ method: 'GET', host: 'h:80', path: '/', params: { ...base, Signature }, secret: SECRET }).hostForm).toBe('without-port');
  });
  it('reports what is wrong, never throws', () => {
    const v = (params: Record<string, string>) => verify({ method: 'GET', host: 'h', path: '/', params, secret: SECRET });
    expect(v({ ...base })).toMatchObject({ valid: false, problem: 'Signature is missing' });
    expect(v({ ...base, Signature: 'x', SignatureVersion: '1' })).toMatchObject({ valid: false, problem: expect.stringMatching(/not 2/) });
    expect(v({ ...base, Signature: 'x', SignatureMethod: 'HmacMD5' })).toMatchObject({ valid: false, problem: expect.stringMatching(/HmacMD5/) });
    expect(v({ ...base, Signature: 'x' })).toMatchObject({ valid: false, method: 'HmacSHA256', problem: 'Signature does not match' });
    // names are case-sensitive for the API (R-WIRE-2): a lowercase signature is not the Signature
    expect(v({ ...base, signature: 'x' })).toMatchObject({ valid: false, problem: 'Signature is missing' });
  });
  it('HmacSHA1 signatures verify too', () => {
    const params = { ...base, SignatureMethod: 'HmacSHA1' };
    const Signature = sign({ method: 'GET', host: 'h', path: '/', params, secret: SECRET, signatureMethod: 'HmacSHA1' });
    expect(Buffer.from(Signature, 'base64')).toHaveLength(20);
    expect(verify({ method: 'GET', host: 'h', path: '/', params: { ...params, Signature }, secret: SECRET }).valid).toBe(true);
  });
  it('signedParams adds the common parameters (R-WIRE-2) and a Signature that verifies', () => {
    const p = signedParams({
      action: 'GetTransactionStatus',
      params: { TransactionId: 'T1', Signature: 'stale' },
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secret: SECRET,
      method: 'POST',
      host: '127.0.0.1:9000',
      path: '/',
      timestamp: '2026-01-01T00:00:00Z',
      version: '2010-08-28',
      signatureMethod: 'HmacSHA1',
    });
    expect(Object.keys(p).sort()).toEqual(
      ['AWSAccessKeyId', 'Action', 'Signature', 'SignatureMethod', 'SignatureVersion', 'Timestamp', 'TransactionId', 'Version'].sort(),
    );
    expect(p).toMatchObject({ Action: 'GetTransactionStatus', SignatureVersion: '2', SignatureMethod: 'HmacSHA1', Version: '2010-08-28' });
    expect(verify({ method: 'POST', host: '127.0.0.1:9000', path: '/', params: p, secret: SECRET })).toMatchObject({ valid: true, hostForm: 'with-port' });
    expect(verify({ method: 'GET', host: '127.0.0.1:9000', path: '/', params: p, secret: SECRET }).valid).toBe(false);
  });
});

describe('Co-Branded URL signing (R-WIRE-2, R-TOK-1)', () => {
  const endpoint = 'https://127.0.0.1:8443/cobranded-ui/actions/start';
  it('signs over GET, the endpoint host and path; verify finds names in any case', () => {
    const url = signCbuiUrl(endpoint, { callerKey: 'AK', pipelineName: 'SingleUse', returnURL: 'http://127.0.0.1/r?x=1 2', signature: 'old' }, SECRET);
    expect(url.startsWith(endpoint + '?callerKey=AK&pipelineName=SingleUse&returnURL=http%3A%2F%2F127.0.0.1%2Fr%3Fx%3D1%202&signatureVersion=2&signatureMethod=HmacSHA256&signature=')).toBe(true);
    expect(verifyCbuiUrl(url, SECRET)).toEqual({ valid: true, signed: true, method: 'HmacSHA256' });
    // CBUI names are not case-sensitive: a client that signs with SignatureVersion/SignatureMethod/Signature
    // (names as sent are what is signed) still verifies
    const params: [string, string][] = [['callerKey', 'AK'], ['SignatureVersion', '2'], ['SignatureMethod', 'HmacSHA1']];
    const sig = hmac(stringToSign({ method: 'GET', host: '127.0.0.1:8443', path: '/cobranded-ui/actions/start', params }), SECRET, 'HmacSHA1');
    const recased = `${endpoint}?callerKey=AK&SignatureVersion=2&SignatureMethod=HmacSHA1&Signature=${encodeURIComponent(sig)}`;
    expect(verifyCbuiUrl(recased, SECRET)).toEqual({ valid: true, signed: true, method: 'HmacSHA1' });
    // renaming a parameter changes what was signed
    expect(verifyCbuiUrl(url.replace('callerKey=', 'CallerKey='), SECRET).valid).toBe(false);
    expect(verifyCbuiUrl(url.replace('SingleUse', 'MultiUse'), SECRET)).toMatchObject({ valid: false, signed: true });
    expect(verifyCbuiUrl(url, 'other-secret').valid).toBe(false);
  });
  it('reports an unsigned URL as unsigned (R-TOK-1 serves it) and a broken one without throwing', () => {
    expect(verifyCbuiUrl(endpoint + '?callerKey=AK', SECRET)).toMatchObject({ valid: false, signed: false });
    expect(verifyCbuiUrl('not a url', SECRET)).toMatchObject({ valid: false, signed: false });
    expect(() => signCbuiUrl('not a url', {}, SECRET)).toThrow(/not an absolute URL/);
    expect(() => signCbuiUrl('ftp://127.0.0.1/x', {}, SECRET)).toThrow(/not an http\(s\) URL/);
    expect(verifyCbuiUrl(endpoint + '?a=%zz', SECRET)).toMatchObject({ valid: false, problem: expect.stringMatching(/percent/) });
  });
});

describe('outbound signatures and HttpParameters (R-IPN-3)', () => {
  const ipn = 'http://127.0.0.1:9/ipn';
  it('signs, verifies, and fails on any change, addition, removal or other endpoint', () => {
    const o = signOutbound(ipn, { transactionId: 'T1', transactionStatus: 'SUCCESS' }, SECRET, 'HmacSHA256', 'https://127.0.0.1/cert.pem');
    expect(o).toMatchObject({ signatureVersion: '2', signatureMethod: 'HmacSHA256', certificateUrl: 'https://127.0.0.1/cert.pem' });
    expect(verifyOutbound(ipn, o, SECRET)).toBe(true);
    expect(verifyOutbound(ipn + '2', o, SECRET)).toBe(false);
    expect(verifyOutbound(ipn, { ...o, transactionStatus: 'FAILURE' }, SECRET)).toBe(false);
    expect(verifyOutbound(ipn, { ...o, extra: '' }, SECRET)).toBe(false);
    const { transactionId: _dropped, ...removed } = o;
    expect(verifyOutbound(ipn, removed, SECRET)).toBe(false);
    expect(checkOutbound(ipn, { ...o, signatureVersion: '1' }, SECRET)).toMatchObject({ valid: false, badVersion: true });
    const { signatureVersion: _v, ...noVersion } = o;
    expect(checkOutbound(ipn, noVersion, SECRET)).toMatchObject({ valid: false, problem: 'signatureVersion is missing' });
    // a repeated pair is an added parameter
    expect(verifyOutbound(ipn, [...Object.entries(o), ['transactionId', 'T1']], SECRET)).toBe(false);
  });
  it('HttpParameters: the seed example, encoded once; as a request parameter once more (%252F)', () => {
    const hp = encodeHttpParameters([['First Name', 'Joe'], ['certificateUrl', 'https://fps.amazonaws.com/cert/key.pem']]);
    expect(hp).toBe('First%20Name=Joe&certificateUrl=https%3A%2F%2Ffps.amazonaws.com%2Fcert%2Fkey.pem');
    expect(encodeRfc3986(hp)).toContain('https%253A%252F%252Ffps.amazonaws.com%252Fcert%252Fkey.pem');
    expect(decodeHttpParameters(hp)).toEqual({ ok: true, params: [['First Name', 'Joe'], ['certificateUrl', 'https://fps.amazonaws.com/cert/key.pem']] });
  });
  it('decodeHttpParameters reports bad input', () => {
    expect(decodeHttpParameters('')).toMatchObject({ ok: false });
    expect(decodeHttpParameters('&&')).toMatchObject({ ok: false });
    expect(decodeHttpParameters('a=%2')).toMatchObject({ ok: false, problem: expect.stringMatching(/percent/) });
    expect(decodeHttpParameters('a=%FF')).toMatchObject({ ok: false, problem: expect.stringMatching(/UTF-8/) });
    expect(decodeHttpParameters('a=1&a=1')).toEqual({ ok: true, params: [['a', '1'], ['a', '1']] });
  });
});
