// Instant Payment Notification delivery (R-IPN-1): every owed notification is POSTed form-encoded to
// its OverrideIPNURL at least once, retried with backoff while the receiver fails (non-2xx or a
// connection error), a bounded number of times, never blocking request handling.
import { isLoopbackUrl } from './http.ts';

export type Deliver = (url: string, body: string) => Promise<number>;

export interface IpnOptions {
  /** sends one notification and resolves with the HTTP status; default: fetch POST (loopback only unless anyHost) */
  deliver?: Deliver;
  /** attempts per notification (default 6) */
  maxTries?: number;
  /** delay before the first retry, doubled each time up to maxDelayMs (defaults 50 and 2000) */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** let the default deliverer post to non-loopback URLs (the user's own OverrideIPNURL) */
  anyHost?: boolean;
  /** per-attempt timeout of the default deliverer (default 5000 ms) */
  timeoutMs?: number;
}

export interface Notification {
  key: string;
  url: string;
  body: string;
}

export interface DeliveryRecord {
  key: string;
  url: string;
  attempts: number;
  state: 'pending' | 'delivered' | 'gave-up' | 'refused';
  lastStatus?: number;
  lastError?: string;
}

export interface IpnDeliverer {
  /** queues notifications not offered before (by key); returns at once */
  offer(notifications: readonly Notification[]): void;
  /** what happened to each notification so far */
  records(): DeliveryRecord[];
  /** resolves when nothing is pending (for tests and /_sandbox/process callers that want to wait) */
  idle(): Promise<void>;
  /** stops retries; attempts in flight are abandoned */
  close(): Promise<void>;
}

export function defaultDeliver(options: { anyHost?: boolean; timeoutMs?: number }): Deliver {
  return async (url, body) => {
    // Only loopback unless the user opted in: the kit's ground rule, and no surprise traffic.
    if (!options.anyHost && !isLoopbackUrl(url)) throw new RefusedUrl(url);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      redirect: 'manual',
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  };
}

export class RefusedUrl extends Error {
  constructor(url: string) {
    super(`not a loopback URL, not delivered: ${url}`);
  }
}

export function createIpnDeliverer(options: IpnOptions = {}, log: (line: string) => void = () => undefined): IpnDeliverer {
  const deliver = options.deliver ?? defaultDeliver(options);
  const maxTries = options.maxTries ?? 6;
  const initial = options.initialDelayMs ?? 50;
  const maxDelay = options.maxDelayMs ?? 2000;
  const records = new Map<string, DeliveryRecord>();
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let closed = false;
  let waiters: (() => void)[] = [];

  const busy = (): boolean => inFlight > 0 || timers.size > 0;
  const settle = (): void => {
    if (busy()) return;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  const attempt = async (n: Notification, rec: DeliveryRecord, delay: number): Promise<void> => {
    if (closed) return;
    inFlight++;
    rec.attempts++;
    let ok = false;
    try {
      const status = await deliver(n.url, n.body);
      rec.lastStatus = status;
      ok = status >= 200 && status < 300;
      if (!ok) rec.lastError = `HTTP ${status}`;
    } catch (err) {
      if (err instanceof RefusedUrl) {
        rec.state = 'refused';
        rec.lastError = err.message;
        log(`ipn ${n.key}: ${err.message}`);
        inFlight--;
        settle();
        return;
      }
      rec.lastError = err instanceof Error ? err.message : String(err);
    }
    inFlight--;
    if (ok) {
      rec.state = 'delivered';
    } else if (rec.attempts >= maxTries || closed) {
      rec.state = 'gave-up';
      log(`ipn ${n.key}: gave up after ${rec.attempts} tries (${rec.lastError ?? 'failed'})`);
    } else {
      const t = setTimeout(() => {
        timers.delete(t);
        void attempt(n, rec, Math.min(delay * 2, maxDelay));
      }, delay);
      timers.add(t);
    }
    settle();
  };

  return {
    offer(notifications) {
      for (const n of notifications) {
        if (closed || records.has(n.key)) continue;
        const rec: DeliveryRecord = { key: n.key, url: n.url, attempts: 0, state: 'pending' };
        records.set(n.key, rec);
        void attempt(n, rec, initial);
      }
    },
    records: () => [...records.values()].map((r) => ({ ...r })),
    idle: () => (busy() ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve()),
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      settle();
    },
  };
}
