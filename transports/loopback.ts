// Loopback transport for drivers in any language: the same checking handler served over real
// HTTP on 127.0.0.1. node:http is used directly (not @mswjs/http-middleware) because the faults
// need the socket: a connection reset is a destroyed socket, not a status code.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESET, type ServiceResponse } from '../core/handler.ts';

/** What the server answers with: the kit's checking service, or anything shaped like it. */
export interface RequestHandler {
  handle(request: Request): Promise<ServiceResponse>;
}

const MAX_BODY = 1_048_576;

export interface Loopback {
  /** http://127.0.0.1:PORT/ */
  url: string;
  close(): Promise<void>;
}

export async function serveLoopback(service: RequestHandler, port = 0): Promise<Loopback> {
  const server = createServer((req, res) => {
    void answer(service, req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(service: RequestHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) {
      res.writeHead(413).end();
      return;
    }
    chunks.push(chunk as Buffer);
  }
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  // The URL names where the request really arrived; the Host header stays as the client sent it
  // (some clients leave the port out of it), and signatures are checked over that header.
  const local = `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 80}`;
  const method = req.method ?? 'GET';
  const body = Buffer.concat(chunks);
  const request = new Request(`http://${local.replace(/^::ffff:/, '')}${req.url ?? '/'}`, {
    method,
    headers,
    ...(method !== 'GET' && method !== 'HEAD' && body.length > 0 ? { body } : {}),
  });
  const out = await service.handle(request);
  if (out === RESET) {
    req.socket.destroy();
    return;
  }
  const bytes = Buffer.from(await out.arrayBuffer());
  const h: Record<string, string> = {};
  out.headers.forEach((v, k) => (h[k] = v));
  h['content-length'] = String(bytes.length);
  res.writeHead(out.status, h);
  res.end(bytes);
}
