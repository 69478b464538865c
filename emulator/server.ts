// The emulator on node:http: the one HTTP adapter (transports/node-http.ts) over the emulator core,
// with the emulator's face on the adapter's own answers: an FPS error document on the API path "/"
// (R-WIRE-4), JSON on the hooks and other paths (shared/sandbox-protocol.md), and the retriable
// InternalError when the core throws.
import { jsonRefusal, listenHttp, type Answer, type FetchApp, type HttpLayerOptions, type Listening } from '../transports/node-http.ts';
import { createEmulator, type Emulator, type EmulatorOptions } from './core.ts';
import { MAX_BODY_BYTES } from './api.ts';
import { INTERNAL_ERROR, INVALID_PARAMS, renderError } from './render.ts';

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

let refusals = 0;
/**
 * An answer the adapter gives itself: an FPS error document on the API path "/" (R-WIRE-4), also when
 * the path is unknown (the server's default face); `{"error": ...}` everywhere else, as the hooks do.
 */
export function refusal(path: string | undefined, status: number, problem: string): Answer {
  if (path !== undefined && path !== '/') return jsonRefusal(path, status, problem);
  const r = renderError(INVALID_PARAMS, problem, `local-sandbox-${Date.now().toString(36)}-${++refusals}`);
  return { status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: r.body };
}

export type EmulatorHttpOptions = Pick<ServerOptions, 'port' | 'host' | 'logRequest' | 'bodyTimeoutMs' | 'log'>;

/**
 * The emulator's HTTP layer over any Fetch core (the emulator, or a fake in the kit's tests):
 * `app()` is undefined while the core is starting (503). Rejects with the listen error (e.g. EADDRINUSE).
 */
export function listenFetch(app: () => FetchApp | undefined, options: EmulatorHttpOptions = {}): Promise<Listening> {
  const { log, port, host, logRequest, bodyTimeoutMs } = options;
  const http: HttpLayerOptions = {
    port, host, logRequest, bodyTimeoutMs,
    maxBodyBytes: MAX_BODY_BYTES,
    refusal,
    internalError: (err) => {
      log?.(`internal error in the HTTP adapter: ${err instanceof Error ? err.message : String(err)}`);
      // R-WIRE-4: the emulator's own failure is the retriable InternalError, still a whole answer
      const r = renderError(INTERNAL_ERROR, undefined, 'local-sandbox:0');
      return { status: r.status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: r.body };
    },
  };
  return listenHttp(app, http);
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
