// Runs command descriptors (generators/commands.ts) against a RunSession: resolves references to
// earlier results, builds the requests with the documents' parameter names, and keeps the readable
// lines of what ran ("#3 Pay(token#1, limit-0.01 = 9.99 USD)") for counterexamples.
import type { Decoded, SandboxAccount } from '../../../core/suite.ts';
import { formatCents, parseCents, resolveAmount, showAmount, type AmountSpec } from '../../../generators/amounts.ts';
import { amountParams, applyTweak, callerReference, cbuiUrl, lower, paramName, pick, prefer, referenceCents } from './requests.ts';
import { cbuiParams, showCbui, type CbuiSpec } from '../../../generators/cbui.ts';
import type { Command } from '../../../generators/commands.ts';
import { CURRENCY_CODE } from '../../../spec/catalogue/enums.ts';
import type { ActionName, PipelineName } from '../../../spec/types.ts';
import { queryParams } from '../../../spec/model/checker.ts';
import { SandboxFailure } from './mismatch.ts';
import { answerOf } from './wire-input.ts';
import type { RunSession } from './session.ts';

export interface TokenRef {
  name: string;
  id: string;
  pipeline: PipelineName;
  caller: 0 | 1;
  callerReference: string;
  /** what a payment amount is measured against: transactionAmount, else globalAmountLimit */
  refCents: number;
  spec: CbuiSpec;
}

export interface TxnRef {
  name: string;
  id: string;
  action: 'Pay' | 'Reserve' | 'Refund';
  caller: 0 | 1;
  cents: number;
}

export interface SentRef {
  name: string;
  action: string;
  params: Record<string, string>;
  caller: 0 | 1;
}

/** An API request ready to go, and what to remember from its answer. */
interface Prepared {
  label: string;
  action: string;
  params: Record<string, string>;
  caller: 0 | 1;
  register(decoded: Decoded | undefined): void;
}

export interface ExecutorOptions {
  /** where CBUI redirects point (never followed); its query is what the target signs (R-IPN-3) */
  returnURL: string;
  /** OverrideIPNURL for commands that ask for notifications */
  ipnUrl?: string;
}

/** A successful Co-Branded status: a token exists (R-TOK-2, R-TOK-11). */
const TOKEN_STATUSES = /^S[ABCRU]$/;

export class Executor {
  readonly tokens: TokenRef[] = [];
  readonly txns: TxnRef[] = [];
  readonly sent: SentRef[] = [];
  /** the return-URL redirects received (R-IPN-3 checks them later) */
  readonly redirects: { location: string; returnURL: string }[] = [];
  readonly lines: string[] = [];
  private n = 0;

  constructor(
    readonly s: RunSession,
    readonly options: ExecutorOptions,
  ) {}

  async run(cmd: Command): Promise<void> {
    if (cmd.op !== 'Advance') await this.s.syncClock();
    switch (cmd.op) {
      case 'GetToken':
        return this.getToken(cmd.cbui, cmd.caller);
      case 'Advance': {
        const name = `#${++this.n}`;
        this.lines.push(`${name} Advance(${cmd.seconds} s)`);
        return this.s.advance(this.lines.at(-1)!, cmd.seconds);
      }
      case 'Process': {
        const name = `#${++this.n}`;
        this.lines.push(`${name} Process()`);
        await this.s.process(this.lines.at(-1)!);
        return;
      }
      case 'Burst':
        return this.burst(cmd.commands);
      case 'Lost':
        return this.lost(cmd.command);
      default: {
        const name = `#${this.n + 1}`;
        const p = this.prepare(cmd, name);
        if (!p) return;
        this.n++;
        this.lines.push(p.label);
        const decoded = await this.s.api(p.label, p.action, p.params, this.caller(p.caller));
        p.register(decoded);
      }
    }
  }

  caller(i: 0 | 1): SandboxAccount {
    const c = this.s.accounts.callers[i] ?? this.s.accounts.callers[0];
    if (!c) throw new SandboxFailure('no caller account');
    return c;
  }

  private async burst(commands: readonly Command[]): Promise<void> {
    const base = `#${this.n + 1}`;
    const ps = commands.map((c, i) => this.prepare(c, `${base}${String.fromCharCode(97 + i)}`)).filter((p): p is Prepared => p !== undefined);
    if (ps.length === 0) return;
    this.n++;
    this.lines.push(`${base} Burst[${ps.map((p) => p.label).join(' ‖ ')}]`);
    const sent = await Promise.all(ps.map((p) => this.s.send(p.action, p.params, this.caller(p.caller), { label: p.label })));
    this.s.observeConcurrent(
      sent.map(({ result, input }, i) => ({ label: ps[i]!.label, input, ...answerOf(result) })),
    );
    sent.forEach(({ result }, i) => ps[i]!.register(result.decoded));
  }

  private async lost(command: Command): Promise<void> {
    const name = `#${this.n + 1}`;
    const p = this.prepare(command, name);
    if (!p) return;
    this.n++;
    this.lines.push(`${p.label} [answer lost: 1 ms timeout, not read]`);
    const decoded = await this.s.api(p.label, p.action, p.params, this.caller(p.caller), { timeoutMs: 1, lost: true });
    p.register(decoded);
  }

  private async getToken(spec: CbuiSpec, caller: 0 | 1): Promise<void> {
    const sb = this.s.sandbox;
    const endpoint = this.s.ctx.discovery?.cbui;
    if (!endpoint) throw new SandboxFailure('discovery names no cbui endpoint');
    let edited: TokenRef | undefined;
    if (spec.pipeline === 'EditToken') {
      edited = pick(this.tokens.filter((t) => t.pipeline !== 'Recipient'), spec.editOf ?? 0);
      if (!edited) return;
    }
    const name = `#${++this.n}`;
    const callerAcct = this.caller(caller);
    const buyers = spec.pipeline === 'Recipient' ? this.s.accounts.recipients : this.s.accounts.senders;
    const buyer = pick(buyers, spec.buyer);
    if (!buyer) throw new SandboxFailure('no buyer account');
    const callerReference = `t${this.n}`;
    const params = cbuiParams(spec, { callerKey: callerAcct.accessKeyId, returnURL: this.options.returnURL, callerReference, now: this.s.now, tokenID: edited?.id });
    const url = cbuiUrl(endpoint, params, callerAcct.secretAccessKey, spec.defect?.kind);
    const role = spec.pipeline === 'Recipient' ? 'recipient' : 'sender';
    const label = `${name} CoBranded ${showCbui(spec, edited?.name)} by ${role}#${buyers.indexOf(buyer)}${caller ? ' for the other caller' : ''}`;
    this.lines.push(label);
    let res: Awaited<ReturnType<typeof sb.cbui>>;
    try {
      res = await sb.cbui(url, { email: buyer.email, decision: spec.decision, ...(spec.instrument ? { instrument: spec.instrument } : {}) });
    } catch (err) {
      throw new SandboxFailure(`the Co-Branded request failed: ${(err as Error)?.message ?? String(err)}`);
    }
    this.s.observe({
      label,
      input: {
        kind: 'cbui',
        at: this.s.now,
        params: queryParams(new URL(url)),
        signature: cbuiSignature(spec),
        buyer: buyer.email,
        decision: spec.decision,
        ...(spec.instrument ? { instrument: spec.instrument } : {}),
      },
      observed: { kind: 'redirect', status: res.status, location: res.location },
    });
    if (!res.location) return;
    this.redirects.push({ location: res.location, returnURL: this.options.returnURL });
    const query = queryParams(new URL(res.location));
    this.s.recordOutbound(`${name} (return URL)`, this.options.returnURL, query);
    const q = lower(query);
    const id = q.tokenid;
    if (!id || !TOKEN_STATUSES.test(q.status ?? '')) return;
    if (this.tokens.some((t) => t.id === id)) return;
    const base = edited?.spec ?? spec;
    const ref = referenceCents(base);
    this.tokens.push({ name: `token${name}`, id, pipeline: base.pipeline, caller: edited?.caller ?? caller, callerReference: edited?.callerReference ?? callerReference, refCents: ref, spec: base });
  }

  /** The request for an API command, or undefined when nothing it points at exists yet. */
  private prepare(cmd: Command, name: string): Prepared | undefined {
    // every name below is read through the catalogue (spec/catalogue/actions.ts), as the action's table spells it
    const amount = (action: ActionName, name: string, spec: AmountSpec, refCents: number): Record<string, string> => amountParams(action, name, resolveAmount(spec, refCents));
    const ipnUrl = (action: ActionName, params: Record<string, string>, wanted: boolean | undefined): void => {
      if (wanted && this.options.ipnUrl) params[paramName(action, 'OverrideIPNURL')] = this.options.ipnUrl;
    };
    const shown = (spec: AmountSpec, refCents: number) => ('rel' in spec ? `${showAmount(spec)} = ${resolveAmount(spec, refCents)} USD` : showAmount(spec));
    const who = (as: 'owner' | 'other', owner: 0 | 1): 0 | 1 => (as === 'owner' ? owner : owner === 0 ? 1 : 0);
    const asText = (as: 'owner' | 'other') => (as === 'other' ? ' as the other caller' : '');
    switch (cmd.op) {
      case 'Pay':
      case 'Reserve': {
        const literal = cmd.op === 'Pay' ? cmd.senderTokenId : undefined;
        const token: Pick<TokenRef, 'name' | 'id' | 'caller' | 'refCents'> | undefined = literal
          ? { name: literal, id: literal, caller: 0, refCents: 1000 }
          : pick(this.tokens.filter((t) => t.pipeline !== 'Recipient'), cmd.token);
        if (!token) return undefined;
        const op = cmd.op;
        const params: Record<string, string> = { [paramName(op, 'SenderTokenId')]: token.id, ...amount(op, 'TransactionAmount', cmd.amount, token.refCents), [paramName(op, 'CallerReference')]: callerReference(name, cmd.cr) };
        let extra = '';
        if (cmd.op === 'Pay' && cmd.recipientTokenId) {
          params[paramName(op, 'RecipientTokenId')] = cmd.recipientTokenId;
          extra = `, recipient ${cmd.recipientTokenId}`;
        }
        if (cmd.op === 'Pay' && cmd.market) {
          const r = pick(this.tokens.filter((t) => t.pipeline === 'Recipient'), cmd.market.recipient);
          if (r) {
            params[paramName(op, 'RecipientTokenId')] = r.id; // the sample's spelling, R-WIRE-9
            const maxFixed = parseCents(r.spec.inputs.maxFixedFee ?? '') ?? 100;
            if (cmd.market.fixed) Object.assign(params, amount(op, 'MarketplaceFixedFee', cmd.market.fixed, maxFixed));
            if (cmd.market.variable !== undefined) params[paramName(op, 'MarketplaceVariableFee')] = String(cmd.market.variable);
            if (cmd.market.chargeFeeTo) params[paramName(op, 'ChargeFeeTo')] = cmd.market.chargeFeeTo;
            extra = `, recipient ${r.name}${cmd.market.fixed ? `, fixed fee ${params['MarketplaceFixedFee.Value']}` : ''}${cmd.market.variable !== undefined ? `, variable fee ${cmd.market.variable}%` : ''}${cmd.market.chargeFeeTo ? `, ChargeFeeTo=${cmd.market.chargeFeeTo}` : ''}`;
          }
        }
        ipnUrl(op, params, cmd.ipn);
        const caller = who(cmd.as, token.caller);
        return {
          label: `${name} ${cmd.op}(${token.name}, ${shown(cmd.amount, token.refCents)}${extra})${asText(cmd.as)}${applyTweak(params, cmd.tweak)}`,
          action: cmd.op,
          params,
          caller,
          register: (d) => this.registerTxn(d, name, cmd.op, caller, parseCents(params['TransactionAmount.Value']!) ?? 0, cmd.op, params),
        };
      }
      case 'Settle': {
        const txn = pick(prefer(this.txns, (t) => t.action === 'Reserve'), cmd.txn);
        if (!txn) return undefined;
        const params: Record<string, string> = { [paramName('Settle', 'ReserveTransactionId')]: txn.id, ...(cmd.amount ? amount('Settle', 'TransactionAmount', cmd.amount, txn.cents) : {}) };
        ipnUrl('Settle', params, cmd.ipn);
        const caller = who(cmd.as, txn.caller);
        return { label: `${name} Settle(${txn.name}${cmd.amount ? `, ${shown(cmd.amount, txn.cents)}` : ''})${asText(cmd.as)}`, action: 'Settle', params, caller, register: () => this.remember(name, 'Settle', params, caller) };
      }
      case 'Cancel':
      case 'GetTransactionStatus': {
        const txn = pick(this.txns, cmd.txn);
        if (!txn) return undefined;
        const caller = who(cmd.as, txn.caller);
        return { label: `${name} ${cmd.op}(${txn.name})${asText(cmd.as)}`, action: cmd.op, params: { [paramName(cmd.op, 'TransactionId')]: txn.id }, caller, register: () => undefined };
      }
      case 'Refund': {
        const txn = pick(prefer(this.txns, (t) => t.action !== 'Refund'), cmd.txn);
        if (!txn) return undefined;
        const params: Record<string, string> = { [paramName('Refund', 'TransactionId')]: txn.id, [paramName('Refund', 'CallerReference')]: callerReference(name, cmd.cr), ...(cmd.amount ? amount('Refund', 'RefundAmount', cmd.amount, txn.cents) : {}) };
        ipnUrl('Refund', params, cmd.ipn);
        const caller = who(cmd.as, txn.caller);
        return {
          label: `${name} Refund(${txn.name}, ${cmd.amount ? shown(cmd.amount, txn.cents) : 'in full'})${asText(cmd.as)}${applyTweak(params, cmd.tweak)}`,
          action: 'Refund',
          params,
          caller,
          register: (d) => this.registerTxn(d, name, 'Refund', caller, parseCents(params['RefundAmount.Value'] ?? '') ?? 0, 'Refund', params),
        };
      }
      case 'CancelToken':
      case 'GetTokenByCaller': {
        const token = pick(this.tokens, cmd.token);
        if (!token) return undefined;
        const caller = who(cmd.as, token.caller);
        const byRef = cmd.op === 'GetTokenByCaller' && cmd.by === 'CallerReference';
        const params: Record<string, string> = byRef ? { [paramName(cmd.op, 'CallerReference')]: token.callerReference } : { [paramName(cmd.op, 'TokenId')]: token.id };
        return { label: `${name} ${cmd.op}(${token.name}${byRef ? ' by CallerReference' : ''})${asText(cmd.as)}`, action: cmd.op, params, caller, register: () => undefined };
      }
      case 'Resend': {
        const orig = pick(this.sent, cmd.request);
        if (!orig) return undefined;
        const params = { ...orig.params };
        let action = orig.action;
        if (cmd.alter === 'amount') {
          const key = ['TransactionAmount.Value', 'RefundAmount.Value'].find((k) => k in params) ?? 'RefundAmount.Value';
          params[key] = formatCents((parseCents(params[key] ?? '') ?? 100) + 1);
          if (key === 'RefundAmount.Value') params['RefundAmount.CurrencyCode'] = CURRENCY_CODE[0];
        }
        if (cmd.alter === 'action') action = action === 'Pay' ? 'Reserve' : action === 'Reserve' ? 'Pay' : action;
        if (cmd.alter === 'action' && action === orig.action) return undefined;
        const txnAction = action as 'Pay' | 'Reserve' | 'Refund';
        const caller: 0 | 1 = cmd.alter === 'caller' ? (orig.caller === 0 ? 1 : 0) : orig.caller;
        const what = { none: 'unchanged', amount: 'amount +0.01', action: `as ${action}`, caller: 'unchanged, by the other caller' }[cmd.alter];
        return {
          label: `${name} Resend(${orig.name}, ${what})`,
          action,
          params,
          caller,
          register: (d) => this.registerTxn(d, name, txnAction, caller, parseCents(params['TransactionAmount.Value'] ?? params['RefundAmount.Value'] ?? '') ?? 0, action, params),
        };
      }
      default:
        return undefined;
    }
  }

  private remember(name: string, action: string, params: Record<string, string>, caller: 0 | 1): void {
    if (action === 'Pay' || action === 'Reserve' || action === 'Refund') this.sent.push({ name: `req${name}`, action, params, caller });
  }

  private registerTxn(d: Decoded | undefined, name: string, action: 'Pay' | 'Reserve' | 'Refund', caller: 0 | 1, cents: number, sentAction: string, params: Record<string, string>): void {
    this.remember(name, sentAction, params, caller);
    if (d?.kind !== 'result') return;
    const id = d.fields.TransactionId;
    if (!id || this.txns.some((t) => t.id === id)) return;
    let c = cents;
    if (action === 'Refund' && c === 0) c = this.txns.find((t) => t.id === params.TransactionId)?.cents ?? 0;
    this.txns.push({ name: `txn${name}`, id, action, caller, cents: c });
  }
}

/**
 * The signature as the target can judge it: a target checks a Co-Branded signature with the
 * callerKey's secret, so without a callerKey it issued (missing or unknown) it cannot be valid.
 */
function cbuiSignature(spec: CbuiSpec): 'valid' | 'invalid' | 'absent' {
  const d = spec.defect;
  if (d?.kind === 'unsigned') return 'absent';
  if (d?.kind === 'bad-signature' || d?.kind === 'unknown-caller-key' || (d?.kind === 'missing' && d.input === 'callerKey')) return 'invalid';
  return 'valid';
}
