// Requests in flight together (bursts of ≤ 4): the answers must fit some serial order the model
// allows. Double spends, refunds past the original and settle-versus-cancel races are the targets.
import type { Suite } from '../../core/suite.ts';
import { commandsArb } from '../../generators/commands.ts';
import { modelCheck } from './model-run/property.ts';
import { abs, burst, cancel, pay, processAll, refund, reserve, runsFor, settle, status, token } from './model-run/scenario.ts';

export const concurrencySuite: Suite = {
  name: 'concurrency',
  title: 'Concurrent requests fit a serial order',
  checks: [
    modelCheck({
      id: 'concurrency/double-spend-single-use',
      title: 'Two Pays in flight on one SingleUse token: at most one is accepted (R-TOK-6, R-TOK-8)',
      requirements: ['R-TOK-6', 'R-TOK-8'],
      maxRuns: runsFor(3),
      sequences: [
        [token('SingleUse', { transactionAmount: '10.00' }, 'ABT'), burst(pay(0), pay(0)), processAll, status(0)],
        [token('SingleUse', { transactionAmount: '10.00' }, 'CC'), burst(pay(0), pay(0), pay(0)), processAll, status(0)],
        [token('SingleUse', { transactionAmount: '10.00' }, 'CC'), burst(reserve(0), pay(0)), processAll, status(0)],
      ],
    }),
    modelCheck({
      id: 'concurrency/refunds-race-past-the-original',
      title: 'Refunds in flight together never add up past the original amount (R-REF-2)',
      requirements: ['R-REF-2'],
      maxRuns: runsFor(2),
      sequences: [
        [token('SingleUse', { transactionAmount: '10.00' }, 'ABT'), pay(0), burst(refund(0, abs('6.00')), refund(0, abs('6.00')), refund(0, abs('6.00'))), processAll, status(0)],
        [token('SingleUse', { transactionAmount: '10.00' }, 'ABT'), pay(0), burst(refund(0), refund(0, abs('0.50')), refund(0)), processAll],
      ],
    }),
    modelCheck({
      id: 'concurrency/settle-races-cancel',
      title: 'A Settle and a Cancel of one reserve in flight together: one wins, the other is refused (R-PAY-3, R-PAY-4, R-PAY-6)',
      requirements: ['R-PAY-3', 'R-PAY-4', 'R-PAY-6'],
      maxRuns: runsFor(2),
      sequences: [
        [token('SingleUse', { transactionAmount: '10.00' }, 'CC'), reserve(0), processAll, burst(settle(0), cancel(0)), processAll, status(0)],
        [token('SingleUse', { transactionAmount: '10.00' }, 'CC'), reserve(0), processAll, burst(settle(0), settle(0)), processAll, status(0)],
      ],
    }),
    modelCheck({
      id: 'concurrency/generated-bursts',
      generated: true,
      title: 'Generated bursts of Pay, Reserve, Settle, Cancel, Refund and GetTransactionStatus fit a serial order the model allows',
      requirements: ['R-TOK-6', 'R-TOK-8', 'R-REF-2', 'R-PAY-4', 'R-PAY-6'],
      commands: commandsArb({
        weights: { GetToken: 2, Pay: 2, Reserve: 1, Process: 2, GetTransactionStatus: 1 },
        pipelines: ['SingleUse', 'MultiUse'],
        instruments: ['ABT', 'CC'],
        burst: { weight: 4, ops: ['Pay', 'Reserve', 'Settle', 'Cancel', 'Refund', 'GetTransactionStatus'] },
        maxLength: 10,
      }),
    }),
  ],
};
