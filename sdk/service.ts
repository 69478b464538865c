// The kit playing FPS for an SDK: one Fetch handler that records every request the SDK makes,
// applies an armed fault, and otherwise forwards to the backend (the reference emulator core).
// Request checks run later over the recorded exchanges (sdk/request-checks.ts), so this file only
// records and serves.
import type { Exchange, WireRequest, WireResponse } from '../harness/wire.ts';
import { encodeError } from '../spec/wire/codec.ts';
import { faultSpec, mangleBody, truncateBody, type FaultName } from './faults.ts';
import { readServed, type ServedAnswer } from './served.ts';

/** The FPS the kit serves: a Fetch-level core such as the reference emulator's `createEmulator`. */
export interface Backend {
  handle(request: Request): Promise<Response>;
  close(): Promise<void>;
}

export type ServedKind = 'api' | 'cbui' | 'sandbox';

export interface Served {
  seq: number;
  kind: ServedKind;
  /** the request as the SDK sent it; the Host header it sent is in `request.headers.host` */
  request: WireRequest;
  response?: WireResponse;
  /** transport failure the kit caused (connection reset) */
  error?: string;
  /** the fault applied to this exchange, if any */
  fault?: FaultName;
  /** true when the response is the backend's own, unmodified */
  genuine: boolean;
  /** the answer as the SDK received it (parsed from the body actually sent); none after a reset */
  answer?: ServedAnswer;
  /** what the backend answered before any fault spoiled it, when it was asked */
  backendAnswer?: ServedAnswer;
  sentAt: string;
  elapsedMs: number;
}

export interface ServiceOptions {
  /** how long `slow-answer` withholds the answer */
  slowAnswerMs?: number;
}

/** A Response that tells the transport adapters to drop the connection (connection-reset). */
export const RESET = Symbol('fps-conformance.reset');
export type ServiceResponse = Response | typeof RESET;

const CBUI_PATH = /^\/cobranded-ui\//;

export class KitService {
  readonly served: Served[] = [];
  private armed: FaultName | undefined;
  private seq = 0;

  constructor(
    private readonly backend: Backend,
    private readonly options: ServiceOptions = {},
  ) {}

  /** The next API request gets this fault (then it is disarmed); retries go through untouched. */
  arm(fault: FaultName | undefined): void {
    this.armed = fault;
  }

  /** index to pass to `since` */
  mark(): number {
    return this.served.length;
  }

  since(mark: number): Served[] {
    return this.served.slice(mark);
  }

  async handle(request: Request): Promise<ServiceResponse> {
    const started = Date.now();
    const sentAt = new Date(started).toISOString();
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    const url = new URL(request.url);
    if (headers.host === undefined) headers.host = url.host;
    const wire: WireRequest = { method: request.method, url: request.url, headers, ...(body !== '' ? { body } : {}) };
    const kind: ServedKind = url.pathname.startsWith('/_sandbox') ? 'sandbox' : CBUI_PATH.test(url.pathname) ? 'cbui' : 'api';
    const record: Served = { seq: ++this.seq, kind, request: wire, genuine: true, sentAt, elapsedMs: 0 };
    this.served.push(record);

    const fault = kind === 'api' ? this.armed : undefined;
    if (fault !== undefined) {
      this.armed = undefined;
      record.fault = fault;
    }
    const spec = fault !== undefined ? faultSpec(fault) : undefined;
    const finish = async (res: Response | typeof RESET): Promise<ServiceResponse> => {
      record.elapsedMs = Date.now() - started;
      if (res === RESET) {
        record.error = 'connection reset by the kit (fault)';
        return RESET;
      }
      const text = await res.clone().text();
      const rh: Record<string, string> = {};
      res.headers.forEach((v, k) => (rh[k] = v));
      record.response = { status: res.status, headers: rh, body: text };
      if (kind === 'api') record.answer = readServed(text);
      return res;
    };

    if (spec?.error !== undefined) {
      record.genuine = false;
      const requestId = `fault-${record.seq}`;
      const xml = encodeError(spec.error.code, `injected by the conformance kit (${spec.name})`, requestId);
      return finish(new Response(xml, { status: spec.error.status, headers: { 'content-type': 'text/xml' } }));
    }

    const forwarded = new Request(request.url, {
      method: request.method,
      headers: request.headers,
      ...(body !== '' ? { body } : {}),
    });
    const res = await this.backend.handle(forwarded);
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? 'text/xml';
    if (kind === 'api') record.backendAnswer = readServed(text);
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
}

/** A recorded exchange in the harness transcript format (no secrets cross here: requests carry only signatures). */
export function toExchange(s: Served, label?: string): Exchange {
  return {
    seq: s.seq,
    sentAt: s.sentAt,
    ...(label !== undefined ? { label } : {}),
    request: s.request,
    ...(s.response !== undefined ? { response: s.response } : {}),
    ...(s.error !== undefined ? { error: s.error } : {}),
    elapsedMs: s.elapsedMs,
  };
}
