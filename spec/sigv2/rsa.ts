// Outbound signatures with RSA-SHA1, as the seed's sample notifications carry them ("For outbound
// notifications, the RSA-SHA1 algorithm is supported"; samples: signatureMethod: RSA-SHA1 with a
// certificateUrl). The seed publishes neither the key nor the string FPS signed, and R-IPN-3 judges
// outbound signatures only through VerifySignature, so the string is the one outbound.ts documents
// (UrlEndPoint + "\n" + canonical query without `signature`). Pure: the keys are given (PEM).
import { createSign, createVerify } from 'node:crypto';
import type { Params } from './encode.ts';
import { toPairs } from './encode.ts';
import { outboundStringToSign } from './outbound.ts';

export const RSA_SHA1 = 'RSA-SHA1';

/** `params` with signatureVersion=2, signatureMethod=RSA-SHA1, certificateUrl (when given) and signature. */
export function signOutboundRsa(urlEndPoint: string, params: Record<string, string>, privateKeyPem: string, certificateUrl?: string): Record<string, string> {
  const out: Record<string, string> = { ...params, signatureVersion: '2', signatureMethod: RSA_SHA1 };
  if (certificateUrl !== undefined) out.certificateUrl = certificateUrl;
  delete out.signature;
  out.signature = createSign('RSA-SHA1').update(outboundStringToSign(urlEndPoint, out)).sign(privateKeyPem, 'base64');
  return out;
}

/** True when `params` carry an RSA-SHA1 signature by the key's pair for `urlEndPoint`. Never throws. */
export function verifyOutboundRsa(urlEndPoint: string, params: Params, publicKeyPem: string): boolean {
  const pairs = toPairs(params);
  const get = (n: string): string[] => pairs.filter(([k]) => k === n).map(([, v]) => v);
  if (new Set(pairs.map(([n]) => n)).size !== pairs.length) return false;
  if (get('signatureVersion')[0] !== '2' || get('signatureMethod')[0] !== RSA_SHA1) return false;
  const signature = get('signature')[0];
  if (signature === undefined || signature === '') return false;
  try {
    return createVerify('RSA-SHA1').update(outboundStringToSign(urlEndPoint, pairs)).verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}
