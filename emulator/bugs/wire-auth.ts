// More injected bugs on the wire and in authentication, one per firm clause (emulator/bugs/clauses.ts):
// what independent emulator authors get wrong in the answer documents, the amount and size rules, and
// in SigV2 (seed 004 "Generating a Signature").
import { ACTIONS } from '../../spec/types.ts';

const ACTION_NAMES: readonly string[] = ACTIONS;
import { ACTION_SPECS, COMMON_PARAMS } from '../../spec/catalogue/actions.ts';
import { encodeRfc3986 } from '../../spec/sigv2/index.ts';
import { isoSeconds } from '../clock.ts';
import type { Bug } from './kit.ts';
import { answerOneDoOther, canonBug, signaturesWith, forgetCheck, hooksBug, outcomeBug, refusal, responseBug, wrongCode, wrongRefusal } from './recipes.ts';
import { ERROR_CODE } from '../../spec/catalogue/errors.ts';

const CHARGES = ['Pay', 'Reserve', 'Refund'];
const AMOUNT_PARAMS = ['TransactionAmount.Value', 'RefundAmount.Value'];

/** Every API parameter name the documents spell, by lower-cased name (the case-insensitive lookup of a naive reader). */
const CANONICAL_NAMES = new Map<string, string>(
  [...COMMON_PARAMS.map((p) => p.name), ...Object.values(ACTION_SPECS).flatMap((a) => a.params.flatMap((p) => (p.type === 'Amount' ? [`${p.name}.Value`, `${p.name}.CurrencyCode`] : [p.name])))].map((n) => [n.toLowerCase(), n]),
);
const CANONICAL_ACTIONS = new Map<string, string>(ACTION_NAMES.map((a) => [a.toLowerCase(), a]));

const withParams = (step: Parameters<Parameters<typeof outcomeBug>[1]>[1], params: Record<string, string>) => ({ ...step.input, params });

/** Rewrites the amount parameters of a request with `f` (undefined: leave it). */
function amountsBy(step: Parameters<Parameters<typeof outcomeBug>[1]>[1], f: (v: string) => string | undefined) {
  const params = { ...step.input.params };
  let changed = false;
  for (const n of AMOUNT_PARAMS) {
    const v = params[n];
    const w = v === undefined ? undefined : f(v);
    if (w !== undefined && w !== v) {
      params[n] = w;
      changed = true;
    }
  }
  return changed ? withParams(step, params) : undefined;
}

const MINUTE = 60_000;

export const MORE_WIRE_BUGS: readonly Bug[] = [
  wrongRefusal(
    { name: 'wire-old-version-refused', area: 'wire', clause: 'R-WIRE-2.both-versions', rules: ['R-WIRE-2', 'R-WIRE-3'], description: 'Supports only the newest API version: Version=2008-09-17 is InvalidParams.' },
    { actions: ACTION_NAMES, code: ERROR_CODE.InvalidParams, when: (_o, step) => step.input.version === '2008-09-17' },
  ),
  outcomeBug(
    { name: 'wire-names-case-insensitive', area: 'wire', clause: 'R-WIRE-2.names-case-sensitive', rules: ['R-WIRE-2', 'R-WIRE-8'], description: 'Looks API parameters up case-insensitively (a lower-cased "transactionId" is read as TransactionId) instead of answering InvalidParams for the missing one.' },
    (o, step) => {
      if (!refusal(o, 'R-WIRE-8')) return o;
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(step.input.params)) params[CANONICAL_NAMES.get(k.toLowerCase()) ?? k] = v;
      const again = step.step(withParams(step, params));
      return refusal(again, 'R-WIRE-8') ? o : again;
    },
  ),
  outcomeBug(
    { name: 'wire-action-case-insensitive', area: 'wire', clause: 'R-WIRE-2.action-case-sensitive', rules: ['R-WIRE-2', 'R-WIRE-5'], description: 'Dispatches on the lower-cased Action, so Action=getTransactionStatus is served instead of refused.' },
    (o, step) => {
      const canonical = CANONICAL_ACTIONS.get(step.input.action.toLowerCase());
      if (o.answer.kind !== 'error' || canonical === undefined || canonical === step.input.action) return o;
      return step.step({ ...step.input, action: canonical, params: { ...step.input.params, Action: canonical } });
    },
  ),
  responseBug(
    { name: 'wire-no-request-id', area: 'wire', clause: 'R-WIRE-3.request-id', rules: ['R-WIRE-3'], description: 'Success documents leave out <ResponseMetadata><RequestId>.' },
    (res) => (res.status === 200 ? { ...res, body: res.body.replace(/<ResponseMetadata>[\s\S]*?<\/ResponseMetadata>/, '') } : res),
  ),
  responseBug(
    { name: 'wire-no-result-element', area: 'wire', clause: 'R-WIRE-3.result-element', rules: ['R-WIRE-3'], description: 'Writes the result fields straight under the Response root, with no <{Action}Result> element.' },
    (res) => (res.status === 200 ? { ...res, body: res.body.replace(/<\/?[A-Za-z]+Result>/g, '') } : res),
  ),
  responseBug(
    { name: 'wire-201-created', area: 'wire', clause: 'R-WIRE-3.http-200', rules: ['R-WIRE-3'], description: 'Answers a successful Pay, Reserve or Refund with HTTP 201 Created, REST style.' },
    (res, step) => (res.status === 200 && step !== undefined && CHARGES.includes(step.input.action) ? { ...res, status: 201 } : res),
  ),
  responseBug(
    { name: 'wire-caller-error-500', area: 'wire', clause: 'R-WIRE-4.caller-4xx', rules: ['R-WIRE-4'], description: 'Maps every refusal to HTTP 500, so non-retriable caller errors are 5xx.' },
    (res) => (res.status >= 400 && res.status < 500 ? { ...res, status: 500 } : res),
  ),
  responseBug(
    { name: 'wire-error-no-request-id', area: 'wire', clause: 'R-WIRE-4.request-id', rules: ['R-WIRE-4'], description: 'Error documents leave out <RequestID>.' },
    (res) => (res.status >= 400 ? { ...res, body: res.body.replace(/<RequestID>[\s\S]*?<\/RequestID>/, '') } : res),
  ),
  forgetCheck(
    { name: 'amount-rounds-fraction', area: 'wire', clause: 'R-WIRE-6.two-fraction-digits', rules: ['R-WIRE-6'], description: 'Rounds an amount with three or more fraction digits to cents (1.234 → 1.23) instead of InvalidParams.' },
    { actions: CHARGES.concat('Settle'), codes: [ERROR_CODE.InvalidParams], dodge: (step) => amountsBy(step, (v) => (/^\d+\.\d{3,}$/.test(v) ? Number(v).toFixed(2) : undefined)) },
  ),
  forgetCheck(
    { name: 'amount-number-parse', area: 'wire', clause: 'R-WIRE-6.numeric', rules: ['R-WIRE-6'], description: 'Reads amounts with parseFloat, so "1.00x" is 1.00 instead of InvalidParams.' },
    { actions: CHARGES.concat('Settle'), codes: [ERROR_CODE.InvalidParams], dodge: (step) => amountsBy(step, (v) => (/^\d+(\.\d+)?[A-Za-z]+$/.test(v) && Number.parseFloat(v) > 0 ? Number.parseFloat(v).toFixed(2) : undefined)) },
  ),
  forgetCheck(
    { name: 'amount-any-currency', area: 'wire', clause: 'R-WIRE-6.usd-only', rules: ['R-WIRE-6'], description: 'Never looks at CurrencyCode: an amount in EUR is charged as USD.' },
    {
      actions: CHARGES.concat('Settle'),
      codes: [ERROR_CODE.InvalidParams],
      dodge: (step) => {
        const params = { ...step.input.params };
        const names = Object.keys(params).filter((n) => n.endsWith('.CurrencyCode') && params[n] !== 'USD');
        if (names.length === 0) return undefined;
        for (const n of names) params[n] = 'USD';
        return withParams(step, params);
      },
    },
  ),
  forgetCheck(
    { name: 'amount-zero-accepted', area: 'wire', clause: 'R-WIRE-6.positive', rules: ['R-WIRE-6'], description: 'Checks only the amount\'s format, not its sign: 0.00 and -1 are charged.' },
    { actions: ['Pay', 'Reserve'], codes: [ERROR_CODE.InvalidParams, ERROR_CODE.AmountOutOfRange], when: (step) => AMOUNT_PARAMS.some((n) => /^-?\d+(\.\d{1,2})?$/.test(step.input.params[n] ?? '') && Number(step.input.params[n]) <= 0), fabricateCharge: true },
  ),
  forgetCheck(
    { name: 'limit-caller-reference-255', area: 'wire', clause: 'R-WIRE-7.caller-reference', rules: ['R-WIRE-7'], description: 'Stores CallerReference in a 255-character column and checks that limit, not 128.' },
    {
      actions: CHARGES,
      codes: [ERROR_CODE.InvalidParams],
      dodge: (step) => {
        const cr = step.input.params.CallerReference;
        return cr !== undefined && cr.length > 128 && cr.length <= 255 ? withParams(step, { ...step.input.params, CallerReference: cr.slice(0, 128) }) : undefined;
      },
    },
  ),
  forgetCheck(
    { name: 'limit-description-unchecked', area: 'wire', clause: 'R-WIRE-7.descriptions', rules: ['R-WIRE-7'], description: 'Accepts a CallerDescription or SenderDescription of any length (truncates it when stored).' },
    {
      actions: CHARGES,
      codes: [ERROR_CODE.InvalidParams],
      dodge: (step) => {
        const params = { ...step.input.params };
        const long = ['CallerDescription', 'SenderDescription'].filter((n) => (params[n]?.length ?? 0) > 160);
        if (long.length === 0) return undefined;
        for (const n of long) params[n] = params[n]!.slice(0, 160);
        return withParams(step, params);
      },
    },
  ),
  {
    name: 'wire-long-token-id',
    area: 'wire',
    clause: 'R-WIRE-7.own-token-id',
    description: 'Prefixes every TokenId with the caller\'s 20-character account id, so ids run past 65 characters.',
    rules: ['R-WIRE-7', 'R-TOK-2', 'R-TOK-3'],
    make: () => ({ freshId: (kind, value) => (kind === 'TokenId' ? `ACCT${'0'.repeat(16)}${value.padEnd(50, 'X')}` : value) }),
  },
  {
    name: 'wire-long-request-id',
    area: 'wire',
    clause: 'R-WIRE-7.own-request-id',
    description: 'RequestIds are two UUIDs joined by a colon (73 characters, over 64).',
    rules: ['R-WIRE-7', 'R-WIRE-3', 'R-WIRE-4'],
    make: () => ({ freshId: (kind, value) => (kind === 'RequestId' ? `${value.padEnd(36, '0')}:${value.padEnd(36, '1')}` : value) }),
  },
  forgetCheck(
    { name: 'refund-caller-reference-optional', area: 'wire', clause: 'R-WIRE-8.caller-reference', rules: ['R-WIRE-8'], description: 'Treats CallerReference as optional for Refund (as for Settle): a Refund without one goes through.' },
    { actions: ['Refund'], codes: [ERROR_CODE.InvalidParams], dodge: (step) => (step.input.params.CallerReference === undefined ? withParams(step, { ...step.input.params, CallerReference: `auto-${step.fresh('RequestId')}` }) : undefined) },
  ),
  wrongCode(
    { name: 'missing-token-as-unknown', area: 'wire', clause: 'R-WIRE-8.missing-required', rules: ['R-WIRE-8'], description: 'Looks up a missing SenderTokenId as the empty id: InvalidTokenId_Sender instead of InvalidParams.' },
    { actions: ['Pay', 'Reserve'], from: [ERROR_CODE.InvalidParams], to: ERROR_CODE.InvalidTokenId_Sender, when: (step) => step.input.params.SenderTokenId === undefined },
  ),
];

export const MORE_ROBUSTNESS_BUGS: readonly Bug[] = [
  hooksBug(
    { name: 'robust-duplicate-name-500', area: 'robustness', clause: 'R-WIRE-5.duplicate-names', rules: ['R-WIRE-5'], description: 'Collects parameters into an object that throws on a second value for a name: duplicate names answer 500.' },
    () => ({
      beforeParse(raw) {
        const seen = new Set<string>();
        for (const seg of raw.split('&')) {
          const name = seg.split('=')[0]!;
          if (seen.has(name)) throw new Error(`parameter ${name} given twice`);
          seen.add(name);
        }
      },
    }),
  ),
  hooksBug(
    { name: 'robust-non-utf8-500', area: 'robustness', clause: 'R-WIRE-5.non-utf8', rules: ['R-WIRE-5'], description: 'Decodes percent-encoded bytes with a fatal UTF-8 decoder outside any try: non-UTF-8 input answers 500.' },
    () => ({
      beforeParse(raw) {
        for (const seg of raw.split('&')) {
          const bytes = (seg.match(/%[0-9A-Fa-f]{2}/g) ?? []).map((h) => parseInt(h.slice(1), 16));
          if (bytes.some((b) => b >= 0x80)) new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
        }
      },
    }),
  ),
  outcomeBug(
    { name: 'robust-unknown-action-500', area: 'robustness', clause: 'R-WIRE-5.unknown-action', rules: ['R-WIRE-5'], description: 'Dispatches through a handler table with no default: an unknown Action throws and answers 500.' },
    (o, step) => {
      if (!ACTION_NAMES.includes(step.input.action) && o.answer.kind === 'error' && step.input.auth.signature === 'valid') throw new TypeError(`no handler for ${step.input.action}`);
      return o;
    },
  ),
];

export const MORE_SIGNATURE_BUGS: readonly Bug[] = [
  canonBug(
    { name: 'sig-post-signed-as-get', area: 'signature', clause: 'R-WIRE-1.post-accepted', rules: ['R-WIRE-1', 'R-AUTH-1'], description: 'Builds the string to sign with the verb GET always, so every correctly signed POST is refused.' },
    { verb: () => 'GET' },
  ),
  canonBug(
    { name: 'sig-case-insensitive-sort', area: 'signature', clause: 'R-AUTH-1.byte-order', rules: ['R-AUTH-1'], description: 'Sorts parameter names case-insensitively (localeCompare) instead of by bytes: "Action" before "AWSAccessKeyId".' },
    { sort: (a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) },
  ),
  canonBug(
    { name: 'sig-lowercase-hex', area: 'signature', clause: 'R-AUTH-1.uppercase-hex', rules: ['R-AUTH-1'], description: 'Percent-encodes with lower-case hex digits (%3a), so a correct signature over a Timestamp is refused.' },
    { encode: (s) => encodeRfc3986(s).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()) },
  ),
  canonBug(
    { name: 'sig-tilde-encoded', area: 'signature', clause: 'R-AUTH-1.unreserved', rules: ['R-AUTH-1'], description: 'Encodes "~" as %7E (the java.net.URLEncoder habit), although it is unreserved.' },
    { encode: (s) => encodeRfc3986(s).replace(/~/g, '%7E') },
  ),
  canonBug(
    { name: 'sig-latin1-bytes', area: 'signature', clause: 'R-AUTH-1.utf8-bytes', rules: ['R-AUTH-1'], description: 'Percent-encodes characters as Latin-1 bytes (escape()-style) instead of their UTF-8 bytes.' },
    {
      encode: (s) =>
        [...s].map((c) => (c.charCodeAt(0) < 0x80 || c.charCodeAt(0) > 0xff ? encodeRfc3986(c) : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)).join(''),
    },
  ),
  canonBug(
    { name: 'sig-excludes-signature-fields', area: 'signature', clause: 'R-AUTH-1.only-signature-excluded', rules: ['R-AUTH-1'], description: 'Leaves every name starting with "Signature" out of the canonical query (SignatureMethod, SignatureVersion too), not only Signature.' },
    { exclude: (n) => n.startsWith('Signature') },
  ),
  hooksBug(
    { name: 'sig-sha256-only', area: 'signature', clause: 'R-AUTH-1.hmac-sha1', rules: ['R-AUTH-1'], description: 'Verifies every request with HmacSHA256 whatever SignatureMethod says: correct HmacSHA1 signatures are refused.' },
    () => ({ auth: (verdict, req) => (req.params.SignatureMethod === 'HmacSHA1' && verdict.signature === 'valid' ? { ...verdict, signature: 'invalid' } : verdict) }),
  ),
  wrongCode(
    { name: 'sig-mismatch-as-auth-failure', area: 'signature', clause: 'R-AUTH-2.signature-mismatch', rules: ['R-AUTH-2'], description: 'Answers a wrong signature with AuthFailure instead of SignatureDoesNotMatch.' },
    { actions: [...ACTION_NAMES, ''], from: [ERROR_CODE.SignatureDoesNotMatch], to: ERROR_CODE.AuthFailure },
  ),
  wrongCode(
    { name: 'sig-unknown-key-as-mismatch', area: 'signature', clause: 'R-AUTH-2.unknown-key', rules: ['R-AUTH-2'], description: 'Verifies an unknown AWSAccessKeyId with an empty secret: SignatureDoesNotMatch instead of InvalidClientTokenId.' },
    { actions: [...ACTION_NAMES, ''], from: [ERROR_CODE.InvalidClientTokenId], to: ERROR_CODE.SignatureDoesNotMatch },
  ),
  hooksBug(
    { name: 'sig-any-method', area: 'signature', clause: 'R-AUTH-3.method-refused', rules: ['R-AUTH-3'], description: 'Ignores SignatureMethod and tries HmacSHA256 then HmacSHA1: SignatureMethod=HmacMD5 with a SHA256 HMAC is accepted.' },
    () => ({
      auth(verdict, req) {
        const m = req.params.SignatureMethod;
        if (m === 'HmacSHA256' || m === 'HmacSHA1' || req.secret === undefined || verdict.signature === 'missing') return verdict;
        const given = req.params.Signature ?? '';
        const ok = (['HmacSHA256', 'HmacSHA1'] as const).some((method) => signaturesWith(req, {}, method).includes(given));
        return ok ? { ...verdict, signature: 'valid', signatureMethod: 'HmacSHA256' } : verdict;
      },
    }),
  ),
  outcomeBug(
    { name: 'sig-skew-one-minute', area: 'signature', clause: 'R-AUTH-4.within-5-minutes', rules: ['R-AUTH-4'], description: 'Allows only one minute of clock skew: a Timestamp 4 minutes old is RequestExpired.' },
    (o, step) => {
      const t = Date.parse(step.input.auth.timestamp ?? '');
      return !refusal(o, 'R-AUTH-4') && Number.isFinite(t) && Math.abs(t - step.now) > 2 * MINUTE ? { ...o, answer: { kind: 'error', code: ERROR_CODE.RequestExpired }, rules: [], next: () => step.state } : o;
    },
  ),
  outcomeBug(
    { name: 'sig-future-timestamp', area: 'signature', clause: 'R-AUTH-4.future-rejected', rules: ['R-AUTH-4'], description: 'Checks only how old a Timestamp is: one an hour in the future is accepted.' },
    (o, step) => {
      const t = Date.parse(step.input.auth.timestamp ?? '');
      if (!refusal(o, 'R-AUTH-4') || !Number.isFinite(t) || t - step.now <= 5 * MINUTE) return o;
      return step.step({ ...step.input, auth: { ...step.input.auth, timestamp: isoSeconds(step.now) } });
    },
  ),
  outcomeBug(
    { name: 'auth-fail-still-charges', area: 'signature', clause: 'R-AUTH-5.changes-nothing', rules: ['R-AUTH-5'], description: 'Runs the payment before checking the signature: a refused Pay still charges the token and records its CallerReference.' },
    (o, step) => {
      if (!CHARGES.includes(step.input.action) || !refusal(o, 'R-AUTH-2') || step.input.auth.accessKeyId === undefined) return o;
      const done = step.step({ ...step.input, auth: { ...step.input.auth, signature: 'valid' } });
      return done.answer.kind === 'result' ? answerOneDoOther(o, done, step, 'charged before verifying') : o;
    },
  ),
  outcomeBug(
    { name: 'auth-stale-still-charges', area: 'signature', clause: 'R-AUTH-5.stale-changes-nothing', rules: ['R-AUTH-5'], description: 'Checks the Timestamp after the payment has run: a Pay refused as stale still charges the token and records its CallerReference.' },
    (o, step) => {
      if (!CHARGES.includes(step.input.action) || !refusal(o, 'R-AUTH-4')) return o;
      const done = step.step({ ...step.input, auth: { ...step.input.auth, timestamp: isoSeconds(step.now) } });
      return done.answer.kind === 'result' ? answerOneDoOther(o, done, step, 'charged before checking the Timestamp') : o;
    },
  ),
];
