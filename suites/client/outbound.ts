// Outbound messages (return URLs, IPNs) the kit itself signs, in every way a conforming FPS may:
// RSA-SHA1 with a certificateUrl, as the seed's sample notifications, and Hmac (R-IPN-3: "Outbound
// signatureMethod may be RSA-SHA1 (the seed's samples) or an Hmac method (its table)"), with and
// without certificateUrl. The kit's service answers VerifySignature for what it signed here, as
// R-IPN-3 requires of the service; the key pair is made per run with node:crypto.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { checkOutbound, decodeHttpParameters, signOutbound, type SignatureMethod } from '../../spec/sigv2/index.ts';
import { RSA_SHA1, signOutboundRsa, verifyOutboundRsa } from '../../spec/sigv2/rsa.ts';

export interface OutboundVariant {
  name: string;
  check: string;
  method: SignatureMethod | typeof RSA_SHA1;
  certificate: boolean;
}

export const OUTBOUND_CHECKS = [
  { check: 'verify/outbound-rsa-sha1', title: 'Return URLs and IPNs signed RSA-SHA1 with a certificateUrl, as the seed\'s samples, are accepted; changed ones rejected', rules: ['R-IPN-3', 'R-IPN-2'] },
  { check: 'verify/outbound-hmac', title: 'Return URLs and IPNs signed with an Hmac method (with and without certificateUrl) are accepted; changed ones rejected', rules: ['R-IPN-3', 'R-IPN-2'] },
] as const;

export const OUTBOUND_VARIANTS: readonly OutboundVariant[] = [
  { name: 'RSA-SHA1+certificateUrl', check: 'verify/outbound-rsa-sha1', method: RSA_SHA1, certificate: true },
  { name: 'HmacSHA256', check: 'verify/outbound-hmac', method: 'HmacSHA256', certificate: false },
  { name: 'HmacSHA256+certificateUrl', check: 'verify/outbound-hmac', method: 'HmacSHA256', certificate: true },
  { name: 'HmacSHA1', check: 'verify/outbound-hmac', method: 'HmacSHA1', certificate: false },
];

/** Where the service serves the public key (the seed's Java sample names "certificateUrl=.../cert/key.pem"). */
export const CERTIFICATE_PATH = '/_kit/cert/key.pem';

export class OutboundSigner {
  readonly publicKeyPem: string;
  private readonly privateKeyPem: string;
  /** the service's own Hmac key for outbound messages (never the caller's) */
  private readonly secret = randomBytes(24).toString('base64');
  /** signatures this signer produced: a VerifySignature naming one is the kit's to answer */
  private readonly issued = new Set<string>();

  constructor(private readonly baseUrl: string) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    this.publicKeyPem = pair.publicKey;
    this.privateKeyPem = pair.privateKey;
  }

  get certificateUrl(): string {
    return new URL(CERTIFICATE_PATH, this.baseUrl).href;
  }

  sign(variant: OutboundVariant, urlEndPoint: string, params: Record<string, string>): Record<string, string> {
    const cert = variant.certificate ? this.certificateUrl : undefined;
    const out = variant.method === RSA_SHA1 ? signOutboundRsa(urlEndPoint, params, this.privateKeyPem, cert) : signOutbound(urlEndPoint, params, this.secret, variant.method, cert);
    this.issued.add(out.signature!);
    return out;
  }

  /**
   * VerifySignature for a message this signer issued: Success for exactly what was signed, Failure for
   * any change (R-IPN-3). `undefined` when the HttpParameters carry no signature of ours (the
   * backend answers those).
   */
  answer(urlEndPoint: string, httpParameters: string): 'Success' | 'Failure' | undefined {
    const decoded = decodeHttpParameters(httpParameters);
    if (!decoded.ok) return undefined;
    const signatures = decoded.params.filter(([n]) => n === 'signature').map(([, v]) => v);
    if (!signatures.some((s) => this.issued.has(s))) return undefined;
    const method = decoded.params.find(([n]) => n === 'signatureMethod')?.[1];
    const valid = method === RSA_SHA1 ? verifyOutboundRsa(urlEndPoint, decoded.params, this.publicKeyPem) : checkOutbound(urlEndPoint, decoded.params, this.secret).valid;
    return valid ? 'Success' : 'Failure';
  }
}
