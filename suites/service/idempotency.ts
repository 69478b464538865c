// Idempotency by CallerReference (R-IDEM-1..5): resends within the 7-day window return the original
// and change nothing, altered ones are DuplicateRequest, after the window the request is new again.
import type { Suite } from '../../core/suite.ts';
import { commandsArb } from '../../generators/commands.ts';
import { modelCheck } from './model-run/property.ts';
import { DAY_S, HOUR_S, advance, pay, processAll, refund, reserve, resend, runsFor, status, token, abs } from './model-run/scenario.ts';

const MULTI = (caller: 0 | 1 = 0) => token('MultiUse', { globalAmountLimit: '500.00' }, 'ABT', {}, caller);

export const idempotencySuite: Suite = {
  name: 'idempotency',
  title: 'Idempotency by CallerReference (R-IDEM-*)',
  checks: [
    modelCheck({
      id: 'idempotency/generated-collisions',
      generated: true,
      title: 'Requests whose CallerReferences collide (same or other parameters, action, caller, before and after 7 days) match the model',
      requirements: ['R-IDEM-1', 'R-IDEM-2', 'R-IDEM-3', 'R-IDEM-4', 'R-IDEM-5'],
      commands: commandsArb({
        weights: { GetToken: 2, Pay: 4, Reserve: 1, Refund: 2, Process: 2, Resend: 4, Advance: 1, GetTransactionStatus: 1 },
        pipelines: ['MultiUse', 'SingleUse'],
        instruments: ['ABT', 'CC'],
        callerReferencePool: 3,
        otherCaller: 0.1,
        advances: [HOUR_S, 3 * DAY_S, 7 * DAY_S + HOUR_S],
        maxLength: 14,
      }),
    }),
    modelCheck({
      id: 'idempotency/resend-returns-original',
      title: 'The same request again within 7 days returns the original TransactionId and charges nothing; altered, it is DuplicateRequest (R-IDEM-2, R-IDEM-3)',
      requirements: ['R-IDEM-2', 'R-IDEM-3'],
      maxRuns: runsFor(5),
      sequences: [
        [MULTI(), pay(0, abs('10.00')), resend(0), processAll, resend(0), status(0), resend(0, 'amount'), resend(0, 'action')],
        // as a Reserve the request would be payable (a CC MultiUse token): only R-IDEM-3 refuses it
        [token('MultiUse', { globalAmountLimit: '500.00' }, 'CC'), pay(0, abs('10.00')), resend(0, 'action'), status(0)],
        [token('SingleUse', { transactionAmount: '10.00' }, 'ABT'), pay(0), resend(0), resend(0), status(0)],
        [MULTI(), pay(0, abs('10.00')), processAll, refund(0, abs('4.00')), resend(1), resend(1, 'amount'), refund(0, abs('6.00')), status(1)],
        [token('SingleUse', { transactionAmount: '10.00' }, 'CC'), reserve(0), resend(0), resend(0, 'action'), processAll, resend(0)],
      ],
    }),
    modelCheck({
      id: 'idempotency/window-is-7-days',
      title: 'After 7 days the same request is new again: a new TransactionId (R-IDEM-4)',
      requirements: ['R-IDEM-4', 'R-IDEM-2'],
      needs: ['sandbox', 'clock'],
      maxRuns: runsFor(1),
      sequences: [[MULTI(), pay(0, abs('10.00')), advance(6 * DAY_S), resend(0), advance(DAY_S + HOUR_S), resend(0), status(1)]],
    }),
    modelCheck({
      id: 'idempotency/scope-is-one-caller',
      title: 'Two callers may use the same CallerReference freely (R-IDEM-1)',
      requirements: ['R-IDEM-1'],
      maxRuns: runsFor(1),
      sequences: [[MULTI(0), MULTI(1), pay(0, abs('10.00'), { cr: 0 }), pay(1, abs('10.00'), { cr: 0 }), pay(1, abs('7.00'), { cr: 1 }), pay(0, abs('7.00'), { cr: 1 }), status(0), status(1)]],
    }),
    modelCheck({
      id: 'idempotency/after-an-error',
      title: 'After an error answer the same CallerReference gives the same error, DuplicateRequest, or is processed as new (R-IDEM-5)',
      requirements: ['R-IDEM-5', 'R-IDEM-3'],
      maxRuns: runsFor(2),
      sequences: [
        [token('SingleUse', { transactionAmount: '5.00' }, 'ABT'), pay(0, abs('5.01'), { cr: 0 }), pay(0, abs('5.01'), { cr: 0 }), pay(0, abs('5.00'), { cr: 0 }), status(0)],
        [token('SingleUse', { transactionAmount: '5.00' }, 'ABT'), pay(0, abs('1.234'), { cr: 1 }), pay(0, abs('5.00'), { cr: 1 }), resend(1)],
      ],
    }),
  ],
};
