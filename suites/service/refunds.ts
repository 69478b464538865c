// Refunds (R-REF-1..4): what can be refunded, how much remains, the refund's own id and completion.
import type { Suite } from '../../core/suite.ts';
import { commandsArb } from '../../generators/commands.ts';
import { modelCheck, type RunParts } from './model-run/property.ts';
import { unknownId } from './stateless-common.ts';
import { pay, processAll, refund, rel, reserve, runsFor, settle, status, token, abs } from './model-run/scenario.ts';

/**
 * Refund of each refund the run made, once it completed (R-REF-1: "a refund transaction →
 * TransactionTypeNotRefundable"), and of an unknown id (InvalidTransactionId). Sent from here: the
 * commands' Refund points at a non-refund whenever one exists, and only at the run's transactions.
 */
async function refundTheRefunds({ session, exec }: RunParts): Promise<void> {
  const refunds = exec.txns.filter((t) => t.action === 'Refund');
  if (refunds.length > 0) await session.process('Process() before refunding the refunds');
  for (const t of refunds) {
    const label = `Refund(${t.name}, a refund, in full)`;
    exec.lines.push(label);
    await session.api(label, 'Refund', { TransactionId: t.id, CallerReference: `refund-of-${t.name}` }, exec.caller(t.caller));
  }
  // and an id nobody issued: InvalidTransactionId (R-REF-1)
  exec.lines.push('Refund(an unknown id)');
  await session.api('Refund(an unknown id)', 'Refund', { TransactionId: unknownId(), CallerReference: 'refund-of-unknown' }, exec.caller(0));
}

const ABT_PAY = [token('SingleUse', { transactionAmount: '20.00' }, 'ABT'), pay(0)];
const CC_PAY = [token('SingleUse', { transactionAmount: '20.00' }, 'CC'), pay(0)];

export const refundsSuite: Suite = {
  name: 'refunds',
  title: 'Refunds (R-REF-*)',
  checks: [
    modelCheck({
      id: 'refunds/generated-sequences',
      generated: true,
      title: 'Generated sequences of payments, settles, full and partial refunds and status queries match the model',
      requirements: ['R-REF-1', 'R-REF-2', 'R-REF-3', 'R-REF-4'],
      commands: commandsArb({
        weights: { GetToken: 2, Pay: 3, Reserve: 1, Settle: 1, Process: 3, Refund: 5, GetTransactionStatus: 2 },
        pipelines: ['SingleUse', 'MultiUse'],
        instruments: ['ABT', 'ABT', 'CC', 'ACH'],
        maxLength: 14,
      }),
    }),
    modelCheck({
      id: 'refunds/remaining-amount',
      title: 'Partial refunds count against the original, pending ones too; past the remainder is RefundAmountExceeded, at zero TransactionFullyRefundedAlready (R-REF-2)',
      requirements: ['R-REF-2', 'R-REF-3'],
      maxRuns: runsFor(3),
      sequences: [
        [...ABT_PAY, refund(0, abs('5.00')), refund(0, abs('15.01')), refund(0, abs('15.00')), refund(0), refund(0, abs('0.01')), processAll, status(1), status(2)],
        [...ABT_PAY, refund(0, abs('12.00')), refund(0), processAll, refund(0), status(0)],
        [...ABT_PAY, refund(0), refund(0, abs('1.00')), processAll, refund(0)],
      ],
    }),
    modelCheck({
      id: 'refunds/what-is-refundable',
      title: 'A pending original is OriginalTransactionIncomplete, a refund is TransactionTypeNotRefundable, an unknown id InvalidTransactionId, a settled reserve refunds up to the settled amount (R-REF-1, R-REF-4)',
      requirements: ['R-REF-1', 'R-REF-4'],
      maxRuns: runsFor(4),
      after: refundTheRefunds,
      sequences: [
        [...CC_PAY, refund(0), processAll, refund(0, abs('3.00')), refund(1)],
        [token('SingleUse', { transactionAmount: '20.00' }, 'CC'), reserve(0), refund(0), processAll, refund(0), settle(0, rel(-500)), processAll, refund(0, abs('15.01')), refund(0), status(1)],
        [...ABT_PAY, refund(0, abs('2.00')), processAll, refund(1), status(1)],
        [token('SingleUse', { transactionAmount: '20.00' }, 'CC'), reserve(0), processAll, { op: 'Cancel', txn: 0, as: 'owner' }, refund(0)],
      ],
    }),
  ],
};
