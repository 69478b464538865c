// Settle (R-PAY-3/4/5) and Cancel (R-PAY-6).
import type { Expect } from './api.ts';
import { forcesFailure } from './amounts.ts';
import { idExpect, REQUEST_ID, type Ctx, type StepResult } from './ctx.ts';
import { oweTxnIpn } from './ipn.ts';
import { findTxn } from './lookup.ts';
import { paramViolations, readAmount } from './params.ts';
import { observe } from './txns.ts';
import { decide, v, type Violation } from './violations.ts';
import type { World } from './worlds.ts';

type Params = Readonly<Record<string, string>>;

export function settleStep(w: World, ctx: Ctx, caller: string, params: Params): StepResult {
  const out: Violation[] = paramViolations('Settle', params);
  const found = findTxn(w, caller, params['ReserveTransactionId']);
  const amount = readAmount(params, 'TransactionAmount');
  let reserve;
  if (found && 'violation' in found) out.push(found.violation);
  else if (found) {
    const t = found.txn;
    observe(w, ctx, t);
    if (t.kind !== 'Reserve') out.push(v(['InvalidTransactionId', 'InvalidTransactionState'], ['R-PAY-4'], 'not a Reserve transaction'));
    else if (t.status !== 'Reserved' || t.settle) out.push(v(['InvalidTransactionState'], ['R-PAY-4', 'R-PAY-5'], `the reserve is ${t.status}${t.settle ? ' and settled' : ''}`));
    else {
      reserve = t;
      if (amount.state === 'ok' && amount.cents > t.cents) out.push(v(['SettleAmountGreaterThanReserveAmount'], ['R-PAY-3'], 'more than the reserved amount'));
    }
  }
  const d = decide(ctx.choose, out);
  if (d) return { answer: { kind: 'error', code: d.code }, rules: d.rules, why: d.why };
  if (!reserve) return { answer: { kind: 'error', code: 'InvalidParams' }, rules: ['R-WIRE-8'], why: 'model guard: no reserve' };
  const cents = amount.state === 'ok' ? amount.cents : reserve.cents;
  reserve.settle = { cents, at: w.now, status: 'Pending' };
  reserve.status = 'Pending';
  if (params['OverrideIPNURL']) reserve.settleIpnUrl = params['OverrideIPNURL'];
  // R-SBX-1 (set): a Settle amount in the forcing range may or may not fail
  if (ctx.profile === 'sandbox-simulation' && amount.state === 'ok' && forcesFailure(amount.text)) reserve.mayFail = true;
  const fields: Record<string, Expect> = {
    TransactionId: idExpect(ctx, reserve.transactionId, 'TransactionId', 'TransactionId'),
    TransactionStatus: 'Pending',
    RequestId: REQUEST_ID,
  };
  return { answer: { kind: 'result', action: 'Settle', fields }, rules: ['R-PAY-3'], why: 'settle accepted' };
}

export function cancelStep(w: World, ctx: Ctx, caller: string, params: Params): StepResult {
  const out: Violation[] = paramViolations('Cancel', params);
  // R-PAY-6 (set): an unknown id is InvalidTransactionId or InvalidParams
  const found = findTxn(w, caller, params['TransactionId'], ['InvalidTransactionId', 'InvalidParams']);
  let txn;
  if (found && 'violation' in found) out.push(found.violation);
  else if (found) {
    observe(w, ctx, found.txn);
    if (found.txn.status === 'Pending' || found.txn.status === 'Reserved') txn = found.txn;
    else out.push(v(['InvalidTransactionState'], ['R-PAY-6'], `the transaction is ${found.txn.status}`));
  }
  const d = decide(ctx.choose, out);
  if (d) return { answer: { kind: 'error', code: d.code }, rules: d.rules, why: d.why };
  if (!txn) return { answer: { kind: 'error', code: 'InvalidParams' }, rules: ['R-WIRE-8'], why: 'model guard: no transaction' };
  txn.status = 'Cancelled';
  txn.cancelReason = 'Canceled';
  if (txn.settle) txn.settle.status = 'Failure';
  oweTxnIpn(w, params['OverrideIPNURL'], txn, 'CANCELLED', 'CANCEL', txn.settle?.cents ?? txn.cents);
  const fields: Record<string, Expect> = {
    TransactionId: idExpect(ctx, txn.transactionId, 'TransactionId', 'TransactionId'),
    TransactionStatus: 'Cancelled',
    RequestId: REQUEST_ID,
  };
  return { answer: { kind: 'result', action: 'Cancel', fields }, rules: ['R-PAY-6'], why: 'cancelled' };
}
