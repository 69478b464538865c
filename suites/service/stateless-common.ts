// What the stateless suites (signature, wire, robustness) share: the accepted-code sets the rulings
// give (read from spec/catalogue/accepted.ts), and the judgements "accepted", "rejected with one of these codes" and "a well-formed 4xx
// error document", each answering undefined (holds) or a message citing its rule.
import { randomBytes } from 'node:crypto';
import { errorEntry, type ErrorCode } from '../../spec/catalogue/errors.ts';
import { acceptedCodes } from '../../spec/catalogue/accepted.ts';
import { encodeHttpParameters, sign, type SignatureMethod } from '../../spec/sigv2/index.ts';
import { decodeBody } from '../../spec/wire/decode.ts';
import { TransportError } from '../../core/target.ts';
import { readPairs, writePairs, type Pairs } from '../../spec/wire/request-params.ts';
import type { WireRequest, WireResponse } from '../../core/wire.ts';
import type { CallResult, Check, Credentials, Decoded, SuiteContext } from '../../core/suite.ts';

/** Every code R-AUTH-2, R-AUTH-3 and R-AUTH-4 give for refusing a request (InvalidParams included,
 *  from the R-AUTH-3/4 sets): a transient retriable answer is never one of these. */
export const AUTH_REJECTIONS: readonly ErrorCode[] = [
  ...new Set((['R-AUTH-2 Signature', 'R-AUTH-2 AWSAccessKeyId', 'R-AUTH-3', 'R-AUTH-4'] as const).flatMap((k) => acceptedCodes(k))),
];
/**
 * What "not accepted" means for a correct request: the codes that only ever refuse authentication
 * (R-AUTH-2, R-AUTH-3, R-AUTH-4). InvalidParams is not among them: it is also an action's own answer
 * (GetTransactionStatus lists it, and no ruling fixes the code of an unknown TransactionId), so it
 * counts only where a ruling names it for the case (CASE_REFUSALS) and the request is the probe.
 */
export const AUTH_REFUSALS: readonly ErrorCode[] = AUTH_REJECTIONS.filter((c) => !acceptedCodes('R-WIRE-8').includes(c)); // R-WIRE-8's code is InvalidParams
// The accepted-code sets the stateless suites judge by, read from the catalogue (spec/catalogue/accepted.ts).
/** R-AUTH-2 (firm): a wrong signature */
export const WRONG_SIGNATURE = acceptedCodes('R-AUTH-2 Signature');
/** R-AUTH-2 (firm): an unknown AWSAccessKeyId */
export const UNKNOWN_KEY = acceptedCodes('R-AUTH-2 AWSAccessKeyId');
/** R-AUTH-3 (set) */
export const BAD_SIGNATURE_SCHEME = acceptedCodes('R-AUTH-3');
/** R-AUTH-4 (set) */
export const STALE_TIMESTAMP = acceptedCodes('R-AUTH-4');
/** R-WIRE-8 (firm) */
export const MISSING_PARAMETER = acceptedCodes('R-WIRE-8');
/** R-IDEM-3: what a consumed CallerReference answers; R-AUTH-5 forbids it after a rejected request */
export const DUPLICATE_REQUEST = acceptedCodes('R-IDEM-3');
/** R-TOK-6: what a used-up SingleUse token answers */
export const TOKEN_USAGE_ERROR = acceptedCodes('R-TOK-6');

/** An id no target has issued: for harmless reads (GetTransactionStatus of an unknown transaction). */
export function unknownId(prefix = 'FPSCK'): string {
  return `${prefix}${randomBytes(12).toString('hex').toUpperCase()}`.slice(0, 35);
}

/** The action of the acceptance probe (harmlessRead). */
export const PROBE_ACTION = 'VerifySignature';

/**
 * The acceptance probe: VerifySignature of a notification the target never sent. R-IPN-3 (firm)
 * answers it HTTP 200 with VerificationStatus Failure; the inputs are not empty and carry
 * signatureVersion=2, so no InvalidParams is due. It changes nothing. The kit signs it like any
 * action (R-IPN-4: every target must accept the signed form).
 */
export function strangerVerifySignature(): { action: string; params: Record<string, string> } {
  const tag = randomBytes(8).toString('hex');
  const notification = {
    notificationType: 'TransactionStatus',
    transactionId: unknownId(),
    transactionStatus: 'SUCCESS',
    operation: 'PAY',
    transactionAmount: 'USD 1.00',
    callerReference: `fpsck-probe-${tag}`,
    statusCode: 'Success',
    signatureVersion: '2',
    signatureMethod: 'RSA-SHA1',
    certificateUrl: 'https://127.0.0.1/fps-conformance/cert.pem',
    signature: randomBytes(48).toString('base64'),
  };
  return { action: PROBE_ACTION, params: { UrlEndPoint: `http://127.0.0.1/fps-conformance/ipn/${tag}`, HttpParameters: encodeHttpParameters(notification) } };
}

/**
 * The request acceptance checks send (R-AUTH-1, R-AUTH-1b, R-AUTH-4 "accepted", R-WIRE-1/2): the
 * VerifySignature probe, whose well-formed answer is a 200 result. Not for rejection checks: R-IPN-4
 * lets a target answer VerifySignature unsigned, so use authenticatedRead() there.
 */
export function harmlessRead(): { action: string; params: Record<string, string> } {
  return strangerVerifySignature();
}

/**
 * A read every target authenticates (no R-IPN-4 leniency): GetTransactionStatus of an unknown id.
 * For rejection checks (unknown key, SignatureVersion, SignatureMethod, stale Timestamp), whose
 * code sets (R-AUTH-3, R-AUTH-4 include InvalidParams) hold whatever the target says of the id.
 */
export function authenticatedRead(): { action: string; params: Record<string, string> } {
  return { action: 'GetTransactionStatus', params: { TransactionId: unknownId() } };
}

/**
 * Beyond AUTH_REFUSALS, the codes a ruling names for refusing what a case varies, keyed by the
 * rule the case cites. They count only on the probe, where R-IPN-3 leaves InvalidParams no other cause.
 */
const CASE_REFUSALS: Readonly<Record<string, readonly ErrorCode[]>> = {
  // R-AUTH-3 (set): a SignatureMethod refused as unsupported
  'R-AUTH-3': acceptedCodes('R-AUTH-3'),
  // R-AUTH-4 (set): a Timestamp refused as stale
  'R-AUTH-4': acceptedCodes('R-AUTH-4'),
  // R-WIRE-1: a request style whose parameters were not read leaves required ones missing (R-WIRE-8)
  'R-WIRE-1': acceptedCodes('R-WIRE-8'),
  // R-WIRE-2: a Timestamp form refused (R-AUTH-4's codes)
  'R-WIRE-2': acceptedCodes('R-AUTH-4'),
};

/** The codes that mean "not accepted" for a case citing `rules`, sent as `action`. */
export function refusalsFor(rules: string, action: string | undefined): readonly ErrorCode[] {
  if (action !== PROBE_ACTION) return AUTH_REFUSALS;
  const named = (rules.match(/R-[A-Z]+-\d+[a-z]?/g) ?? []).flatMap((r) => CASE_REFUSALS[r] ?? []);
  return [...new Set([...AUTH_REFUSALS, ...named])];
}

/** The Action a sent request carries (query string or form body). */
export function sentAction(req: WireRequest | undefined): string | undefined {
  return req ? readPairs(req).find(([n]) => n === 'Action')?.[1] : undefined;
}

export function describeCall(c: CallResult): string {
  if (c.transportError !== undefined) return `no answer (${c.transportError})`;
  const status = c.response ? `HTTP ${c.response.status}` : 'no response';
  const d = c.decoded;
  if (!d) return status;
  if (d.kind === 'error') return `${status} error ${d.code}`;
  if (d.kind === 'result') return `${status} ${d.action} result`;
  return `${status} malformed answer (${d.problems.slice(0, 2).join('; ')})`;
}

function isRetriable(code: string): boolean {
  return errorEntry(code)?.retriable === true;
}

/** A transient answer (R-WIRE-4 set: retriable errors) that says nothing about the rule under test. */
export function isTransient(c: CallResult): boolean {
  return c.decoded?.kind === 'error' && isRetriable(c.decoded.code) && !AUTH_REJECTIONS.includes(c.decoded.code as ErrorCode);
}

/** Calls, and once more if the answer was a transient retriable error. */
export async function callRetryingTransient(call: () => Promise<CallResult>): Promise<CallResult> {
  const first = await call();
  return isTransient(first) ? call() : first;
}

/** R-WIRE-4 / R-WIRE-10: an error document comes with a non-2xx status, and a 4xx for non-retriable codes. */
export function errorStatusProblem(c: CallResult): string | undefined {
  const d = c.decoded;
  if (d?.kind !== 'error' || !c.response) return undefined;
  const s = c.response.status;
  if (s >= 200 && s <= 299) return `R-WIRE-4: error ${d.code} came with HTTP ${s}; an error answer's status is not 2xx`;
  if (errorEntry(d.code)?.retriable === false && (s < 400 || s > 499)) {
    return `R-WIRE-4, R-WIRE-10: ${d.code} is not retriable (error table), so it is a 4xx caller error, but came with HTTP ${s}`;
  }
  return undefined;
}

/**
 * The request was not refused for authentication (R-AUTH-1): any result, or an error that is not
 * among `refusals` (default: AUTH_REFUSALS, plus on the probe the codes the cited rules name).
 */
export function judgeAccepted(c: CallResult, rules: string, what: string, refusals: readonly string[] = refusalsFor(rules, sentAction(c.request))): string | undefined {
  const d = c.decoded;
  if (c.transportError !== undefined) return `${rules}: ${what} got no answer (${c.transportError})`;
  if (!d || d.kind === 'malformed') return `${rules}, R-WIRE-3/R-WIRE-4: ${what} got an answer that is not an FPS document: ${describeCall(c)}`;
  if (d.kind === 'error' && refusals.includes(d.code)) {
    // on the probe InvalidParams refuses the request itself: R-IPN-3 gives the probe a 200 result
    const why = !AUTH_REFUSALS.includes(d.code as ErrorCode) && sentAction(c.request) === PROBE_ACTION ? `; R-IPN-3 answers this ${PROBE_ACTION} with a 200 result, so ${d.code} refused the request` : '';
    return `${rules}: ${what} is correct and must be accepted, but the target answered ${d.code}${d.message ? ` ("${clip(d.message)}")` : ''}${why}`;
  }
  if (c.response && c.response.status >= 500) return `${rules}: ${what} must be accepted, but the target answered HTTP ${c.response.status} (${describeCall(c)})`;
  return errorStatusProblem(c);
}

/** The request must be refused with a 4xx error document whose code is in `codes`. */
export function judgeRejected(c: CallResult, codes: readonly string[], rules: string, what: string): string | undefined {
  const d = c.decoded;
  const allowed = codes.length === 1 ? codes[0]! : `one of ${codes.join(', ')}`;
  if (c.transportError !== undefined) return `${rules}: ${what} must be refused with ${allowed}; got no answer (${c.transportError})`;
  if (!d || d.kind !== 'error') return `${rules}: ${what} must be refused with ${allowed}; got ${describeCall(c)}`;
  if (!codes.includes(d.code)) return `${rules}: ${what} must be refused with ${allowed}; got ${d.code} (HTTP ${c.response?.status})`;
  const s = c.response?.status ?? 0;
  if (s < 400 || s > 499) return `${rules}, R-WIRE-4: ${what} was refused with ${d.code} but HTTP ${s}, not a 4xx`;
  return undefined;
}

/**
 * R-WIRE-5: malformed input gets a 4xx FPS error document: never a 5xx, a hang or a dropped connection.
 * `oversized`: input of absurd length, which a server may refuse to read (413, 414, 431, or its HTTP
 * layer's 400); any 4xx with any body holds then, since no FPS document can be asked of an unread request.
 */
export function judgeMalformedInput(c: { response?: { status: number }; transportError?: string; decoded?: Decoded }, what: string, o: { oversized?: boolean } = {}): string | undefined {
  if (c.transportError !== undefined) {
    const kind = c.transportError.split(':')[0];
    const how = kind === 'timeout' ? 'hung (no answer within the timeout)' : kind === 'reset' ? 'dropped the connection' : `failed (${c.transportError})`;
    return `R-WIRE-5: ${what}: the target ${how}; malformed input must get a 4xx error response`;
  }
  const s = c.response?.status ?? 0;
  if (s >= 500) return `R-WIRE-5: ${what}: the target answered HTTP ${s}; malformed input never yields a 5xx`;
  if (s < 400) return `R-WIRE-5: ${what}: the target answered HTTP ${s}; malformed input yields a 4xx error response`;
  if (c.decoded?.kind !== 'error' && !o.oversized) {
    const why = c.decoded?.kind === 'malformed' ? c.decoded.problems.slice(0, 2).join('; ') : 'not an error document';
    return `R-WIRE-5, R-WIRE-4: ${what}: HTTP ${s} without an FPS error document (${why})`;
  }
  return undefined;
}

/** ctx.credentials, which `needs: ['credentials']` guarantees. */
export function creds(ctx: SuiteContext): NonNullable<SuiteContext['credentials']> {
  if (!ctx.credentials) throw new Error('check declared needs: credentials, but none were given');
  return ctx.credentials;
}

export function clip(s: string, n = 120): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** The first failure message of a list of judgements, or undefined when all hold. */
export function firstProblem(...problems: (string | undefined)[]): string | undefined {
  return problems.find((p) => p !== undefined);
}

/** What came back for a request sent as is (robustness cases). */
export interface RawAnswer {
  request: WireRequest;
  response?: WireResponse;
  transportError?: string;
  decoded?: Decoded;
}

/** Sends a request as built (through the recorded target) and decodes whatever came back. */
export async function sendRaw(ctx: SuiteContext, request: WireRequest, label: string, action = 'unknown'): Promise<RawAnswer> {
  try {
    const response = await ctx.target.send(request, { timeoutMs: ctx.timeoutMs, label });
    return { request, response, decoded: decodeBody(response.body, action) };
  } catch (err) {
    if (err instanceof TransportError) return { request, transportError: `${err.kind}: ${err.message}` };
    throw err;
  }
}

/**
 * A tamper function that edits the parameters and signs again over the result, so the request is
 * correctly signed but carries what `edit` made of it (R-WIRE-2 case checks, duplicate names).
 */
export function resignedWith(edit: (pairs: Pairs) => Pairs, keys: Credentials, targetBase: string, method: SignatureMethod = 'HmacSHA256') {
  const base = new URL(targetBase);
  return (req: WireRequest): WireRequest => {
    const pairs = edit(readPairs(req).filter(([n]) => n !== 'Signature'));
    const signature = sign({ method: req.method, host: base.host, path: base.pathname, params: pairs, secret: keys.secretAccessKey, signatureMethod: method });
    return writePairs(req, [...pairs, ['Signature', signature]]);
  };
}

/** pass with `pass`, or fail with the problem. */
export function outcome(problem: string | undefined, pass: string): { status: 'pass' | 'fail'; message: string } {
  return problem === undefined ? { status: 'pass', message: pass } : { status: 'fail', message: problem };
}

/** The rule ids a failure message opens with ("R-AUTH-1, R-WIRE-3/R-WIRE-4: ..."). */
export function rulesCited(message: string | undefined): string[] {
  const head = /^((?:R-[A-Z]+-\d+[a-z]?[,/ ]*)+):/.exec(message ?? '');
  return head ? [...new Set(head[1]!.match(/R-[A-Z]+-\d+[a-z]?/g) ?? [])] : [];
}

/**
 * A failure counts against the rules its message cites, not against every rule the check covers: a
 * signature check that meets an error answered with HTTP 200 shows R-WIRE-4 broken, not R-AUTH-1.
 */
export function attributed(check: Check): Check {
  return {
    ...check,
    async run(ctx) {
      const r = await check.run(ctx);
      if (r.status !== 'fail' || r.requirements) return r;
      const cited = rulesCited(r.message);
      return cited.length ? { ...r, requirements: cited } : r;
    },
  };
}

/** A robustness check (R-WIRE-5): one malformed-input case; `needs` credentials when its request is signed. */
export function malformedInputCheck(name: string, title: string, run: Check['run'], signed = true): Check {
  return {
    id: `robustness/${name}`,
    title: `Malformed input gets a 4xx error document: ${title}`,
    requirements: ['R-WIRE-5'],
    tags: ['robustness', 'stateless'],
    ...(signed ? { needs: ['credentials' as const] } : {}),
    run,
  };
}
