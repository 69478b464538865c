// In-process transport for Node SDKs: MSW's setupServer catches node:http(s) and global fetch, and
// a small undici dispatcher sends npm `undici` traffic through the same handler (msw does not see
// it: shared/toolchain-notes.md). Nothing leaves the process.
import { syncBuiltinESMExports } from 'node:module';
import { http, HttpResponse, getResponse, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { RESET, type ServiceHandler } from '../core/handler.ts';

export interface Interception {
  close(): void;
}

function handlersFor(service: ServiceHandler): RequestHandler[] {
  return [
    http.all('*', async ({ request }) => {
      const res = await service.handle(request);
      // Response.error() is msw's way to fail the request at the network level.
      return res === RESET ? HttpResponse.error() : res;
    }),
  ];
}

/** Starts interception; `close()` restores the real transports. */
export function interceptInProcess(service: ServiceHandler): Interception {
  const handlers = handlersFor(service);
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  // ESM namespace imports of node:http(s) only see msw's patch after this (toolchain notes).
  syncBuiltinESMExports();
  const previous = getGlobalDispatcher();
  setGlobalDispatcher(new MswDispatcher(handlers));
  return {
    close(): void {
      setGlobalDispatcher(previous);
      server.close();
      syncBuiltinESMExports();
    },
  };
}

type Handler = Dispatcher.DispatchHandler & {
  onConnect?(abort: (err?: Error) => void): void;
  onHeaders?(status: number, headers: Buffer[], resume: () => void, statusText: string): boolean;
  onData?(chunk: Buffer): boolean;
  onComplete?(trailers: Buffer[]): void;
  onError?(err: Error): void;
};

/** Answers undici dispatches from the msw handlers (legacy handler callbacks, which undici 7 still drives). */
class MswDispatcher extends Dispatcher {
  constructor(private readonly handlers: RequestHandler[]) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const h = handler as Handler;
    void this.answer(options, h).catch((err: unknown) => h.onError?.(err instanceof Error ? err : new Error(String(err))));
    return true;
  }

  private async answer(options: Dispatcher.DispatchOptions, h: Handler): Promise<void> {
    let aborted = false;
    h.onConnect?.(() => (aborted = true));
    const url = new URL(options.path, options.origin);
    const headers = new Headers();
    const raw = options.headers;
    if (Array.isArray(raw)) for (let i = 0; i + 1 < raw.length; i += 2) headers.append(String(raw[i]), String(raw[i + 1]));
    else if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (v !== undefined) headers.set(k, String(v));
    if (!headers.has('host')) headers.set('host', url.host);
    let body: string | undefined;
    if (typeof options.body === 'string') body = options.body;
    else if (options.body instanceof Uint8Array) body = Buffer.from(options.body).toString('utf8');
    const request = new Request(url, { method: options.method, headers, ...(body !== undefined && options.method !== 'GET' ? { body } : {}) });
    const response = await getResponse(this.handlers, request);
    if (aborted) return;
    if (response === undefined || response.type === 'error') {
      h.onError?.(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      return;
    }
    const rawHeaders: Buffer[] = [];
    response.headers.forEach((v, k) => rawHeaders.push(Buffer.from(k), Buffer.from(v)));
    h.onHeaders?.(response.status, rawHeaders, () => undefined, response.statusText);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > 0) h.onData?.(bytes);
    h.onComplete?.([]);
  }

  override async close(): Promise<void> {}
  override async destroy(): Promise<void> {}
}
