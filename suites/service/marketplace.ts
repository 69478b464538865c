// Marketplace payments (R-MKT-1, R-TOK-10): a caller moves money from a sender to a recipient who
// agreed to the caller's fees through a Recipient token.
import type { Suite } from '../../core/suite.ts';
import type { AmountSpec } from '../../generators/amounts.ts';
import type { Command, MarketplaceFees } from '../../generators/commands.ts';
import { commandsArb } from '../../generators/commands.ts';
import { modelCheck } from './model-run/property.ts';
import { abs, processAll, rel, runsFor, status, token } from './model-run/scenario.ts';

const marketPay = (amount: AmountSpec, market: Omit<MarketplaceFees, 'recipient'>, sender = 0, recipient = 0): Command => ({
  op: 'Pay',
  token: sender,
  amount,
  as: 'owner',
  market: { recipient, ...market },
});
const RECIPIENT = (recipientPaysFee: 'True' | 'False') => token('Recipient', { maxFixedFee: '1.00', maxVariableFee: '5', recipientPaysFee, paymentMethod: 'CC,ACH,ABT' }, 'ABT');
const SENDER = token('MultiUse', { globalAmountLimit: '200.00' }, 'ABT');

export const marketplaceSuite: Suite = {
  name: 'marketplace',
  title: 'Marketplace fees (R-MKT-1)',
  checks: [
    modelCheck({
      id: 'marketplace/generated-fees',
      generated: true,
      title: 'Generated marketplace payments with fixed and variable fees around the recipient token\'s maxima match the model',
      requirements: ['R-MKT-1', 'R-TOK-10'],
      commands: commandsArb({
        weights: { GetToken: 3, Pay: 5, Process: 1, GetTransactionStatus: 1 },
        pipelines: ['Recipient', 'MultiUse', 'SingleUse'],
        instruments: ['ABT', 'CC'],
        marketplace: true,
        maxLength: 12,
      }),
    }),
    modelCheck({
      id: 'marketplace/fee-maxima',
      title: 'A MarketplaceFixedFee above maxFixedFee or a MarketplaceVariableFee above maxVariableFee is InvalidParams; at the maxima the payment goes through (R-MKT-1)',
      // every payment here names its recipient token as RecipientTokenId, the sample's spelling (R-WIRE-9 set: every target accepts it)
      requirements: ['R-MKT-1', 'R-WIRE-9'],
      maxRuns: runsFor(3),
      sequences: [
        [RECIPIENT('True'), SENDER, marketPay(abs('20.00'), { fixed: rel(0), variable: 5 }), marketPay(abs('20.00'), { fixed: rel(1) }), marketPay(abs('20.00'), { variable: 6 }), processAll, status(0)],
        [RECIPIENT('False'), SENDER, marketPay(abs('20.00'), { fixed: rel(-50), chargeFeeTo: 'Caller' }), marketPay(abs('20.00'), { variable: 10, chargeFeeTo: 'Caller' })],
        [RECIPIENT('True'), SENDER, marketPay(abs('20.00'), { fixed: rel(50), chargeFeeTo: 'Recipient' }), marketPay(abs('20.00'), { fixed: rel(-100), variable: 0, chargeFeeTo: 'Recipient' })],
      ],
    }),
  ],
};
