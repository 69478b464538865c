// Every rule of fps-rulings.md as a Requirement record. The kit ships without ../shared, so the text
// lives here, verbatim (whitespace normalised); spec/catalogue/rulings.test.ts compares it with the
// ledger whenever the ledger is present. Generated once from the ledger, then kept by that test.
import type { Area, Citation, Requirement } from '../types.ts';
import { API_REF, RULINGS } from './cite.ts';

type RuleRow = readonly [id: string, area: Area, appliesTo: Requirement['appliesTo'], title: string, sections: readonly string[], text: string];

/** Sections of seed 004 each rule reads. The ledger's own entry is added to every record's cites. */
const ROWS: readonly RuleRow[] = [
  ["R-WIRE-1", "wire", "both", "Request transport: GET, POST, form encoding", ["Amazon FPS Endpoints", "Generating a Signature", "Common Request Parameters"],
    "(firm) API requests go to the target base URL, path `/`, as GET with a query string or POST with an `application/x-www-form-urlencoded` body; a POST may also carry its parameters in the query string with an empty body (a real client does). All must be accepted and mean the same. Parameters are decoded as `application/x-www-form-urlencoded` (`+` is a space) before the signature is checked."],
  ["R-WIRE-2", "wire", "both", "Common parameters and name case", ["Common Request Parameters", "Co-Branded Service API Reference > Common Parameters"],
    "(firm) Common parameters: Action, AWSAccessKeyId, Signature, SignatureVersion=2, SignatureMethod (HmacSHA256 | HmacSHA1), Timestamp (ISO 8601 UTC, with or without fractional seconds), Version (2008-09-17 or 2010-08-28). API parameter names are case-sensitive; Co-Branded (CBUI) parameter names are not."],
  ["R-WIRE-3", "wire", "service", "Success response document", ["Common Response Elements", "GetRecipientVerificationStatus > Sample Response to REST Request"],
    "(firm) Success: HTTP 200, root `<{Action}Response xmlns=\"http://fps.amazonaws.com/doc/{Version}/\">` holding `<{Action}Result>` (CancelToken has none) and `<ResponseMetadata><RequestId>`. (set) GetRecipientVerificationStatus may use root `GetRecipientVerificationStatusResponse` or `GetRecipientVerificationResponse` (the sample uses the latter)."],
  ["R-WIRE-4", "wire", "service", "Error response document", ["REST Errors", "Errors"],
    "(firm) Error: HTTP status not 2xx; body `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>` with exactly one `Error`. Non-retriable caller errors use 4xx. (set) Retriable errors (InternalError, ConcurrentModification, ...) may use 4xx or 5xx."],
  ["R-WIRE-5", "wire", "service", "Malformed input yields a 4xx", ["Errors"],
    "(firm) Malformed input (bad percent-encoding, non-UTF-8, absurd lengths, unknown Action, duplicate names) never yields a 5xx, a hang, or a dropped connection; it yields a 4xx error response. (set) Unknown Action: any 4xx error code."],
  ["R-WIRE-6", "wire", "both", "Amount parameters", ["Data Types > Complex Data Types > Amount", "Pay > Sample REST Request"],
    "(firm) Amount parameters are `X.Value` + `X.CurrencyCode`. Value is a decimal with at most two fraction digits; CurrencyCode must be USD. Non-numeric, three or more fraction digits, or non-USD: InvalidParams. (set) Zero or negative: InvalidParams or AmountOutOfRange. Exactly 0.01 is never asserted either way. Amounts in responses use the same two children. (set) Spellings the docs neither allow nor forbid, such as surrounding spaces, a leading `+`, `.5` or `1.`, may be accepted as that number or be InvalidParams; so may a missing CurrencyCode (read as USD, or InvalidParams)."],
  ["R-WIRE-7", "wire", "both", "Size limits", ["Pay > Request Parameters", "CancelToken > Request Parameters", "Common Response Elements"],
    "(firm) Size limits, over-limit → InvalidParams: CallerReference 128, CallerDescription/SenderDescription 160, TransactionId 35, TokenId 65. Targets' own ids respect: TransactionId ≤ 35, TokenId ≤ 65, RequestId ≤ 64."],
  ["R-WIRE-8", "wire", "both", "Missing required parameter", ["Pay > Request Parameters", "Reserve > Request Parameters", "Refund > Request Parameters"],
    "(firm) Missing required parameter → InvalidParams. CallerReference is required for Pay, Reserve and Refund."],
  ["R-WIRE-9", "wire", "both", "Parameters spelled two ways", ["GetRecipientVerificationStatus > Request Parameters", "Pay > Request Parameters"],
    "(set) Where the seed spells a parameter two ways, a target may accept either: `RecipientTokenId` (the sample; the kit sends this) or `RecipientTokenID` (the table). MarketplaceFixedFee may be sent as a plain number or as an Amount (`.Value`/`.CurrencyCode`). In Co-Branded requests, paymentMethod `ba` (used by the older use cases) may be read as ACH or rejected."],
  ["R-WIRE-10", "wire", "service", "Response codes paragraph not applied", ["Response Codes", "REST Errors", "Errors"],
    "(firm) The seed's \"Response Codes\" paragraph (2XX for caller mistakes) contradicts its own error example (400) and is not applied; which errors are retriable is read from the error table only where it is legible."],
  ["R-AUTH-1", "signature", "both", "Signature version 2 computation", ["Generating a Signature"],
    "(firm) The signature is computed exactly as the seed's \"Generating a Signature\": byte-order sort by name, RFC 3986 encoding (unreserved `A-Za-z0-9-_.~` kept, everything else `%XY` uppercase, space `%20`, UTF-8 bytes encoded), string to sign = verb, lowercase Host header value (with port when the request carries one), request path, canonical query; HMAC with the secret key; base64. Signature itself is excluded from the canonical query."],
  ["R-AUTH-1b", "signature", "service", "Host header with or without port", ["Generating a Signature"],
    "(firm) When the Host header carries a non-default port, the target accepts a signature over the host with the port and one over the host without it: three of the four real FPS clients found sign the host without the port while sending it."],
  ["R-AUTH-2", "signature", "service", "Wrong signature or unknown key", ["Errors"],
    "(firm) Wrong signature → SignatureDoesNotMatch. Unknown AWSAccessKeyId → InvalidClientTokenId."],
  ["R-AUTH-3", "signature", "service", "Unsupported signature version or method", ["Common Request Parameters"],
    "(set) SignatureVersion other than 2, or SignatureMethod other than HmacSHA256/HmacSHA1 → 4xx with InvalidParams, SignatureDoesNotMatch or AuthFailure."],
  ["R-AUTH-4", "signature", "service", "Timestamp freshness", ["Common Request Parameters"],
    "(firm) A Timestamp within 5 minutes of the target clock is accepted; one more than 15 minutes away (past or future) is rejected with a 4xx (set: InvalidParams, AuthFailure, RequestExpired). Between: either."],
  ["R-AUTH-5", "signature", "service", "Failed authentication changes nothing", ["Errors"],
    "(firm) A request that fails authentication changes nothing: no transaction, no token use, no CallerReference consumed."],
  ["R-AUTH-6", "authorization", "service", "Callers see only their own objects", ["Errors", "Refund > Description", "CancelToken > Description"],
    "(firm) A caller sees and acts on only its own tokens and transactions. Another caller's transaction is InvalidTransactionId (set: also TransactionDenied); another caller's token for CancelToken is TokenAccessDenied (set: also InvalidTokenId), for Pay/Reserve InvalidTokenId_Sender or IncompatibleTokens."],
  ["R-TOK-1", "cbui", "both", "Pipelines and required inputs", ["Co-Branded Service API Reference"],
    "(firm) Pipelines: SingleUse, MultiUse, Recurring, Recipient, EditToken. Required: callerKey, pipelineName, returnURL, callerReference; SingleUse: transactionAmount; Recurring: transactionAmount, recurringPeriod; MultiUse: globalAmountLimit; EditToken: tokenID. A missing, malformed or foreign input redirects to returnURL with `status=CE` and an `errorMessage` naming the input; no token is made. A foreign input is one that belongs only to another pipeline; (set) a name no pipeline knows may be ignored or be CE. (set) A Co-Branded request with a wrong signature may be refused (CE) or served: the seed makes signing optional there. An unsigned one is served."],
  ["R-TOK-2", "cbui", "service", "Pipeline success redirect", ["Co-Branded Service API Reference > Response Parameters"],
    "(firm) Success redirects to returnURL with tokenID, status, callerReference, signatureVersion=2, signatureMethod, signature (and certificateUrl, expiry where applicable). status is SA, SB or SC for the instrument the buyer used (ABT, ACH, CC), SR for Recipient; A when the buyer abandons, and then no token exists. paymentMethod (comma list of CC, ACH, ABT; default ABT) limits the instruments the buyer may use; a buyer with none of them gets PE. (set) A Recipient token's TokenType is Unrestricted (the enum's type for recipient tokens) or Recipient."],
  ["R-TOK-3", "tokens", "service", "GetTokenByCaller", ["GetTokenByCaller"],
    "(firm) GetTokenByCaller by TokenId or by CallerReference returns the token (TokenId, TokenStatus Active|Inactive, TokenType, CallerReference, DateInstalled, ...). Neither given → InvalidParams. Unknown → InvalidTokenId or InvalidCallerReference respectively."],
  ["R-TOK-4", "tokens", "service", "Token validity window", ["Co-Branded Service API Reference > Multi-Use Token API"],
    "(firm) A token can pay only while validityStart ≤ now < validityExpiry (MultiUse default expiry: one year); outside → IncompatibleTokens."],
  ["R-TOK-5", "tokens", "service", "Per-transaction amount rule", ["Co-Branded Service API Reference > Multi-Use Token API"],
    "(firm) Per-transaction amount rule: SingleUse amount ≤ the authorized transactionAmount; MultiUse with transactionAmount: amountType Exact (default) | Maximum | Minimum; Recurring amount = transactionAmount. A breach → IncompatibleTokens."],
  ["R-TOK-6", "tokens", "service", "Token usage limits", ["Co-Branded Service API Reference > Multi-Use Token API", "Co-Branded Service API Reference > Recurring-Use Token API"],
    "(firm) Usage: SingleUse pays once. MultiUse: usageLimitType1/2 (Count | Amount) per usageLimitPeriod (N Hours | Days | Months; absent = lifetime) and globalAmountLimit over the lifetime. Recurring: one charge per recurringPeriod. A breach → TokenUsageError."],
  ["R-TOK-7", "tokens", "service", "Usage windows and month clamping", ["Co-Branded Service API Reference > Recurring-Use Token API"],
    "(firm) Windows: a period P cuts time into consecutive windows from the token's validityStart (install time when absent). Month windows add calendar months to the anchor date, clamping the day to the month's end from the anchor day each time (Jan 31 → Feb 28/29 → Mar 31; Oct 31 → Nov 30). A charge counts in the window holding its request time."],
  ["R-TOK-8", "tokens", "service", "When a charge uses its token", ["Co-Branded Service API Reference > Multi-Use Token API"],
    "(firm) A charge uses its token from the moment the target accepts it (Pending, Reserved or Success). (set) Whether a later Failure, Cancel or Refund gives that use back is not specified: the model adopts the target's answer."],
  ["R-TOK-9", "tokens", "service", "CancelToken", ["CancelToken"],
    "(firm) CancelToken on the caller's own token → success; the token is Inactive from then on, and Pay/Reserve with it → TokenNotActive_Sender (recipient token: TokenNotActive_Recipient). (set) Cancelling it again: success, TokenNotActive or InvalidTokenId."],
  ["R-TOK-10", "tokens", "service", "Sender and recipient token checks", ["Pay > Errors", "Errors"],
    "(firm) Unknown SenderTokenId → InvalidTokenId_Sender; unknown RecipientTokenId → InvalidTokenId_Recipient. A RecipientTokenId outside the sender token's recipientTokenList → IncompatibleTokens. The same token as sender and recipient → SameTokenIdUsedMultipleTimes. One account as both sender and recipient → SameSenderAndRecipient."],
  ["R-TOK-11", "cbui", "service", "EditToken", ["Co-Branded Service API Reference > Edit Token API"],
    "(set) EditToken keeps the token's limits and usage. It may return the same tokenID or a new one (then the old one is Inactive and the new one names it in OldTokenId). Status SU (unchanged) or SA/SB/SC (changed to that instrument); IT for a token that is not MultiUse/Recurring, is inactive or expired; UT (\"The token does not belong to the user\") for another caller's token or a token of another buyer. Where several apply (abandon, CE, IT, UT), each of their statuses is accepted. (set) A token whose validityStart is still ahead may be edited or be IT. (set) A new token made by EditToken carries the edited token's CallerReference or the EditToken request's callerReference."],
  ["R-PAY-1", "payments", "service", "Pay completion by instrument", ["Pay > Description"],
    "(firm) Pay with an ABT sender token completes synchronously: TransactionStatus Success (or Failure). With CC or ACH it answers Pending and completes later to Success or Failure."],
  ["R-PAY-2", "payments", "service", "Reserve needs a credit card", ["Reserve > Description", "Errors"],
    "(firm) Reserve needs a CC sender token; otherwise PaymentInstrumentNotCC and nothing is created. Reserve answers Pending and completes later to Reserved or Failure."],
  ["R-PAY-3", "payments", "service", "Settle", ["Settle"],
    "(firm) Settle(ReserveTransactionId, TransactionAmount?) works only on a Reserved transaction; amount defaults to the reserved amount and must be ≤ it, else SettleAmountGreaterThanReserveAmount. The response TransactionId is the reserve's id. Status Pending, later Success."],
  ["R-PAY-4", "payments", "service", "A reserve settles at most once", ["Reserve > Description", "Settle"],
    "(firm) A reserve settles at most once. Settling a Pending, Cancelled, expired, failed or already settled reserve → InvalidTransactionState. Unknown id → InvalidTransactionId. (set) The id of a Pay: InvalidTransactionId or InvalidTransactionState."],
  ["R-PAY-5", "payments", "service", "Reserve expires after 7 days", ["Reserve > Description", "GetTransactionStatus > Status Codes"],
    "(firm) A reserve not settled within 7 days of the Reserve request is cancelled by the target: GetTransactionStatus shows TransactionStatus Cancelled (set: or Failure) with StatusCode Expired, and Settle → InvalidTransactionState."],
  ["R-PAY-6", "payments", "service", "Cancel", ["Cancel"],
    "(firm) Cancel(TransactionId) works on a Pending or Reserved transaction → TransactionStatus Cancelled. On Success, Failure or Cancelled → InvalidTransactionState. (set) Unknown id: InvalidTransactionId or InvalidParams."],
  ["R-PAY-7", "payments", "service", "GetTransactionStatus", ["GetTransactionStatus"],
    "(firm) GetTransactionStatus returns TransactionId, TransactionStatus, CallerReference, StatusCode, StatusMessage. StatusCode: Pending → PendingNetworkResponse or PendingVerification; Success and Reserved → Success; caller cancel → Canceled (set: or Cancelled, the IPN sample's spelling); reserve timeout → Expired."],
  ["R-REF-1", "refunds", "service", "What can be refunded", ["Refund", "Errors"],
    "(firm) Refundable: a Pay in Success, or a settled Reserve in Success. Original Pending → OriginalTransactionIncomplete; Failure → OriginalTransactionFailed; a refund transaction → TransactionTypeNotRefundable; unknown → InvalidTransactionId. (set) A Reserved-but-unsettled or Cancelled original: OriginalTransactionIncomplete, OriginalTransactionFailed, TransactionTypeNotRefundable or InvalidTransactionState."],
  ["R-REF-2", "refunds", "service", "Remaining refundable amount", ["Refund > Request Parameters"],
    "(firm) remaining = original amount − every refund of it that is not Failure or Cancelled (pending refunds count). RefundAmount defaults to remaining; RefundAmount > remaining → RefundAmountExceeded; remaining = 0 → TransactionFullyRefundedAlready (set: also RefundAmountExceeded when an amount is given). The sum of refunds never exceeds the original, also under concurrent requests."],
  ["R-REF-3", "refunds", "service", "Refund transaction and its IPN", ["Refund > Response Elements", "Refund > Sample IPN Pending Notification to REST Request"],
    "(firm) A refund answers a new TransactionId (not the original's) with status Pending or Success, and completes to Success. Its IPN names the original in parentTransactionId; GetTransactionStatus documents no such element, so none is asserted there."],
  ["R-REF-4", "refunds", "service", "Settled reserve refund base", ["Refund"],
    "(firm) For a settled Reserve, \"original amount\" is the settled amount."],
  ["R-IDEM-1", "idempotency", "service", "CallerReference scope", ["Important Values to Store in Your Database > Caller Reference"],
    "(firm) Scope: one caller (AWSAccessKeyId's account), across Pay, Reserve and Refund. Two callers may use the same CallerReference freely."],
  ["R-IDEM-2", "idempotency", "service", "Same request repeated", ["Important Values to Store in Your Database > Caller Reference"],
    "(firm) Within 7 days of the first request carrying a CallerReference, a request with the same CallerReference and the same parameters (all but Signature, SignatureMethod, SignatureVersion, Timestamp) returns the original transaction's TransactionId and creates, charges and uses nothing. (set) Its TransactionStatus is the original answer's or the current one."],
  ["R-IDEM-3", "idempotency", "service", "Same CallerReference, other parameters", ["Errors"],
    "(firm) Within the window, the same CallerReference with any other parameter value (Action included) → DuplicateRequest; nothing changes."],
  ["R-IDEM-4", "idempotency", "service", "After the idempotency window", ["Important Values to Store in Your Database > Caller Reference"],
    "(firm) After the window the original request is new again: a new TransactionId."],
  ["R-IDEM-5", "idempotency", "service", "CallerReference after an error", ["Important Values to Store in Your Database > Caller Reference"],
    "(set) After an error answer, the same CallerReference may give the same error again, DuplicateRequest, or be processed as new."],
  ["R-IPN-1", "ipn", "service", "IPN delivery", ["Instant Payment Notification"],
    "(firm) With OverrideIPNURL, the target POSTs form-encoded notifications there, at least once each, for: payment/reserve pending, success, failure; settle success/failure; refund pending, success, failure; transaction cancel; token cancel. Order is not guaranteed; duplicates are allowed. The final status's notification always arrives."],
  ["R-IPN-2", "ipn", "service", "IPN fields", ["Common IPN Response Elements"],
    "(firm) Fields follow \"Common IPN Response Elements\": notificationType (TransactionStatus | TokenCancellation), transactionId, transactionStatus (PENDING, RESERVED, SUCCESS, FAILURE, CANCELLED), operation (PAY, RESERVE, SETTLE, REFUND, ...), transactionAmount (\"USD 1.00\"), callerReference, statusCode, parentTransactionId for refunds, tokenId and tokenType for token cancels, signatureVersion=2, signatureMethod, signature, certificateUrl."],
  ["R-IPN-3", "ipn", "both", "VerifySignature", ["VerifySignature"],
    "(firm) VerifySignature(UrlEndPoint, HttpParameters) answers VerificationStatus Success for parameters the target itself sent to that endpoint (IPN body or return-URL query), and Failure when any value is changed, a parameter is added or removed, or UrlEndPoint differs. Empty inputs or signatureVersion ≠ 2 → InvalidParams (set: also InvalidParam; and when signatureVersion is absent from HttpParameters, Failure). Outbound signatureMethod may be RSA-SHA1 (the seed's samples) or an Hmac method (its table); the kit judges outbound signatures only through the target's own VerifySignature."],
  ["R-IPN-4", "ipn", "both", "VerifySignature signing", ["VerifySignature > Description"],
    "(set) A target may require VerifySignature to be signed like any action (the seed says to sign it) or also answer it unsigned (the official PHP library sends it unsigned). A client that sends it unsigned deviates from the seed."],
  ["R-MKT-1", "marketplace", "service", "Marketplace fee limits", ["Pay > Request Parameters", "Co-Branded Service API Reference > Recipient Token API"],
    "(firm) MarketplaceFixedFee above the recipient token's maxFixedFee, or MarketplaceVariableFee above its maxVariableFee → InvalidParams. (set) ChargeFeeTo that contradicts recipientPaysFee: InvalidParams or IncompatibleTokens. Fee amounts charged are not asserted."],
  ["R-SBX-1", "sandbox", "service", "Sandbox amount simulation", ["Testing Your Applications for Free"],
    "A Pay or Reserve amount whose first two fraction digits are 60–69 (temporary decline) or 70–89 (payment error) ends the transaction in Failure: CC/ACH answer Pending then Failure; ABT answers TransactionStatus Failure (set: or error InsufficientBalance). (set) Settle and Refund amounts in those ranges may or may not fail."],
  ["R-SBX-2", "sandbox", "service", "Sandbox special token ids", ["Testing Your Applications for Free"],
    "The seed's special SenderTokenIds: closed account → InvalidAccountState_Sender (set: AccountClosed); email not verified → UnverifiedEmailAddress_Sender; suspended → InvalidAccountState_Sender. The RecipientTokenId ones give the _Recipient counterparts. Other unknown token ids stay InvalidTokenId_* (the real sandbox accepted any id; a conformance check needs tokens to mean something)."],
];

/** R-SBX-1/2 carry no marker: firm within the sandbox-simulation profile. Mixed rules take their first marker. */
function kindOf(text: string): 'firm' | 'set' {
  return text.startsWith('(set)') ? 'set' : 'firm';
}

export const RULINGS_REQUIREMENTS: readonly Requirement[] = ROWS.map(([id, area, appliesTo, title, sections, text]) => ({
  id,
  kind: kindOf(text),
  area,
  title,
  text,
  cites: [{ source: RULINGS, section: id }, ...sections.map((section): Citation => ({ source: API_REF, section }))],
  appliesTo,
}));

/** Rules a target is held to only when it declares the `sandbox-simulation` profile. */
export const SANDBOX_PROFILE_RULES: readonly string[] = ['R-SBX-1', 'R-SBX-2'];

/** The ledger's preamble: no outcome is asserted within this many seconds of a time boundary. */
export const TOLERANCE_BAND_SECONDS = 60;
export const TOLERANCE_BAND_CITE: Citation = { source: RULINGS, section: 'preamble', quote: 'Time-based rules have a tolerance band of 60 seconds around every boundary' };

const byId = new Map(RULINGS_REQUIREMENTS.map((r) => [r.id, r]));
export function ruling(id: string): Requirement | undefined {
  return byId.get(id);
}
