// The sandbox's error simulation (R-SBX-1, R-SBX-2), held only against targets that declare the
// sandbox-simulation profile; under the core profile these checks are not applicable.
import type { Suite } from '../../core/suite.ts';
import type { Command } from '../../generators/commands.ts';
import { SPECIAL_RECIPIENT_TOKENS, SPECIAL_SENDER_TOKENS } from '../../spec/model/sandbox.ts';
import { modelCheck } from './model-run/property.ts';
import { abs, pay, processAll, reserve, runsFor, settle, refund, status, token } from './model-run/scenario.ts';

const MULTI = (instrument: 'ABT' | 'CC' | 'ACH') => token('MultiUse', { globalAmountLimit: '500.00' }, instrument);
/** amounts whose first two fraction digits are 60–69 (temporary decline) or 70–89 (payment error), R-SBX-1 */
const FORCED = ['1.60', '2.69', '3.70', '4.89'];

const payLiteral = (senderTokenId: string | undefined, recipientTokenId?: string): Command => ({
  op: 'Pay',
  token: 0,
  amount: abs('1.00'),
  as: 'owner',
  ...(senderTokenId ? { senderTokenId } : {}),
  ...(recipientTokenId ? { recipientTokenId } : {}),
});

export const sandboxSimulationSuite: Suite = {
  name: 'sandbox-simulation',
  title: 'Sandbox error simulation (R-SBX-*)',
  checks: [
    modelCheck({
      id: 'sandbox-simulation/forced-amounts',
      title: 'Pay and Reserve amounts with fraction digits 60–89 end in Failure (R-SBX-1)',
      requirements: ['R-SBX-1'],
      needs: ['sandbox', 'sandbox-simulation'],
      profile: 'sandbox-simulation',
      maxRuns: runsFor(3),
      sequences: [
        [MULTI('ABT'), ...FORCED.map((a) => pay(0, abs(a))), pay(0, abs('1.59')), pay(0, abs('1.90')), processAll, status(0), status(1)],
        [MULTI('CC'), ...FORCED.map((a) => pay(0, abs(a))), processAll, status(0), status(1), status(2), status(3)],
        [MULTI('CC'), reserve(0, abs('5.65')), reserve(0, abs('5.00')), processAll, status(0), status(1), settle(1, abs('4.75')), processAll, refund(1, abs('0.70')), processAll],
      ],
    }),
    modelCheck({
      id: 'sandbox-simulation/special-token-ids',
      title: 'The seed\'s special SenderTokenIds and RecipientTokenIds give the account errors they simulate (R-SBX-2)',
      requirements: ['R-SBX-2'],
      needs: ['sandbox', 'sandbox-simulation'],
      profile: 'sandbox-simulation',
      maxRuns: 2,
      sequences: [[
        MULTI('ABT'),
        ...Object.keys(SPECIAL_SENDER_TOKENS).map((id) => payLiteral(id)),
        ...Object.keys(SPECIAL_RECIPIENT_TOKENS).map((id) => payLiteral(undefined, id)),
        payLiteral('NOSUCHTOKEN000000000000000000000000000000000000000000000000000000'),
      ]],
    }),
  ],
};
