// Loopback transport for drivers in any language: the same checking handler served over real HTTP
// on 127.0.0.1, through the one node:http adapter (node-http.ts). The faults need the socket: a
// RESET answer is a destroyed connection, not a status code.
import type { ServiceResponse } from '../core/handler.ts';
import { listenHttp } from './node-http.ts';

/** What the server answers with: the kit's checking service, or anything shaped like it. */
export interface RequestHandler {
  handle(request: Request): Promise<ServiceResponse>;
}

export interface Loopback {
  /** http://127.0.0.1:PORT/ */
  url: string;
  close(): Promise<void>;
}

export async function serveLoopback(service: RequestHandler, port = 0): Promise<Loopback> {
  const app = { handle: (request: Request) => service.handle(request) };
  const layer = await listenHttp(() => app, {
    port,
    // The URL names where the request really arrived; the Host header stays as the client sent it
    // (some clients leave the port out of it), and signatures are checked over that header.
    urlHost: 'local-address',
    keepAliveTimeoutMs: 1000,
  });
  return { url: layer.url, close: () => layer.close() };
}
