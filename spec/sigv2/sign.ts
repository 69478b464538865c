// Seed 004 "Generating a Signature", steps 2-5, and its inverse for a service (R-AUTH-1, R-AUTH-1b).
// Pure: node:crypto only.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalQuery, type CanonicalOptions, type Params } from './encode.ts';

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
  return `${req.method}\n${req.host.toLowerCase()}\n${req.path || '/'}\n${canonicalQuery(req.params, options)}`;
}

/** "an RFC 2104-compliant HMAC ... SHA256 or SHA1 ... Convert the resulting value to base64." */
export function hmac(data: string, secret: string, method: SignatureMethod): string {
  return createHmac(DIGEST[method], secret).update(data, 'utf8').digest('base64');
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
  const base = { method: req.method, path: req.path, params: p };
  if (sameSignature(hmac(stringToSign({ ...base, host: req.host }), req.secret, method), given)) {
    return bare === undefined ? { valid: true, method } : { valid: true, method, hostForm: 'with-port' };
  }
  if (bare !== undefined && sameSignature(hmac(stringToSign({ ...base, host: bare }), req.secret, method), given)) {
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
