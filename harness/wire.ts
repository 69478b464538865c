// What crosses the wire, as recorded in transcripts. Secrets are blanked where these are recorded (harness/transcript.ts).

export interface WireRequest {
  method: string;
  /** absolute URL including the query string */
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** how `body` becomes bytes: utf8 (default), or latin1 where each char is one byte (raw bytes that are not UTF-8, R-WIRE-5) */
  bodyEncoding?: 'utf8' | 'latin1';
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /**
   * Set when the answer was longer than the kit reads (harness/targets/http.ts MAX_BODY_BYTES): `body`
   * holds only the first `keptBytes`; `bytes` is the size seen (at least keptBytes + 1, or the declared
   * Content-Length when larger). Memory stays bounded whatever a target sends.
   */
  truncated?: { keptBytes: number; bytes: number };
}

/** One request and what came back (or why nothing did), with what the model allowed when it disagreed. */
export interface Exchange {
  seq: number;
  /** ISO time the request was sent (wall clock), and the target's sandbox clock when known */
  sentAt: string;
  sandboxNow?: string;
  /** a short human label, e.g. "Pay(#2, 10.00 USD)" */
  label?: string;
  request: WireRequest;
  response?: WireResponse;
  /** transport failure: timeout, reset, refused */
  error?: string;
  elapsedMs: number;
  /** failures only: the request as a copy-paste curl command (secrets already blanked) */
  curl?: string;
  /** when this exchange broke a rule: what the model allowed instead, and the rule ids */
  expected?: string;
  rules?: string[];
}
