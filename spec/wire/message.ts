// An HTTP request and answer as plain data: what the kit sends and reads, in both directions. Pure
// records (spec/ does no I/O); transports turn them into bytes.

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
   * Set when the answer was longer than the kit reads (transports/http.ts MAX_BODY_BYTES): `body`
   * holds only the first `keptBytes`; `bytes` is the size seen (at least keptBytes + 1, or the declared
   * Content-Length when larger). Memory stays bounded whatever a target sends.
   */
  truncated?: { keptBytes: number; bytes: number };
}
