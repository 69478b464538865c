// GetTransactionStatus (R-PAY-7), GetTokenByCaller (R-TOK-3), GetRecipientVerificationStatus,
// CancelToken (R-TOK-9, R-AUTH-6).
import type { Expect } from './api.ts';
import { RECIPIENT_VERIFICATION_STATUS, STATUS_CODE_EXPIRED, STATUS_CODES_BY_STATUS } from '../catalogue/enums.ts';
import { maybe, pick } from './choose.ts';
import { idExpect, REQUEST_ID, type Ctx, type StepResult } from './ctx.ts';
import { oweTokenCancelIpn, tokenTypeExpect } from './ipn.ts';
import { findTxn } from './lookup.ts';
import { get, paramViolations } from './params.ts';
import { observe } from './txns.ts';
import { decide, v, type Violation } from './violations.ts';
import { own, tokensByCallerReference, tokensByRefundReference, type Token, type Txn, type World } from './worlds.ts';

type Params = Readonly<Record<string, string>>;

const result = (action: string, fields: Record<string, Expect>, rules: string[], why: string): StepResult =>
  ({ answer: { kind: 'result', action, fields: { ...fields, RequestId: REQUEST_ID } }, rules, why });
const error = (d: NonNullable<ReturnType<typeof decide>>): StepResult => ({ answer: { kind: 'error', code: d.code }, rules: d.rules, why: d.why });

/** R-PAY-7: StatusCode by status */
function statusCode(t: Txn): Expect {
  switch (t.status) {
    case 'Pending': return { oneOf: STATUS_CODES_BY_STATUS.Pending };
    case 'Success': case 'Reserved': return STATUS_CODES_BY_STATUS[t.status][0];
    case 'Cancelled': return t.cancelReason === 'Expired' ? STATUS_CODE_EXPIRED : { oneOf: STATUS_CODES_BY_STATUS.Cancelled };
    case 'Failure': return { present: true }; // R-PAY-7: any code
  }
}

export function getTransactionStatusStep(w: World, ctx: Ctx, caller: string, params: Params): StepResult {
  const out: Violation[] = paramViolations('GetTransactionStatus', params);
  const found = findTxn(w, caller, params['TransactionId']);
  if (found && 'violation' in found) out.push(found.violation);
  else if (found) observe(w, ctx, found.txn);
  const d = decide(ctx.choose, out);
  if (d) return error(d);
  const t = (found as { txn: Txn }).txn;
  // R-PAY-5 (set): an expired reserve shows Cancelled or Failure
  const status: Expect = t.cancelReason === 'Expired' ? { oneOf: ['Cancelled', 'Failure'] } : t.status;
  return result('GetTransactionStatus', {
    TransactionId: idExpect(ctx, t.transactionId, 'TransactionId', 'TransactionId'),
    TransactionStatus: status,
    CallerReference: t.callerReference,
    StatusCode: statusCode(t),
    StatusMessage: { present: true },
  }, ['R-PAY-7'], `the transaction is ${t.status}`);
}

function tokenFields(ctx: Ctx, t: Token): Record<string, Expect> {
  return {
    'Token.TokenId': idExpect(ctx, t.tokenId, 'TokenId', 'Token.TokenId'),
    'Token.TokenStatus': t.status,
    'Token.TokenType': tokenTypeExpect(t),
    'Token.CallerReference': t.callerReference,
    'Token.DateInstalled': { present: true },
    'Token.FriendlyName': { optional: true },
    'Token.OldTokenId': t.oldTokenId !== undefined ? idExpect(ctx, t.oldTokenId, 'TokenId', 'Token.OldTokenId') : { optional: true },
    'Token.PaymentReason': { optional: true },
  };
}

export function getTokenByCallerStep(w: World, ctx: Ctx, caller: string, params: Params): StepResult {
  const out: Violation[] = paramViolations('GetTokenByCaller', params);
  const tokenId = params['TokenId'];
  const ref = params['CallerReference'];
  let token: Token | undefined;
  if (tokenId === undefined && ref === undefined) out.push(v(['InvalidParams'], ['R-TOK-3'], 'neither TokenId nor CallerReference'));
  else if (tokenId !== undefined) {
    token = own(w.tokens, tokenId);
    // R-AUTH-6: another caller's token is not seen; R-TOK-3 names InvalidTokenId for an unknown one, and
    // R-AUTH-6's CancelToken codes (TokenAccessDenied) fit another caller's token as well
    if (!token) out.push(v(['InvalidTokenId'], ['R-TOK-3'], 'TokenId unknown'));
    else if (token.caller !== caller) { token = undefined; out.push(v(['InvalidTokenId', 'TokenAccessDenied'], ['R-TOK-3', 'R-AUTH-6'], "another caller's token")); }
  } else if (ref !== undefined) {
    // only the tokens of that CallerReference (indexed on the emulator side), not every token
    const named = tokensByCallerReference(w, ref);
    const hits = named.filter((t) => t.caller === caller).sort((a, b) => a.installedAt - b.installedAt);
    // another caller's CallerReference: unknown to this caller (R-TOK-3), or refused as theirs (R-AUTH-6)
    const foreign = hits.length === 0 && named.some((t) => t.caller !== caller);
    const refundToken = tokensByRefundReference(w, ref).some((t) => t.caller === caller);
    if (hits.length === 0 && refundToken && pick(ctx.choose, [true, false], 'the Recipient pipeline\'s refund token?')) {
      // seed "Recipient Token API": callerReferenceRefund retrieves the refund token the pipeline
      // installed; the model does not know that token's id or details, so they are not asserted
      const d = decide(ctx.choose, out);
      if (d) return error(d);
      return result('GetTokenByCaller', { 'Token.TokenId': { present: true }, 'Token.TokenStatus': { present: true }, 'Token.CallerReference': { optional: true } }, ['R-TOK-3'], 'the refund token of a Recipient token');
    }
    if (hits.length === 0) out.push(v(foreign ? ['InvalidCallerReference', 'TokenAccessDenied'] : ['InvalidCallerReference'], foreign ? ['R-TOK-3', 'R-AUTH-6'] : ['R-TOK-3'], 'no token of this caller with that CallerReference'));
    else token = pick(ctx.choose, hits, 'which token of that CallerReference');
  }
  const d = decide(ctx.choose, out);
  if (d) return error(d);
  return result('GetTokenByCaller', tokenFields(ctx, token!), ['R-TOK-3'], 'the token');
}

export function getRecipientVerificationStatusStep(w: World, ctx: Ctx, caller: string, params: Params): StepResult {
  const out: Violation[] = paramViolations('GetRecipientVerificationStatus', params);
  const id = get('GetRecipientVerificationStatus', params, 'RecipientTokenId');
  const token = id !== undefined ? own(w.tokens, id) : undefined;
  // unknown: the action's error list says InvalidTokenId, R-TOK-10 says InvalidTokenId_Recipient for an unknown RecipientTokenId
  if (id !== undefined && !token) out.push(v(['InvalidTokenId', 'InvalidTokenId_Recipient'], ['ACTION-GetRecipientVerificationStatus', 'R-TOK-10'], 'RecipientTokenId unknown'));
  // another caller's: refused (R-AUTH-6), no code named for this action; the CancelToken analogy adds TokenAccessDenied
  if (token && token.caller !== caller) out.push(v(['InvalidTokenId', 'InvalidTokenId_Recipient', 'TokenAccessDenied'], ['R-AUTH-6'], "another caller's token"));
  // a sender token: InvalidTokenType ("an invalid operation was performed on the token") fits too
  if (token && token.caller === caller && token.pipeline !== 'Recipient') out.push(v(['InvalidTokenId', 'InvalidTokenId_Recipient', 'InvalidTokenType'], ['ACTION-GetRecipientVerificationStatus'], 'not a Recipient token', false));
  // the error list has TokenNotActive; the seed gives no rule for when, so it is allowed, not required
  if (token && token.status !== 'Active') out.push(v(['TokenNotActive'], ['ACTION-GetRecipientVerificationStatus'], 'the token is Inactive', false));
  const d = decide(ctx.choose, out);
  if (d) return error(d);
  return result('GetRecipientVerificationStatus', { RecipientVerificationStatus: { oneOf: [...RECIPIENT_VERIFICATION_STATUS] } },
    ['ACTION-GetRecipientVerificationStatus'], 'any verification status (the seed gives no rule)');
}

export function cancelTokenStep(w: World, ctx: Ctx, caller: string, params: Params): StepResult {
  const out: Violation[] = paramViolations('CancelToken', params);
  const tokenId = params['TokenId'];
  const token = tokenId !== undefined ? own(w.tokens, tokenId) : undefined;
  let already = false;
  if (tokenId !== undefined && !token) out.push(v(['InvalidTokenId'], ['R-TOK-9'], 'TokenId unknown'));
  else if (token && token.caller !== caller) out.push(v(['TokenAccessDenied', 'InvalidTokenId'], ['R-AUTH-6'], "another caller's token"));
  else if (token && token.status !== 'Active') {
    already = true;
    // R-TOK-9 (set): cancelling again is success, TokenNotActive or InvalidTokenId
    if (maybe(ctx.choose, false, 'is cancelling an Inactive token an error?')) out.push(v(['TokenNotActive', 'InvalidTokenId'], ['R-TOK-9'], 'the token is already Inactive'));
  }
  const d = decide(ctx.choose, out);
  if (d) return error(d);
  if (token && !already) {
    token.status = 'Inactive';
    oweTokenCancelIpn(w, params['OverrideIPNURL'], token);
  }
  return result('CancelToken', {}, ['R-TOK-9'], 'the token is Inactive from now on');
}
