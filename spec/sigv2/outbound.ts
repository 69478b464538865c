// Outbound signatures (IPN bodies and return-URL queries a target signs) and the VerifySignature
// HttpParameters string (seed 004 "Verifying the ReturnURL and IPN Notifications", "VerifySignature";
// R-IPN-2, R-IPN-3). Pure: node:crypto only.
//
// The seed does not publish how FPS signed outbound notifications (its samples use RSA-SHA1 with a
// certificate, later withdrawn), and R-IPN-3 judges them only through the target's own
// VerifySignature. So this scheme is ours, used by our emulator and its VerifySignature alone:
//
//   signature = base64(HMAC(secret, UrlEndPoint + "\n" + canonicalQuery(params except `signature`)))
//
// where the params include signatureVersion=2, signatureMethod (HmacSHA256 | HmacSHA1) and, when
// given, certificateUrl; canonicalQuery is the one of "Generating a Signature" (byte-order sort,
// RFC 3986). Names are case-sensitive ("Parameter names are case sensitive", VerifySignature).
import { decodeFormComponent } from '../wire/form.ts';
import { canonicalQuery, encodeRfc3986, toPairs, type Params } from './encode.ts';
import { hmac, isSignatureMethod, sameSignature, type SignatureMethod } from './sign.ts';

const excludeOutboundSignature = (name: string): boolean => name === 'signature';

/** The exact string our outbound signature covers (see the file comment). */
export function outboundStringToSign(urlEndPoint: string, params: Params): string {
  return `${urlEndPoint}\n${canonicalQuery(params, { exclude: excludeOutboundSignature })}`;
}

/**
 * `params` plus signatureVersion=2, signatureMethod, certificateUrl (when given) and signature,
 * signed for delivery to `urlEndPoint` (the ipnUrl or returnURL the notification goes to).
 */
export function signOutbound(
  urlEndPoint: string,
  params: Record<string, string>,
  secret: string,
  signatureMethod: SignatureMethod = 'HmacSHA256',
  certificateUrl?: string,
): Record<string, string> {
  const out: Record<string, string> = { ...params, signatureVersion: '2', signatureMethod };
  if (certificateUrl !== undefined) out.certificateUrl = certificateUrl;
  delete out.signature;
  out.signature = hmac(outboundStringToSign(urlEndPoint, out), secret, signatureMethod);
  return out;
}

export type OutboundCheck =
  | { valid: true; method: SignatureMethod }
  | { valid: false; problem: string; /** R-IPN-3: signatureVersion present but not 2 */ badVersion?: boolean };

/**
 * Why `params` (a record, or pairs as decoded from HttpParameters) do or do not carry our outbound
 * signature for `urlEndPoint`. Pairs with a repeated name are never valid (an added parameter,
 * R-IPN-3). Never throws.
 */
export function checkOutbound(urlEndPoint: string, params: Params, secret: string): OutboundCheck {
  const pairs = toPairs(params);
  const names = new Set<string>();
  for (const [n] of pairs) {
    if (names.has(n)) return { valid: false, problem: `parameter ${JSON.stringify(n)} appears more than once` };
    names.add(n);
  }
  const get = (name: string): string | undefined => pairs.find(([n]) => n === name)?.[1];
  const version = get('signatureVersion');
  if (version === undefined) return { valid: false, problem: 'signatureVersion is missing' };
  if (version !== '2') return { valid: false, problem: `signatureVersion is ${JSON.stringify(version)}, not 2`, badVersion: true };
  const method = get('signatureMethod');
  if (!isSignatureMethod(method)) return { valid: false, problem: `signatureMethod ${JSON.stringify(method ?? null)} is not HmacSHA256 or HmacSHA1` };
  const given = get('signature');
  if (given === undefined || given === '') return { valid: false, problem: 'signature is missing' };
  if (!sameSignature(hmac(outboundStringToSign(urlEndPoint, pairs), secret, method), given)) {
    return { valid: false, problem: 'signature does not match' };
  }
  return { valid: true, method };
}

export function verifyOutbound(urlEndPoint: string, params: Params, secret: string): boolean {
  return checkOutbound(urlEndPoint, params, secret).valid;
}

/**
 * The VerifySignature HttpParameters value: "Concatenated string of all URL-Encoded parameters
 * which were included in the response", in the order given, each name and value RFC 3986 encoded,
 * joined with `=` and `&`. Sent as a request parameter it is encoded once more, which is why the
 * seed's sample shows `%252F` for `/`.
 */
export function encodeHttpParameters(params: Params): string {
  return toPairs(params)
    .map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`)
    .join('&');
}

/**
 * Reads an HttpParameters value back into pairs, strictly: bad percent-encoding or non-UTF-8 is a
 * problem, `+` is a space (a return-URL query may be form-encoded). Repeated names are kept (the
 * caller judges them: checkOutbound treats them as an added parameter). Empty input is a problem
 * ("Cannot be null or empty"). Never throws.
 */
export function decodeHttpParameters(s: string): { ok: true; params: [string, string][] } | { ok: false; problem: string } {
  if (s === '') return { ok: false, problem: 'HttpParameters is empty' };
  const pairs: [string, string][] = [];
  for (const seg of s.split('&')) {
    if (seg === '') continue;
    const eq = seg.indexOf('=');
    const name = decodeFormComponent(eq < 0 ? seg : seg.slice(0, eq));
    if (!name.ok) return { ok: false, problem: `HttpParameters: ${name.problem}` };
    if (name.value === '') return { ok: false, problem: 'HttpParameters: empty parameter name' };
    const value = decodeFormComponent(eq < 0 ? '' : seg.slice(eq + 1));
    if (!value.ok) return { ok: false, problem: `HttpParameters ${JSON.stringify(name.value)}: ${value.problem}` };
    pairs.push([name.value, value.value]);
  }
  if (pairs.length === 0) return { ok: false, problem: 'HttpParameters holds no parameter' };
  return { ok: true, params: pairs };
}
