// The test hooks of shared/sandbox-protocol.md (fps-sandbox/1), spoken over the recorded target.
// Every reading of the sandbox clock feeds the kit's TargetClock (clock.ts).
import type { Instrument, Role } from '../spec/model/api.ts';
import type { TargetClock } from './clock.ts';
import { TransportError, type Target } from '../core/target.ts';
import type { CbuiBuyer, SandboxAccount, SandboxClient, SandboxDiscovery } from '../core/suite.ts';
import type { WireResponse } from '../core/wire.ts';

/** A sandbox hook answered something the protocol does not allow (4xx `{"error"}`, not JSON, ...). */
export class SandboxError extends Error {
  override name = 'SandboxError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export const SANDBOX_PROTOCOL = 'fps-sandbox/1';

export function createSandboxClient(target: Target, clock: TargetClock, timeoutMs: number): SandboxClient {
  const url = (path: string): string => new URL(path, target.baseUrl).href;
  const json = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const res = await target.send(
      {
        method,
        url: url(path),
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
      { timeoutMs, label: `${method} /${path}` },
    );
    return parseJson(res, path);
  };
  const readNow = (o: Record<string, unknown>, path: string): number => {
    const ms = typeof o.now === 'string' ? Date.parse(o.now) : NaN;
    if (!Number.isFinite(ms)) throw new SandboxError(`/${path} answered without an ISO "now": ${JSON.stringify(o).slice(0, 200)}`);
    clock.observe(ms);
    return ms;
  };

  return {
    async discovery(): Promise<SandboxDiscovery> {
      return toDiscovery(await json('GET', '_sandbox'));
    },
    async createAccount(role: Role, instruments: Instrument[], email?: string): Promise<SandboxAccount> {
      const o = await json('POST', '_sandbox/accounts', { role, instruments, ...(email ? { email } : {}) });
      for (const k of ['accountId', 'email', 'accessKeyId', 'secretAccessKey'] as const) {
        if (typeof o[k] !== 'string' || o[k] === '') throw new SandboxError(`/_sandbox/accounts answered without "${k}"`);
      }
      return {
        accountId: o.accountId as string,
        email: o.email as string,
        accessKeyId: o.accessKeyId as string,
        secretAccessKey: o.secretAccessKey as string,
        role,
        instruments,
      };
    },
    async cbui(startUrl: string, buyer: CbuiBuyer) {
      const headers: Record<string, string> = { 'x-sandbox-buyer': buyer.email };
      if (buyer.decision) headers['x-sandbox-decision'] = buyer.decision;
      if (buyer.instrument) headers['x-sandbox-instrument'] = buyer.instrument;
      const response = await target.send({ method: 'GET', url: startUrl, headers }, { timeoutMs, label: `CBUI as ${buyer.email}` });
      const location = response.headers.location;
      return { status: response.status, ...(location !== undefined ? { location } : {}), response };
    },
    async now(): Promise<number> {
      return readNow(await json('GET', '_sandbox/clock'), '_sandbox/clock');
    },
    async advance(seconds: number): Promise<number> {
      return readNow(await json('POST', '_sandbox/clock', { advanceSeconds: seconds }), '_sandbox/clock');
    },
    async process(): Promise<string[]> {
      const o = await json('POST', '_sandbox/process', {});
      if (!Array.isArray(o.completed) || !o.completed.every((x) => typeof x === 'string')) {
        throw new SandboxError('/_sandbox/process answered without a "completed" list of ids');
      }
      return o.completed as string[];
    },
  };
}

function parseJson(res: WireResponse, path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    throw new SandboxError(`/${path} answered HTTP ${res.status} that is not JSON`, res.status);
  }
  if (res.status < 200 || res.status > 299) {
    const why = (parsed as { error?: unknown })?.error;
    throw new SandboxError(`/${path} answered HTTP ${res.status}${typeof why === 'string' ? `: ${why}` : ''}`, res.status);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SandboxError(`/${path} answered JSON that is not an object`, res.status);
  return parsed as Record<string, unknown>;
}

export function toDiscovery(o: Record<string, unknown>): SandboxDiscovery {
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  if (typeof o.protocol !== 'string') throw new SandboxError('/_sandbox answered without "protocol"');
  return {
    protocol: o.protocol,
    versions: strings(o.versions),
    cbui: typeof o.cbui === 'string' ? o.cbui : '',
    profiles: strings(o.profiles),
    clock: o.clock === true,
    ipn: o.ipn === true,
  };
}

/** Discovery outcome: the hooks, none (404 or not the protocol), or the target is unreachable at all. */
export type DiscoveryOutcome =
  | { kind: 'sandbox'; discovery: SandboxDiscovery }
  | { kind: 'none'; reason: string }
  | { kind: 'unreachable'; reason: string };

export async function discover(client: SandboxClient): Promise<DiscoveryOutcome> {
  try {
    const d = await client.discovery();
    if (d.protocol !== SANDBOX_PROTOCOL) return { kind: 'none', reason: `/_sandbox speaks ${JSON.stringify(d.protocol)}, not ${SANDBOX_PROTOCOL}` };
    return { kind: 'sandbox', discovery: d };
  } catch (err) {
    if (err instanceof TransportError) return { kind: 'unreachable', reason: err.message };
    return { kind: 'none', reason: (err as Error).message };
  }
}
