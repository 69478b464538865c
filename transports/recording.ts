// The one wrapper every target goes through: numbers exchanges (seq), records them with labels and
// the target's sandbox clock, blanks secrets (redact.ts), and refuses any URL that is neither the
// target nor loopback. Suites read transcripts from here; failures carry them.
import { TransportError, type SendOptions, type Target } from '../core/target.ts';
import type { Exchange, WireRequest, WireResponse } from '../core/wire.ts';
import { assertAllowed } from './guard.ts';
import { learnSecrets, MAX_RECORDED_BODY, redactExchange, SecretBook } from './redact.ts';

export interface RecordingTarget extends Target {
  /** exchanges recorded since the last mark, secrets blanked */
  transcript(): Exchange[];
  markTranscript(): void;
  /** blank this value wherever it appears in recorded exchanges (user-supplied secret keys) */
  addSecret(secret: string): void;
  /** the recorded (redacted) exchange of a request this target sent, by identity; one still waiting for its answer shows the request alone */
  exchangeOf(request: WireRequest): Exchange | undefined;
  /** number of exchanges sent so far */
  readonly count: number;
}

export interface RecordingOptions {
  /** the target's sandbox clock (ISO) when known, stamped on each exchange */
  sandboxNow?: () => string | undefined;
  secrets?: string[];
  /** most exchanges kept since the last mark (older ones dropped; default 2,000) */
  maxKept?: number;
  /** the requests come to the kit (it plays FPS for an SDK) rather than from it: nothing leaves, so no URL is refused */
  received?: boolean;
}

export function recordingTarget(inner: Target, options: RecordingOptions = {}): RecordingTarget {
  const book = new SecretBook();
  for (const s of options.secrets ?? []) book.add(s);
  const maxKept = options.maxKept ?? 2000;
  let seq = 0;
  let kept: Exchange[] = [];
  // each request sent carries its shown exchange under this target's own key (non-enumerable: no
  // spread, JSON or equality check sees it); a request that cannot take a property (frozen) goes
  // in the WeakMap, which costs more per request
  const tag: unique symbol = Symbol('recorded exchange');
  const byRequest = new WeakMap<WireRequest, Exchange>();
  type Tagged = WireRequest & { [tag]?: Exchange };
  const remember = (request: Tagged, shown: Exchange): void => {
    if (Object.prototype.hasOwnProperty.call(request, tag)) {
      if (!Reflect.set(request, tag, shown)) byRequest.set(request, shown);
    } else if (Object.isExtensible(request)) {
      Object.defineProperty(request, tag, { value: shown, writable: true, configurable: true });
    } else {
      byRequest.set(request, shown);
    }
  };
  // (the WeakMap first: a request frozen after it was tagged keeps a stale tag)
  const recalled = (request: Tagged): Exchange | undefined => byRequest.get(request) ?? request[tag];
  // a slow answer the client gave up on is still in a transcript, as the request alone (a Map, not a
  // WeakMap: an entry lives only while its request is in flight, and a Map costs less per request)
  const waiting = new Map<WireRequest, Exchange>();
  const originPrefix = `${new URL(inner.baseUrl).origin}/`;
  // older exchanges are dropped in batches (amortised O(1) per request); readers see the last maxKept
  const record = (ex: Exchange): void => {
    kept.push(ex);
    if (kept.length > 2 * maxKept) kept = kept.slice(kept.length - maxKept);
  };
  return {
    baseUrl: inner.baseUrl,
    get count() {
      return seq;
    },
    async send(request: WireRequest, opts: SendOptions = {}): Promise<WireResponse> {
      // on the target's origin by prefix: after "scheme://host:port/" nothing in a URL changes its origin
      if (options.received !== true && !request.url.startsWith(originPrefix)) assertAllowed(request.url, inner.baseUrl);
      const ex: Exchange = { seq: ++seq, sentAt: isoNow(), request, elapsedMs: 0 };
      const now = options.sandboxNow?.();
      if (now !== undefined) ex.sandboxNow = now;
      if (opts.label !== undefined) ex.label = opts.label;
      const t0 = performance.now();
      waiting.set(request, ex);
      try {
        const response = await inner.send(request, opts);
        ex.response = response;
        learnSecrets(book, request, response);
        return response;
      } catch (err) {
        ex.error = err instanceof TransportError ? `${err.kind}: ${err.message}` : String(err);
        throw err;
      } finally {
        ex.elapsedMs = Math.round(performance.now() - t0);
        const shown = lazilyRedacted(book, ex);
        waiting.delete(request);
        remember(request, shown);
        record(shown);
      }
    },
    transcript: () => kept.slice(Math.max(0, kept.length - maxKept)),
    markTranscript: () => {
      kept = [];
    },
    addSecret: (s) => book.add(s),
    exchangeOf: (r) => {
      const pending = waiting.get(r);
      return pending !== undefined ? redactExchange(book, pending) : recalled(r);
    },
    close: () => inner.close(),
  };
}

/**
 * The exchange as shown, its request, response and error blanked on first read (redact.ts): only a
 * failing case's transcript is ever read, so a passing request never pays for redaction. The book
 * at read time knows at least the secrets it knew when the request was sent.
 */
function lazilyRedacted(book: SecretBook, raw: Exchange): Exchange {
  // a big body is clipped at once, so kept exchanges never hold a hostile answer whole
  if ((raw.response?.body.length ?? 0) > MAX_RECORDED_BODY || (raw.request.body?.length ?? 0) > MAX_RECORDED_BODY) return redactExchange(book, raw);
  const { response, error } = raw;
  // the plain fields in the raw exchange's order (seq, sentAt, elapsedMs, then sandboxNow and label when set), built
  // field by field: a rest pattern copies through a slow generic path
  const view = { seq: raw.seq, sentAt: raw.sentAt, elapsedMs: raw.elapsedMs } as Exchange;
  if (raw.sandboxNow !== undefined) view.sandboxNow = raw.sandboxNow;
  if (raw.label !== undefined) view.label = raw.label;
  // the raw exchange rides on the view itself, under a key no spread, JSON or equality check sees
  const lazy: LazyState = { book, raw, shown: undefined };
  return Object.defineProperties(view, {
    [LAZY]: { value: lazy },
    ...(response !== undefined ? (error !== undefined ? ALL : WITH_RESPONSE) : error !== undefined ? WITH_ERROR : REQUEST_ONLY),
  });
}

interface LazyState { book: SecretBook; raw: Exchange; shown: Exchange | undefined }
/** the non-enumerable key of a view's raw exchange, and its redacted form once read */
const LAZY: unique symbol = Symbol('raw exchange');

/** The ISO time now, formatted once per millisecond (a busy run records many exchanges in one). */
let lastMs = NaN, lastIso = '';
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

/** one accessor per field, shared by every view: reads the redacted form, a write makes a plain field */
function lazyField(key: 'request' | 'response' | 'error'): PropertyDescriptor {
  return {
    enumerable: true,
    configurable: true,
    get(this: Exchange & { [LAZY]: LazyState }) {
      const l = this[LAZY];
      l.shown ??= redactExchange(l.book, l.raw);
      return l.shown[key];
    },
    set(this: Exchange, v: unknown) {
      Object.defineProperty(this, key, { value: v, enumerable: true, configurable: true, writable: true });
    },
  };
}
const REQUEST_ONLY = { request: lazyField('request') };
const WITH_RESPONSE = { ...REQUEST_ONLY, response: lazyField('response') };
const WITH_ERROR = { ...REQUEST_ONLY, error: lazyField('error') };
const ALL = { ...WITH_RESPONSE, error: lazyField('error') };
