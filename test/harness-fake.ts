// A tiny in-process FPS fake for the harness and stateless-suite tests: SigV2 verification, the
// sandbox discovery/accounts/clock hooks, and error answers for ids nobody issued. `bugs` break one
// behaviour each, so a test can show a check fails against a broken target.
import { parseForm } from '../spec/wire/form.ts';
import { verify } from '../spec/sigv2/index.ts';
import { encodeError, encodeResult } from '../spec/wire/codec.ts';
import { VERSIONS, type Version } from '../spec/types.ts';

export type FakeBug =
  | 'server-error-on-garbage'
  | 'accept-any-signature'
  | 'ignore-name-case'
  | 'wrong-namespace'
  | 'error-with-200'
  | 'hang-on-duplicates'
  | 'no-sandbox';

export interface FakeOptions {
  bugs?: FakeBug[];
  /** the fake's clock, epoch ms (fixed: a sandbox test clock) */
  now?: number;
  /** accounts known from the start: access key id → secret */
  keys?: Record<string, string>;
}

const xml = (status: number, body: string): Response => new Response(body, { status, headers: { 'content-type': 'text/xml' } });
const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function createFake(options: FakeOptions = {}) {
  const bugs = new Set(options.bugs ?? []);
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
    const parsed = parseForm(raw);
    if (!parsed.ok) {
      if (bugs.has('hang-on-duplicates') && parsed.problem.startsWith('duplicate')) await new Promise(() => {});
      return bugs.has('server-error-on-garbage') ? new Response('boom', { status: 500 }) : err('InvalidParams');
    }
    let p = parsed.params;
    const secret = p.AWSAccessKeyId === undefined ? undefined : keys.get(p.AWSAccessKeyId);
    if (p.AWSAccessKeyId === undefined) return err('InvalidParams');
    if (secret === undefined) return err('InvalidClientTokenId', 403);
    const v = verify({ method: request.method, host: url.host, path: url.pathname, params: p, secret });
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
        return has('TransactionId') ? err('InvalidTransactionId') : err('InvalidParams');
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
        if (!has('UrlEndPoint', 'HttpParameters')) return err('InvalidParams');
        const ns = bugs.has('wrong-namespace') ? (version === '2008-09-17' ? '2010-08-28' : '2008-09-17') : version;
        return xml(200, encodeResult('VerifySignature', ns, { VerificationStatus: 'Failure' }, `req-${++n}`));
      }
      default:
        return err('InvalidParams');
    }
  }
  return { handle };
}
