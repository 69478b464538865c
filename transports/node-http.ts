// The one node:http adapter: serves a Fetch handler on a port. It reads the request, builds a Fetch
// Request, writes the Response back, one log line per request. It never drops a connection (R-WIRE-5
// "never ... a dropped connection"): a request line and headers up to 16 MiB and a body up to 64 MiB
// are read and answered; anything larger, any method, and bytes that are not HTTP get a complete 4xx
// (rendered by the server's `refusal`), and what the client still sends is drained (read and dropped,
// never buffered) before the connection closes, so the client reads its answer instead of a reset.
// The only connection it drops on purpose is the RESET answer (an injected fault, core/handler.ts).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { RESET, type ServiceResponse } from '../core/handler.ts';
import type { ApiAnswer, ApiRequest } from './api-message.ts';
import { readsDone } from './after-reads.ts';
import { collectBody, MAX_DRAIN_BYTES } from './node-body.ts';

/** Request line plus headers read in full (node's maxHeaderSize); a longer head is refused unread (431). */
const MAX_HEAD_BYTES = 16 * 1024 * 1024;
/** A refused connection that sends nothing for this long is closed (it has had its answer). */
const LINGER_IDLE_MS = 5_000;
/** Methods a Fetch Request cannot carry (CONNECT arrives on its own event). */
const NOT_IN_FETCH: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** An answer the adapter writes itself (a refusal, an internal error). */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What the HTTP layer serves: a Fetch core (the emulator, the kit's checking service, a fake). */
export interface FetchApp {
  /** the answer, or RESET: the connection is destroyed instead (an injected fault) */
  handle(request: Request): Promise<ServiceResponse>;
  /** the API path "/" without Fetch objects (the emulator's; `handle` does the same underneath) */
  handleApi?(request: ApiRequest): Promise<{ answer: ApiAnswer; action?: string }>;
  /** the Action of a handled request, for the log line */
  actionOf?(request: Request): string | undefined;
  /** the clock the adapter's own answers are dated by (default: the wall clock) */
  now?(): number;
}

export interface HttpLayerOptions {
  /** default 0: any free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** one line per request (method, path, Action, status, ms); default: silent */
  logRequest?: (line: string) => void;
  /** a body not complete after this long is answered 408 (R-WIRE-5: never a hang); default 10 s */
  bodyTimeoutMs?: number;
  /** most body bytes handed to the app; a longer body is read and answered 413; default 1 MiB */
  maxBodyBytes?: number;
  /** the methods named in the Allow header of every 405 and in its problem text; default "GET, POST" (R-WIRE-1) */
  allow?: string;
  /** how the adapter's own 4xx looks on a path (undefined: the target is not a path); default `{"error": problem}` */
  refusal?: (path: string | undefined, status: number, problem: string) => Answer;
  /** the answer when the app throws (after logging it); default: none, the connection is destroyed */
  internalError?: (err: unknown) => Answer;
  /** where the Fetch Request's URL says the request arrived: the Host header (default) or the socket's local address */
  urlHost?: 'host-header' | 'local-address';
  /** node's keep-alive timeout for idle connections (default node's) */
  keepAliveTimeoutMs?: number;
}

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The default face of a refusal: JSON, as the sandbox hooks answer (shared/sandbox-protocol.md). */
export function jsonRefusal(_path: string | undefined, status: number, problem: string): Answer {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ error: problem }) };
}

/** The path of a request target: origin-form "/x?y" or absolute-form "http://h/x"; undefined for "*" and authority-form. */
export function pathOf(target: string): string | undefined {
  if (target === '/') return target; // every form POST: no split
  if (target.startsWith('/')) return target.split('?')[0];
  if (!/^https?:\/\//i.test(target)) return undefined;
  try {
    return new URL(target).pathname;
  } catch {
    return undefined;
  }
}

const HTTP_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
const isHttpWhitespace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** Leading and trailing HTTP whitespace removed (as Fetch's Headers give a value); most values have none: no regexp then. */
export function trimHttpWhitespace(value: string): string {
  if (value === '' || (!isHttpWhitespace(value.charCodeAt(0)) && !isHttpWhitespace(value.charCodeAt(value.length - 1)))) return value;
  return value.replace(HTTP_WHITESPACE, '');
}

/** The path of the request a parser error stopped, from the bytes it stopped in (for the refusal's face). */
function sniffPath(err: { code?: string; rawPacket?: Buffer; bytesParsed?: number }): string | undefined {
  const raw = err.rawPacket;
  // past the header limit the packet is the middle of the head: no request line in sight
  if (!Buffer.isBuffer(raw) || err.code === 'HPE_HEADER_OVERFLOW') return undefined;
  const at = Math.min(raw.length, Math.max(0, err.bytesParsed ?? 0));
  const start = at === 0 ? 0 : raw.lastIndexOf(0x0a, at - 1) + 1;
  const m = /^[A-Za-z-]+ (\S+)/.exec(raw.subarray(start, start + 8192).toString('latin1'));
  return m ? pathOf(m[1]!) : undefined;
}

/** A whole response written on a socket the HTTP layer no longer owns, announcing the close. */
function rawResponse(a: Answer): string {
  const head = [`HTTP/1.1 ${a.status} ${http.STATUS_CODES[a.status] ?? 'Error'}`, ...Object.entries(a.headers).map(([k, v]) => `${k}: ${v}`)];
  return `${head.join('\r\n')}\r\ncontent-length: ${Buffer.byteLength(a.body)}\r\nconnection: close\r\n\r\n${a.body}`;
}

/**
 * The HTTP layer over any Fetch core: `app()` is undefined while the core is starting (503).
 * Rejects with the listen error (e.g. EADDRINUSE).
 */
export async function listenHttp(app: () => FetchApp | undefined, options: HttpLayerOptions = {}): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000;
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const allow = options.allow ?? 'GET, POST';
  const face = options.refusal ?? jsonRefusal;
  const logRequest = options.logRequest ?? (() => undefined);
  const logging = options.logRequest !== undefined;
  /** node's parser refusals, answered with a 4xx (R-WIRE-5: never a 5xx or a reset) */
  const clientErrors: Readonly<Record<string, { status: number; problem: string }>> = {
    HPE_HEADER_OVERFLOW: { status: 431, problem: `the request line and headers are over ${MAX_HEAD_BYTES} bytes; they were not read` },
    HPE_INVALID_METHOD: { status: 405, problem: `the HTTP method is not one this server knows; the FPS API takes ${allow}` },
    HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, problem: 'the chunk extensions are too large' },
    ERR_HTTP_REQUEST_TIMEOUT: { status: 408, problem: 'the request did not arrive in full in time' },
  };
  const notHttp = { status: 400, problem: 'the request is not well-formed HTTP' };
  /** the server's refusal, with Allow on every 405 (R-WIRE-1) */
  const refusal = (path: string | undefined, status: number, problem: string): Answer => {
    const a = face(path, status, problem);
    return status === 405 ? { ...a, headers: { allow, ...a.headers } } : a;
  };
  /** sockets answered while their request was still arriving: a later timeout there is not a new request */
  const answeredEarly = new WeakSet<Duplex>();
  /** sockets in a lingering close, with the function that counts what they still send */
  const lingering = new Map<Duplex, (bytes: number) => void>();

  // headersTimeout/requestTimeout: a head or body that stops arriving is answered 408 (never a hang)
  const server = http.createServer({ maxHeaderSize: MAX_HEAD_BYTES, headersTimeout: 30_000, requestTimeout: 120_000, connectionsCheckingInterval: 5_000 }, (req, res) => {
    const started = Date.now();
    const core = app();
    if (core === undefined) return send(res, { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '1' }, body: '{"error":"starting"}' });
    void serve(core, req, res).then(
      (info) => logging && logRequest(`${req.method} ${(req.url ?? '/').split('?')[0]}${info.action ? ` ${info.action}` : ''} ${info.status} ${Date.now() - started}ms`),
      (err: unknown) => {
        if (res.headersSent || options.internalError === undefined) return void res.destroy();
        send(res, options.internalError(err));
      },
    );
  });
  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;

  async function serve(core: FetchApp, req: http.IncomingMessage, res: http.ServerResponse): Promise<{ status: number | 'reset'; action?: string }> {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const path = pathOf(target);
    const answer = (a: Answer): { status: number } => (send(res, a, core.now?.()), { status: a.status });
    const body = await collectBody(req, { keep: maxBodyBytes, timeoutMs: bodyTimeoutMs });
    if (!body.ok) {
      // an early answer leaves the connection open: node reads the rest of the body and drops it
      if (body.reason === 'over-read-limit') {
        answeredEarly.add(req.socket);
        req.once('end', () => answeredEarly.delete(req.socket));
      }
      const a = refusal(path, body.status, body.problem);
      return answer(body.reason === 'stalled' ? { ...a, headers: { ...a.headers, connection: 'close' } } : a);
    }
    if (path === undefined) return answer(refusal(path, 400, `the request target ${JSON.stringify(target.slice(0, 80))} is not a path; the FPS API is at /`));
    if (NOT_IN_FETCH.has(method.toUpperCase())) return answer(refusal(path, 405, `HTTP method ${method} is not allowed; use ${allow}`));
    const hostHeader = req.headers.host ?? `${host}:${port}`;
    let url: URL | undefined;
    try {
      // the URL a Fetch Request would have (the same parse): its path routes, its query is read;
      // a bare "/" (a form POST) parses to path "/" and no query, so it needs no parse
      if (target !== '/' || !core.handleApi) url = new URL(`http://${authority(req, hostHeader)}${target.startsWith('/') ? target : ((u) => u.pathname + u.search)(new URL(target))}`);
    } catch {
      return answer(refusal(path, 400, 'the request line cannot be read'));
    }
    if ((url === undefined || url.pathname === '/') && core.handleApi) {
      // the hot path: no Fetch Request/Headers/Response (they cost more than the rest of a Pay)
      // the API requests read in this turn go through the core together, in its check phase: back to
      // back the core runs warmer (bench/throughput.ts, 8 clients: 144 → 114–138 µs of CPU per Pay,
      // bench/README.md); nothing waits longer than one turn, and concurrent requests had no order before
      await readsDone();
      const contentType = req.headers['content-type'];
      const { answer: a, action } = await core.handleApi({
        method, host: hostHeader, path: '/', query: url === undefined ? '' : url.search.slice(1),
        // as Fetch's Headers would give it: leading and trailing HTTP whitespace removed
        contentType: contentType === undefined ? undefined : trimHttpWhitespace(contentType),
        body: { ok: true, bytes: body.bytes },
      });
      res.sendDate = false; // the core's own Date header (its sandbox clock)
      res.writeHead(a.status, { ...a.headers, 'content-length': String(Buffer.byteLength(a.body)) });
      res.end(a.body);
      return { status: a.status, ...(action !== undefined ? { action } : {}) };
    }
    // the headers as sent, repeats included (the checking service reads what the client wrote)
    const headers = new Headers();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    headers.set('host', hostHeader);
    let request: Request;
    try {
      request = new Request(url!, {
        method,
        headers,
        ...(method !== 'GET' && method !== 'HEAD' && body.bytes.length > 0 ? { body: new Uint8Array(body.bytes) } : {}),
      });
    } catch {
      return answer(refusal(path, 400, 'the request line cannot be read'));
    }
    const response = await core.handle(request);
    if (response === RESET) {
      req.socket.destroy();
      return { status: 'reset' };
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    res.sendDate = false; // the core's own Date header (the emulator's sandbox clock) is copied below
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    out['content-length'] = String(bytes.length);
    res.writeHead(response.status, out);
    res.end(bytes);
    const action = core.actionOf?.(request);
    return { status: response.status, ...(action !== undefined ? { action } : {}) };
  }

  /** The URL's host: the Host header when it is a plain host[:port] (else the listening address), or where the socket arrived. */
  function authority(req: http.IncomingMessage, header: string): string {
    if (options.urlHost === 'local-address') return `${(req.socket.localAddress ?? host).replace(/^::ffff:/, '')}:${req.socket.localPort ?? port}`;
    return /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(header) ? header : `${host}:${port}`;
  }

  /**
   * Lingering close: the answer is written and our side ended; what the client still sends is read
   * and dropped (up to MAX_DRAIN_BYTES, until it stops for LINGER_IDLE_MS), so the client reads the
   * answer instead of a reset. `ownsReads`: the socket is ours (CONNECT); otherwise node's failed
   * parser keeps reading, and each chunk it refuses comes back through 'clientError'.
   */
  function linger(socket: Duplex, answer: Answer, ownsReads: boolean): void {
    let drained = 0;
    const timer = setTimeout(() => socket.destroy(), LINGER_IDLE_MS);
    const count = (bytes: number): void => {
      drained += bytes;
      if (drained > MAX_DRAIN_BYTES) socket.destroy();
      else timer.refresh();
    };
    lingering.set(socket, count);
    socket.once('close', () => {
      clearTimeout(timer);
      lingering.delete(socket);
    });
    socket.on('error', () => socket.destroy());
    if (ownsReads) {
      socket.on('data', (chunk: Buffer) => count(chunk.length));
      socket.on('end', () => socket.end());
      socket.resume();
    }
    socket.end(rawResponse(answer));
  }

  // bytes node's parser refuses (not HTTP, an unknown method, a head over 16 MiB, a timeout)
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer; bytesParsed?: number }, socket: Duplex) => {
    const count = lingering.get(socket);
    if (count) return count(err.rawPacket?.length ?? 0); // already answered: this is the drain
    if (!socket.writable || err.code === 'ECONNRESET' || answeredEarly.has(socket)) return void socket.destroy();
    const { status, problem } = clientErrors[err.code ?? ''] ?? notHttp;
    linger(socket, refusal(sniffPath(err), status, problem), false);
    logRequest(`- - ${status} (${err.code ?? err.message})`);
  });
  // CONNECT is not an FPS request (R-WIRE-1): a 405, never a silent close (node's default)
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
    linger(socket, refusal(undefined, 405, `HTTP method CONNECT is not allowed; use ${allow}`), true);
    logRequest(`CONNECT ${req.url ?? ''} 405`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  return {
    url,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of lingering.keys()) socket.destroy();
      });
    },
  };
}

function send(res: http.ServerResponse, a: Answer, now?: number): void {
  if (now !== undefined) {
    // like the core's answers, the Date header tells the sandbox clock
    res.sendDate = false;
    res.setHeader('date', new Date(now).toUTCString());
  }
  res.writeHead(a.status, a.headers);
  res.end(a.body);
}
