// The kit's own side of the sandbox (shared/sandbox-protocol.md), spoken in-process to the backend:
// accounts, tokens through the Co-Branded UI as the buyer, processing. None of this traffic is the
// SDK's, so none of it is recorded or checked.
import type { Instrument, Role } from '../spec/model/api.ts';
import type { PipelineName } from '../spec/types.ts';
import { signCbuiUrl } from '../spec/sigv2/index.ts';
import { parseForm } from '../spec/wire/form.ts';
import type { Backend } from '../core/handler.ts';

export interface KitAccount {
  accountId: string;
  email: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface TokenGrant {
  /** the status the Co-Branded UI returned (SA, SB, SC, SR, ...) */
  status: string;
  tokenId?: string;
  /** the full return URL with the service's signed parameters (for verifyReturnUrl) */
  returnUrl: string;
}

export class KitSandbox {
  constructor(
    private readonly backend: Backend,
    /** where the backend believes it lives, ending in "/" */
    readonly baseUrl: string,
  ) {}

  get cbuiEndpoint(): string {
    return `${this.baseUrl}cobranded-ui/actions/start`;
  }

  private async json(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
    const res = await this.backend.handle(
      new Request(`${this.baseUrl}${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) }),
    );
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`sandbox ${path} answered ${res.status} with something that is not JSON`);
    }
    if (res.status >= 400) throw new Error(`sandbox ${path} answered ${res.status}: ${(parsed as { error?: string }).error ?? text}`);
    return parsed as Record<string, unknown>;
  }

  async createAccount(role: Role, instruments: Instrument[]): Promise<KitAccount> {
    const a = await this.json('POST', '_sandbox/accounts', { role, instruments });
    return { accountId: String(a.accountId), email: String(a.email), accessKeyId: String(a.accessKeyId), secretAccessKey: String(a.secretAccessKey) };
  }

  async process(): Promise<string[]> {
    const a = await this.json('POST', '_sandbox/process');
    return Array.isArray(a.completed) ? a.completed.map(String) : [];
  }

  /** Installs a token as `buyer` through the Co-Branded UI, signed with the caller's keys. */
  async token(caller: KitAccount, pipeline: PipelineName, params: Record<string, string>, buyer: { email: string; instrument?: Instrument }): Promise<TokenGrant> {
    const url = signCbuiUrl(this.cbuiEndpoint, { callerKey: caller.accessKeyId, pipelineName: pipeline, ...params }, caller.secretAccessKey);
    return this.openCbui(url, buyer);
  }

  /** Opens a Co-Branded start URL (the kit's or an SDK's) as the buyer and reads where it returns. */
  async openCbui(url: string, buyer: { email: string; instrument?: Instrument }): Promise<TokenGrant> {
    const res = await this.backend.handle(
      new Request(url, { headers: { 'x-sandbox-buyer': buyer.email, 'x-sandbox-decision': 'approve', ...(buyer.instrument ? { 'x-sandbox-instrument': buyer.instrument } : {}) } }),
    );
    const location = res.headers.get('location');
    if (res.status !== 302 || location === null) throw new Error(`Co-Branded UI answered ${res.status} without a redirect for ${url.slice(0, 120)}`);
    const q = new URL(location).search.slice(1);
    const form = parseForm(q);
    if (!form.ok) throw new Error(`Co-Branded return URL cannot be read: ${form.problem}`);
    const find = (n: string): string | undefined => form.pairs.find(([k]) => k.toLowerCase() === n.toLowerCase())?.[1];
    const tokenId = find('tokenID');
    return { status: find('status') ?? '', ...(tokenId !== undefined ? { tokenId } : {}), returnUrl: location };
  }
}
