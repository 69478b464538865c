// node:http adapter for the emulator core: collect the body (capped), build a Fetch Request with
// the original Host header, write the Response back, one log line per request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator, type EmulatorOptions } from './core.ts';
import { MAX_BODY_BYTES } from './api.ts';
import { INVALID_PARAMS, renderError } from './render.ts';

export interface ServerOptions extends EmulatorOptions {
  /** default 0: any free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** one line per request (method, path, Action, status, ms); default: silent */
  logRequest?: (line: string) => void;
  /** a body not complete after this long is answered 400 (R-WIRE-5: never a hang); default 10 s */
  bodyTimeoutMs?: number;
}

export interface RunningServer {
  /** base URL ending in "/", e.g. http://127.0.0.1:8080/ */
  url: string;
  port: number;
  emulator: Emulator;
  close(): Promise<void>;
}

/** Starts the emulator on node:http. Rejects with the listen error (e.g. EADDRINUSE). */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000;
  const logRequest = options.logRequest ?? (() => undefined);
  let emulator: Emulator | undefined;
  const server = http.createServer((req, res) => {
    const started = Date.now();
    if (emulator === undefined) {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end('{"error":"starting"}');
      return;
    }
    void serve(req, res).then(
      (info) => logRequest(`${req.method} ${(req.url ?? '/').split('?')[0]}${info.action ? ` ${info.action}` : ''} ${info.status} ${Date.now() - started}ms`),
      () => undefined,
    );
  });

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<{ status: number; action?: string }> {
    const body = await collect(req, MAX_BODY_BYTES, bodyTimeoutMs);
    if (!body.ok) {
      const r = renderError(INVALID_PARAMS, body.problem, 'local-sandbox-' + Date.now().toString(36) + ':0');
      res.writeHead(r.status, { 'content-type': 'text/xml; charset=utf-8', connection: 'close' });
      res.end(r.body);
      return { status: r.status };
    }
    const hostHeader = req.headers.host ?? `${host}:${port}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    headers.set('host', hostHeader);
    let request: Request;
    try {
      request = new Request(`http://${safeHost(hostHeader, host, port)}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(req.method !== 'GET' && req.method !== 'HEAD' ? { body: new Uint8Array(body.bytes) } : {}),
      });
    } catch {
      const r = renderError(INVALID_PARAMS, 'the request line cannot be read', 'local-sandbox:0');
      res.writeHead(r.status, { 'content-type': 'text/xml; charset=utf-8' });
      res.end(r.body);
      return { status: r.status };
    }
    const response = await emulator!.handle(request);
    res.sendDate = false; // the emulator's own Date header (its sandbox clock) is copied below
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    res.writeHead(response.status, out);
    res.end(Buffer.from(await response.arrayBuffer()));
    return { status: response.status, ...(emulator!.actionOf(request) !== undefined ? { action: emulator!.actionOf(request)! } : {}) };
  }

  // a request node's HTTP parser refuses (bytes that are not HTTP) still gets an FPS error document
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return socket.destroy();
    const r = renderError(INVALID_PARAMS, 'the request is not well-formed HTTP', 'local-sandbox:0');
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(r.body)}\r\nConnection: close\r\n\r\n${r.body}`);
    logRequest(`- - 400 (not HTTP: ${err.code ?? err.message})`);
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
  emulator = createEmulator({ ...options, baseUrl: options.baseUrl ?? url });
  return {
    url,
    port,
    emulator,
    async close() {
      await emulator!.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The Host header when it is a plain host[:port], else the listening address (a URL must parse). */
function safeHost(header: string, host: string, port: number): string {
  return /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(header) ? header : `${host}:${port}`;
}

type Collected = { ok: true; bytes: Buffer } | { ok: false; problem: string };

/** Reads the body up to `cap` bytes; over the cap the rest is drained (no dropped connection), a stalled body times out. */
function collect(req: http.IncomingMessage, cap: number, timeoutMs: number): Promise<Collected> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    let done = false;
    const finish = (c: Collected): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(c);
    };
    const timer = setTimeout(() => {
      finish({ ok: false, problem: `the body did not arrive in full within ${timeoutMs} ms (truncated?)` });
      req.resume();
    }, timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) over = true;
      else chunks.push(chunk);
      // past 64x the cap stop listening: the answer is already decided
      if (size > cap * 64) {
        finish({ ok: false, problem: `body is over ${cap} bytes` });
        req.destroy();
      }
    });
    req.on('end', () => finish(over ? { ok: false, problem: `body is over ${cap} bytes` } : { ok: true, bytes: Buffer.concat(chunks) }));
    req.on('error', () => finish({ ok: false, problem: 'the body could not be read in full' }));
    req.on('aborted', () => finish({ ok: false, problem: 'the body could not be read in full' }));
  });
}
