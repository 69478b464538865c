// RSA-SHA1 outbound signatures: the pair verifies what it signed, nothing changed or added.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signOutboundRsa, verifyOutboundRsa } from './rsa.ts';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const END = 'http://127.0.0.1:1/ipn';

describe('RSA-SHA1 outbound signatures', () => {
  it('verifies a genuine message and refuses a changed, added or re-addressed one', () => {
    const p = signOutboundRsa(END, { transactionId: 'T 1', transactionStatus: 'SUCCESS' }, privateKey, 'http://127.0.0.1:1/_kit/cert/key.pem');
    expect(p).toMatchObject({ signatureVersion: '2', signatureMethod: 'RSA-SHA1', certificateUrl: 'http://127.0.0.1:1/_kit/cert/key.pem' });
    expect(verifyOutboundRsa(END, p, publicKey)).toBe(true);
    expect(verifyOutboundRsa(END, { ...p, transactionStatus: 'FAILURE' }, publicKey)).toBe(false);
    expect(verifyOutboundRsa(END, { ...p, extra: 'x' }, publicKey)).toBe(false);
    expect(verifyOutboundRsa(`${END}2`, p, publicKey)).toBe(false);
    expect(verifyOutboundRsa(END, { ...p, signature: 'garbage' }, publicKey)).toBe(false);
  });
});
