// More injected bugs in payments, reserve and settle, cancel, status and refunds (R-PAY-*, R-REF-*),
// one per firm clause (emulator/bugs/clauses.ts).
import type { Outcome } from '../../spec/model/api.ts';
import type { ApiStep } from '../hooks.ts';
import { cents, fabricate, fakeCharge, refusedFor, withMemory, type Bug, type Memory } from './kit.ts';
import { forgetCheck, renderBug, wrongCode, wrongRefusal, type BugHead } from './recipes.ts';
import { ERROR_CODE } from '../../spec/catalogue/errors.ts';

const txnOf = (m: Memory, step: ApiStep, param: string) => m.txns.get(step.input.params[param] ?? '');

/** A bug with memory that only rewrites outcomes. */
function remembering(head: BugHead, outcome: (o: Outcome, step: ApiStep, m: Memory) => Outcome): Bug {
  return { ...head, make: withMemory((m) => ({ outcome: (o, step) => outcome(o, step, m) })) };
}

const settled = (step: ApiStep): Outcome => fabricate(fakeCharge(step, 'Settle', step.input.params.ReserveTransactionId), step.state, 'settle state not checked');
const refunded = (step: ApiStep): Outcome => fabricate(fakeCharge(step, 'Refund'), step.state, 'refund rule forgotten');

export const MORE_RESERVE_BUGS: readonly Bug[] = [
  {
    name: 'pay-abt-pending',
    area: 'reserve-settle',
    clause: 'R-PAY-1.abt-synchronous',
    description: 'Answers every Pay Pending, also with an ABT token (which completes at once).',
    rules: ['R-PAY-1'],
    make: () => ({ render: (f, step) => (step.input.action === 'Pay' && f.TransactionStatus === 'Success' ? { ...f, TransactionStatus: 'Pending' } : f) }),
  },
  {
    name: 'pay-cc-instant-success',
    area: 'reserve-settle',
    clause: 'R-PAY-1.cc-ach-pending',
    description: 'Answers a Pay with a CC or ACH token Success at once (it must answer Pending and complete later).',
    rules: ['R-PAY-1'],
    make: withMemory((m) => ({
      render: (f, step) => (step.input.action === 'Pay' && f.TransactionStatus === 'Pending' && m.senderToken(step)?.status !== 'SA' ? { ...f, TransactionStatus: 'Success' } : f),
    })),
  },
  forgetCheck(
    { name: 'reserve-any-instrument', area: 'reserve-settle', clause: 'R-PAY-2.cc-only', rules: ['R-PAY-2'], description: 'Reserves with any instrument, not only CC.' },
    { actions: ['Reserve'], codes: [ERROR_CODE.PaymentInstrumentNotCC], fabricateCharge: true },
  ),
  renderBug(
    { name: 'reserve-answers-reserved', area: 'reserve-settle', clause: 'R-PAY-2.reserve-pending', rules: ['R-PAY-2'], description: 'Answers a Reserve Reserved at once instead of Pending.' },
    ['Reserve'],
    (f) => (f.TransactionStatus === 'Pending' ? { ...f, TransactionStatus: 'Reserved' } : f),
  ),
  wrongRefusal(
    { name: 'settle-requires-amount', area: 'reserve-settle', clause: 'R-PAY-3.default-amount', rules: ['R-PAY-3'], description: 'Requires TransactionAmount on Settle (InvalidParams) instead of settling the reserved amount.' },
    { actions: ['Settle'], code: ERROR_CODE.InvalidParams, when: (_o, step) => step.input.params['TransactionAmount.Value'] === undefined },
  ),
  {
    name: 'settle-new-transaction-id',
    area: 'reserve-settle',
    clause: 'R-PAY-3.reserve-id',
    description: 'Answers a Settle with a new TransactionId instead of the reserve\'s.',
    rules: ['R-PAY-3'],
    make: () => ({ render: (f, step) => (step.input.action === 'Settle' && f.TransactionId !== undefined ? { ...f, TransactionId: step.fresh('TransactionId') } : f) }),
  },
  remembering(
    { name: 'settle-pending-reserve', area: 'reserve-settle', clause: 'R-PAY-4.settle-pending', rules: ['R-PAY-4'], description: 'Settles a reserve that is still Pending (checks only that it is a Reserve).' },
    (o, step, m) => {
      const t = txnOf(m, step, 'ReserveTransactionId');
      return step.input.action === 'Settle' && refusedFor(o, 'R-PAY-4') && t?.action === 'Reserve' && !m.completed.has(t.transactionId) && !m.settled.has(t.transactionId) && !m.cancelled.has(t.transactionId) ? settled(step) : o;
    },
  ),
  remembering(
    { name: 'settle-cancelled-reserve', area: 'reserve-settle', clause: 'R-PAY-4.settle-cancelled', rules: ['R-PAY-4'], description: 'Cancel marks the reserve but Settle never reads the mark: a cancelled reserve settles.' },
    (o, step, m) => {
      const t = txnOf(m, step, 'ReserveTransactionId');
      return step.input.action === 'Settle' && refusedFor(o, 'R-PAY-4') && t !== undefined && m.cancelled.has(t.transactionId) && !m.settled.has(t.transactionId) ? settled(step) : o;
    },
  ),
  wrongCode(
    { name: 'settle-unknown-as-state', area: 'reserve-settle', clause: 'R-PAY-4.unknown-id', rules: ['R-PAY-4'], description: 'Answers Settle of an id nobody issued with InvalidTransactionState instead of InvalidTransactionId.' },
    { actions: ['Settle'], from: [ERROR_CODE.InvalidTransactionId], to: ERROR_CODE.InvalidTransactionState },
  ),
  renderBug(
    { name: 'reserve-expired-code-canceled', area: 'reserve-settle', clause: 'R-PAY-5.status-code-expired', rules: ['R-PAY-5', 'R-PAY-7'], description: 'An expired reserve shows StatusCode Canceled (as a caller cancel), not Expired.' },
    ['GetTransactionStatus'],
    (f) => (f.StatusCode === 'Expired' ? { ...f, StatusCode: 'Canceled' } : f),
  ),
  remembering(
    { name: 'cancel-reserved-refused', area: 'reserve-settle', clause: 'R-PAY-6.reserved-cancellable', rules: ['R-PAY-6'], description: 'Cancels only Pending transactions: Cancel of a Reserved reserve is InvalidTransactionState.' },
    (o, step, m) => {
      const t = txnOf(m, step, 'TransactionId');
      return step.input.action === 'Cancel' && o.answer.kind === 'result' && t?.action === 'Reserve' && m.completed.has(t.transactionId) && !m.settled.has(t.transactionId) ? fabricate({ kind: 'error', code: ERROR_CODE.InvalidTransactionState }, step.state, 'Reserved not cancellable') : o;
    },
  ),
  remembering(
    { name: 'cancel-completed-allowed', area: 'reserve-settle', clause: 'R-PAY-6.completed-not-cancellable', rules: ['R-PAY-6'], description: 'Cancel never looks at the status: a Success payment is "Cancelled".' },
    (o, step, m) =>
      step.input.action === 'Cancel' && refusedFor(o, 'R-PAY-6') && o.answer.kind === 'error' && o.answer.code === ERROR_CODE.InvalidTransactionState && txnOf(m, step, 'TransactionId') !== undefined
        ? fabricate({ kind: 'result', action: 'Cancel', fields: { TransactionId: step.input.params.TransactionId!, TransactionStatus: 'Cancelled' } }, step.state, 'any status cancelled')
        : o,
  ),
  renderBug(
    { name: 'status-no-caller-reference', area: 'reserve-settle', clause: 'R-PAY-7.fields', rules: ['R-PAY-7'], description: 'GetTransactionStatus leaves out CallerReference.' },
    ['GetTransactionStatus'],
    (f) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'CallerReference')),
  ),
  renderBug(
    { name: 'status-pending-code', area: 'reserve-settle', clause: 'R-PAY-7.pending-status-code', rules: ['R-PAY-7'], description: 'A Pending transaction shows StatusCode Pending (not PendingNetworkResponse or PendingVerification).' },
    ['GetTransactionStatus'],
    (f) => (f.TransactionStatus === 'Pending' ? { ...f, StatusCode: 'Pending' } : f),
  ),
  renderBug(
    { name: 'status-cancel-code-success', area: 'reserve-settle', clause: 'R-PAY-7.cancel-status-code', rules: ['R-PAY-7'], description: 'A transaction the caller cancelled shows StatusCode Success.' },
    ['GetTransactionStatus'],
    (f) => (f.StatusCode === 'Canceled' || f.StatusCode === 'Cancelled' ? { ...f, StatusCode: 'Success' } : f),
  ),
];

export const MORE_REFUND_BUGS: readonly Bug[] = [
  forgetCheck(
    { name: 'refund-pending-original', area: 'refunds', clause: 'R-REF-1.original-pending', rules: ['R-REF-1'], description: 'Refunds an original that is still Pending.' },
    { actions: ['Refund'], codes: [ERROR_CODE.OriginalTransactionIncomplete], fabricateCharge: true, when: (step) => step.input.params.TransactionId !== undefined },
  ),
  remembering(
    { name: 'refund-of-refund', area: 'refunds', clause: 'R-REF-1.refund-not-refundable', rules: ['R-REF-1'], description: 'Refunds a refund transaction as if it were a payment.' },
    (o, step, m) => (step.input.action === 'Refund' && refusedFor(o, 'R-REF-1') && o.answer.kind === 'error' && o.answer.code === ERROR_CODE.TransactionTypeNotRefundable && txnOf(m, step, 'TransactionId')?.action === 'Refund' ? refunded(step) : o),
  ),
  wrongCode(
    { name: 'refund-unknown-as-state', area: 'refunds', clause: 'R-REF-1.unknown-id', rules: ['R-REF-1'], description: 'Answers Refund of an id nobody issued with InvalidTransactionState instead of InvalidTransactionId.' },
    { actions: ['Refund'], from: [ERROR_CODE.InvalidTransactionId], to: ERROR_CODE.InvalidTransactionState },
  ),
  {
    name: 'refund-exceeded-as-fully-refunded',
    area: 'refunds',
    clause: 'R-REF-2.exceeded-code',
    description: 'Answers a RefundAmount above a non-zero remainder with TransactionFullyRefundedAlready instead of RefundAmountExceeded.',
    rules: ['R-REF-2'],
    make: () => ({
      outcome(o, step) {
        if (step.input.action !== 'Refund' || !refusedFor(o, 'R-REF-2') || o.answer.kind !== 'error' || o.answer.code !== ERROR_CODE.RefundAmountExceeded) return o;
        const params = { ...step.input.params };
        delete params['RefundAmount.Value'];
        delete params['RefundAmount.CurrencyCode'];
        // something remains: the same refund without an amount goes through
        return step.step({ ...step.input, params }).answer.kind === 'result' ? fabricate({ kind: 'error', code: ERROR_CODE.TransactionFullyRefundedAlready }, step.state, 'wrong code') : o;
      },
    }),
  },
  forgetCheck(
    { name: 'refund-at-zero-succeeds', area: 'refunds', clause: 'R-REF-2.fully-refunded', rules: ['R-REF-2'], description: 'A fully refunded transaction accepts another refund (of 0.00).' },
    { actions: ['Refund'], codes: [ERROR_CODE.TransactionFullyRefundedAlready], fabricateCharge: true },
  ),
  remembering(
    { name: 'refund-default-original-amount', area: 'refunds', clause: 'R-REF-2.default-remaining', rules: ['R-REF-2'], description: 'A Refund without RefundAmount refunds the original amount, not the remainder: after a partial refund it is RefundAmountExceeded.' },
    (o, step, m) =>
      step.input.action === 'Refund' && o.answer.kind === 'result' && step.input.params['RefundAmount.Value'] === undefined && (m.refundsOf.get(step.input.params.TransactionId ?? '') ?? 0) > 0
        ? fabricate({ kind: 'error', code: ERROR_CODE.RefundAmountExceeded }, step.state, 'default is the original amount')
        : o,
  ),
  {
    name: 'refund-never-completes',
    area: 'refunds',
    clause: 'R-REF-3.completes-to-success',
    description: 'Refunds stay Pending for ever in GetTransactionStatus (their completion is never written).',
    rules: ['R-REF-3'],
    make: withMemory((m) => ({
      render: (f, step) =>
        step.input.action === 'GetTransactionStatus' && f.TransactionStatus === 'Success' && txnOf(m, step, 'TransactionId')?.action === 'Refund' ? { ...f, TransactionStatus: 'Pending', StatusCode: 'PendingNetworkResponse' } : f,
    })),
  },
  remembering(
    { name: 'refund-settled-reserve-reserved-amount', area: 'refunds', clause: 'R-REF-4.settled-amount', rules: ['R-REF-4', 'R-REF-2'], description: 'For a settled reserve the refundable amount is the reserved amount, not the settled one.' },
    (o, step, m) => {
      const t = txnOf(m, step, 'TransactionId');
      if (step.input.action !== 'Refund' || t?.action !== 'Reserve' || !refusedFor(o, 'R-REF-2') || o.answer.kind !== 'error' || o.answer.code !== ERROR_CODE.RefundAmountExceeded) return o;
      return cents(step.input.params['RefundAmount.Value']) <= cents(t.params['TransactionAmount.Value']) && (m.refundsOf.get(t.transactionId) ?? 0) === 0 ? refunded(step) : o;
    },
  ),
];
