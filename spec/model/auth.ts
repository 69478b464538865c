// Authentication (R-AUTH-*) and the common parameters it reads (R-WIRE-2). A request that fails it
// changes nothing (R-AUTH-5).
import type { AuthVerdict, Millis } from './api.ts';
import { VERSIONS } from '../types.ts';
import { BAND, MINUTE } from './time.ts';
import { v, type Violation } from './violations.ts';
import { own, type World } from './worlds.ts';

const STALE = ['InvalidParams', 'AuthFailure', 'RequestExpired'] as const;

/** ISO 8601 UTC with or without fractional seconds (R-WIRE-2). `odd`: no zone given, a target may read it as UTC or refuse it. */
export function parseTimestamp(text: string): Readonly<{ ms: Millis; odd: boolean }> | undefined {
  // a client stamps many requests with one Timestamp (one a second): the last reading is kept
  if (text === last.text) return last.read;
  const read = readTimestamp(text);
  last = { text, read };
  return read;
}
let last: { text: string | undefined; read: Readonly<{ ms: Millis; odd: boolean }> | undefined } = { text: undefined, read: undefined };

function readTimestamp(text: string): Readonly<{ ms: Millis; odd: boolean }> | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) return undefined;
  const zone = m[8];
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ? m[7].slice(0, 4) : ''}${zone ? (zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone) : 'Z'}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  return Object.freeze({ ms, odd: !zone });
}

export interface AuthResult {
  violations: Violation[];
  /** the caller's account id when the AWSAccessKeyId is known */
  caller?: string;
}

/**
 * Authentication violations. `unsignedAllowed`: VerifySignature may be answered unsigned (R-IPN-4).
 */
export function authViolations(w: World, at: Millis, params: Readonly<Record<string, string>>, auth: AuthVerdict, unsignedAllowed: boolean): AuthResult {
  const out: Violation[] = [];
  const key = auth.accessKeyId;
  const caller = key !== undefined ? own(w.keys, key) : undefined;
  if (key === undefined) {
    const sure = !unsignedAllowed;
    out.push(v(['InvalidClientTokenId', 'InvalidParams', 'AuthFailure'], ['R-AUTH-2', 'R-WIRE-8'], 'AWSAccessKeyId missing', sure));
  } else if (caller === undefined) {
    out.push(v(['InvalidClientTokenId'], ['R-AUTH-2'], 'AWSAccessKeyId unknown'));
  }
  // With an unknown key there is no secret to judge the signature by: R-AUTH-2 names one code for it.
  const keyUnknown = key !== undefined && caller === undefined;
  if (auth.signature === 'invalid' && !keyUnknown) out.push(v(['SignatureDoesNotMatch'], ['R-AUTH-2'], 'signature does not match'));
  if (auth.signature === 'missing') {
    const codes = unsignedAllowed
      ? (['SignatureDoesNotMatch', 'InvalidParams', 'AuthFailure', 'InvalidClientTokenId'] as const)
      : (['SignatureDoesNotMatch', 'InvalidParams'] as const);
    out.push(v(codes, ['R-AUTH-2', 'R-WIRE-8', ...(unsignedAllowed ? ['R-IPN-4'] : [])], 'Signature missing', !unsignedAllowed));
  }
  const signed = !(unsignedAllowed && auth.signature === 'missing');
  if (signed && auth.signatureVersion !== '2') out.push(v(['InvalidParams', 'SignatureDoesNotMatch', 'AuthFailure'], ['R-AUTH-3'], 'SignatureVersion must be 2'));
  if (signed && auth.signatureMethod !== 'HmacSHA256' && auth.signatureMethod !== 'HmacSHA1') {
    out.push(v(['InvalidParams', 'SignatureDoesNotMatch', 'AuthFailure'], ['R-AUTH-3'], 'SignatureMethod must be HmacSHA256 or HmacSHA1'));
  }
  out.push(...timestampViolations(at, auth.timestamp, signed));
  const version = params['Version'];
  if (version === undefined || !(VERSIONS as readonly string[]).includes(version)) {
    out.push(v(['InvalidParams'], ['R-WIRE-2'], `Version must be ${VERSIONS.join(' or ')}`));
  }
  return caller === undefined ? { violations: out } : { violations: out, caller };
}

/** R-AUTH-4 with the 60 s band: ≤ 5 min accepted, > 15 min rejected, between either. */
export function timestampViolations(at: Millis, timestamp: string | undefined, required: boolean): Violation[] {
  if (timestamp === undefined) {
    // R-WIRE-8 (a required parameter is missing) and the table's AuthFailure both describe it
    return required ? [v(['InvalidParams', 'AuthFailure'], ['R-WIRE-8', 'R-AUTH-4'], 'Timestamp missing')] : [];
  }
  const t = parseTimestamp(timestamp);
  if (!t) return [v(['InvalidParams', 'AuthFailure'], ['R-WIRE-2', 'R-AUTH-4'], 'Timestamp is not ISO 8601')];
  const out: Violation[] = [];
  if (t.odd) out.push(v(['InvalidParams', 'AuthFailure'], ['R-WIRE-2'], 'Timestamp has no zone', false));
  const d = Math.abs(t.ms - at);
  if (d > 15 * MINUTE + BAND) out.push(v(STALE, ['R-AUTH-4'], 'Timestamp more than 15 minutes from the target clock'));
  else if (d >= 5 * MINUTE - BAND) out.push(v(STALE, ['R-AUTH-4'], 'Timestamp between 5 and 15 minutes from the target clock', false));
  return out;
}
