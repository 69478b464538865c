// Requests whose answer never arrives (the kit's own 1 ms timeout): the outcome is unknown, and a
// resend with the same CallerReference must never charge twice (R-IDEM-2); later answers settle it.
import type { Suite } from '../../core/suite.ts';
import { commandsArb } from '../../generators/commands.ts';
import { modelCheck } from './model-run/property.ts';
import { abs, lost, pay, processAll, refund, reserve, resend, runsFor, status, token } from './model-run/scenario.ts';

const MULTI = token('MultiUse', { globalAmountLimit: '20.00' }, 'ABT');

export const unknownOutcomesSuite: Suite = {
  name: 'unknown-outcomes',
  title: 'Lost answers and resends (R-IDEM-2)',
  checks: [
    modelCheck({
      id: 'unknown-outcomes/lost-then-resend',
      title: 'A Pay, Reserve or Refund whose answer was lost, resent with the same CallerReference, is done once (R-IDEM-2)',
      requirements: ['R-IDEM-2', 'R-IDEM-3'],
      maxRuns: runsFor(3),
      sequences: [
        [MULTI, lost(pay(0, abs('15.00'))), resend(0), resend(0), pay(0, abs('15.00')), processAll, status(0)],
        [token('SingleUse', { transactionAmount: '10.00' }, 'CC'), lost(reserve(0)), resend(0), processAll, status(0)],
        [MULTI, pay(0, abs('8.00')), processAll, lost(refund(0, abs('5.00'))), resend(1), refund(0, abs('5.00')), processAll],
      ],
    }),
    modelCheck({
      id: 'unknown-outcomes/generated',
      generated: true,
      title: 'Generated sequences with lost answers, resends and later observations match every world the model keeps open (R-IDEM-2)',
      requirements: ['R-IDEM-2', 'R-IDEM-3', 'R-TOK-6'],
      commands: commandsArb({
        weights: { GetToken: 2, Pay: 2, Resend: 4, Process: 2, GetTransactionStatus: 2, Refund: 1 },
        pipelines: ['MultiUse', 'SingleUse'],
        instruments: ['ABT', 'CC'],
        lost: { weight: 3, ops: ['Pay', 'Reserve', 'Refund'] },
        maxLength: 10,
      }),
    }),
  ],
};
