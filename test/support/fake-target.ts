// A tiny in-process FPS fake for the harness and stateless-suite tests: SigV2 verification, the
// sandbox discovery/accounts/clock hooks, and error answers for ids nobody issued. `bugs` break one
// behaviour each, so a test can show a check fails against a broken target; `quirks` are behaviours
// the contract allows, so a test can show no check fails for them.
import { createHmac } from 'node:crypto';
import { parseForm } from '../../spec/wire/form.ts';
import { hmac, stringToSign, verify } from '../../spec/sigv2/index.ts';
import { encodeError, encodeResult } from '../../spec/wire/codec.ts';
import { VERSIONS, type Version } from '../../spec/types.ts';

export type FakeBug =
  | 'server-error-on-garbage'
  | 'accept-any-signature'
  | 'ignore-name-case'
  | 'wrong-namespace'
  | 'error-with-200'
  | 'hang-on-duplicates'
  | 'no-sandbox'
  // lenient form readers (R-WIRE-5 wants a 4xx): URLSearchParams (bad escapes kept as text, U+FFFD for
  // bad bytes) keeping the first or the last of repeated names and checking the signature over that,
  // or over every pair as sent; or PHP-style raw bytes, signature over their byte-wise encoding
  | 'lenient-first-wins'
  | 'lenient-last-wins'
  | 'lenient-verify-pairs'
  | 'lenient-raw-bytes'
  // no VerifySignature (R-IPN-3 broken): answered InvalidParams like an action it does not know
  | 'no-verify-signature';

/** Allowed behaviours a correct target may have. */
export type FakeQuirk =
  // GetTransactionStatus of an id not in its own format answers InvalidParams: in the seed's error
  // list for the action, and no ruling fixes the code of an unknown TransactionId
  'invalid-params-for-foreign-transaction-id';

export interface FakeOptions {
  bugs?: FakeBug[];
  quirks?: FakeQuirk[];
  /** the fake's clock, epoch ms (fixed: a sandbox test clock) */
  now?: number;
  /** accounts known from the start: access key id → secret */
  keys?: Record<string, string>;
}

type LenientBug = Extract<FakeBug, `lenient-${string}`>;
const LENIENT: readonly LenientBug[] = ['lenient-first-wins', 'lenient-last-wins', 'lenient-verify-pairs', 'lenient-raw-bytes'];

/** PHP-style: valid %XY to its byte, `+` to a space, anything else kept; a "binary string" (latin1). */
const rawBytes = (s: string): string => s.replace(/\+/g, ' ').replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
const byteEncode = (s: string): string => [...s].map((c) => (/[A-Za-z0-9\-_.~]/.test(c) ? c : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** Reads a form the lenient way; `signatureOk` checks the signature the way that reader would. */
function lenientRead(bug: LenientBug, raw: string | Uint8Array, req: { method: string; host: string; path: string }, secretOf: (key: string | undefined) => string | undefined) {
  const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString(bug === 'lenient-raw-bytes' ? 'latin1' : 'utf8');
  const pairs: [string, string][] =
    bug === 'lenient-raw-bytes'
      ? text.split('&').filter(Boolean).map((seg) => {
          const i = seg.indexOf('=');
          return [rawBytes(i < 0 ? seg : seg.slice(0, i)), rawBytes(i < 0 ? '' : seg.slice(i + 1))];
        })
      : [...new URLSearchParams(text)];
  const collapsed = bug === 'lenient-first-wins' ? [...pairs].reverse() : pairs;
  const params: Record<string, string> = Object.fromEntries(collapsed);
  const signatureOk = (): boolean => {
    const secret = secretOf(params.AWSAccessKeyId);
    if (secret === undefined) return false;
    if (bug === 'lenient-first-wins' || bug === 'lenient-last-wins') return verify({ ...req, params, secret }).valid;
    const unsigned = pairs.filter(([n]) => n !== 'Signature');
    const method = params.SignatureMethod === 'HmacSHA1' ? 'HmacSHA1' : 'HmacSHA256';
    if (bug === 'lenient-verify-pairs') return hmac(stringToSign({ ...req, params: unsigned }), secret, method) === params.Signature;
    // raw bytes: sorted by name bytes, each byte %-encoded
    const canonical = unsigned
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1))
      .map(([n, v]) => `${byteEncode(n)}=${byteEncode(v)}`)
      .join('&');
    const toSign = `${req.method}\n${req.host.toLowerCase()}\n${req.path}\n${canonical}`;
    return createHmac(method === 'HmacSHA1' ? 'sha1' : 'sha256', secret).update(toSign, 'latin1').digest('base64') === params.Signature;
  };
  return { params, signatureOk };
}

const xml = (status: number, body: string): Response => new Response(body, { status, headers: { 'content-type': 'text/xml' } });
const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function createFake(options: FakeOptions = {}) {
  const bugs = new Set(options.bugs ?? []);
  const quirks = new Set(options.quirks ?? []);
  const lenient = LENIENT.find((b) => bugs.has(b));
  const now = options.now ?? Date.parse('2026-01-01T00:00:00Z');
  const keys = new Map<string, string>(Object.entries(options.keys ?? {}));
  let n = 0;
  const err = (code: string, status = 400): Response => xml(bugs.has('error-with-200') ? 200 : status, encodeError(code, `${code} (fake)`, `req-${++n}`));

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/_sandbox')) {
      if (bugs.has('no-sandbox')) return new Response('not found', { status: 404 });
      if (url.pathname === '/_sandbox') return json(200, { protocol: 'fps-sandbox/1', versions: [...VERSIONS], cbui: `${url.origin}/cbui`, profiles: ['core'], clock: true, ipn: false });
      if (url.pathname === '/_sandbox/clock') return json(200, { now: new Date(now).toISOString() });
      if (url.pathname === '/_sandbox/accounts' && request.method === 'POST') {
        const id = `AK${++n}FAKE`;
        const secret = `fake-secret-${n}-0123456789abcdef`;
        keys.set(id, secret);
        return json(200, { accountId: `acct-${n}`, email: `b${n}@example.com`, accessKeyId: id, secretAccessKey: secret });
      }
      return json(404, { error: 'no such hook' });
    }
    const bytes = new Uint8Array(await request.arrayBuffer());
    const isForm = /x-www-form-urlencoded/i.test(request.headers.get('content-type') ?? '');
    const raw = request.method === 'POST' && isForm && bytes.length > 0 ? bytes : url.search.slice(1);
    const read = lenient ? lenientRead(lenient, raw, { method: request.method, host: url.host, path: url.pathname }, (k) => (k === undefined ? undefined : keys.get(k))) : undefined;
    const parsed = read ? { ok: true as const, params: read.params } : parseForm(raw);
    if (!parsed.ok) {
      if (bugs.has('hang-on-duplicates') && parsed.problem.startsWith('duplicate')) await new Promise(() => {});
      return bugs.has('server-error-on-garbage') ? new Response('boom', { status: 500 }) : err('InvalidParams');
    }
    let p = parsed.params;
    const secret = p.AWSAccessKeyId === undefined ? undefined : keys.get(p.AWSAccessKeyId);
    if (p.AWSAccessKeyId === undefined) return err('InvalidParams');
    if (secret === undefined) return err('InvalidClientTokenId', 403);
    const v = read ? { valid: read.signatureOk() } : verify({ method: request.method, host: url.host, path: url.pathname, params: p, secret });
    if (!v.valid && !bugs.has('accept-any-signature')) return err(p.SignatureVersion !== '2' || !/^HmacSHA(256|1)$/.test(p.SignatureMethod ?? '') ? 'InvalidParams' : 'SignatureDoesNotMatch', 403);
    // the bug reads names case-insensitively after checking the signature over what was sent
    if (bugs.has('ignore-name-case')) p = Object.fromEntries(Object.entries(p).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), v]));
    if (p.Action === undefined || p.Action === '') return err('InvalidParams');
    const ts = Date.parse(p.Timestamp ?? '');
    if (!Number.isFinite(ts) || Math.abs(ts - now) > 10 * 60_000) return err('RequestExpired', 400);
    const version = p.Version as Version;
    if (!VERSIONS.includes(version)) return err('InvalidParams');
    const has = (...names: string[]) => names.every((k) => p[k] !== undefined && p[k] !== '');
    switch (p.Action) {
      case 'GetTransactionStatus':
        return has('TransactionId') && !quirks.has('invalid-params-for-foreign-transaction-id') ? err('InvalidTransactionId') : err('InvalidParams');
      case 'GetTokenByCaller':
        if (has('TokenId')) return err('InvalidTokenId');
        if (has('CallerReference')) return (p.CallerReference ?? '').length > 128 ? err('InvalidParams') : err('InvalidCallerReference');
        return err('InvalidParams');
      case 'Pay':
      case 'Reserve':
        return has('SenderTokenId', 'TransactionAmount.Value', 'CallerReference') ? err('InvalidTokenId_Sender') : err('InvalidParams');
      case 'Settle':
        return has('ReserveTransactionId') ? err('InvalidTransactionId') : err('InvalidParams');
      case 'Refund':
        return has('TransactionId', 'CallerReference') ? err('InvalidTransactionId') : err('InvalidParams');
      case 'Cancel':
        return has('TransactionId') ? err('InvalidTransactionId') : err('InvalidParams');
      case 'CancelToken':
        return has('TokenId') ? err('InvalidTokenId') : err('InvalidParams');
      case 'GetRecipientVerificationStatus':
        return has('RecipientTokenId') ? err('InvalidTokenId_Recipient') : err('InvalidParams');
      case 'VerifySignature': {
        if (!has('UrlEndPoint', 'HttpParameters') || bugs.has('no-verify-signature')) return err('InvalidParams');
        const ns = bugs.has('wrong-namespace') ? (version === '2008-09-17' ? '2010-08-28' : '2008-09-17') : version;
        return xml(200, encodeResult('VerifySignature', ns, { VerificationStatus: 'Failure' }, `req-${++n}`));
      }
      default:
        return err('InvalidParams');
    }
  }
  return { handle };
}
