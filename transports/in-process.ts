// The Target for an emulator core in the same process: a Fetch `Request → Response` function (the
// reference emulator's `handle`, or a fake in tests). No sockets, same recorded shape as HTTP.
import { TransportError, type SendOptions, type Target } from '../core/target.ts';
import type { WireRequest, WireResponse } from '../core/wire.ts';

export type FetchHandler = (request: Request) => Promise<Response>;

export interface InProcessTargetOptions {
  /** base URL the handler believes it serves (default http://127.0.0.1:8080/) */
  baseUrl?: string;
  timeoutMs?: number;
  /** called by close(), e.g. the emulator's own close */
  onClose?: () => Promise<void> | void;
}

export function createInProcessTarget(handle: FetchHandler, options: InProcessTargetOptions = {}): Target {
  const baseUrl = options.baseUrl ?? 'http://127.0.0.1:8080/';
  const defaultTimeout = options.timeoutMs ?? 10_000;
  return {
    baseUrl,
    async send(req: WireRequest, opts: SendOptions = {}): Promise<WireResponse> {
      const timeoutMs = opts.timeoutMs ?? defaultTimeout;
      const body = req.body === undefined || req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.from(req.body, req.bodyEncoding === 'latin1' ? 'latin1' : 'utf8');
      let request: Request;
      try {
        request = new Request(req.url, { method: req.method, headers: req.headers, body, redirect: 'manual' });
      } catch (err) {
        throw new TransportError(`request could not be built: ${(err as Error).message}`, 'other');
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TransportError(`no answer within ${timeoutMs} ms`, 'timeout')), timeoutMs);
      });
      try {
        const res = await Promise.race([
          (async () => {
            const r = await handle(request);
            return { status: r.status, headers: Object.fromEntries(r.headers), body: await r.text() };
          })(),
          timeout,
        ]);
        return res;
      } catch (err) {
        if (err instanceof TransportError) throw err;
        // an exception in the core is what a dropped connection looks like from outside
        throw new TransportError(`the handler threw: ${(err as Error)?.message ?? String(err)}`, 'reset');
      } finally {
        clearTimeout(timer);
      }
    },
    async close(): Promise<void> {
      await options.onClose?.();
    },
  };
}
