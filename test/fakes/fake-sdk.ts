// A small FPS client written for the kit's own tests, independent of the kit's signer and parser
// (so a bug there cannot hide behind the same bug here). `flaws` switch on the defects the broken
// fake demonstrates.
import { createHmac, createVerify } from 'node:crypto';
import { ERRORS } from '../../spec/catalogue/errors.ts';
import type { CallParams, ConfigureMessage, DriverAnswer, SdkAdapter } from '../../clients/driver-protocol.ts';

export interface Flaws {
  /** encode spaces as "+" when signing and sending (breaks R-AUTH-1) */
  plusForSpace?: boolean;
  /** resend a failed Pay with a new CallerReference (breaks R-IDEM-2) */
  newCallerReferenceOnRetry?: boolean;
  /** report FPS errors without their code */
  dropErrorCodes?: boolean;
  /** read only the exact `{Action}Response` root (breaks on the sample's GetRecipientVerificationResponse) */
  oneRoot?: boolean;
  /** read only the 2010-08-28 namespace, whatever Version it sent */
  oneNamespace?: boolean;
  /** report every FPS error with HTTP status 400, whatever was served */
  losesHttpStatus?: boolean;
  /** throw on an error code it does not know (a lookup table of the codes it was written against) */
  crashOnUnknownCode?: boolean;
  /** verify return URLs and IPNs locally, accepting only RSA-SHA1 (fetching certificateUrl) */
  rsaOnly?: boolean;
  /** no Recurring pipeline */
  noRecurring?: boolean;
  /** sign Co-Branded URLs over the host without its port (API requests with it) */
  cbuiHostWithoutPort?: boolean;
  /** send VerifySignature unsigned, as the official PHP library does (R-IPN-4) */
  verifyUnsigned?: boolean;
  /** send this Version whatever it is configured with */
  version?: string;
  /** crash on every Refund before sending it (a generated sequence with a Refund breaks; it shrinks to one) */
  crashOnRefund?: boolean;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERRORS.map((e) => e.code));

const ACTIONS = ['Pay', 'Reserve', 'Settle', 'Refund', 'Cancel', 'CancelToken', 'GetTransactionStatus', 'GetTokenByCaller', 'GetRecipientVerificationStatus', 'VerifySignature'];
const PIPELINES = ['SingleUse', 'MultiUse', 'Recurring', 'Recipient', 'EditToken'];

function rfc3986(s: string, plusForSpace: boolean): string {
  const out = encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return plusForSpace ? out.replace(/%20/g, '+') : out;
}

function canonical(params: Record<string, string>, plus: boolean, skip: (n: string) => boolean): string {
  return Object.keys(params)
    .filter((n) => !skip(n))
    .sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))))
    .map((n) => `${rfc3986(n, plus)}=${rfc3986(params[n]!, plus)}`)
    .join('&');
}

/** Leaf elements of an XML document, dotted below the result element ("Token.TokenId"). */
export function readXml(xml: string): { root: string; fields: Record<string, string> } | undefined {
  const tags = [...xml.matchAll(/<(\/?)([A-Za-z_][\w.-]*)(?:\s[^>]*)?>|([^<]+)/g)];
  const stack: string[] = [];
  const fields: Record<string, string> = {};
  let root: string | undefined;
  let text = '';
  for (const m of tags) {
    if (m[3] !== undefined) {
      text += m[3];
      continue;
    }
    if (m[0].startsWith('<?')) continue;
    const [, close, name] = m;
    if (!close) {
      if (m[0].endsWith('/>')) continue;
      root ??= name;
      stack.push(name!);
      text = '';
    } else {
      if (stack.pop() !== name) return undefined;
      if (text.trim() !== '') {
        const path = stack.slice(2).concat(name!);
        const key = stack[1] === 'ResponseMetadata' || name === 'RequestID' ? name! : path.join('.');
        fields[key] = decode(text.trim());
      }
      text = '';
    }
  }
  if (root === undefined || stack.length > 0) return undefined;
  return { root, fields };
}

const decode = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function createFakeSdk(name: string, flaws: Flaws = {}): SdkAdapter {
  let config: ConfigureMessage | undefined;
  const plus = flaws.plusForSpace === true;

  const send = async (params: Record<string, string>): Promise<Response> => {
    const cfg = config!;
    const url = new URL(cfg.endpoint);
    if (flaws.verifyUnsigned && params.Action === 'VerifySignature') {
      return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: canonical({ ...params, Version: cfg.version }, plus, () => false) });
    }
    const all: Record<string, string> = {
      ...params,
      AWSAccessKeyId: cfg.accessKeyId,
      SignatureVersion: '2',
      SignatureMethod: 'HmacSHA256',
      Timestamp: new Date().toISOString(),
      Version: flaws.version ?? cfg.version,
    };
    const toSign = `POST\n${url.host.toLowerCase()}\n${url.pathname}\n${canonical(all, plus, (n) => n === 'Signature')}`;
    all.Signature = createHmac('sha256', cfg.secretAccessKey).update(toSign).digest('base64');
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: canonical(all, plus, () => false) });
  };

  const call = async (action: string, given: CallParams): Promise<DriverAnswer> => {
    const params: Record<string, string> = { Action: action };
    for (const [k, v] of Object.entries(given)) {
      if (typeof v === 'string') params[k] = v;
      else for (const [child, x] of Object.entries(v)) params[`${k}.${child}`] = x;
    }
    if (flaws.crashOnRefund && action === 'Refund') return { ok: false, crash: 'TypeError: refund is not a function' };
    let res: Response | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt > 0 && flaws.newCallerReferenceOnRetry && params.CallerReference !== undefined) params.CallerReference += '-retry';
      try {
        res = await send(params);
      } catch (err) {
        if (attempt === 0) continue;
        return { ok: false, crash: `network error: ${(err as Error).message}` };
      }
      if (res.status >= 500 && attempt === 0) continue;
      break;
    }
    const body = await res!.text();
    const doc = readXml(body);
    if (doc === undefined) return { ok: false, crash: `cannot parse the answer (HTTP ${res!.status})` };
    if (res!.status >= 400 || doc.root === 'Response') {
      const code = doc.fields['Error.Code'];
      if (flaws.crashOnUnknownCode && code !== undefined && !KNOWN_CODES.has(code)) return { ok: false, crash: `NameError: no error class for ${code}` };
      const error = {
        ...(flaws.dropErrorCodes ? {} : { code }),
        message: doc.fields['Error.Message'],
        requestId: doc.fields.RequestID,
        httpStatus: flaws.losesHttpStatus ? 400 : res!.status,
      };
      return { ok: false, error };
    }
    if (flaws.oneRoot && doc.root !== `${action}Response`) return { ok: false, crash: `ParseError: expected <${action}Response>, got <${doc.root}>` };
    if (flaws.oneNamespace && !body.includes('xmlns="http://fps.amazonaws.com/doc/2010-08-28/"')) return { ok: false, crash: 'ParseError: unknown namespace' };
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc.fields)) {
      const parts = k.split('.');
      let node = result;
      for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
      node[parts[parts.length - 1]!] = v;
    }
    return { ok: true, result };
  };

  /** Local RSA-SHA1 check with the key at certificateUrl, over UrlEndPoint + "\n" + canonical query (the kit's documented string). */
  const verifyRsa = async (endpoint: string, pairs: [string, string][]): Promise<DriverAnswer> => {
    const p = Object.fromEntries(pairs);
    if (p.signatureMethod !== 'RSA-SHA1' || p.certificateUrl === undefined || p.signature === undefined) return { ok: true, valid: false };
    const pem = await (await fetch(p.certificateUrl)).text();
    const toSign = `${endpoint}\n${canonical(p, false, (n) => n === 'signature')}`;
    return { ok: true, valid: createVerify('RSA-SHA1').update(toSign).verify(pem, p.signature, 'base64') };
  };

  const verify = async (endpoint: string, pairs: [string, string][]): Promise<DriverAnswer> => {
    if (flaws.rsaOnly) return verifyRsa(endpoint, pairs);
    const httpParameters = pairs.map(([n, v]) => `${rfc3986(n, false)}=${rfc3986(v, false)}`).join('&');
    const a = await call('VerifySignature', { UrlEndPoint: endpoint, HttpParameters: httpParameters });
    if (!a.ok) return a;
    return { ok: true, valid: a.result?.VerificationStatus === 'Success' };
  };

  return {
    hello: () => ({ ok: true, sdk: { name, version: '1.0.0', language: 'typescript', notes: `flaws: ${Object.keys(flaws).join(', ') || 'none'}` }, supports: { actions: ACTIONS, pipelines: flaws.noRecurring ? PIPELINES.filter((p) => p !== 'Recurring') : PIPELINES, verifyReturnUrl: true, verifyIpn: true } }) as DriverAnswer,
    configure: (c) => {
      config = c;
      return { ok: true };
    },
    call,
    cbuiUrl: (pipeline, given) => {
      const cfg = config!;
      const url = new URL(cfg.cbuiEndpoint);
      const params: Record<string, string> = { ...given, callerKey: cfg.accessKeyId, pipelineName: pipeline, signatureVersion: '2', signatureMethod: 'HmacSHA256' };
      const host = flaws.cbuiHostWithoutPort ? url.hostname : url.host;
      const toSign = `GET\n${host.toLowerCase()}\n${url.pathname}\n${canonical(params, plus, (n) => n === 'signature')}`;
      params.signature = createHmac('sha256', cfg.secretAccessKey).update(toSign).digest('base64');
      return { ok: true, url: `${url.origin}${url.pathname}?${canonical(params, plus, () => false)}` };
    },
    verifyReturnUrl: (href) => {
      const u = new URL(href);
      return verify(`${u.origin}${u.pathname}`, [...u.searchParams.entries()]);
    },
    verifyIpn: (endpoint, params) => verify(endpoint, Object.entries(params)),
  };
}
