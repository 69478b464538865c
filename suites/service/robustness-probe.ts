// R-WIRE-5 cases the rule lists by name (bad percent-encoding, non-UTF-8, duplicate names), built
// from a request that SUCCEEDS when well-formed: VerifySignature of a notification the target never
// sent (R-IPN-3: HTTP 200, VerificationStatus Failure). A target that quietly reads the malformed
// form (a bad escape kept as text, U+FFFD for bad bytes, first or last value winning) would answer
// that 200 again, which the old base (an unknown GetTransactionStatus, a 4xx either way) hid.
// The signature is computed over the request as such a lenient target would read it, one request per
// reading, so the only thing left to refuse it for is the malformed input itself.
import { encodeRfc3986, encodeRfc3986Bytes, hmac, stringToSign, canonicalQuery } from '../../spec/sigv2/index.ts';
import type { CheckOutcome } from '../../core/property.ts';
import type { CallResult, Check, SuiteContext } from '../../core/suite.ts';
import { encodePairs, readPairs, type Pairs } from '../../spec/wire/request-params.ts';
import type { WireRequest } from '../../core/wire.ts';
import { callRetryingTransient, creds, describeCall, judgeMalformedInput, malformedInputCheck, strangerVerifySignature, PROBE_ACTION } from './stateless-common.ts';

/** The parameter of the probe that carries the malformed value: any text is a valid UrlEndPoint to compare. */
const TARGET_PARAM = 'UrlEndPoint';

/** A value as a target may read it: text, or raw bytes (a reader that never decodes UTF-8). */
type Value = string | Uint8Array;

/** One request to send: its parameters as they go on the wire and as the signature reads them. */
export interface Variant {
  /** how a lenient target is assumed to read the request (for the failure message) */
  reading: string;
  /** name and value pairs exactly as written on the wire (already %-encoded, or raw bytes as latin1) */
  wire: [string, string][];
  /** the parameters the signature is computed over */
  signed: [string, Value][];
}

/** The bytes a lenient decoder sees: valid %XY escapes decoded, anything else (a bad escape too) kept as its byte. */
export function lenientBytes(wire: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < wire.length; i++) {
    const hex = wire.slice(i + 1, i + 3);
    if (wire[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(wire.charCodeAt(i) & 0xff);
  }
  return new Uint8Array(out);
}

/**
 * The canonical query (seed 004 step 1) over values that may be raw bytes: a bytes value is signed
 * as its byte-wise %-encoding, which is what a reader that keeps bytes (PHP, Go) computes.
 */
export function canonicalOver(signed: readonly [string, Value][]): string {
  const tokens: [string, string][] = [];
  const pairs = signed.map(([n, v], i): [string, string] => {
    if (typeof v === 'string') return [n, v];
    const token = `FPSCKBYTES${i}X`; // unreserved: encodes to itself, and no real value holds it
    tokens.push([token, encodeRfc3986Bytes(v)]);
    return [n, token];
  });
  return tokens.reduce((q, [token, enc]) => q.replace(`=${token}`, `=${enc}`), canonicalQuery(pairs));
}

/** The readings of a malformed wire value that lenient form decoders make. */
export function lenientReadings(wire: string, extra: readonly { reading: string; value: string }[] = []): { reading: string; value: Value }[] {
  const bytes = lenientBytes(wire);
  return [
    { reading: 'decoded as UTF-8 with U+FFFD for bad bytes and bad escapes kept as text (URLSearchParams, Python, Java)', value: new TextDecoder('utf-8').decode(bytes) },
    { reading: 'read as the raw bytes (PHP, Go)', value: bytes },
    ...extra,
  ];
}

/** Variants whose signed canonical query repeats an earlier one's (with the same wire) say nothing new. */
function distinct(variants: Variant[]): Variant[] {
  const seen = new Set<string>();
  return variants.filter((v) => {
    const key = `${JSON.stringify(v.wire)}\n${canonicalOver(v.signed)}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** A malformed value put in place of UrlEndPoint's: the probe's URL, %-encoded, then `suffix` as written. */
export function encodingVariants(base: Pairs, suffix: string, extra: readonly { reading: string; suffix: string }[] = []): Variant[] {
  const url = base.find(([n]) => n === TARGET_PARAM)![1];
  const wireValue = `${encodeRfc3986(url)}${suffix}`;
  const wire = base.map(([n, v]): [string, string] => [encodeRfc3986(n), n === TARGET_PARAM ? wireValue : encodeRfc3986(v)]);
  const readings = lenientReadings(wireValue, extra.map((e) => ({ reading: e.reading, value: `${url}${e.suffix}` })));
  return distinct(readings.map((r) => ({ reading: r.reading, wire, signed: base.map(([n, v]): [string, Value] => [n, n === TARGET_PARAM ? r.value : v]) })));
}

/** Keeps the first (or last) pair of each name: how a lenient reader collapses duplicates. */
function collapse(pairs: Pairs, keep: 'first' | 'last'): Pairs {
  const order = keep === 'first' ? pairs : [...pairs].reverse();
  const seen = new Set<string>();
  const kept = order.filter(([n]) => (seen.has(n) ? false : (seen.add(n), true)));
  return keep === 'first' ? kept : kept.reverse();
}

/**
 * `name` twice: the probe's value and `other`, in both orders, each signed over the first value,
 * the last value, and every pair (a target that checks the signature before collapsing).
 */
export function duplicateVariants(base: Pairs, name: string, other: string): Variant[] {
  const orders: [string, Pairs][] = [
    ['the probe value first', [...base, [name, other]]],
    ['the other value first', [[name, other], ...base]],
  ];
  const enc = (p: Pairs): [string, string][] => p.map(([n, v]) => [encodeRfc3986(n), encodeRfc3986(v)]);
  return distinct(
    orders.flatMap(([order, sent]) =>
      (
        [
          ['first value wins', collapse(sent, 'first')],
          ['last value wins', collapse(sent, 'last')],
          ['signature over every pair', sent],
        ] as const
      ).map(([how, signed]) => ({ reading: `${name} twice, ${order}: ${how}`, wire: enc(sent), signed: [...signed] })),
    ),
  );
}

/** The variant as a request, signed over its reading, in the place (query or body) of `req`. */
export function variantRequest(req: WireRequest, v: Variant, secret: string): WireRequest {
  const url = new URL(req.url);
  const toSign = stringToSign({ method: req.method, host: url.host, path: url.pathname, params: [] }) + canonicalOver(v.signed);
  const method = readPairs(req).find(([n]) => n === 'SignatureMethod')?.[1] === 'HmacSHA1' ? 'HmacSHA1' : 'HmacSHA256';
  const query = `${v.wire.map(([n, val]) => `${n}=${val}`).join('&')}&${encodePairs([['Signature', hmac(toSign, secret, method)]])}`;
  if (req.method === 'GET') return { ...req, url: `${url.origin}${url.pathname}?${query}` };
  // raw bytes travel as latin1 so each char is one byte on the wire
  return { ...req, body: query, ...(/[\u0080-\u00ff]/.test(query) ? { bodyEncoding: 'latin1' as const } : {}) };
}

export interface ProbeCase {
  name: string;
  title: string;
  style: 'GET' | 'POST-form';
  /** the requests to send, from the probe's parameters as signed (Signature left out) */
  variants: (base: Pairs) => Variant[];
}

const isProbeResult = (c: CallResult): boolean => c.decoded?.kind === 'result' && c.decoded.action === PROBE_ACTION && (c.response?.status ?? 0) >= 200 && (c.response?.status ?? 0) <= 299;

async function runProbeCase(ctx: SuiteContext, c: ProbeCase): Promise<CheckOutcome> {
  const keys = creds(ctx);
  const probe = strangerVerifySignature();
  const base = await callRetryingTransient(() => ctx.fps.call(probe.action, probe.params, keys, { style: c.style, label: `${probe.action} well-formed (the base of: ${c.title})` }));
  if (!isProbeResult(base)) {
    return {
      status: 'not-tested',
      message: `not testable: the well-formed ${probe.action} this case is built from was answered ${describeCall(base)}, not the HTTP 200 result R-IPN-3 gives, so a target that accepts ${c.title} could not be told from one that refuses it`,
    };
  }
  let sent = 0;
  for (let i = 0; ; i++) {
    let variant: Variant | undefined;
    // a failure shows the malformed exchange (its curl reproduces it); the message tells of the base
    ctx.markTranscript();
    const call = await ctx.fps.call(probe.action, probe.params, keys, {
      style: c.style,
      label: `${c.title} #${i + 1}`,
      tamper: (req) => {
        variant = c.variants(readPairs(req).filter(([n]) => n !== 'Signature'))[i];
        return variant ? variantRequest(req, variant, keys.secretAccessKey) : req;
      },
    });
    if (!variant) break;
    sent++;
    const what = `${c.title}, signed as a lenient target reads it (${variant.reading})`;
    if (isProbeResult(call)) {
      return { status: 'fail', transcript: ctx.transcript(), message: `R-WIRE-5: ${what}: the target accepted it (HTTP ${call.response!.status}, a ${PROBE_ACTION} result, as for the well-formed request); malformed input yields a 4xx error response` };
    }
    const problem = judgeMalformedInput(call, what);
    if (problem) return { status: 'fail', transcript: ctx.transcript(), message: problem };
  }
  return { status: 'pass', message: `R-WIRE-5: ${c.title}: ${sent === 1 ? 'the one reading' : `each of ${sent} readings`} was refused with a 4xx error document, where the same ${PROBE_ACTION} well-formed answered HTTP 200` };
}

/** The R-WIRE-5 cases the rule names, each built from the probe. */
export const PROBE_CASES: readonly ProbeCase[] = [
  { name: 'bad-percent-encoding', title: 'a %-escape that is not hex', style: 'GET', variants: (b) => encodingVariants(b, 'AB%ZZCD') },
  { name: 'truncated-percent-escape', title: 'a value ending in a cut %-escape', style: 'GET', variants: (b) => encodingVariants(b, 'ABC%4') },
  { name: 'non-utf8-escaped', title: '%-escaped bytes that are not UTF-8', style: 'GET', variants: (b) => encodingVariants(b, '%FF%FE%FD') },
  {
    name: 'overlong-utf8-escaped',
    title: 'an overlong UTF-8 form (%C0%AF)',
    style: 'GET',
    variants: (b) => encodingVariants(b, 'A%C0%AFB', [{ reading: 'an overlong form decoded as "/" (a lax UTF-8 decoder)', suffix: 'A/B' }]),
  },
  { name: 'non-utf8-body-bytes', title: 'raw body bytes that are not UTF-8', style: 'POST-form', variants: (b) => encodingVariants(b, '\xff\xfe\xc3(') },
  { name: 'duplicate-names', title: 'the same parameter twice with different values', style: 'GET', variants: (b) => duplicateVariants(b, TARGET_PARAM, 'http://127.0.0.1/fps-conformance/other') },
  { name: 'duplicate-action', title: 'Action twice', style: 'POST-form', variants: (b) => duplicateVariants(b, 'Action', 'GetTransactionStatus') },
];

export function probeCheck(c: ProbeCase): Check {
  return malformedInputCheck(c.name, c.title, (ctx) => runProbeCase(ctx, c));
}
