// Co-Branded UI request signing (seed 004 "Sending a Co-Branded Service Request" and the
// Co-Branded "Common Parameters": signature, signatureVersion, signatureMethod). The signature is
// the one of "Generating a Signature" over GET, the CBUI endpoint's host and path, and the query
// parameters as sent. Co-Branded parameter names are not case-sensitive (R-WIRE-2), so the
// signature parameters are found and excluded whatever their case.
import { parseForm } from '../wire/form.ts';
import { encodeRfc3986, toPairs } from './encode.ts';
import { hmac, hostWithoutPort, sameSignature, stringToSign, SIGNATURE_METHODS, type SignatureMethod } from './sign.ts';

const SIGNATURE_PARAMS = new Set(['signature', 'signatureversion', 'signaturemethod']);
const isCbuiSignature = (name: string): boolean => name.toLowerCase() === 'signature';

function parseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`not an absolute URL: ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`not an http(s) URL: ${JSON.stringify(endpoint)}`);
  return url;
}

/**
 * The full Co-Branded request URL: `params` (any existing query of `endpoint` kept first), with
 * signatureVersion=2, signatureMethod and signature added (any differently-cased copies of those
 * three dropped). The query is RFC 3986 encoded (space as %20). Throws TypeError for an endpoint
 * that is not an absolute http(s) URL (a programming error, never wire input).
 */
export function signCbuiUrl(
  endpoint: string,
  params: Record<string, string>,
  secret: string,
  signatureMethod: SignatureMethod = 'HmacSHA256',
): string {
  const url = parseEndpoint(endpoint);
  const existing = url.search.length > 1 ? parseForm(url.search.slice(1)) : { ok: true as const, pairs: [] as [string, string][] };
  if (!existing.ok) throw new TypeError(`endpoint query: ${existing.problem}`);
  const pairs: [string, string][] = [...existing.pairs, ...toPairs(params)].filter(([n]) => !SIGNATURE_PARAMS.has(n.toLowerCase()));
  pairs.push(['signatureVersion', '2'], ['signatureMethod', signatureMethod]);
  const toSign = stringToSign({ method: 'GET', host: url.host, path: url.pathname, params: pairs }, { exclude: isCbuiSignature });
  pairs.push(['signature', hmac(toSign, secret, signatureMethod)]);
  const query = pairs.map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`).join('&');
  return `${url.origin}${url.pathname}?${query}`;
}

export interface CbuiVerifyResult {
  valid: boolean;
  /** false when the URL carries no signature parameter at all (R-TOK-1: an unsigned request is served) */
  signed: boolean;
  method?: SignatureMethod;
  problem?: string;
}

/**
 * Checks a Co-Branded request URL signed as `signCbuiUrl` does, over the host as given or without
 * its port (R-AUTH-1b). Names are looked up without regard to case (R-WIRE-2); the signatureMethod
 * value is matched without regard to case too, because the seed itself spells it "HMACSHA256" in
 * one sample and a false alarm is worse than leniency here. Never throws.
 */
export function verifyCbuiUrl(url: string, secret: string): CbuiVerifyResult {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { valid: false, signed: false, problem: 'not an absolute URL' };
  }
  const form = parseForm(u.search.startsWith('?') ? u.search.slice(1) : u.search);
  if (!form.ok) return { valid: false, signed: false, problem: form.problem };
  const find = (lower: string): string[] => form.pairs.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
  const signatures = find('signature');
  if (signatures.length === 0) return { valid: false, signed: false, problem: 'no signature parameter' };
  if (signatures.length > 1) return { valid: false, signed: true, problem: 'more than one signature parameter' };
  const versions = find('signatureversion');
  if (versions.length !== 1 || versions[0] !== '2') return { valid: false, signed: true, problem: 'signatureVersion is not exactly one 2' };
  const methods = find('signaturemethod');
  const method = SIGNATURE_METHODS.find((m) => methods.length === 1 && m.toLowerCase() === methods[0]!.toLowerCase());
  if (method === undefined) return { valid: false, signed: true, problem: 'signatureMethod is not exactly one of HmacSHA256, HmacSHA1' };
  const given = signatures[0]!;
  const hosts = [u.host, hostWithoutPort(u.host)].filter((h): h is string => h !== undefined);
  for (const host of hosts) {
    const toSign = stringToSign({ method: 'GET', host, path: u.pathname, params: form.pairs }, { exclude: isCbuiSignature });
    if (sameSignature(hmac(toSign, secret, method), given)) return { valid: true, signed: true, method };
  }
  return { valid: false, signed: true, method, problem: 'signature does not match' };
}
