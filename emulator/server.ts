// node:http adapter for the emulator core: read the request, build a Fetch Request with the original
// Host header, write the Response back, one log line per request. The HTTP layer never drops a
// connection (R-WIRE-5 "never ... a dropped connection"): a request line and headers up to 16 MiB and
// a body up to 64 MiB are read and answered (an FPS error document on the API path, R-WIRE-4; JSON on
// the hooks and other paths, shared/sandbox-protocol.md); anything larger, any method, and bytes that
// are not HTTP get a complete 4xx, and what the client still sends is drained (read and dropped,
// never buffered) before the connection closes, so the client reads its answer instead of a reset.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createEmulator, type Emulator, type EmulatorOptions } from './core.ts';
import { MAX_BODY_BYTES, type ApiAnswer, type ApiRequest } from './api.ts';
import { collectBody, MAX_DRAIN_BYTES, MAX_READ_BODY_BYTES } from './http.ts';
import { INTERNAL_ERROR, INVALID_PARAMS, renderError } from './render.ts';

/** Request line plus headers read in full (node's maxHeaderSize); a longer head is refused unread (431). */
export const MAX_HEAD_BYTES = 16 * 1024 * 1024;
export { MAX_READ_BODY_BYTES, MAX_DRAIN_BYTES };
/** A refused connection that sends nothing for this long is closed (it has had its answer). */
const LINGER_IDLE_MS = 5_000;
/** R-WIRE-1: the only methods of the FPS API (sent in Allow with every 405). */
const ALLOW = 'GET, POST';
/** Methods a Fetch Request cannot carry (CONNECT arrives on its own event). */
const NOT_IN_FETCH: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** node's parser refusals, answered with a 4xx (R-WIRE-5: never a 5xx or a reset). */
const CLIENT_ERRORS: Readonly<Record<string, { status: number; problem: string }>> = {
  HPE_HEADER_OVERFLOW: { status: 431, problem: `the request line and headers are over ${MAX_HEAD_BYTES} bytes; they were not read` },
  HPE_INVALID_METHOD: { status: 405, problem: `the HTTP method is not one this server knows; the FPS API takes ${ALLOW}` },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, problem: 'the chunk extensions are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, problem: 'the request did not arrive in full in time' },
};
const NOT_HTTP = { status: 400, problem: 'the request is not well-formed HTTP' };

export interface ServerOptions extends EmulatorOptions {
  /** default 0: any free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** one line per request (method, path, Action, status, ms); default: silent */
  logRequest?: (line: string) => void;
  /** a body not complete after this long is answered 408 (R-WIRE-5: never a hang); default 10 s */
  bodyTimeoutMs?: number;
}

export interface RunningServer {
  /** base URL ending in "/", e.g. http://127.0.0.1:8080/ */
  url: string;
  port: number;
  emulator: Emulator;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let refusals = 0;
/**
 * An answer the adapter gives itself: an FPS error document on the API path "/" (R-WIRE-4), also when
 * the path is unknown (the server's default face); `{"error": ...}` everywhere else, as the hooks do.
 */
export function refusal(path: string | undefined, status: number, problem: string, allow = false): Answer {
  const headers: Record<string, string> = allow ? { allow: ALLOW } : {};
  if (path !== undefined && path !== '/') return { status, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ error: problem }) };
  const r = renderError(INVALID_PARAMS, problem, `local-sandbox-${Date.now().toString(36)}-${++refusals}`);
  return { status, headers: { ...headers, 'content-type': 'text/xml; charset=utf-8' }, body: r.body };
}

/** The path of a request target: origin-form "/x?y" or absolute-form "http://h/x"; undefined for "*" and authority-form. */
export function pathOf(target: string): string | undefined {
  if (target.startsWith('/')) return target.split('?')[0];
  if (!/^https?:\/\//i.test(target)) return undefined;
  try {
    return new URL(target).pathname;
  } catch {
    return undefined;
  }
}

/** The path of the request a parser error stopped, from the bytes it stopped in (JSON or FPS face). */
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

/** What the HTTP layer serves: a Fetch core (the emulator, or a fake in the kit's tests). */
export interface FetchApp {
  handle(request: Request): Promise<Response>;
  /** the API path "/" without Fetch objects (the emulator's; `handle` does the same underneath) */
  handleApi?(request: ApiRequest): Promise<{ answer: ApiAnswer; action?: string }>;
  /** the Action of a handled request, for the log line */
  actionOf?(request: Request): string | undefined;
  /** the clock the adapter's own answers are dated by (default: the wall clock) */
  now?(): number;
}

export type HttpLayerOptions = Pick<ServerOptions, 'port' | 'host' | 'logRequest' | 'bodyTimeoutMs' | 'log'>;

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the emulator on node:http. Rejects with the listen error (e.g. EADDRINUSE). */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  let emulator: Emulator | undefined;
  const layer = await listenFetch(() => (emulator === undefined ? undefined : { handle: emulator.handle, handleApi: emulator.handleApi, actionOf: emulator.actionOf, now: () => emulator!.state().now }), options);
  emulator = createEmulator({ ...options, baseUrl: options.baseUrl ?? layer.url });
  return {
    url: layer.url,
    port: layer.port,
    emulator,
    async close() {
      await emulator!.close();
      await layer.close();
    },
  };
}

/**
 * The HTTP layer alone, over any Fetch core: `app()` is undefined while the core is starting (503).
 * Rejects with the listen error (e.g. EADDRINUSE).
 */
export async function listenFetch(app: () => FetchApp | undefined, options: HttpLayerOptions = {}): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000;
  const logRequest = options.logRequest ?? (() => undefined);
  const logging = options.logRequest !== undefined;
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
        options.log?.(`internal error in the HTTP adapter: ${err instanceof Error ? err.message : String(err)}`);
        // R-WIRE-4: the emulator's own failure is the retriable InternalError, still a whole answer
        if (res.headersSent) return void res.destroy();
        const r = renderError(INTERNAL_ERROR, undefined, 'local-sandbox:0');
        send(res, { status: r.status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: r.body });
      },
    );
  });

  async function serve(core: FetchApp, req: http.IncomingMessage, res: http.ServerResponse): Promise<{ status: number; action?: string }> {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const path = pathOf(target);
    const answer = (a: Answer): { status: number } => (send(res, a, core.now?.()), { status: a.status });
    const body = await collectBody(req, { keep: MAX_BODY_BYTES, timeoutMs: bodyTimeoutMs });
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
    if (NOT_IN_FETCH.has(method.toUpperCase())) return answer(refusal(path, 405, `HTTP method ${method} is not allowed; use ${ALLOW}`, true));
    const hostHeader = req.headers.host ?? `${host}:${port}`;
    let url: URL | undefined;
    try {
      // the URL a Fetch Request would have (the same parse): its path routes, its query is read;
      // a bare "/" (a form POST) parses to path "/" and no query, so it needs no parse
      if (target !== '/' || !core.handleApi) url = new URL(`http://${safeHost(hostHeader, host, port)}${target.startsWith('/') ? target : ((u) => u.pathname + u.search)(new URL(target))}`);
    } catch {
      return answer(refusal(path, 400, 'the request line cannot be read'));
    }
    if ((url === undefined || url.pathname === '/') && core.handleApi) {
      // the hot path: no Fetch Request/Headers/Response (they cost more than the rest of a Pay)
      const contentType = req.headers['content-type'];
      const { answer: a, action } = await core.handleApi({
        method, host: hostHeader, path: '/', query: url === undefined ? '' : url.search.slice(1),
        // as Fetch's Headers would give it: leading and trailing HTTP whitespace removed
        contentType: contentType === undefined ? undefined : contentType.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ''),
        body: { ok: true, bytes: body.bytes },
      });
      res.sendDate = false; // the emulator's own Date header (its sandbox clock)
      res.writeHead(a.status, { ...a.headers, 'content-length': String(Buffer.byteLength(a.body)) });
      res.end(a.body);
      return { status: a.status, ...(action !== undefined ? { action } : {}) };
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    headers.set('host', hostHeader);
    let request: Request;
    try {
      request = new Request(url!, {
        method,
        headers,
        ...(method !== 'GET' && method !== 'HEAD' ? { body: new Uint8Array(body.bytes) } : {}),
      });
    } catch {
      return answer(refusal(path, 400, 'the request line cannot be read'));
    }
    const response = await core.handle(request);
    res.sendDate = false; // the emulator's own Date header (its sandbox clock) is copied below
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    res.writeHead(response.status, out);
    res.end(Buffer.from(await response.arrayBuffer()));
    const action = core.actionOf?.(request);
    return { status: response.status, ...(action !== undefined ? { action } : {}) };
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
    const { status, problem } = CLIENT_ERRORS[err.code ?? ''] ?? NOT_HTTP;
    linger(socket, refusal(sniffPath(err), status, problem, status === 405), false);
    logRequest(`- - ${status} (${err.code ?? err.message})`);
  });
  // CONNECT is not an FPS request (R-WIRE-1): a 405, never a silent close (node's default)
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
    linger(socket, refusal(undefined, 405, `HTTP method CONNECT is not allowed; use ${ALLOW}`, true), true);
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

/** The Host header when it is a plain host[:port], else the listening address (a URL must parse). */
function safeHost(header: string, host: string, port: number): string {
  return /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(header) ? header : `${host}:${port}`;
}
