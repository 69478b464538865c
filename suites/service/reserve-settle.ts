// Reserve, Settle, Cancel and the transaction life cycle (R-PAY-1..7), judged step by step by the model.
import type { Suite } from '../../core/suite.ts';
import { commandsArb } from '../../generators/commands.ts';
import { modelCheck, type RunParts } from './model-run/property.ts';
import { unknownId } from './stateless-common.ts';
import { DAY_S, HOUR_S, advance, cancel, pay, processAll, rel, reserve, runsFor, settle, status, token } from './model-run/scenario.ts';

/**
 * Settle, Cancel and GetTransactionStatus of an id nobody issued (R-PAY-4: InvalidTransactionId;
 * R-PAY-6 set: InvalidTransactionId or InvalidParams): the commands only name the run's own transactions.
 */
async function actOnUnknownIds({ session, exec }: RunParts): Promise<void> {
  const caller = exec.caller(0);
  for (const [action, param] of [['Settle', 'ReserveTransactionId'], ['Cancel', 'TransactionId'], ['GetTransactionStatus', 'TransactionId']] as const) {
    const label = `${action}(an unknown id)`;
    exec.lines.push(label);
    await session.api(label, action, { [param]: unknownId() }, caller);
  }
}

const PAY_RULES = ['R-PAY-1', 'R-PAY-2', 'R-PAY-3', 'R-PAY-4', 'R-PAY-5', 'R-PAY-6', 'R-PAY-7'];
const CC_SINGLE = token('SingleUse', { transactionAmount: '25.00' }, 'CC');

export const reserveSettleSuite: Suite = {
  name: 'reserve-settle',
  title: 'Pay, Reserve, Settle and Cancel (R-PAY-*)',
  checks: [
    modelCheck({
      id: 'reserve-settle/generated-sequences',
      generated: true,
      title: 'Generated sequences of Pay, Reserve, Settle, Cancel, GetTransactionStatus, clock steps and processing match the model',
      requirements: PAY_RULES,
      commands: commandsArb({
        weights: { GetToken: 3, Pay: 2, Reserve: 4, Settle: 4, Cancel: 2, GetTransactionStatus: 2, Process: 4, Advance: 1 },
        pipelines: ['SingleUse', 'MultiUse'],
        instruments: ['CC', 'CC', 'CC', 'ACH', 'ABT'],
        advances: [120, HOUR_S + 120, 7 * DAY_S - HOUR_S, 7 * DAY_S + HOUR_S],
        maxLength: 14,
      }),
    }),
    modelCheck({
      id: 'reserve-settle/instrument-decides-completion',
      title: 'Pay completes at once with ABT and later with CC or ACH; Reserve needs a CC token (R-PAY-1, R-PAY-2)',
      requirements: ['R-PAY-1', 'R-PAY-2', 'R-PAY-7'],
      maxRuns: runsFor(3),
      sequences: (['ABT', 'ACH', 'CC'] as const).map((i) => [
        token('SingleUse', { transactionAmount: '10.00' }, i),
        pay(0),
        status(0),
        token('MultiUse', { globalAmountLimit: '100.00' }, i),
        reserve(1, rel(-500)),
        processAll,
        status(0),
        status(1),
      ]),
    }),
    modelCheck({
      id: 'reserve-settle/settle-at-most-once',
      title: 'A reserve settles once, for at most the reserved amount; settling it again is InvalidTransactionState (R-PAY-3, R-PAY-4)',
      requirements: ['R-PAY-3', 'R-PAY-4', 'R-PAY-7'],
      maxRuns: runsFor(3),
      sequences: [
        [CC_SINGLE, reserve(0), settle(0), processAll, settle(0), status(0)],
        [CC_SINGLE, reserve(0), processAll, settle(0, rel(1)), settle(0, rel(-100)), processAll, status(0), settle(0)],
        [CC_SINGLE, reserve(0), processAll, settle(0), processAll, status(0), settle(0), cancel(0)],
      ],
    }),
    modelCheck({
      id: 'reserve-settle/unknown-transaction-ids',
      title: 'Settle of an id nobody issued is InvalidTransactionId; Cancel of one InvalidTransactionId or InvalidParams (R-PAY-4, R-PAY-6)',
      requirements: ['R-PAY-4', 'R-PAY-6'],
      maxRuns: runsFor(1),
      sequences: [[CC_SINGLE, reserve(0), processAll]],
      after: actOnUnknownIds,
    }),
    modelCheck({
      id: 'reserve-settle/reserve-expires-after-7-days',
      title: 'A reserve not settled within 7 days is cancelled with StatusCode Expired and cannot be settled (R-PAY-5)',
      requirements: ['R-PAY-5', 'R-PAY-4', 'R-PAY-7'],
      needs: ['sandbox', 'clock'],
      maxRuns: runsFor(1),
      sequences: [[CC_SINGLE, reserve(0), processAll, advance(7 * DAY_S - HOUR_S), status(0), advance(2 * HOUR_S), status(0), settle(0)]],
    }),
    modelCheck({
      id: 'reserve-settle/cancel-pending-or-reserved-only',
      title: 'Cancel works on Pending or Reserved and is InvalidTransactionState afterwards (R-PAY-6)',
      requirements: ['R-PAY-6', 'R-PAY-7'],
      maxRuns: runsFor(4),
      sequences: [
        [CC_SINGLE, reserve(0), cancel(0), status(0), cancel(0), settle(0)],
        [CC_SINGLE, reserve(0), processAll, cancel(0), status(0), settle(0)],
        [token('SingleUse', { transactionAmount: '5.00' }, 'ABT'), pay(0), cancel(0), status(0)],
        [token('SingleUse', { transactionAmount: '5.00' }, 'CC'), pay(0), cancel(0), processAll, status(0)],
      ],
    }),
  ],
};
