// Every documented action through the SDK, once with optional parameters (values that need
// encoding included) and once with only the required ones, plus calls FPS answers with an error.
import { encodeHttpParameters } from '../../../spec/sigv2/index.ts';
import { callSdk, type CallRecord } from '../call.ts';
import { supportsAction, type SdkRunContext } from '../context.ts';
import type { CallParams } from '../../../clients/driver-protocol.ts';
import { recordActionOutcome } from '../capabilities.ts';
import { fixtures, returnUrl, servedField, usd } from './fixtures.ts';
import { SDK_CHECK } from '../checks.ts';

/** Text that needs every kind of encoding: spaces, reserved characters, non-ASCII (R-AUTH-1). */
export const AWKWARD_TEXT = 'Order #7: tea & cake / 2 cups ~ 50% off (café)';

export async function runCalls(ctx: SdkRunContext): Promise<void> {
  const f = await fixtures(ctx);
  const call = async (action: string, params: CallParams, label: string, minimal = false): Promise<CallRecord | undefined> => {
    if (!supportsAction(ctx, action)) return undefined;
    ctx.progress(`  ${label}`);
    const r = await callSdk(ctx, action, params, label, { minimal });
    if (r.outcome.kind === 'ok' || r.outcome.kind === 'error') recordActionOutcome(ctx, action, 'done');
    return r;
  };
  const idOf = (r: CallRecord | undefined, name = 'TransactionId'): string | undefined => (r ? servedField(r.served, name) : undefined);

  // Pay: full (with text that needs encoding) and minimal.
  const payFull = await call('Pay', {
    SenderTokenId: f.abt.tokenId,
    TransactionAmount: usd('1.00'),
    CallerReference: ctx.ref('pay-full'),
    CallerDescription: AWKWARD_TEXT,
    DescriptorPolicy: { CSOwner: 'Caller', SoftDescriptorType: 'Static' },
    OverrideIPNURL: ctx.ipnUrl,
  }, 'Pay(full)');
  const payMin = await call('Pay', { SenderTokenId: f.abt.tokenId, TransactionAmount: usd('2.50'), CallerReference: ctx.ref('pay-min') }, 'Pay(required only)', true);
  const payId = idOf(payFull) ?? idOf(payMin);

  if (payId !== undefined) await call('GetTransactionStatus', { TransactionId: payId }, 'GetTransactionStatus(Pay)');

  // Reserve and Settle: minimal Settle (TransactionAmount defaults to the reserved amount) and full.
  const reserve1 = await call('Reserve', { SenderTokenId: f.cc.tokenId, TransactionAmount: usd('5.00'), CallerReference: ctx.ref('reserve-1') }, 'Reserve(required only)', true);
  const reserve2 = await call('Reserve', {
    SenderTokenId: f.cc.tokenId,
    TransactionAmount: usd('4.00'),
    CallerReference: ctx.ref('reserve-2'),
    SenderDescription: AWKWARD_TEXT,
  }, 'Reserve(full)');
  const reserve3 = await call('Reserve', { SenderTokenId: f.cc.tokenId, TransactionAmount: usd('3.00'), CallerReference: ctx.ref('reserve-3') }, 'Reserve(to cancel)', true);
  await ctx.sandbox.process();
  const r1 = idOf(reserve1);
  const r2 = idOf(reserve2);
  const r3 = idOf(reserve3);
  if (r1 !== undefined) await call('Settle', { ReserveTransactionId: r1 }, 'Settle(required only)', true);
  if (r2 !== undefined) await call('Settle', { ReserveTransactionId: r2, TransactionAmount: usd('3.50'), OverrideIPNURL: ctx.ipnUrl }, 'Settle(full)');
  if (r3 !== undefined) await call('Cancel', { TransactionId: r3, Description: AWKWARD_TEXT }, 'Cancel(full)');
  await ctx.sandbox.process();

  // Refund: minimal (RefundAmount defaults to what remains) and full.
  const payMinId = idOf(payMin);
  const payFullId = idOf(payFull);
  if (payMinId !== undefined) await call('Refund', { TransactionId: payMinId, CallerReference: ctx.ref('refund-min') }, 'Refund(required only)', true);
  if (payFullId !== undefined) {
    await call('Refund', { TransactionId: payFullId, CallerReference: ctx.ref('refund-full'), RefundAmount: usd('0.50'), CallerDescription: AWKWARD_TEXT }, 'Refund(full)');
  }

  // Tokens.
  await call('GetTokenByCaller', { TokenId: f.abt.tokenId }, 'GetTokenByCaller(TokenId)');
  await call('GetTokenByCaller', { CallerReference: f.abt.callerReference }, 'GetTokenByCaller(CallerReference)');
  if (supportsAction(ctx, 'GetRecipientVerificationStatus')) {
    const recipient = await ctx.sandbox.createAccount('recipient', ['ABT', 'CC']);
    const grant = await ctx.sandbox.token(ctx.caller, 'Recipient', { callerReference: ctx.ref('recipient'), returnURL: returnUrl(ctx) }, { email: recipient.email });
    if (grant.tokenId !== undefined) await call('GetRecipientVerificationStatus', { RecipientTokenId: grant.tokenId }, 'GetRecipientVerificationStatus');
  }
  if (supportsAction(ctx, 'CancelToken')) {
    const spare = await ctx.sandbox.token(ctx.caller, 'MultiUse', { callerReference: ctx.ref('spare'), globalAmountLimit: '10.00', returnURL: returnUrl(ctx) }, { email: ctx.sender.email, instrument: 'ABT' });
    if (spare.tokenId !== undefined) await call('CancelToken', { TokenId: spare.tokenId, ReasonText: AWKWARD_TEXT }, 'CancelToken');
  }

  // VerifySignature as an API call, over a return URL the service signed (R-IPN-3).
  const back = new URL(f.abt.returnUrl);
  const pairs = [...back.searchParams.entries()];
  await call('VerifySignature', { UrlEndPoint: `${back.origin}${back.pathname}`, HttpParameters: encodeHttpParameters(pairs) }, 'VerifySignature(return URL)');

  // FPS errors the SDK must surface with code, message and request id (R-WIRE-4).
  await call('Pay', { SenderTokenId: 'NOSUCHTOKEN0000000000000000000000000000000000000000000000000000', TransactionAmount: usd('1.00'), CallerReference: ctx.ref('pay-bad-token') }, 'Pay(unknown SenderTokenId)', true);
  await call('GetTransactionStatus', { TransactionId: 'NOSUCHTRANSACTION00000000000000000' }, 'GetTransactionStatus(unknown TransactionId)');
  // every call above went out with the parameters it was given (an unsupported answer outranks this)
  ctx.rec.pass(SDK_CHECK.sdkParameters);
}
