// Pay and Reserve (R-PAY-1/2, R-TOK-4..10, R-MKT-1, R-SBX-1/2, R-AUTH-6).
import type { Expect } from './api.ts';
import type { ActionName } from '../types.ts';
import { forcesFailure } from './amounts.ts';
import { pick } from './choose.ts';
import { fresh, REQUEST_ID, type Ctx, type StepResult } from './ctx.ts';
import { recordIdem } from './idempotency.ts';
import { oweTxnIpn } from './ipn.ts';
import { get, paramViolations, readAmount } from './params.ts';
import { special as specialToken, SPECIAL_RECIPIENT_TOKENS, SPECIAL_SENDER_TOKENS } from './sandbox.ts';
import { amountAndValidity, usageCheck, validityViolations } from './usage.ts';
import { decide, v, type Violation } from './violations.ts';
import { own, type Token, type Txn, type World } from './worlds.ts';

type Params = Readonly<Record<string, string>>;

export function payStep(w: World, ctx: Ctx, action: 'Pay' | 'Reserve', caller: string, params: Params): StepResult {
  const out: Violation[] = paramViolations(action, params);
  const amount = readAmount(params, 'TransactionAmount');
  const cents = amount.state === 'ok' && amount.cents > 0 ? amount.cents : undefined;
  const sim = ctx.profile === 'sandbox-simulation';

  const senderId = params['SenderTokenId'];
  let sender: Token | undefined;
  if (senderId !== undefined) {
    const special = sim ? specialToken(SPECIAL_SENDER_TOKENS, senderId) : undefined;
    sender = own(w.tokens, senderId);
    if (special) out.push(v(special, ['R-SBX-2'], 'a simulated sender account state'));
    else if (!sender) out.push(v(['InvalidTokenId_Sender'], ['R-TOK-10'], 'SenderTokenId unknown'));
    else out.push(...senderViolations(w, ctx, action, caller, sender, cents));
  }
  const recipientId = get(action, params, 'RecipientTokenId');
  let recipient: Token | undefined;
  let recipientAccount: string | undefined = caller;
  if (recipientId !== undefined) {
    const special = sim ? specialToken(SPECIAL_RECIPIENT_TOKENS, recipientId) : undefined;
    recipient = own(w.tokens, recipientId);
    recipientAccount = recipient?.buyer;
    if (special) out.push(v(special, ['R-SBX-2'], 'a simulated recipient account state'));
    else if (!recipient) out.push(v(['InvalidTokenId_Recipient'], ['R-TOK-10'], 'RecipientTokenId unknown'));
    else out.push(...recipientViolations(caller, recipient, sender), ...(recipient.caller === caller ? validityViolations(recipient, w.now) : []));
  }
  // the caller as implied recipient of a token limited to a recipientTokenList: the documents do not say
  if (sender?.recipientTokenList && recipientId === undefined && sender.caller === caller) {
    out.push(v(['IncompatibleTokens'], ['R-TOK-10'], 'no RecipientTokenId for a token with a recipientTokenList', false));
  }
  if (sender && senderId === recipientId) out.push(v(['SameTokenIdUsedMultipleTimes'], ['R-TOK-10'], 'the same token as sender and recipient'));
  if (sender && recipientAccount !== undefined && sender.buyer === recipientAccount) {
    out.push(v(['SameSenderAndRecipient'], ['R-TOK-10'], 'one account as sender and recipient'));
  }
  out.push(...feeViolations(params, recipient));
  const forced = sim && amount.state === 'ok' && forcesFailure(amount.text);
  // R-SBX-1: an ABT Pay with a forcing amount may answer the error InsufficientBalance
  if (forced && action === 'Pay' && sender?.instrument === 'ABT') out.push(v(['InsufficientBalance'], ['R-SBX-1'], 'a simulated payment error', false));

  const callerReference = params['CallerReference'];
  const refOk = callerReference !== undefined && callerReference !== '' && callerReference.length <= 128;
  const d = decide(ctx.choose, out);
  if (d) {
    if (refOk) recordIdem(w, caller, action, params, callerReference, { error: d.code });
    return { answer: { kind: 'error', code: d.code }, rules: d.rules, why: d.why };
  }
  // accepted: a new transaction that uses the sender token from now on (R-TOK-8)
  if (!sender || cents === undefined) return { answer: { kind: 'error', code: 'InvalidParams' }, rules: ['R-WIRE-8'], why: 'model guard: no sender token or amount' };
  const s = sender;
  const id = fresh(w, ctx, 'TransactionId');
  const txn: Txn = {
    transactionId: id.value, caller, kind: action, status: 'Pending', cents, callerReference: callerReference!,
    at: w.now, instrument: s.instrument, senderTokenId: s.tokenId,
  };
  if (recipient) txn.recipientTokenId = recipient.tokenId;
  if (params['OverrideIPNURL']) txn.ipnUrl = params['OverrideIPNURL'];
  if (forced) txn.forcedFailure = true;
  w.txns[id.value] = txn;
  s.uses.push({ at: w.now, cents, transactionId: id.value });
  if (action === 'Pay' && s.instrument === 'ABT') {
    // R-PAY-1: synchronous; Success, or Failure
    txn.status = forced ? 'Failure' : pick(ctx.choose, ['Success', 'Failure'] as const, 'does the ABT Pay succeed?');
    oweTxnIpn(w, txn.ipnUrl, txn, txn.status === 'Success' ? 'SUCCESS' : 'FAILURE', 'PAY', txn.cents);
  } else {
    oweTxnIpn(w, txn.ipnUrl, txn, 'PENDING', action === 'Pay' ? 'PAY' : 'RESERVE', txn.cents);
  }
  recordIdem(w, caller, action, params, callerReference!, { transactionId: id.value, status: txn.status });
  const fields: Record<string, Expect> = { TransactionId: id.expect, TransactionStatus: txn.status, RequestId: REQUEST_ID };
  return { answer: { kind: 'result', action, fields }, rules: [action === 'Pay' ? 'R-PAY-1' : 'R-PAY-2', 'R-TOK-8'], why: `${action} accepted` };
}

function senderViolations(w: World, ctx: Ctx, action: ActionName, caller: string, t: Token, cents: number | undefined): Violation[] {
  // R-AUTH-6: another caller's token is not this caller's to use
  if (t.caller !== caller) return [v(['InvalidTokenId_Sender', 'IncompatibleTokens'], ['R-AUTH-6'], "another caller's token")];
  if (t.pipeline === 'Recipient') return [v(['InvalidTokenId_Sender', 'IncompatibleTokens'], ['R-TOK-10'], 'a Recipient token as sender')];
  const out: Violation[] = [];
  if (t.status !== 'Active') out.push(v(['TokenNotActive_Sender'], ['R-TOK-9'], 'the sender token is Inactive'));
  if (action === 'Reserve' && t.instrument !== 'CC') out.push(v(['PaymentInstrumentNotCC'], ['R-PAY-2'], 'Reserve needs a CC sender token'));
  if (cents !== undefined) out.push(...amountAndValidity(t, w.now, cents), ...usageCheck(w, ctx, t, w.now, cents));
  return out;
}

function recipientViolations(caller: string, r: Token, sender: Token | undefined): Violation[] {
  const out: Violation[] = [];
  if (r.caller !== caller) out.push(v(['InvalidTokenId_Recipient', 'IncompatibleTokens'], ['R-AUTH-6'], "another caller's recipient token"));
  else if (r.pipeline !== 'Recipient') out.push(v(['InvalidTokenId_Recipient', 'IncompatibleTokens'], ['R-TOK-10'], 'not a Recipient token'));
  if (r.status !== 'Active') out.push(v(['TokenNotActive_Recipient'], ['R-TOK-9'], 'the recipient token is Inactive'));
  if (sender?.recipientTokenList && !sender.recipientTokenList.includes(r.tokenId)) {
    out.push(v(['IncompatibleTokens'], ['R-TOK-10'], "not in the sender token's recipientTokenList"));
  }
  return out;
}

/** R-MKT-1: fees within the recipient token's maxima; ChargeFeeTo against recipientPaysFee */
function feeViolations(params: Params, r: Token | undefined): Violation[] {
  const out: Violation[] = [];
  const fixed = readAmount(params, 'MarketplaceFixedFee', true);
  const variableText = params['MarketplaceVariableFee'];
  const variable = variableText !== undefined && /^\d+(\.\d+)?$/.test(variableText) ? Number(variableText) : undefined;
  const feeGiven = fixed.state !== 'absent' || variableText !== undefined;
  if (!r) {
    // fees without a marketplace recipient: the documents do not say
    if (feeGiven) out.push(v(['InvalidParams', 'IncompatibleTokens'], ['R-MKT-1'], 'a marketplace fee without a recipient token', false));
    return out;
  }
  if (fixed.state === 'ok' && fixed.cents > 0) {
    // maxFixedFee is "Type: Long" without a unit: above it read as dollars is sure, as cents may be
    if (r.maxFixedFee === undefined) out.push(v(['InvalidParams'], ['R-MKT-1'], 'a fixed fee the recipient token does not allow', false));
    else if (fixed.cents > r.maxFixedFee) out.push(v(['InvalidParams'], ['R-MKT-1'], 'MarketplaceFixedFee above maxFixedFee', fixed.cents > r.maxFixedFee * 100));
  }
  if (variable !== undefined && variable > 0) {
    if (r.maxVariableFee === undefined) out.push(v(['InvalidParams'], ['R-MKT-1'], 'a variable fee the recipient token does not allow', false));
    else if (variable > r.maxVariableFee) out.push(v(['InvalidParams'], ['R-MKT-1'], 'MarketplaceVariableFee above maxVariableFee'));
  }
  if (r.recipientPaysFee !== undefined) {
    const given = params['ChargeFeeTo'];
    const to = given ?? 'Recipient';
    const contradicts = (to === 'Caller') === r.recipientPaysFee;
    if (contradicts) out.push(v(['InvalidParams', 'IncompatibleTokens'], ['R-MKT-1'], 'ChargeFeeTo contradicts recipientPaysFee', given !== undefined));
  }
  return out;
}
