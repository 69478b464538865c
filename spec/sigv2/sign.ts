// Seed 004 "Generating a Signature", steps 2-5, and its inverse for a service (R-AUTH-1, R-AUTH-1b).
// Pure: node:crypto only.
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { compareUtf8, encodeRfc3986, excludeApiSignature, type CanonicalOptions, type Params } from './encode.ts';

export type SignatureMethod = 'HmacSHA256' | 'HmacSHA1';

/** "Valid Values: HmacSHA256 (preferred) and HmacSHA1." (R-WIRE-2) */
export const SIGNATURE_METHODS: readonly SignatureMethod[] = ['HmacSHA256', 'HmacSHA1'];

const DIGEST: Readonly<Record<SignatureMethod, string>> = { HmacSHA256: 'sha256', HmacSHA1: 'sha1' };

export function isSignatureMethod(s: string | undefined): s is SignatureMethod {
  return s === 'HmacSHA256' || s === 'HmacSHA1';
}

export interface RequestToSign {
  method: string;
  host: string;
  path: string;
  params: Params;
}

/**
 * StringToSign = HTTPVerb + "\n" + ValueOfHostHeaderInLowercase + "\n" + HTTPRequestURI + "\n" +
 * CanonicalizedQueryString. The verb is used exactly as sent (HTTP methods are case-sensitive);
 * an empty path is `/`.
 */
export function stringToSign(req: RequestToSign, options?: CanonicalOptions): string {
  // a record's pairs straight from it (no [name, value] array per entry)
  const exclude = options?.exclude ?? excludeApiSignature;
  const p = req.params;
  const canonical = Array.isArray(p)
    ? joinPairs(encodePairs(p as readonly (readonly [string, string])[], exclude).sort(byNameThenValue))
    : encodeRecord(p as Readonly<Record<string, string>>, exclude).canonical;
  return `${req.method}\n${req.host.toLowerCase()}\n${req.path || '/'}\n${canonical}`;
}

// The same canonical query as encode.ts `canonicalQuery` (seed 004 step 1), computed once per request:
// each name and value is encoded once, and the encoded pairs serve both the string to sign and the
// query sent (signQuery). Equal output is pinned by spec/sigv2/sign-fast.test.ts.

/** A raw pair and its RFC 3986 encoding. */
interface EncodedPair { name: string; value: string; encoded: string }

/** RFC 3986 unreserved characters by code unit (ASCII): A-Z a-z 0-9 - _ . ~ */
const UNRESERVED = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~') UNRESERVED[c.charCodeAt(0)] = 1;

/** nothing to encode: the common case, checked without a regexp (names and values are short) */
function unreservedOnly(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (UNRESERVED[s.charCodeAt(i)] !== 1) return false;
  return true;
}
const SUB_DELIMS_LEFT = /[!'()*]/g;
const PERCENT: Readonly<Record<string, string>> = { '!': '%21', "'": '%27', '(': '%28', ')': '%29', '*': '%2A' };

/** encodeRfc3986, faster: encodeURIComponent (uppercase %XY over UTF-8) leaves exactly `!'()*` of the
 *  RFC 3986 reserved set unencoded; a lone surrogate (URIError) goes the byte-by-byte way (U+FFFD). */
export function encodeFast(s: string): string {
  if (unreservedOnly(s)) return s;
  // the last value encoded: a client stamps many requests with one Timestamp
  if (s === lastEncoded) return lastEncoding;
  let e: string;
  try {
    e = encodeURIComponent(s).replace(SUB_DELIMS_LEFT, (c) => PERCENT[c]!);
  } catch {
    e = encodeRfc3986(s);
  }
  lastEncoded = s;
  lastEncoding = e;
  return e;
}
let lastEncoded = '', lastEncoding = '';

/** compareUtf8's order: UTF-16 code units agree with UTF-8 byte order below U+D800; anything else
 *  (surrogates, U+E000 and above, a prefix followed by a surrogate) is left to compareUtf8. */
export function compareFast(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i < n) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    return x < 0xd800 && y < 0xd800 ? x - y : compareUtf8(a, b);
  }
  const next = (a.length > n ? a : b).charCodeAt(n);
  return next >= 0xd800 && next <= 0xdfff ? compareUtf8(a, b) : a.length - b.length;
}

const encodedPair = (name: string, value: string): EncodedPair => ({ name, value, encoded: `${encodeFast(name)}=${encodeFast(value)}` });

function encodePairs(pairs: readonly (readonly [string, string])[], exclude: (name: string) => boolean): EncodedPair[] {
  const out: EncodedPair[] = [];
  for (const [name, value] of pairs) if (!exclude(name)) out.push(encodedPair(name, value));
  return out;
}

const byNameThenValue = (a: EncodedPair, b: EncodedPair): number => compareFast(a.name, b.name) || compareFast(a.value, b.value);
const sortedPairs = (pairs: EncodedPair[]): EncodedPair[] => [...pairs].sort(byNameThenValue);

const joinPairs = (pairs: readonly EncodedPair[]): string => pairs.map((p) => p.encoded).join('&');

/** The indices of the pairs in canonical order (seed 004 step 1: by name, then by value, as UTF-8
 *  bytes): an insertion sort, quicker than Array.prototype.sort with a comparator for the dozen names
 *  a request has. Record names are distinct strings, but two may still have the same bytes (lone
 *  surrogates are U+FFFD's): then their values decide, as in encode.ts canonicalQuery. */
function sortedIndices(names: readonly string[], values: readonly string[]): number[] {
  const before = (a: number, b: number): number => compareFast(names[a]!, names[b]!) || compareFast(values[a]!, values[b]!);
  // (quadratic: many names, e.g. a robustness request's hundreds, take the library sort)
  if (names.length > 24) return names.map((_, i) => i).sort(before);
  const order: number[] = [];
  for (let i = 0; i < names.length; i++) {
    let j = order.length;
    while (j > 0 && before(order[j - 1]!, i) > 0) {
      order[j] = order[j - 1]!;
      j--;
    }
    order[j] = i;
  }
  return order;
}

/**
 * A record's name=value pairs, each encoded once: joined in insertion order (the query sent) and in
 * canonical order.
 */
function encodeRecord(rec: Readonly<Record<string, string>>, exclude: (name: string) => boolean): { sent: string; canonical: string } {
  const names: string[] = [];
  const values: string[] = [];
  const encoded: string[] = [];
  let sent = '';
  for (const name of Object.keys(rec)) {
    if (exclude(name)) continue;
    const value = rec[name]!;
    const e = `${encodeFast(name)}=${encodeFast(value)}`;
    sent = encoded.length === 0 ? e : `${sent}&${e}`;
    names.push(name);
    values.push(value);
    encoded.push(e);
  }
  const order = sortedIndices(names, values);
  let canonical = '';
  for (let k = 0; k < order.length; k++) canonical = k === 0 ? encoded[order[0]!]! : `${canonical}&${encoded[order[k]!]!}`;
  return { sent, canonical };
}

/**
 * Signs a request and returns the query to send: every parameter but Signature in the order given,
 * then Signature, each encoded once (R-AUTH-1; R-WIRE-1: any order is the same request).
 */
export function signQuery(req: RequestToSign & { secret: string; signatureMethod: SignatureMethod }): { signature: string; query: string } {
  const p = req.params;
  let sent: string, canonical: string;
  if (Array.isArray(p)) {
    const pairs = encodePairs(p as readonly (readonly [string, string])[], excludeApiSignature);
    sent = joinPairs(pairs);
    canonical = joinPairs(sortedPairs(pairs));
  } else {
    ({ sent, canonical } = encodeRecord(p as Readonly<Record<string, string>>, excludeApiSignature));
  }
  const signature = hmac(`${req.method}\n${req.host.toLowerCase()}\n${req.path || '/'}\n${canonical}`, req.secret, req.signatureMethod);
  return { signature, query: `${sent}${sent === '' ? '' : '&'}Signature=${encodeFast(signature)}` };
}

/** "an RFC 2104-compliant HMAC ... SHA256 or SHA1 ... Convert the resulting value to base64." */
export function hmac(data: string, secret: string, method: SignatureMethod): string {
  return createHmac(DIGEST[method], secretKey(secret)).update(data, 'utf8').digest('base64');
}

/** Each secret's key is imported once (a run signs thousands of requests with a few secrets). */
const KEYS = new Map<string, KeyObject>();
const MAX_KEYS = 4096;

function secretKey(secret: string): KeyObject {
  let key = KEYS.get(secret);
  if (key === undefined) {
    // a string key is its UTF-8 bytes to createHmac, so the same bytes here
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    if (KEYS.size >= MAX_KEYS) KEYS.clear();
    KEYS.set(secret, key);
  }
  return key;
}

export function sign(req: RequestToSign & { secret: string; signatureMethod: SignatureMethod }): string {
  return hmac(stringToSign(req), req.secret, req.signatureMethod);
}

export interface SignedParamsInput {
  action: string;
  params: Record<string, string>;
  accessKeyId: string;
  secret: string;
  method: string;
  host: string;
  path: string;
  timestamp: string;
  version: string;
  signatureMethod: SignatureMethod;
}

/**
 * The full parameter set to send (R-WIRE-2): the action's parameters plus Action, AWSAccessKeyId,
 * SignatureVersion=2, SignatureMethod, Timestamp, Version and Signature. The common parameters
 * overwrite same-named entries of `params`.
 */
export function signedParams(input: SignedParamsInput): Record<string, string> {
  const out: Record<string, string> = {
    ...input.params,
    Action: input.action,
    AWSAccessKeyId: input.accessKeyId,
    SignatureVersion: '2',
    SignatureMethod: input.signatureMethod,
    Timestamp: input.timestamp,
    Version: input.version,
  };
  delete out.Signature;
  out.Signature = sign({ method: input.method, host: input.host, path: input.path, params: out, secret: input.secret, signatureMethod: input.signatureMethod });
  return out;
}

/** Constant-time string equality (the signature is a secret-derived value). */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `example.com:8080` → `example.com`; `[::1]:8080` → `[::1]`; undefined when there is no port. */
export function hostWithoutPort(host: string): string | undefined {
  const m = /^(\[[^\]]*\]|[^:]*):\d+$/.exec(host);
  return m ? m[1] : undefined;
}

export interface VerifyResult {
  valid: boolean;
  /** which host form the signature matched: present only when the Host carried a port (R-AUTH-1b) */
  hostForm?: 'with-port' | 'without-port';
  method?: SignatureMethod;
  /** why it is not valid, one line */
  problem?: string;
}

/**
 * True when `params.Signature` is the HMAC (per `params.SignatureMethod`) over the host as given or,
 * when the host carries a port, over the host without it (R-AUTH-1b). SignatureVersion must be `2`
 * and SignatureMethod HmacSHA256 or HmacSHA1 (R-WIRE-2; the error code is the caller's choice, R-AUTH-3).
 * Parameter names are case-sensitive (R-WIRE-2).
 */
export function verify(req: {
  method: string;
  host: string;
  path: string;
  params: Readonly<Record<string, string>>;
  secret: string;
}): VerifyResult {
  const p = req.params;
  const given = own(p, 'Signature');
  if (given === undefined || given === '') return { valid: false, problem: 'Signature is missing' };
  const version = own(p, 'SignatureVersion');
  if (version !== '2') {
    return { valid: false, problem: version === undefined ? 'SignatureVersion is missing' : `SignatureVersion is ${JSON.stringify(version)}, not 2` };
  }
  const method = own(p, 'SignatureMethod');
  if (!isSignatureMethod(method)) {
    return {
      valid: false,
      problem: method === undefined ? 'SignatureMethod is missing' : `SignatureMethod ${JSON.stringify(method)} is not HmacSHA256 or HmacSHA1`,
    };
  }
  const bare = hostWithoutPort(req.host);
  // literals of one shape, not spreads of a shared base: stringToSign then reads a shape it has seen
  // (measured: a spread made verify 1.4 µs slower, a fifth of it)
  if (sameSignature(hmac(stringToSign({ method: req.method, host: req.host, path: req.path, params: p }), req.secret, method), given)) {
    return bare === undefined ? { valid: true, method } : { valid: true, method, hostForm: 'with-port' };
  }
  if (bare !== undefined && sameSignature(hmac(stringToSign({ method: req.method, host: bare, path: req.path, params: p }), req.secret, method), given)) {
    return { valid: true, method, hostForm: 'without-port' };
  }
  return {
    valid: false,
    method,
    problem: bare === undefined ? 'Signature does not match' : 'Signature does not match over the host with or without its port',
  };
}

function own(p: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(p, name) ? p[name] : undefined;
}
