// A small in-process client for the emulator's three faces (FPS API, Co-Branded UI, sandbox hooks),
// for the kit's own tests (not part of the package). Not a conformance
// client: it signs correctly and reports what came back, nothing more. The hooks are the kit's one
// sandbox client (clients/sandbox-client.ts) over an in-process target; `json` stays for tests that
// look at a hook's raw answer (refusals, the clock's own text).
import { TargetClock } from '../../clients/clock.ts';
import { createSandboxClient } from '../../clients/sandbox-client.ts';
import type { SandboxClient } from '../../core/suite.ts';
import type { Instrument } from '../../spec/model/api.ts';
import { createInProcessTarget } from '../../transports/in-process.ts';
import { signCbuiUrl, signedParams } from '../../spec/sigv2/index.ts';
import { decodeAnswer, type DecodedAnswer } from '../../spec/wire/codec.ts';
import { encodeForm } from '../../spec/wire/form.ts';
import type { Version } from '../../spec/types.ts';

export type Fetcher = (request: Request) => Promise<Response>;

export interface LocalAccount {
  accountId: string;
  email: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface CallOptions {
  style?: 'GET' | 'POST-form' | 'POST-query';
  version?: Version;
  /** ISO Timestamp; default: the sandbox clock */
  timestamp?: string;
  signatureMethod?: 'HmacSHA256' | 'HmacSHA1';
  /** Host header to send (and sign over); default the base URL's host */
  host?: string;
  /** sign over the host without its port (R-AUTH-1b) */
  hostWithoutPort?: boolean;
}

export interface Called {
  status: number;
  body: string;
  answer: DecodedAnswer;
}

export class LocalSandbox {
  private readonly host: string;
  readonly hooks: SandboxClient;
  constructor(
    private readonly fetcher: Fetcher,
    readonly baseUrl = 'http://127.0.0.1:8080/',
  ) {
    this.host = new URL(baseUrl).host;
    this.hooks = createSandboxClient(createInProcessTarget(fetcher, { baseUrl }), new TargetClock(), 10_000);
  }

  async json(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await this.fetcher(
      new Request(this.baseUrl + path.replace(/^\//, ''), {
        method,
        headers: { host: this.host, 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
    );
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async account(role: 'caller' | 'sender' | 'recipient', instruments: Instrument[] = ['CC', 'ACH', 'ABT']): Promise<LocalAccount> {
    return this.hooks.createAccount(role, instruments);
  }

  /** the sandbox clock as the emulator writes it (tests compare and sign with its own text; the hooks give epoch ms) */
  async now(): Promise<string> {
    return (await this.json('GET', '_sandbox/clock')).body.now as string;
  }

  async advance(seconds: number): Promise<string> {
    return (await this.json('POST', '_sandbox/clock', { advanceSeconds: seconds })).body.now as string;
  }

  async process(): Promise<string[]> {
    return this.hooks.process();
  }

  /** Signs a Co-Branded request for `caller` and plays the buyer; returns the redirect's parameters. */
  async token(
    caller: LocalAccount,
    params: Record<string, string>,
    buyer: { email: string; decision?: 'approve' | 'abandon'; instrument?: Instrument },
  ): Promise<{ status: number; location?: string; result: Record<string, string> }> {
    const url = signCbuiUrl(`${this.baseUrl}cobranded-ui/actions/start`, { callerKey: caller.accessKeyId, returnURL: 'http://127.0.0.1:9/return', ...params }, caller.secretAccessKey);
    const { status, location } = await this.hooks.cbui(url, buyer);
    const result = location ? Object.fromEntries(new URL(location).searchParams) : {};
    return { status, ...(location !== undefined ? { location } : {}), result };
  }

  /** Signs and sends one FPS API request. */
  async call(action: string, params: Record<string, string>, creds: LocalAccount, options: CallOptions = {}): Promise<Called> {
    const style = options.style ?? 'GET';
    const method = style === 'GET' ? 'GET' : 'POST';
    const host = options.host ?? this.host;
    const signHost = options.hostWithoutPort ? host.replace(/:\d+$/, '') : host;
    const all = signedParams({
      action,
      params,
      accessKeyId: creds.accessKeyId,
      secret: creds.secretAccessKey,
      method,
      host: signHost,
      path: '/',
      timestamp: options.timestamp ?? (await this.now()),
      version: options.version ?? '2010-08-28',
      signatureMethod: options.signatureMethod ?? 'HmacSHA256',
    });
    return this.send(method, all, style, host);
  }

  /** Sends parameters as given (no signing), in one of the three R-WIRE-1 styles. */
  async send(method: 'GET' | 'POST', params: Record<string, string>, style: CallOptions['style'] = 'GET', host = this.host): Promise<Called> {
    const form = encodeForm(Object.entries(params));
    const inQuery = style !== 'POST-form';
    const res = await this.fetcher(
      new Request(this.baseUrl + (inQuery ? `?${form}` : ''), {
        method,
        headers: { host, ...(style === 'POST-form' ? { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } : {}) },
        ...(style === 'POST-form' ? { body: form } : {}),
      }),
    );
    const body = await res.text();
    return { status: res.status, body, answer: decodeAnswer(body) };
  }
}

/** Amount parameters as R-WIRE-6 spells them: `X.Value` and `X.CurrencyCode=USD`. */
export const usd = (name: string, value: string): Record<string, string> => ({ [`${name}.Value`]: value, [`${name}.CurrencyCode`]: 'USD' });

/**
 * A caller, a buyer (sender with CC, ACH, ABT) and shortcuts over a LocalSandbox: the set-up most
 * emulator scenarios start from.
 */
export async function sandboxWorld(sb: LocalSandbox) {
  const caller = await sb.account('caller');
  const buyer = await sb.account('sender');
  let n = 0;
  const token = async (params: Record<string, string>, instrument: Instrument = 'CC', who: LocalAccount = caller): Promise<string> => {
    const t = await sb.token(who, { callerReference: `tok-${++n}`, paymentMethod: 'CC,ACH,ABT', ...params }, { email: buyer.email, instrument });
    if (t.status !== 302 || !t.result.tokenID) throw new Error(`no token: ${t.status} ${JSON.stringify(t.result)}`);
    return t.result.tokenID;
  };
  const call = (action: string, params: Record<string, string>, who: LocalAccount = caller, options?: CallOptions) => sb.call(action, params, who, options);
  const field = async (action: string, params: Record<string, string>, name: string, who: LocalAccount = caller): Promise<string> => {
    const r = await call(action, params, who);
    if (r.answer.kind !== 'result') throw new Error(`${action}: ${r.body}`);
    return r.answer.fields[name]!;
  };
  /** the error code, or "(status kind)" when the answer is not an error */
  const code = async (action: string, params: Record<string, string>, who: LocalAccount = caller): Promise<string> => {
    const r = await call(action, params, who);
    return r.answer.kind === 'error' ? r.answer.code : `(${r.status} ${r.answer.kind})`;
  };
  const status = (id: string, who: LocalAccount = caller) => field('GetTransactionStatus', { TransactionId: id }, 'TransactionStatus', who);
  return { sb, caller, buyer, token, call, field, code, status };
}
