// A loopback endpoint for Instant Payment Notifications (R-IPN-1): records every form-encoded POST
// and answers 200. Each run gets its own path prefix, so runs sharing a target stay apart. Served
// through the kit's one node:http adapter (transports/node-http.ts).
import { randomBytes } from 'node:crypto';
import { listenHttp } from '../transports/node-http.ts';

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

const text = (status: number, body: string): Response => new Response(body, { status, headers: { 'content-type': 'text/plain' } });

export async function startIpnReceiver(): Promise<IpnReceiver> {
  const prefix = `/ipn/${randomBytes(6).toString('hex')}/`;
  const got: ReceivedIpn[] = [];
  const app = {
    async handle(request: Request): Promise<Response> {
      const url = new URL(request.url);
      const path = url.pathname + url.search;
      if (request.method !== 'POST' || !path.startsWith(prefix)) return text(404, 'not an IPN path of this run');
      got.push({ path, params: Object.fromEntries(new URLSearchParams(Buffer.from(await request.arrayBuffer()).toString('utf8'))), at: Date.now() });
      return text(200, 'OK');
    },
  };
  const layer = await listenHttp(() => app);
  return {
    url: `http://127.0.0.1:${layer.port}${prefix}`,
    received: () => got.slice(),
    close: () => layer.close(),
  };
}
