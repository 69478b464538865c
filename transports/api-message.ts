// An FPS API request and its answer as plain data, without Fetch objects (undici's Request, Headers
// and body streams cost more than the rest of a Pay): the node:http adapter (node-http.ts) builds the
// request from node's own objects and writes the answer; the emulator (emulator/api.ts) answers it.

export interface ApiRequest {
  method: string;
  /** Host header as sent (R-AUTH-1b), else the URL's host */
  host: string;
  path: string;
  /** the query string without "?" */
  query: string;
  contentType: string | undefined;
  /** the body (POST), or why it could not be read */
  body: { ok: true; bytes: Uint8Array } | { ok: false; problem: string; tooLarge: boolean };
}

/** An answer to an API request (the core turns it into a Fetch Response or node writes it). */
export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}
