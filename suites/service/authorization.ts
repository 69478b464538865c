// Callers are kept apart (R-AUTH-6): a caller sees and acts on only its own tokens and transactions.
import type { Suite } from '../../core/suite.ts';
import type { Command } from '../../generators/commands.ts';
import { commandsArb } from '../../generators/commands.ts';
import { modelCheck } from './model-run/property.ts';
import { abs, processAll, runsFor, token } from './model-run/scenario.ts';

const asOther = (c: Command): Command => ({ ...c, as: 'other' }) as Command;
const MINE = token('MultiUse', { globalAmountLimit: '100.00' }, 'CC');

export const authorizationSuite: Suite = {
  name: 'authorization',
  title: 'Callers see only their own tokens and transactions (R-AUTH-6)',
  checks: [
    modelCheck({
      id: 'authorization/generated-cross-caller',
      generated: true,
      title: 'Generated sequences where a second caller uses the first caller\'s tokens and transactions match the model',
      requirements: ['R-AUTH-6'],
      commands: commandsArb({
        weights: { GetToken: 2, Pay: 4, Reserve: 2, Settle: 2, Cancel: 1, Refund: 2, CancelToken: 1, GetTransactionStatus: 3, GetTokenByCaller: 2, Process: 2 },
        pipelines: ['MultiUse', 'SingleUse'],
        instruments: ['CC', 'ABT'],
        otherCaller: 0.3,
        maxLength: 14,
      }),
    }),
    modelCheck({
      id: 'authorization/foreign-tokens-and-transactions',
      title: 'Another caller\'s transaction is InvalidTransactionId (or TransactionDenied); its token is TokenAccessDenied or InvalidTokenId for CancelToken and InvalidTokenId_Sender or IncompatibleTokens for Pay and Reserve (R-AUTH-6)',
      requirements: ['R-AUTH-6'],
      maxRuns: runsFor(2),
      sequences: [
        [
          MINE,
          { op: 'Pay', token: 0, amount: abs('5.00'), as: 'owner' },
          { op: 'Reserve', token: 0, amount: abs('5.00'), as: 'owner' },
          asOther({ op: 'GetTransactionStatus', txn: 0, as: 'owner' }),
          asOther({ op: 'Cancel', txn: 1, as: 'owner' }),
          asOther({ op: 'Pay', token: 0, amount: abs('1.00'), as: 'owner' }),
          asOther({ op: 'Reserve', token: 0, amount: abs('1.00'), as: 'owner' }),
          asOther({ op: 'GetTokenByCaller', token: 0, by: 'TokenId', as: 'owner' }),
          processAll,
          asOther({ op: 'Settle', txn: 1, as: 'owner' }),
          asOther({ op: 'Refund', txn: 0, as: 'owner' }),
          asOther({ op: 'CancelToken', token: 0, as: 'owner' }),
          { op: 'Pay', token: 0, amount: abs('5.00'), as: 'owner' },
        ],
        [MINE, { op: 'Pay', token: 0, amount: abs('5.00'), as: 'owner' }, processAll, asOther({ op: 'Refund', txn: 0, as: 'owner' }), asOther({ op: 'CancelToken', token: 0, as: 'owner' }), { op: 'GetTransactionStatus', txn: 0, as: 'owner' }],
      ],
    }),
  ],
};
