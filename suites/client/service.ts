// The kit playing FPS for an SDK: one Fetch handler that records every request the SDK makes through
// the kit's one recorder (transports/recording.ts: numbered, timed, labelled, secrets blanked, the same
// Exchange records as an emulator run's), applies an armed fault, and otherwise forwards to the backend
// (the reference emulator core). Request checks run later over the recorded exchanges
// (suites/client/request-checks.ts), so this file only records and serves.
import { TransportError } from '../../core/target.ts';
import type { Exchange, WireRequest, WireResponse } from '../../core/wire.ts';
import { recordingTarget, type RecordingTarget } from '../../transports/recording.ts';
import { VERSIONS, type Version } from '../../spec/types.ts';
import { encodeError, encodeResult } from '../../spec/wire/codec.ts';
import { faultSpec, mangleBody, truncateBody, type FaultName } from './faults.ts';
import { CERTIFICATE_PATH, type OutboundSigner } from './outbound.ts';
import { repairRequest, type Caller } from './repair.ts';
import { readParams } from './request-checks.ts';
import { readServed } from './served.ts';
import type { Decoded } from '../../spec/wire/decode.ts';
import { errorBody, type ErrorVariant, type ResultVariant } from './variants.ts';
import { RESET, type Backend, type ServiceResponse } from '../../core/handler.ts';
export { RESET, type Backend, type ServiceResponse } from '../../core/handler.ts';

export type ServedKind = 'api' | 'cbui' | 'sandbox' | 'kit';

export interface Served {
  /** the exchange's number in the recorder (transports/recording.ts) */
  seq: number;
  kind: ServedKind;
  /** the request as the SDK sent it, not blanked (request checks verify its signature); the Host header it sent is in `request.headers.host` */
  request: WireRequest;
  response?: WireResponse;
  /** transport failure the kit caused (connection reset) */
  error?: string;
  /** the fault applied to this exchange, if any */
  fault?: FaultName;
  /** true when the response is the backend's own, unmodified */
  genuine: boolean;
  /** the answer as the SDK received it (parsed from the body actually sent); none after a reset */
  answer?: Decoded;
  /** what the backend answered before any fault spoiled it, when it was asked */
  backendAnswer?: Decoded;
  /** the answer variant served (suites/client/variants.ts), when not the backend's canonical dress */
  variant?: string;
  /** request deviations the service set right before answering (lenient mode, suites/client/repair.ts) */
  repaired?: string[];
}

export interface ServiceOptions {
  /** how long `slow-answer` withholds the answer */
  slowAnswerMs?: number;
  /** refuse deviating requests as a real FPS would, instead of answering as if they were right */
  strict?: boolean;
}

const CBUI_PATH = /^\/cobranded-ui\//;

/** The recorder's own origin: never used to send (the requests are received), only to name the target. */
const IN_PROCESS_ORIGIN = 'http://127.0.0.1/';

export class KitService {
  readonly served: Served[] = [];
  private armed: FaultName | undefined;
  /** what transcripts show: the SDK's requests go through it as through any target's recorder */
  private readonly recorder: RecordingTarget;
  /** what exchanges recorded from now on are labelled (the SDK call they belong to) */
  private label: string | undefined;
  /** the Fetch request (headers kept whole) and record behind each wire request in flight */
  private readonly inFlight = new WeakMap<WireRequest, { request: Request; record: Served; reply?: Response }>();
  private caller: Caller | undefined;
  private restyle: ((action: string, seq: number) => ResultVariant | undefined) | undefined;
  private error: { variant: ErrorVariant; left: number } | undefined;
  /** signs the kit's own outbound messages and answers VerifySignature for them */
  outbound: OutboundSigner | undefined;

  constructor(
    private readonly backend: Backend,
    private readonly options: ServiceOptions = {},
  ) {
    const serve = async (wire: WireRequest): Promise<WireResponse> => {
      const flight = this.inFlight.get(wire)!;
      const res = await this.serve(flight.request, flight.record);
      if (res === RESET) throw new TransportError((flight.record.error = 'connection reset by the kit (fault)'), 'reset');
      flight.reply = res;
      return flight.record.response!;
    };
    this.recorder = recordingTarget({ baseUrl: IN_PROCESS_ORIGIN, send: serve, close: async () => undefined }, { received: true });
  }

  /** Blank this value in every exchange recorded (the SDK holds the caller's secret key; a faulty one may send it). */
  addSecret(secret: string): void {
    this.recorder.addSecret(secret);
  }

  /** The next API request gets this fault (then it is disarmed); retries go through untouched. */
  arm(fault: FaultName | undefined): void {
    this.armed = fault;
  }

  /** The caller's keys: a deviating request is re-signed with them and answered as if right (unless strict). */
  trust(caller: Caller): void {
    this.caller = caller;
    this.addSecret(caller.secretAccessKey);
  }

  get strict(): boolean {
    return this.options.strict === true;
  }

  /** Successful answers go out in `pick(action)`'s dress (undefined: the backend's own). */
  restyleWith(pick: ((action: string, seq: number) => ResultVariant | undefined) | undefined): void {
    this.restyle = pick;
  }

  /** The next `times` API requests are answered with this error, not processed (a resend meets it again). */
  serveError(variant: ErrorVariant | undefined, times = 3): void {
    this.error = variant === undefined ? undefined : { variant, left: times };
  }

  /** index to pass to `since`; the exchanges recorded from now on carry `label` (none when not given) */
  mark(label?: string): number {
    this.label = label;
    return this.served.length;
  }

  since(mark: number): Served[] {
    return this.served.slice(mark);
  }

  /** The exchange as the recorder shows it (secrets blanked): what a transcript holds. */
  exchangeOf(s: Served): Exchange {
    return this.recorder.exchangeOf(s.request)!;
  }

  async handle(request: Request): Promise<ServiceResponse> {
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    const url = new URL(request.url);
    if (headers.host === undefined) headers.host = url.host;
    const wire: WireRequest = { method: request.method, url: request.url, headers, ...(body !== '' ? { body } : {}) };
    const kind: ServedKind = url.pathname.startsWith('/_sandbox') ? 'sandbox' : CBUI_PATH.test(url.pathname) ? 'cbui' : url.pathname === CERTIFICATE_PATH ? 'kit' : 'api';
    // the recorder numbers the exchange as it starts, so the record carries the same number
    const record: Served = { seq: this.recorder.count + 1, kind, request: wire, genuine: true };
    this.served.push(record);
    const flight: { request: Request; record: Served; reply?: Response } = { request, record };
    this.inFlight.set(wire, flight);
    try {
      await this.recorder.send(wire, this.label !== undefined ? { label: this.label } : {});
      return flight.reply!;
    } catch (err) {
      if (err instanceof TransportError && err.kind === 'reset' && record.error !== undefined) return RESET;
      throw err;
    } finally {
      this.inFlight.delete(wire);
    }
  }

  /** The answer to one request: a fault, an error variant, the kit's own, or the backend's (perhaps restyled). */
  private async serve(request: Request, record: Served): Promise<ServiceResponse> {
    const { kind, request: wire } = record;
    const fault = kind === 'api' ? this.armed : undefined;
    if (fault !== undefined) {
      this.armed = undefined;
      record.fault = fault;
    }
    const spec = fault !== undefined ? faultSpec(fault) : undefined;
    const finish = async (res: Response | typeof RESET): Promise<ServiceResponse> => {
      if (res === RESET) return RESET;
      const text = await res.clone().text();
      const rh: Record<string, string> = {};
      res.headers.forEach((v, k) => (rh[k] = v));
      record.response = { status: res.status, headers: rh, body: text };
      if (kind === 'api') record.answer = readServed(text);
      return res;
    };

    if (kind === 'kit') {
      const pem = this.outbound?.publicKeyPem;
      return finish(pem !== undefined ? new Response(pem, { status: 200, headers: { 'content-type': 'application/x-pem-file' } }) : new Response('no certificate', { status: 404 }));
    }

    if (kind === 'api' && this.error !== undefined && fault === undefined) {
      const { variant } = this.error;
      if (--this.error.left <= 0) this.error = undefined;
      record.genuine = false;
      record.variant = variant.name;
      return finish(new Response(errorBody(variant, `variant-${record.seq}`), { status: variant.status, headers: { 'content-type': 'text/xml' } }));
    }

    if (spec?.error !== undefined) {
      record.genuine = false;
      const requestId = `fault-${record.seq}`;
      const xml = encodeError(spec.error.code, `injected by the conformance kit (${spec.name})`, requestId);
      return finish(new Response(xml, { status: spec.error.status, headers: { 'content-type': 'text/xml' } }));
    }

    // Lenient by default: a deviation is recorded (request checks) and answered as if right.
    let forwardedWire: WireRequest = wire;
    if (kind === 'api' && !this.strict && this.caller !== undefined) {
      const fixed = repairRequest(wire, this.caller);
      if (fixed !== undefined) {
        forwardedWire = fixed.request;
        record.repaired = fixed.repaired;
      }
    }
    const own = kind === 'api' ? this.ownVerifySignature(forwardedWire, record.seq) : undefined;
    const res = own ?? (await this.backend.handle(toRequest(forwardedWire, request.headers)));
    const rawText = await res.text();
    let text = rawText;
    const action = kind === 'api' && res.status >= 200 && res.status < 300 ? readServed(rawText) : undefined;
    const style = action?.kind === 'result' ? this.restyle?.(action.action, record.seq) : undefined;
    if (style !== undefined && action?.kind === 'result') {
      text = style.restyle(rawText, action.action);
      if (text !== rawText) record.variant = style.name;
    }
    const contentType = res.headers.get('content-type') ?? 'text/xml';
    if (kind === 'api') record.backendAnswer = readServed(rawText);
    const copy = (b: string, status = res.status): Response => {
      const h = new Headers(res.headers);
      h.delete('content-length');
      h.set('content-type', contentType);
      return new Response(b, { status, headers: h });
    };
    switch (spec?.spoil) {
      case undefined:
        return finish(copy(text));
      case 'reset':
        record.genuine = false;
        return finish(RESET);
      case 'delay':
        await new Promise((r) => setTimeout(r, this.options.slowAnswerMs ?? 1500));
        return finish(copy(text));
      case 'truncate':
        record.genuine = false;
        return finish(copy(truncateBody(text), 200));
      case 'mangle':
        record.genuine = false;
        return finish(copy(mangleBody(text), 200));
    }
  }

  /** R-IPN-3: the service answers VerifySignature for the outbound messages it signed itself. */
  private ownVerifySignature(req: WireRequest, seq: number): Response | undefined {
    if (this.outbound === undefined) return undefined;
    const read = readParams(req);
    if (!read.ok || read.params.Action !== 'VerifySignature') return undefined;
    const { UrlEndPoint: endpoint, HttpParameters: http, Version: v } = read.params;
    if (endpoint === undefined || http === undefined) return undefined;
    const status = this.outbound.answer(endpoint, http);
    if (status === undefined) return undefined;
    const version: Version = (VERSIONS as readonly string[]).includes(v ?? '') ? (v as Version) : VERSIONS[VERSIONS.length - 1]!;
    return new Response(encodeResult('VerifySignature', version, { VerificationStatus: status }, `kit-verify-${seq}`), { status: 200, headers: { 'content-type': 'text/xml' } });
  }
}

/** The request to hand the backend: as sent, or as repaired (headers kept but for what the repair set). */
function toRequest(w: WireRequest, original: Headers): Request {
  const headers = new Headers(original);
  for (const [k, v] of Object.entries(w.headers)) if (k !== 'host') headers.set(k, v);
  headers.delete('content-length');
  return new Request(w.url, { method: w.method, headers, ...(w.body !== undefined && w.body !== '' ? { body: w.body } : {}) });
}
