// A loopback endpoint for Instant Payment Notifications (R-IPN-1): records every form-encoded POST
// and answers 200. Each run gets its own path prefix, so runs sharing a target stay apart.
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface ReceivedIpn {
  path: string;
  params: Record<string, string>;
  at: number;
}

export interface IpnReceiver {
  /** http://127.0.0.1:PORT/ipn/<run>/ : any path below it is accepted */
  url: string;
  received(): ReceivedIpn[];
  close(): Promise<void>;
}

const MAX_BODY = 1_048_576;

export async function startIpnReceiver(): Promise<IpnReceiver> {
  const prefix = `/ipn/${randomBytes(6).toString('hex')}/`;
  const got: ReceivedIpn[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const path = req.url ?? '/';
      if (req.method === 'POST' && path.startsWith(prefix)) {
        const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        got.push({ path, params, at: Date.now() });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not an IPN path of this run');
      }
    });
    req.on('error', () => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    received: () => got.slice(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
