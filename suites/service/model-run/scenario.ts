// Fixed command sequences for the checks that aim at one rule: the same machinery as generated runs,
// only the sequence is written out (references count tokens and transactions in the order made).
import type { AmountSpec } from '../../../generators/amounts.ts';
import type { CbuiSpec } from '../../../generators/cbui.ts';
import type { Command, Tweak } from '../../../generators/commands.ts';
import type { Instrument } from '../../../spec/model/api.ts';
import type { PipelineName } from '../../../spec/types.ts';

export const atLimit: AmountSpec = { rel: 0 };
export const rel = (cents: number): AmountSpec => ({ rel: cents });
export const abs = (value: string): AmountSpec => ({ abs: value });

/** A token the buyer approves with `instrument` (paymentMethod lists it unless `inputs` says otherwise, R-TOK-2). */
export function token(pipeline: PipelineName, inputs: Record<string, string>, instrument: Instrument = 'CC', extra: Partial<CbuiSpec> = {}, caller: 0 | 1 = 0): Command {
  const withMethod = pipeline === 'EditToken' || 'paymentMethod' in inputs ? inputs : { ...inputs, paymentMethod: instrument };
  return { op: 'GetToken', cbui: { pipeline, inputs: withMethod, buyer: 0, decision: 'approve', instrument, ...extra }, caller };
}
export const pay = (tokenRef = 0, amount: AmountSpec = atLimit, extra: { ipn?: boolean; tweak?: Tweak; cr?: number; as?: 'owner' | 'other' } = {}): Command => ({ op: 'Pay', token: tokenRef, amount, as: 'owner', ...extra });
export const reserve = (tokenRef = 0, amount: AmountSpec = atLimit, extra: { ipn?: boolean; as?: 'owner' | 'other' } = {}): Command => ({ op: 'Reserve', token: tokenRef, amount, as: 'owner', ...extra });
export const settle = (txn = 0, amount?: AmountSpec, extra: { ipn?: boolean } = {}): Command => ({ op: 'Settle', txn, as: 'owner', ...(amount ? { amount } : {}), ...extra });
export const cancel = (txn = 0): Command => ({ op: 'Cancel', txn, as: 'owner' });
export const refund = (txn = 0, amount?: AmountSpec, extra: { ipn?: boolean; cr?: number } = {}): Command => ({ op: 'Refund', txn, as: 'owner', ...(amount ? { amount } : {}), ...extra });
export const status = (txn = 0): Command => ({ op: 'GetTransactionStatus', txn, as: 'owner' });
export const cancelToken = (t = 0, as: 'owner' | 'other' = 'owner'): Command => ({ op: 'CancelToken', token: t, as });
export const tokenByCaller = (t = 0, by: 'TokenId' | 'CallerReference' = 'TokenId'): Command => ({ op: 'GetTokenByCaller', token: t, by, as: 'owner' });
export const advance = (seconds: number): Command => ({ op: 'Advance', seconds });
export const processAll: Command = { op: 'Process' };
export const resend = (request = 0, alter: 'none' | 'amount' | 'action' | 'caller' = 'none'): Command => ({ op: 'Resend', request, alter });
export const burst = (...commands: Command[]): Command => ({ op: 'Burst', commands });
export const lost = (command: Command): Command => ({ op: 'Lost', command });

/** Random picks for a check of fixed sequences, after each ran once: as many again (a target's own choices may vary). */
export const runsFor = (sequences: number): number => sequences;

export const DAY_S = 86_400;
export const HOUR_S = 3_600;
