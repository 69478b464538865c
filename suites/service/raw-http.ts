// Raw HTTP/1.1 over a socket, for the requests no HTTP client sends: a 20 MiB request line, a 100 MiB
// body, CONNECT, an unknown method token. What would be a huge string is a `repeat` part, streamed in
// 64 KiB writes of one shared buffer, so memory stays flat whatever the size. The answer is read with
// a bounded buffer and told apart the way R-WIRE-5 needs it: a complete response (whatever the server
// does with the connection afterwards) versus a reset, a close or silence before one.
import net from 'node:net';
import tls from 'node:tls';

/** Text is sent as latin1 (one byte per char); `repeat` sends one ASCII character `bytes` times. */
export type Part = string | { repeat: string; bytes: number };

export interface RawRequest {
  /** the request's method, for the answer's framing (HEAD has no body, a 2xx to CONNECT opens a tunnel) */
  method: string;
  /** the request as sent: head and body, in order */
  parts: readonly Part[];
}

export interface RawResponse {
  status: number;
  reason: string;
  /** lower-case names; repeated headers joined with ", " */
  headers: Record<string, string>;
  /** the first `keepBodyBytes` of the body, as latin1 text */
  body: string;
  bodyBytes: number;
}

/**
 * `response`: a complete response, and no reset in the grace window after it. `reset-after`: a
 * complete response, then a reset within the grace window: a client that sends its whole request
 * before reading (most do) loses that answer to the reset (RFC 9112 §9.6: a server closes in stages).
 * `dropped`: the connection ended (reset or closed) before a complete response; `timeout`: a hang.
 */
export type RawOutcome =
  | { kind: 'response'; response: RawResponse; sentBytes: number; elapsedMs: number }
  | { kind: 'reset-after'; response: RawResponse; detail: string; sentBytes: number; elapsedMs: number }
  | { kind: 'dropped' | 'timeout' | 'refused' | 'error'; detail: string; sentBytes: number; elapsedMs: number; head?: { status: number; reason: string; headers: Record<string, string> } };

export interface RawSendOptions {
  /** a hang: nothing accepted or received for this long */
  timeoutMs: number;
  /** the whole exchange's ceiling (default 6 × timeoutMs): a server that reads forever is a hang too */
  totalMs?: number;
  /**
   * After a complete response, how long the kit keeps sending and watches for a reset (default 200 ms).
   * Shorter than the half-second a server that closes in stages commonly waits before closing (Go's
   * net/http), so only a reset at once, the kind that loses answers, counts.
   */
  graceMs?: number;
  /** body bytes of the answer kept (default 64 KiB); the rest is counted */
  keepBodyBytes?: number;
  /** most bytes of a response head read (default 64 KiB) */
  maxHeadBytes?: number;
}

const WRITE_CHUNK = 64 * 1024;

/** Size in bytes of a request made of parts. */
export function partsLength(parts: readonly Part[]): number {
  return parts.reduce((n, p) => n + (typeof p === 'string' ? p.length : p.bytes), 0);
}

/**
 * Sends `req` to `baseUrl`'s host and port and reads one response. Never rejects. After a complete
 * response the kit goes on for `graceMs` the way a client that writes its whole request before
 * reading would: it sends the rest of the request and, once the server has closed its side, writes
 * bare CRLFs (which HTTP ignores between requests, RFC 9112 §2.2) to see whether the server still
 * reads. A reset then means such a client loses the answer. A connection kept open is waited on for
 * the grace window (nothing else tells "no reset" from "not yet").
 */
export function sendRawHttp(baseUrl: string, req: RawRequest, o: RawSendOptions): Promise<RawOutcome> {
  const url = new URL(baseUrl);
  const secure = url.protocol === 'https:';
  const port = Number(url.port || (secure ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const started = performance.now();
  const totalMs = o.totalMs ?? 6 * o.timeoutMs;
  const graceMs = o.graceMs ?? 200;
  const total = partsLength(req.parts);
  let sent = 0;
  return new Promise((resolve) => {
    // half-open (plain TCP): the server's FIN must not close our side, so a reset after it can still be seen
    const socket = secure ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host }) : net.connect({ host, port, allowHalfOpen: true });
    const reader = new ResponseReader(req.method, o.keepBodyBytes ?? 64 * 1024, o.maxHeadBytes ?? 64 * 1024);
    let settled = false;
    let peerEnded = false;
    /** the complete response, while the grace window runs */
    let answered: { response: RawResponse; at: number } | undefined;
    let probe: NodeJS.Timeout | undefined;
    const elapsed = (): number => Math.round(performance.now() - started);
    const settle = (outcome: RawOutcome): void => {
      if (settled) return;
      settled = true;
      for (const t of [timer, ceiling, grace]) clearTimeout(t);
      clearInterval(probe);
      socket.destroy();
      resolve(outcome);
    };
    const progress = (): string => `${reader.progress()}, ${sent} of ${total} request bytes sent`;
    const fail = (kind: 'dropped' | 'timeout' | 'refused' | 'error', detail: string): void => {
      const head = reader.head();
      settle({ kind, detail, sentBytes: sent, elapsedMs: elapsed(), ...(head ? { head } : {}) });
    };
    const pass = (): void => {
      if (answered) settle({ kind: 'response', response: answered.response, sentBytes: sent, elapsedMs: Math.round(answered.at - started) });
    };
    /** answered and all sent: a client that writes before reading now reads its answer; done */
    const finishing = (): void => {
      if (answered && sent >= total) pass();
    };
    // idle, not total: a big request that the server keeps reading is progress, not a hang
    const timer = setTimeout(() => fail('timeout', `nothing sent or received for ${o.timeoutMs} ms and no complete response (${progress()})`), o.timeoutMs);
    const ceiling = setTimeout(() => fail('timeout', `no complete response within ${totalMs} ms (${progress()})`), totalMs);
    let grace: NodeJS.Timeout | undefined;
    const check = (): void => {
      if (answered) return;
      const problem = reader.problem();
      if (problem) return fail('error', problem);
      const response = reader.complete();
      if (!response) return;
      answered = { response, at: performance.now() };
      clearTimeout(timer);
      grace = setTimeout(pass, graceMs);
      finishing();
    };
    socket.on('data', (chunk: Buffer) => {
      timer.refresh();
      reader.push(chunk);
      check();
    });
    socket.on('end', () => {
      peerEnded = true;
      reader.end();
      check();
      if (!answered) return fail('dropped', `the connection was closed before a complete response (${progress()})`);
      finishing();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') return fail('refused', `connection refused (${host}:${port})`);
      const reset = err.code === 'ECONNRESET' || err.code === 'EPIPE';
      if (answered && reset) {
        const after = Math.round(performance.now() - answered.at);
        return settle({ kind: 'reset-after', response: answered.response, detail: `the connection was reset (${err.code}) ${after} ms after the answer (${progress()})`, sentBytes: sent, elapsedMs: elapsed() });
      }
      if (answered) return pass();
      fail(reset ? 'dropped' : 'error', `${reset ? 'the connection was reset' : 'the connection failed'} (${err.code ?? err.message}) before a complete response (${progress()})`);
    });
    socket.on('close', () => (answered ? pass() : fail('dropped', `the connection was closed before a complete response (${progress()})`)));
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      void writeParts(socket, req.parts, () => settled, (n) => {
        sent += n;
        timer.refresh();
        finishing();
      });
    });
  });
}

/** Writes the parts with backpressure; stops as soon as the exchange is over (an early answer). */
async function writeParts(socket: net.Socket, parts: readonly Part[], over: () => boolean, count: (n: number) => void): Promise<void> {
  const drain = (): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        socket.off('drain', done);
        socket.off('close', done);
        resolve();
      };
      socket.on('drain', done);
      socket.on('close', done);
    });
  const write = async (b: Buffer): Promise<boolean> => {
    if (over() || socket.destroyed) return false;
    const flushed = socket.write(b);
    count(b.length);
    if (!flushed) await drain();
    return true;
  };
  for (const p of parts) {
    if (typeof p === 'string') {
      if (!(await write(Buffer.from(p, 'latin1')))) return;
      continue;
    }
    const block = Buffer.alloc(Math.min(WRITE_CHUNK, p.bytes), p.repeat);
    for (let left = p.bytes; left > 0; left -= block.length) {
      if (!(await write(left >= block.length ? block : block.subarray(0, left)))) return;
    }
  }
}

type Framing = { kind: 'none' } | { kind: 'length'; left: number } | { kind: 'chunked' } | { kind: 'close' };

/**
 * An incremental HTTP/1.1 response reader: skips 1xx interim answers, frames the body by
 * Content-Length, chunked coding or the close (RFC 9112 §6.3), keeps a bounded prefix of it.
 */
export class ResponseReader {
  private buf: Buffer = Buffer.alloc(0);
  private status = 0;
  private reason = '';
  private headers: Record<string, string> | undefined;
  private framing: Framing | undefined;
  private kept: Buffer[] = [];
  private keptBytes = 0;
  private bodyBytes = 0;
  private chunkLeft = -1;
  private trailers = false;
  private done = false;
  private ended = false;
  private bad: string | undefined;

  constructor(
    private readonly method: string,
    private readonly keepBodyBytes: number,
    private readonly maxHeadBytes: number,
  ) {}

  push(chunk: Buffer): void {
    if (this.done || this.bad) return;
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    this.parse();
  }

  /** the server closed its side (FIN): a close-delimited body is complete */
  end(): void {
    this.ended = true;
    if (this.framing?.kind === 'close') this.done = true;
  }

  complete(): RawResponse | undefined {
    if (!this.done || !this.headers) return undefined;
    return { status: this.status, reason: this.reason, headers: this.headers, body: Buffer.concat(this.kept).toString('latin1'), bodyBytes: this.bodyBytes };
  }

  head(): { status: number; reason: string; headers: Record<string, string> } | undefined {
    return this.headers ? { status: this.status, reason: this.reason, headers: this.headers } : undefined;
  }

  problem(): string | undefined {
    return this.bad;
  }

  progress(): string {
    if (!this.headers) return this.buf.length === 0 ? 'nothing received' : `${this.buf.length} bytes of a response head received`;
    return `HTTP ${this.status} head and ${this.bodyBytes} body bytes received${this.ended ? ', then the close' : ''}`;
  }

  private parse(): void {
    while (!this.headers && !this.bad) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.buf.length > this.maxHeadBytes) this.bad = `the response head is over ${this.maxHeadBytes} bytes`;
        return;
      }
      const lines = this.buf.subarray(0, end).toString('latin1').split('\r\n');
      this.buf = this.buf.subarray(end + 4);
      const m = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
      if (!m) {
        this.bad = `the answer is not an HTTP/1.x response (status line ${JSON.stringify((lines[0] ?? '').slice(0, 80))})`;
        return;
      }
      const status = Number(m[1]);
      // 1xx interim answers (100 Continue, 103) come before the real one; 101 would switch protocols
      if (status >= 100 && status < 200 && status !== 101) continue;
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const i = line.indexOf(':');
        if (i <= 0) continue;
        const name = line.slice(0, i).trim().toLowerCase();
        const value = line.slice(i + 1).trim();
        headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
      }
      this.status = status;
      this.reason = m[2] ?? '';
      this.headers = headers;
      this.framing = this.framingOf(status, headers);
      if (this.framing.kind === 'none') this.done = true;
    }
    if (this.headers && !this.done && !this.bad) this.body();
  }

  private framingOf(status: number, h: Record<string, string>): Framing {
    const method = this.method.toUpperCase();
    if (method === 'HEAD' || status === 204 || status === 304 || status === 101 || (method === 'CONNECT' && status >= 200 && status < 300)) return { kind: 'none' };
    if (/(^|,)\s*chunked\s*$/i.test(h['transfer-encoding'] ?? '')) return { kind: 'chunked' };
    if (h['content-length'] !== undefined) {
      const n = Number(h['content-length'].split(',')[0]);
      if (!Number.isSafeInteger(n) || n < 0) {
        this.bad = `the response Content-Length ${JSON.stringify(h['content-length'])} is not a length`;
        return { kind: 'none' };
      }
      return n === 0 ? { kind: 'none' } : { kind: 'length', left: n };
    }
    return { kind: 'close' };
  }

  private take(bytes: Buffer): void {
    this.bodyBytes += bytes.length;
    const room = this.keepBodyBytes - this.keptBytes;
    if (room > 0) {
      const part = bytes.subarray(0, room);
      this.kept.push(Buffer.from(part));
      this.keptBytes += part.length;
    }
  }

  private body(): void {
    const f = this.framing!;
    if (f.kind === 'close') {
      this.take(this.buf);
      this.buf = Buffer.alloc(0);
      return;
    }
    if (f.kind === 'length') {
      const part = this.buf.subarray(0, f.left);
      this.take(part);
      f.left -= part.length;
      this.buf = this.buf.subarray(part.length);
      if (f.left === 0) this.done = true;
      return;
    }
    // chunked: size line, data, CRLF; a 0 size, then trailers up to an empty line
    for (;;) {
      if (this.trailers) {
        const end = this.buf.indexOf('\r\n');
        if (end < 0) return;
        const line = this.buf.subarray(0, end);
        this.buf = this.buf.subarray(end + 2);
        if (line.length === 0) {
          this.done = true;
          return;
        }
        continue;
      }
      if (this.chunkLeft < 0) {
        const end = this.buf.indexOf('\r\n');
        if (end < 0) {
          if (this.buf.length > 4096) this.bad = 'a chunk size line of the response is over 4096 bytes';
          return;
        }
        const size = Number.parseInt(this.buf.subarray(0, end).toString('latin1').split(';')[0]!.trim(), 16);
        if (!Number.isSafeInteger(size) || size < 0) {
          this.bad = 'the response has a chunk size that is not hexadecimal';
          return;
        }
        this.buf = this.buf.subarray(end + 2);
        if (size === 0) {
          this.trailers = true;
          continue;
        }
        this.chunkLeft = size;
      }
      const part = this.buf.subarray(0, this.chunkLeft);
      this.take(part);
      this.chunkLeft -= part.length;
      this.buf = this.buf.subarray(part.length);
      if (this.chunkLeft > 0) return;
      if (this.buf.length < 2) {
        this.chunkLeft = 0;
        return;
      }
      this.buf = this.buf.subarray(2); // the CRLF after the data
      this.chunkLeft = -1;
    }
  }
}
