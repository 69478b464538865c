import { describe, expect, it } from 'vitest';
import { hmac, signCbuiUrl, stringToSign } from '../../spec/sigv2/index.ts';
import { cbuiHostForm, signedSpaceForm } from './signing.ts';

const SECRET = 'secret-for-tests';

describe('how an SDK signs', () => {
  it('tells a Co-Branded URL signed with the port from one signed without it', () => {
    const url = signCbuiUrl('http://127.0.0.1:8080/cobranded-ui/actions/start', { callerKey: 'K', pipelineName: 'SingleUse', callerReference: 'r', transactionAmount: '1.00', returnURL: 'http://x/' }, SECRET);
    expect(cbuiHostForm(url, SECRET)).toBe('with-port');
    const u = new URL(url);
    const pairs = [...u.searchParams.entries()].filter(([n]) => n !== 'signature');
    const bare = hmac(stringToSign({ method: 'GET', host: '127.0.0.1', path: u.pathname, params: pairs }, { exclude: (n) => n === 'signature' }), SECRET, 'HmacSHA256');
    u.searchParams.set('signature', bare);
    expect(cbuiHostForm(u.href, SECRET)).toBe('without-port');
    u.searchParams.set('signature', 'nope');
    expect(cbuiHostForm(u.href, SECRET)).toBeUndefined();
  });
  it('tells spaces signed as %20 from spaces signed as "+"', () => {
    const params: Record<string, string> = { Action: 'Pay', CallerDescription: 'tea and cake', SignatureMethod: 'HmacSHA256' };
    const sts = stringToSign({ method: 'POST', host: 'h:1', path: '/', params }, { exclude: (n) => n === 'Signature' });
    const base = { method: 'POST', host: 'h:1', path: '/', secret: SECRET, nameOfSignature: 'Signature', methodName: 'SignatureMethod' };
    expect(signedSpaceForm({ ...base, params: { ...params, Signature: hmac(sts, SECRET, 'HmacSHA256') } })).toBe('%20');
    expect(signedSpaceForm({ ...base, params: { ...params, Signature: hmac(sts.replace(/%20/g, '+'), SECRET, 'HmacSHA256') } })).toBe('+');
    expect(signedSpaceForm({ ...base, params: { ...params, Signature: 'x' } })).toBe('neither');
  });
});
