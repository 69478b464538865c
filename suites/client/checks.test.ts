// The pure parts of the sdk checks: reading a request the three R-WIRE-1 ways, the per-request
// checks, resend comparison, what was served, and how observations roll up into check results.
import { describe, expect, it } from 'vitest';
import { encodeRfc3986, hmac, signedParams } from '../../spec/sigv2/index.ts';
import type { WireRequest } from '../../core/wire.ts';
import { sameValue } from './answer-checks.ts';
import { sdkRecorder } from './checks.ts';
import { mangleBody, truncateBody } from './faults.ts';
import { checkApiRequest, checkSentAsCalled, readParams } from './request-checks.ts';
import { resendDifferences } from './scenarios/faults.ts';
import { readServed } from './served.ts';

const KEY = 'AKIDEXAMPLE0000000001';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const secretFor = (k: string) => (k === KEY ? SECRET : undefined);
const enc = (p: Record<string, string>) => Object.entries(p).map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`).join('&');

function request(action: string, params: Record<string, string>, o: { method?: 'GET' | 'POST'; host?: string; signHost?: string; style?: 'form' | 'query' } = {}): WireRequest {
  const method = o.method ?? 'POST';
  const host = o.host ?? '127.0.0.1:8080';
  const all = signedParams({ action, params, accessKeyId: KEY, secret: SECRET, method, host: o.signHost ?? host, path: '/', timestamp: '2026-01-01T00:00:00Z', version: '2010-08-28', signatureMethod: 'HmacSHA256' });
  if (method === 'GET' || o.style === 'query') return { method, url: `http://${host}/?${enc(all)}`, headers: { host } };
  return { method, url: `http://${host}/`, headers: { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: enc(all) };
}

const PAY = { SenderTokenId: 'T1', 'TransactionAmount.Value': '1.00', 'TransactionAmount.CurrencyCode': 'USD', CallerReference: 'ref 1', CallerDescription: 'tea & cake ~ 50%' };
const checks = (r: WireRequest) => checkApiRequest(r, secretFor).violations.map((v) => v.check);

describe('reading requests (R-WIRE-1)', () => {
  it('tells GET, POST-form and POST-query apart and reads the same parameters', () => {
    const styles = [request('Pay', PAY, { method: 'GET' }), request('Pay', PAY), request('Pay', PAY, { style: 'query' })].map((r) => {
      const read = readParams(r);
      return read.ok ? [read.style, read.params.CallerDescription] : [read.problem];
    });
    expect(styles).toEqual([['GET', 'tea & cake ~ 50%'], ['POST-form', 'tea & cake ~ 50%'], ['POST-query', 'tea & cake ~ 50%']]);
  });
  it('refuses a POST body that is not a form', () => {
    const r = { ...request('Pay', PAY), headers: { host: 'h', 'content-type': 'application/json' } };
    expect(readParams(r)).toMatchObject({ ok: false });
  });
});

describe('per-request checks', () => {
  it('a correctly signed request breaks nothing, whichever style', () => {
    expect(checks(request('Pay', PAY))).toEqual([]);
    expect(checks(request('Pay', PAY, { method: 'GET' }))).toEqual([]);
    expect(checks(request('Pay', PAY, { style: 'query' }))).toEqual([]);
  });
  it('accepts a signature over the host without its port and says which form (R-AUTH-1b)', () => {
    const facts = checkApiRequest(request('Pay', PAY, { signHost: '127.0.0.1' }), secretFor);
    expect(facts.violations).toEqual([]);
    expect(facts.hostForm).toBe('without-port');
    expect(checkApiRequest(request('Pay', PAY), secretFor).hostForm).toBe('with-port');
  });
  it('catches a signature made with "+" for spaces (R-AUTH-1)', () => {
    const r = request('Pay', PAY);
    const all = Object.fromEntries(new URLSearchParams(r.body));
    delete all.Signature;
    // what a client that form-encodes before signing computes: spaces as "+" in the canonical query
    const canonical = Object.keys(all).sort().map((n) => `${encodeRfc3986(n)}=${encodeRfc3986(all[n]!).replace(/%20/g, '+')}`).join('&');
    const plusSigned = { ...all, Signature: hmac(`POST\n127.0.0.1:8080\n/\n${canonical}`, SECRET, 'HmacSHA256') };
    expect(checks({ ...r, body: enc(plusSigned) })).toEqual(['request/signature']);
    // the same without any space in a value would have been fine: the check is about the encoding
    const { CallerDescription: _d, CallerReference: _r, ...noSpace } = PAY;
    expect(checks(request('Pay', { ...noSpace, CallerReference: 'ref1' }))).toEqual([]);
  });
  it('flags amounts with three decimals or another currency, and plain amounts (R-WIRE-6)', () => {
    expect(checks(request('Pay', { ...PAY, 'TransactionAmount.Value': '1.005' }))).toEqual(['request/amounts']);
    expect(checks(request('Pay', { ...PAY, 'TransactionAmount.CurrencyCode': 'EUR' }))).toEqual(['request/amounts']);
    const plain: Record<string, string> = { ...PAY, TransactionAmount: '1.00' };
    delete plain['TransactionAmount.Value'];
    delete plain['TransactionAmount.CurrencyCode'];
    expect(checks(request('Pay', plain)).sort()).toEqual(['request/amounts', 'request/parameter-names', 'request/required-parameters']);
    // R-WIRE-9: MarketplaceFixedFee may be a plain number
    expect(checks(request('Pay', { ...PAY, MarketplaceFixedFee: '0.10' }))).toEqual([]);
  });
  it('flags unknown or mis-cased names, missing required ones, unknown actions, bad Timestamp', () => {
    expect(checks(request('Pay', { ...PAY, 'DescriptorPolicy.CsOwner': 'Caller' }))).toEqual(['request/parameter-names']);
    expect(checks(request('Pay', { ...PAY, 'DescriptorPolicy.CSOwner': 'Caller' }))).toEqual([]);
    const { CallerReference: _c, ...noRef } = PAY;
    expect(checks(request('Pay', noRef))).toEqual(['request/required-parameters']);
    expect(checks(request('GetTokenByCaller', {}))).toEqual(['request/required-parameters']);
    expect(checks(request('GetTokensByCaller', { TokenId: 'T' }))).toEqual(['request/action-documented']);
    const r = request('Pay', PAY);
    const form = new URLSearchParams(r.body);
    form.set('Timestamp', '2026-01-01 00:00:00');
    expect(checks({ ...r, body: form.toString() })).toContain('request/timestamp');
  });
  it('compares what was sent with what the caller gave, amounts as money', () => {
    const given = { SenderTokenId: 'T1', TransactionAmount: { Value: '1.00', CurrencyCode: 'USD' }, CallerReference: 'r1' };
    expect(checkSentAsCalled('Pay', given, { Action: 'Pay', SenderTokenId: 'T1', 'TransactionAmount.Value': '1.0', 'TransactionAmount.CurrencyCode': 'USD', CallerReference: 'r1' })).toEqual([]);
    expect(checkSentAsCalled('Pay', given, { Action: 'Pay', SenderTokenId: 'T1', 'TransactionAmount.Value': '1.00', 'TransactionAmount.CurrencyCode': 'USD', CallerReference: 'r1-retry' }).map((v) => v.detail)).toEqual([
      'the caller gave CallerReference="r1"; the SDK sent "r1-retry"',
    ]);
  });
  it('accepts the spellings R-WIRE-9 allows for what the caller gave', () => {
    const given = { SenderTokenId: 'T1', RecipientTokenId: 'R1', MarketplaceFixedFee: { Value: '0.10', CurrencyCode: 'USD' } };
    const sent = { Action: 'Pay', SenderTokenId: 'T1', RecipientTokenID: 'R1', MarketplaceFixedFee: '0.1' };
    expect(checkSentAsCalled('Pay', given, sent)).toEqual([]);
    expect(checkSentAsCalled('Pay', given, { ...sent, RecipientTokenID: 'R2' })).toHaveLength(1);
  });
  it('takes VerifySignature HttpParameters by meaning: re-encoded or reordered pairs are the same (R-IPN-3)', () => {
    const given = { UrlEndPoint: 'http://h/ipn', HttpParameters: 'a=x%20y&b=%7E1' };
    const sent = (hp: string) => ({ Action: 'VerifySignature', UrlEndPoint: 'http://h/ipn', HttpParameters: hp });
    expect(checkSentAsCalled('VerifySignature', given, sent('b=~1&a=x+y'))).toEqual([]);
    expect(checkSentAsCalled('VerifySignature', given, sent('a=x%20y&b=%7E2'))).toHaveLength(1);
    expect(checkSentAsCalled('VerifySignature', given, sent('a=x%20y'))).toHaveLength(1);
  });
  it('compares served and reported values by meaning: decimals as numbers, times as instants', () => {
    expect(sameValue('1.0', '1.00')).toBe(true);
    expect(sameValue('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00Z')).toBe(true);
    expect(sameValue('1.01', '1.00')).toBe(false);
    expect(sameValue('Pending', 'Success')).toBe(false);
    expect(sameValue('ABC', 'ABC ')).toBe(true);
  });
  it('a resend may change only Signature, SignatureMethod, SignatureVersion and Timestamp (R-IDEM-2)', () => {
    const a = { Action: 'Pay', CallerReference: 'r', Timestamp: 't1', Signature: 's1' };
    expect(resendDifferences(a, { ...a, Timestamp: 't2', Signature: 's2' })).toEqual([]);
    expect(resendDifferences(a, { ...a, CallerReference: 'r2' })).toEqual(['CallerReference: "r" → "r2"']);
  });
});

describe('what was served', () => {
  const ok = '<?xml version="1.0"?><GetTokenByCallerResponse xmlns="http://fps.amazonaws.com/doc/2010-08-28/"><GetTokenByCallerResult><Token><TokenId>T1</TokenId><TokenStatus>Active</TokenStatus></Token></GetTokenByCallerResult><ResponseMetadata><RequestId>R1</RequestId></ResponseMetadata></GetTokenByCallerResponse>';
  it('reads results with dotted token fields, and error documents', () => {
    expect(readServed(ok)).toEqual({ kind: 'result', action: 'GetTokenByCaller', version: '2010-08-28', fields: { 'Token.TokenId': 'T1', 'Token.TokenStatus': 'Active' }, requestId: 'R1' });
    expect(readServed('<Response><Errors><Error><Code>InvalidParams</Code><Message>m &amp; n</Message></Error></Errors><RequestID>R2</RequestID></Response>')).toEqual({ kind: 'error', code: 'InvalidParams', message: 'm & n', requestId: 'R2' });
  });
  it('the truncated and mangled fault bodies are not well-formed and keep no complete id', () => {
    const pay = '<?xml version="1.0"?><PayResponse><PayResult><TransactionId>ABCDEFGHIJ</TransactionId><TransactionStatus>Success</TransactionStatus></PayResult><ResponseMetadata><RequestId>R</RequestId></ResponseMetadata></PayResponse>';
    for (const body of [truncateBody(pay), mangleBody(pay)]) {
      expect(readServed(body).kind).toBe('malformed');
      expect(body).not.toContain('ABCDEFGHIJ');
    }
  });
});

describe('the recorder', () => {
  it('a failure outranks passes, an unobserved check is not-tested, never pass', () => {
    const rec = sdkRecorder();
    rec.pass('request/signature');
    rec.fail('request/signature', 'Pay: bad', undefined, ['ACTION-Pay']);
    rec.pass('request/version');
    const results = rec.results();
    const byId = (id: string) => results.find((r) => r.id === id)!;
    expect(byId('request/signature')).toMatchObject({ status: 'fail', message: 'Pay: bad' });
    expect(byId('request/signature').requirements).toContain('ACTION-Pay');
    expect(byId('request/version').status).toBe('pass');
    expect(byId('cbui/signature')).toMatchObject({ status: 'not-tested' });
    expect(() => rec.pass('no/such-check')).toThrow();
  });
});
