// What the injected bugs share: their record, fabricated outcomes, and a memory of what the emulator
// answered (tokens made, transactions made, by whom) built from observed steps.
import type { Answer, ModelState, Outcome } from '../../spec/model/api.ts';
import type { ApiStep, Hooks, Observation } from '../hooks.ts';

export type BugArea =
  | 'signature'
  | 'wire'
  | 'tokens'
  | 'reserve-settle'
  | 'refunds'
  | 'idempotency'
  | 'ipn'
  | 'authorization'
  | 'marketplace'
  | 'concurrency'
  | 'robustness';

export interface Bug {
  name: string;
  area: BugArea;
  description: string;
  /** the firm clause it breaks (emulator/bugs/clauses.ts), e.g. `R-PAY-4.settle-pending` */
  clause: string;
  /** the R- rulings it breaks: some check citing one of them must catch it */
  rules: readonly string[];
  /** fresh hooks (with their own memory) for one emulator */
  make(): Hooks;
}

/** An answer the model would not give, leaving the state as it was (the emulator lies). */
export function fabricate(answer: Answer, state: ModelState, why: string): Outcome {
  return { answer, rules: [], why: `injected bug: ${why}`, next: () => state };
}

/** The model refused with an error citing `rule`. */
export function refusedFor(outcome: Outcome, rule: string): boolean {
  return outcome.answer.kind === 'error' && outcome.rules.includes(rule);
}

/** A plausible success answer for a charge-like action: a new TransactionId, Pending. */
export function fakeCharge(step: ApiStep, action: string, transactionId?: string): Answer {
  return {
    kind: 'result',
    action,
    fields: { TransactionId: transactionId ?? step.fresh('TransactionId'), TransactionStatus: 'Pending' },
  };
}

export interface TokenSeen {
  tokenId: string;
  callerKey: string | undefined;
  pipeline: string;
  /** Co-Branded parameters with lower-cased names */
  params: Record<string, string>;
  installedAt: number;
  /** times of the charges the emulator accepted with it */
  charges: number[];
  /** their amounts, in cents (parallel to charges) */
  chargeCents: number[];
  /** their TransactionIds (parallel to charges) */
  chargeIds: string[];
  /** the Co-Branded status it was made with (SA, SB, SC, SR) */
  status: string | undefined;
}

/** "12.34" → 1234 (NaN for anything else). */
export const cents = (v: string | undefined): number => (v !== undefined && /^\d+(\.\d{1,2})?$/.test(v) ? Math.round(Number(v) * 100) : NaN);

export interface TxnSeen {
  transactionId: string;
  accessKeyId: string | undefined;
  action: string;
  /** the request's parameters */
  params: Readonly<Record<string, string>>;
  at: number;
}

/** What the emulator has answered so far, rebuilt from observations (bugs only; the model keeps the truth). */
export class Memory {
  tokens = new Map<string, TokenSeen>();
  txns = new Map<string, TxnSeen>();
  /** reserves the emulator settled, transactions it cancelled (by TransactionId) */
  settled = new Set<string>();
  cancelled = new Set<string>();
  /** refunds accepted, by original TransactionId */
  refundsOf = new Map<string, number>();
  /**
   * transactions /_sandbox/process reported completed: the sandbox clock is frozen between steps, so
   * a time comparison cannot tell a charge made before a process from one made after it at the same instant
   */
  completed = new Set<string>();

  observe(e: Observation): void {
    if (e.kind === 'reset') {
      this.tokens.clear();
      this.txns.clear();
      this.settled.clear();
      this.cancelled.clear();
      this.refundsOf.clear();
      this.completed.clear();
    } else if (e.kind === 'process') {
      for (const id of e.completed) this.completed.add(id);
    } else if (e.kind === 'cbui') {
      const tokenId = e.fields.tokenID;
      if (tokenId === undefined) return;
      const params = Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k.toLowerCase(), v]));
      this.tokens.set(tokenId, { tokenId, callerKey: e.callerKey, pipeline: params.pipelinename ?? '', params, installedAt: e.at, charges: [], chargeCents: [], chargeIds: [], status: e.fields.status });
    } else if (e.kind === 'api' && e.answer.kind === 'result') {
      const action = e.input.action;
      const id = e.answer.fields.TransactionId;
      if (id !== undefined && !this.txns.has(id)) this.txns.set(id, { transactionId: id, accessKeyId: e.input.auth.accessKeyId, action, params: e.input.params, at: e.at });
      const token = this.tokens.get(e.input.params.SenderTokenId ?? '');
      if (token !== undefined && (action === 'Pay' || action === 'Reserve') && !this.isResend(e.input.params, id)) {
        token.charges.push(e.input.at);
        token.chargeCents.push(cents(e.input.params['TransactionAmount.Value']));
        token.chargeIds.push(id ?? '');
      }
      if (action === 'Settle') this.settled.add(e.input.params.ReserveTransactionId ?? '');
      if (action === 'Cancel') this.cancelled.add(e.input.params.TransactionId ?? '');
      if (action === 'Refund' && id !== undefined && this.txns.get(id)?.params === e.input.params) {
        const original = e.input.params.TransactionId ?? '';
        this.refundsOf.set(original, (this.refundsOf.get(original) ?? 0) + 1);
      }
    }
  }

  /** an answer naming a transaction made by an earlier request (a resend, R-IDEM-2) */
  private isResend(params: Readonly<Record<string, string>>, id: string | undefined): boolean {
    const t = id === undefined ? undefined : this.txns.get(id);
    return t !== undefined && t.params !== params;
  }

  senderToken(step: ApiStep): TokenSeen | undefined {
    return this.tokens.get(step.input.params.SenderTokenId ?? '');
  }
}

/** Hooks that keep a Memory current, plus the bug's own. */
export function withMemory(make: (m: Memory) => Hooks): () => Hooks {
  return () => {
    const m = new Memory();
    const own = make(m);
    return {
      ...own,
      observe: (e) => {
        m.observe(e);
        own.observe?.(e);
      },
    };
  };
}
