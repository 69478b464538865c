// Refund (R-REF-1..4) with idempotency handled by the caller of refundStep.
import type { Expect } from './api.ts';
import { forcesFailure } from './amounts.ts';
import { pick } from './choose.ts';
import { fresh, REQUEST_ID, type Ctx, type StepResult } from './ctx.ts';
import { recordIdem } from './idempotency.ts';
import { oweTxnIpn } from './ipn.ts';
import { findTxn } from './lookup.ts';
import { paramViolations, readAmount } from './params.ts';
import { observe, refundsOf } from './txns.ts';
import { decide, v, type Violation } from './violations.ts';
import type { Txn, World } from './worlds.ts';

type Params = Readonly<Record<string, string>>;

const UNSETTLED = ['OriginalTransactionIncomplete', 'OriginalTransactionFailed', 'TransactionTypeNotRefundable', 'InvalidTransactionState'] as const;

/** R-REF-1, R-REF-4: the refundable amount of an original, or why it is not refundable */
function refundable(t: Txn): { cents: number } | Violation {
  if (t.kind === 'Refund') return v(['TransactionTypeNotRefundable'], ['R-REF-1'], 'a refund is not refundable');
  if (t.status === 'Pending') return v(['OriginalTransactionIncomplete'], ['R-REF-1'], 'the original is Pending');
  if (t.status === 'Failure') return v(['OriginalTransactionFailed'], ['R-REF-1'], 'the original failed');
  if (t.status === 'Reserved' || t.status === 'Cancelled') return v(UNSETTLED, ['R-REF-1'], `the original is ${t.status}`);
  return { cents: t.kind === 'Reserve' ? t.settle?.cents ?? t.cents : t.cents };
}

/** R-REF-2: refunds not Failure or Cancelled count, pending ones included */
export function refundedCents(w: World, ctx: Ctx | undefined, original: Txn): number {
  let sum = 0;
  for (const r of refundsOf(w, original.transactionId)) {
    if (ctx && r.mayFail) observe(w, ctx, r);
    if (r.status !== 'Failure' && r.status !== 'Cancelled') sum += r.cents;
  }
  return sum;
}

export function refundStep(w: World, ctx: Ctx, caller: string, params: Params): StepResult {
  const out: Violation[] = paramViolations('Refund', params);
  const found = findTxn(w, caller, params['TransactionId']);
  const amount = readAmount(params, 'RefundAmount');
  let original: Txn | undefined;
  let cents: number | undefined;
  if (found && 'violation' in found) out.push(found.violation);
  else if (found) {
    observe(w, ctx, found.txn);
    const r = refundable(found.txn);
    if ('codes' in r) out.push(r);
    else {
      original = found.txn;
      const remaining = r.cents - refundedCents(w, ctx, original);
      if (remaining <= 0) {
        const codes = amount.state === 'absent' ? (['TransactionFullyRefundedAlready'] as const) : (['TransactionFullyRefundedAlready', 'RefundAmountExceeded'] as const);
        out.push(v(codes, ['R-REF-2'], 'nothing left to refund'));
      } else if (amount.state === 'ok' && amount.cents > remaining) {
        out.push(v(['RefundAmountExceeded'], ['R-REF-2'], `more than the ${remaining} cents remaining`));
      }
      cents = amount.state === 'ok' ? amount.cents : remaining;
    }
  }
  const callerReference = params['CallerReference'];
  const refOk = callerReference !== undefined && callerReference !== '' && callerReference.length <= 128;
  const d = decide(ctx.choose, out);
  if (d) {
    if (refOk) recordIdem(w, caller, 'Refund', params, callerReference, { error: d.code });
    return { answer: { kind: 'error', code: d.code }, rules: d.rules, why: d.why };
  }
  if (!original || cents === undefined || !refOk) return { answer: { kind: 'error', code: 'InvalidParams' }, rules: ['R-WIRE-8'], why: 'model guard: no original' };
  const id = fresh(w, ctx, 'TransactionId');
  const refund: Txn = {
    transactionId: id.value, caller, kind: 'Refund', status: 'Pending', cents, callerReference, at: w.now,
    instrument: original.instrument, parentTransactionId: original.transactionId,
  };
  if (params['OverrideIPNURL']) refund.ipnUrl = params['OverrideIPNURL'];
  // R-SBX-1 (set): a Refund amount in the forcing range may or may not fail
  if (ctx.profile === 'sandbox-simulation' && amount.state === 'ok' && forcesFailure(amount.text)) refund.mayFail = true;
  w.txns[id.value] = refund;
  // R-REF-3: Pending or Success
  const status = pick(ctx.choose, ['Pending', 'Success'] as const, 'does the refund answer Pending or Success?');
  refund.status = status;
  oweTxnIpn(w, refund.ipnUrl, refund, status === 'Pending' ? 'PENDING' : 'SUCCESS', 'REFUND', cents);
  recordIdem(w, caller, 'Refund', params, callerReference, { transactionId: id.value, status });
  const fields: Record<string, Expect> = { TransactionId: id.expect, TransactionStatus: status, RequestId: REQUEST_ID };
  return { answer: { kind: 'result', action: 'Refund', fields }, rules: ['R-REF-2', 'R-REF-3'], why: 'refund accepted' };
}
