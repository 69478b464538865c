// Signs and sends FPS API requests (seed 004 "Generating a Signature"; R-WIRE-1, R-WIRE-2, R-AUTH-1,
// R-AUTH-1b) and decodes the answers. The Timestamp comes from the target's clock (clock.ts).
import { hostWithoutPort, signQuery, type SignatureMethod } from '../spec/sigv2/sign.ts';
import type { Version } from '../spec/types.ts';
import { acceptedCodes } from '../spec/catalogue/accepted.ts';
import { isoTimestamp, type TargetClock } from './clock.ts';
import { decodeBody } from '../spec/wire/decode.ts';
import { KIT_NAME, KIT_VERSION } from '../core/kit.ts';
import { TransportError, type Target } from '../core/target.ts';
import type { CallOptions, CallResult, Credentials, FpsClient, RequestStyle } from '../core/suite.ts';
import type { Exchange, WireRequest } from '../core/wire.ts';

/** R-AUTH-4: a Timestamp within 5 minutes of the target clock is accepted; one farther may be refused with these */
const R_AUTH_4_ACCEPTED_MS = 5 * 60_000;
const STALE_TIMESTAMP: readonly string[] = acceptedCodes('R-AUTH-4');

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

export interface FpsClientOptions {
  /** the recorded target */
  target: Target & { exchangeOf?(r: WireRequest): Exchange | undefined };
  clock: TargetClock;
  version: Version;
  timeoutMs: number;
}

export interface SignedRequest {
  request: WireRequest;
  /** every parameter sent, Signature included */
  params: Record<string, string>;
}

export interface KitFpsClient extends FpsClient {
  /** the signed (and tampered) request `call` would send, without sending it */
  build(action: string, params: Record<string, string>, creds: Credentials, options?: CallOptions): Promise<SignedRequest>;
}

/** Puts parameters on the wire in one of the three equivalent styles (R-WIRE-1). */
export function placeParams(baseUrl: string, query: string, style: RequestStyle): WireRequest {
  const ua = { 'user-agent': `${KIT_NAME}/${KIT_VERSION}` };
  switch (style) {
    case 'GET':
      return { method: 'GET', url: `${baseUrl}?${query}`, headers: ua };
    case 'POST-form':
      return { method: 'POST', url: baseUrl, headers: { ...ua, 'content-type': FORM_CONTENT_TYPE }, body: query };
    case 'POST-query':
      return { method: 'POST', url: `${baseUrl}?${query}`, headers: ua, body: '' };
  }
}

export function createFpsClient(opts: FpsClientOptions): KitFpsClient {
  const base = new URL(opts.target.baseUrl);
  const href = base.href;
  // a sandbox clock stands still between requests: one reading, one ISO string
  let lastMs = NaN, lastIso = '';
  const stamp = (ms: number): string => (ms === lastMs ? lastIso : (lastIso = isoTimestamp((lastMs = ms))));
  const build = async (action: string, params: Record<string, string>, creds: Credentials, options: CallOptions = {}): Promise<SignedRequest> =>
    signAt(action, params, creds, options, await clockReading(options)).signed;
  /** the target clock's time to stamp with, unless the caller gave the Timestamp (no promise when the reading is fresh) */
  const clockReading = (options: CallOptions): number | undefined | Promise<number> =>
    options.timestamp === undefined ? (opts.clock.current() ?? opts.clock.now()) : undefined;
  /** build, and the time the Timestamp sent stands for (undefined when it is not a date) */
  const signAt = (action: string, params: Record<string, string>, creds: Credentials, options: CallOptions, clockAt: number | undefined): { signed: SignedRequest; stampedAt: number | undefined } => {
    const style = options.style ?? 'GET';
    const method = style === 'GET' ? 'GET' : 'POST';
    const signatureMethod: SignatureMethod = options.signatureMethod ?? 'HmacSHA256';
    const timestamp = options.timestamp ?? stamp(clockAt!);
    // the caller's params win over the common ones, so a suite can send SignatureVersion=1 (R-AUTH-3)
    const all: Record<string, string> = {
      Action: action,
      AWSAccessKeyId: creds.accessKeyId,
      SignatureVersion: '2',
      SignatureMethod: signatureMethod,
      Timestamp: timestamp,
      Version: options.version ?? opts.version,
      ...params,
    };
    // (delete only when there is one: a delete turns the object into a slow dictionary)
    if (Object.prototype.hasOwnProperty.call(all, 'Signature')) delete all.Signature;
    const host = options.hostWithoutPort ? (hostWithoutPort(base.host) ?? base.host) : base.host;
    // one encoding of the parameters serves the string to sign and the query sent (Signature last)
    const { signature, query } = signQuery({ method, host, path: base.pathname, params: all, secret: creds.secretAccessKey, signatureMethod });
    all.Signature = signature;
    let request = placeParams(href, query, style);
    if (options.tamper) request = options.tamper(request);
    // a Timestamp among the caller's params is what was sent: that is the stamp to judge
    const stampedAt = clockAt !== undefined && all.Timestamp === timestamp ? clockAt : Date.parse(all.Timestamp ?? '');
    return { signed: { request, params: all }, stampedAt: Number.isFinite(stampedAt) ? stampedAt : undefined };
  };

  return {
    build,
    async call(action, params, creds, options = {}): Promise<CallResult> {
      const first = await send(action, params, creds, options);
      if (options.timestamp !== undefined || !refusedForTimestamp(first) || !(await clockMovedPast(first))) return first.result;
      // R-AUTH-5: a request refused for its Timestamp changed nothing, so sending it again stamped
      // with the clock as it is now is safe; the transcript keeps both exchanges
      return (await send(action, params, creds, options)).result;
    },
  };

  /** the Timestamp was refused (R-AUTH-4) and the clock can be read afresh */
  function refusedForTimestamp(sent: { result: CallResult; stampedAt: number | undefined }): boolean {
    const d = sent.result.decoded;
    return sent.stampedAt !== undefined && d?.kind === 'error' && STALE_TIMESTAMP.includes(d.code) && opts.clock.refresher !== undefined;
  }
  /** after such a refusal: the target clock is now more than 5 minutes from the Timestamp sent, so
   *  something else moved a shared target's clock since the kit last read it */
  async function clockMovedPast(sent: { result: CallResult; stampedAt: number | undefined }): Promise<boolean> {
    if (sent.stampedAt === undefined) return false;
    const now = await opts.clock.fresh().catch(() => undefined);
    return now !== undefined && Math.abs(now - sent.stampedAt) > R_AUTH_4_ACCEPTED_MS;
  }

  async function send(action: string, params: Record<string, string>, creds: Credentials, options: CallOptions): Promise<{ result: CallResult; stampedAt: number | undefined }> {
    const reading = clockReading(options);
    const { signed: { request, params: sent }, stampedAt } = signAt(action, params, creds, options, typeof reading === 'object' ? await reading : reading);
    const label = options.label ?? action;
    try {
      const response = await opts.target.send(request, { timeoutMs: options.timeoutMs ?? opts.timeoutMs, label });
      opts.clock.observeDateHeader(response.headers.date);
      const decoded = decodeBody(response.body, action);
      return { result: { request, signed: sent, response, decoded, exchange: exchangeFor(opts.target, request, label, response) }, stampedAt };
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      return { result: { request, signed: sent, transportError: `${err.kind}: ${err.message}`, exchange: exchangeFor(opts.target, request, label, undefined, err) }, stampedAt };
    }
  }
}

function exchangeFor(
  target: FpsClientOptions['target'],
  request: WireRequest,
  label: string,
  response: CallResult['response'],
  err?: TransportError,
): Exchange {
  const recorded = target.exchangeOf?.(request);
  if (recorded) return recorded;
  const ex: Exchange = { seq: 0, sentAt: new Date().toISOString(), label, request, elapsedMs: 0 };
  if (response) ex.response = response;
  if (err) ex.error = `${err.kind}: ${err.message}`;
  return ex;
}
