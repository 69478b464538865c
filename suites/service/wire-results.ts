// R-WIRE-3 "Success: HTTP 200" for the answers that create something: a Pay and a Refund of it
// (an author writing a REST-style server answers those 201). The stateless wire checks only read;
// this one needs a token, so it sits in the tokens suite beside the other request rules of payments
// (a target without /_sandbox runs the wire suite, whose R-WIRE-3 verdict then stays whole).
import { randomBytes } from 'node:crypto';
import type { Check, SuiteContext } from '../../core/suite.ts';
import { amountParams } from './model-run/requests.ts';
import { singleUseToken } from './signature-auth5.ts';
import { callRetryingTransient, creds, describeCall } from './stateless-common.ts';

const ref = (what: string): string => `fpsck-${what}-${randomBytes(8).toString('hex')}`;

/** The problem with a result answered other than HTTP 200, else undefined (an error answer is judged elsewhere). */
function statusProblem(call: Awaited<ReturnType<SuiteContext['fps']['call']>>, what: string): string | undefined {
  if (call.decoded?.kind !== 'result' || call.response?.status === 200) return undefined;
  return `R-WIRE-3: a successful ${what} must be answered HTTP 200; it came with HTTP ${call.response?.status}`;
}

export const chargeResultsAreHttp200: Check = {
  id: 'tokens/charge-results-are-http-200',
  title: 'A successful Pay and Refund are answered HTTP 200, like every result (R-WIRE-3)',
  requirements: ['R-WIRE-3'],
  tags: ['wire'],
  needs: ['sandbox', 'credentials'],
  async run(ctx) {
    const token = await singleUseToken(ctx, '2.00');
    if ('notTestable' in token) return { status: 'not-tested', message: `not testable: ${token.notTestable}` };
    // ABT completes at once (R-PAY-1), so the payment is refundable right away (R-REF-1)
    const pay = await callRetryingTransient(() => ctx.fps.call('Pay', { SenderTokenId: token.tokenId, ...amountParams('Pay', 'TransactionAmount', '2.00'), CallerReference: ref('pay') }, creds(ctx), { label: 'Pay 2.00 with a SingleUse ABT token' }));
    const payProblem = statusProblem(pay, 'Pay');
    if (payProblem) return { status: 'fail', message: payProblem };
    const transactionId = pay.decoded?.kind === 'result' ? pay.decoded.fields.TransactionId : undefined;
    if (!transactionId) return { status: 'not-tested', message: `not testable: the Pay answered ${describeCall(pay)}, not a result with a TransactionId` };
    const refund = await callRetryingTransient(() => ctx.fps.call('Refund', { TransactionId: transactionId, ...amountParams('Refund', 'RefundAmount', '1.00'), CallerReference: ref('refund') }, creds(ctx), { label: 'Refund 1.00 of it' }));
    const refundProblem = statusProblem(refund, 'Refund');
    if (refundProblem) return { status: 'fail', message: refundProblem };
    const seen = refund.decoded?.kind === 'result' ? 'the Pay and the Refund' : `the Pay (the Refund answered ${describeCall(refund)})`;
    return { status: 'pass', message: `R-WIRE-3: ${seen} answered HTTP 200` };
  },
};
