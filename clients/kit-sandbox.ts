// The kit's own side of the sandbox when it plays FPS for an SDK: accounts, tokens through the
// Co-Branded UI as the buyer, processing. It speaks the one sandbox client (sandbox-client.ts,
// fps-sandbox/1) over an in-process target on the backend, so both directions read the hooks the
// same way. None of this traffic is the SDK's, so none of it is recorded or checked.
import type { Instrument, Role } from '../spec/model/api.ts';
import type { PipelineName } from '../spec/types.ts';
import { signCbuiUrl } from '../spec/sigv2/index.ts';
import { parseForm } from '../spec/wire/form.ts';
import type { Backend } from '../core/handler.ts';
import type { CbuiBuyer, SandboxAccount, SandboxClient } from '../core/suite.ts';
import { createInProcessTarget } from '../transports/in-process.ts';
import { TargetClock } from './clock.ts';
import { createSandboxClient } from './sandbox-client.ts';

/** An account the kit made: the SDK is configured with a caller's keys, the kit pays as a sender. */
export type KitAccount = SandboxAccount;

export interface TokenGrant {
  /** the status the Co-Branded UI returned (SA, SB, SC, SR, ...) */
  status: string;
  tokenId?: string;
  /** the full return URL with the service's signed parameters (for verifyReturnUrl) */
  returnUrl: string;
}

/** A hook answer from an in-process backend; generous, it only bounds a backend that hangs. */
const HOOK_TIMEOUT_MS = 30_000;

export class KitSandbox {
  /** the hooks of shared/sandbox-protocol.md, as every run reads them */
  readonly hooks: SandboxClient;

  constructor(
    backend: Pick<Backend, 'handle'>,
    /** where the backend believes it lives, ending in "/" */
    readonly baseUrl: string,
  ) {
    this.hooks = createSandboxClient(createInProcessTarget((r) => backend.handle(r), { baseUrl, timeoutMs: HOOK_TIMEOUT_MS }), new TargetClock(), HOOK_TIMEOUT_MS);
  }

  get cbuiEndpoint(): string {
    return `${this.baseUrl}cobranded-ui/actions/start`;
  }

  createAccount(role: Role, instruments: Instrument[]): Promise<KitAccount> {
    return this.hooks.createAccount(role, instruments);
  }

  process(): Promise<string[]> {
    return this.hooks.process();
  }

  /** Installs a token as `buyer` through the Co-Branded UI, signed with the caller's keys. */
  async token(caller: KitAccount, pipeline: PipelineName, params: Record<string, string>, buyer: { email: string; instrument?: Instrument }): Promise<TokenGrant> {
    const url = signCbuiUrl(this.cbuiEndpoint, { callerKey: caller.accessKeyId, pipelineName: pipeline, ...params }, caller.secretAccessKey);
    return this.openCbui(url, buyer);
  }

  /** Opens a Co-Branded start URL (the kit's or an SDK's) as the buyer, approving, and reads where it returns. */
  async openCbui(url: string, buyer: Omit<CbuiBuyer, 'decision'>): Promise<TokenGrant> {
    const { status, location } = await this.hooks.cbui(url, { ...buyer, decision: 'approve' });
    if (status !== 302 || location === undefined) throw new Error(`Co-Branded UI answered ${status} without a redirect for ${url.slice(0, 120)}`);
    const form = parseForm(new URL(location).search.slice(1));
    if (!form.ok) throw new Error(`Co-Branded return URL cannot be read: ${form.problem}`);
    const find = (n: string): string | undefined => form.pairs.find(([k]) => k.toLowerCase() === n.toLowerCase())?.[1];
    const tokenId = find('tokenID');
    return { status: find('status') ?? '', ...(tokenId !== undefined ? { tokenId } : {}), returnUrl: location };
  }
}
