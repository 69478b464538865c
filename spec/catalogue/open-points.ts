// The contract audit: every point where the seeds, the rulings and the sandbox protocol leave the
// outcome open, and what the kit does there. Reports render this list as "open points the kit does
// not judge", so a reader sees every place where two correct implementations may differ.
import type { Area, Citation } from '../types.ts';
import { rule, seed } from './cite.ts';

/**
 * accept-set: the kit accepts every member of `accepted` (the model offers each as an outcome).
 * not-generated: the kit never sends the case, so no verdict rests on it.
 * not-judged: the kit sends it (or it happens) but asserts nothing about the answer.
 */
export type OpenPointTreatment = 'accept-set' | 'not-generated' | 'not-judged';

export interface OpenPoint {
  /** stable id, e.g. "OPEN-CBUI-INSTRUMENT-OUTSIDE-SET" */
  id: string;
  area: Area;
  /** what is open, in one line */
  title: string;
  /** the R- rulings (or catalogue ids) this point reads */
  rules: readonly string[];
  cites: readonly Citation[];
  treatment: OpenPointTreatment;
  /** accept-set: the outcomes the kit accepts, each in a few words */
  accepted?: readonly string[];
  /** where the kit implements the treatment (file or function), for contributors */
  where: string;
}

/** The sandbox protocol (shared/sandbox-protocol.md), by section. */
const protocol = (section: string, quote?: string): Citation =>
  quote === undefined ? { source: 'sandbox-protocol.md', section } : { source: 'sandbox-protocol.md', section, quote };
const preamble = (quote: string): Citation => ({ source: 'fps-rulings.md', section: 'preamble', quote });

type Row = readonly [id: string, area: Area, title: string, rules: readonly string[], treatment: OpenPointTreatment, accepted: readonly string[] | undefined, where: string, extra?: readonly Citation[]];

const CBUI = 'spec/model/cbui.ts';
const EDIT = 'spec/model/edit-token.ts';
const USAGE = 'spec/model/usage.ts';
const PAY = 'spec/model/pay.ts';
const QUERIES = 'spec/model/queries.ts';
const PARAMS = 'spec/model/params.ts';
const AUTH = 'spec/model/auth.ts';
const IPN = 'spec/model/ipn.ts';

const ROWS: readonly Row[] = [
  // Co-Branded UI (R-TOK-1, R-TOK-2)
  ['OPEN-CBUI-INSTRUMENT-OUTSIDE-SET', 'cbui', 'X-Sandbox-Instrument names an instrument outside paymentMethod ∩ the buyer\'s instruments (paymentMethod defaults to ABT)', ['R-TOK-2'], 'accept-set',
    ['another allowed instrument the buyer has, with its status', 'PE'], `${CBUI} chooseInstrument; generators/cbui.ts validCbuiArb (allow: as-generated)`, [protocol('The buyer in the Co-Branded UI', 'the emulator may answer `PE` or let the buyer use another allowed instrument it has')]],
  ['OPEN-CBUI-INSTRUMENT-UNNAMED', 'cbui', 'No X-Sandbox-Instrument: which allowed instrument the buyer uses', ['R-TOK-2'], 'accept-set', ['any of paymentMethod ∩ the buyer\'s instruments'], `${CBUI} chooseInstrument`, [protocol('The buyer in the Co-Branded UI')]],
  ['OPEN-CBUI-SEVERAL-STATUSES', 'cbui', 'Several refusals apply at once (a CE input, the buyer abandons, UT, IT, no usable instrument)', ['R-TOK-11', 'R-TOK-1', 'R-TOK-2'], 'accept-set',
    ['CE', 'A', 'UT', 'IT', 'PE (each that applies)'], `${CBUI} cbuiStep (refusals); ${EDIT} editToken; generators/cbui.ts cbuiVariantArb (missing input and abandon)`, [preamble('every applicable error code is in the accepted set')]],
  ['OPEN-CBUI-WRONG-SIGNATURE', 'cbui', 'A Co-Branded request whose signature does not match', ['R-TOK-1'], 'accept-set', ['CE', 'served as unsigned'], `${CBUI} cbuiStep; generators/cbui.ts (bad-signature)`],
  ['OPEN-CBUI-UNKNOWN-NAME', 'cbui', 'A Co-Branded input name no pipeline knows', ['R-TOK-1'], 'accept-set', ['ignored', 'CE'], `${CBUI} cbuiStep (standing unknown)`],
  ['OPEN-CBUI-SINGLEUSE-UNSETTLED', 'cbui', 'SingleUse given an input only the other sender pipelines document (seed 004 has no SingleUse table)', ['R-TOK-1'], 'accept-set', ['CE', 'served, the input read', 'served, the input ignored'], `${CBUI} cbuiStep (standing unsettled)`],
  ['OPEN-CBUI-CONDITIONAL-INPUT', 'cbui', 'An input the catalogue marks "Required if ..." is missing (R-TOK-1 does not list it)', ['R-TOK-1'], 'accept-set', ['CE', 'served'], `${CBUI} cbuiStep (conditionalInputs)`],
  ['OPEN-CBUI-ODD-SPELLING', 'cbui', 'Co-Branded values in unusual spellings (enum case, amounts like "1." or "+1", `ba`)', ['R-TOK-1', 'R-WIRE-6', 'R-WIRE-9'], 'accept-set', ['read as meant', 'CE'], `${CBUI} cbuiStep (odd); spec/model/cbui-params.ts readPaymentMethod`],
  ['OPEN-CBUI-MIN-AMOUNT', 'cbui', 'transactionAmount exactly 0.01', ['R-WIRE-6'], 'accept-set', ['served', 'CE'], `${CBUI} cbuiStep`],
  ['OPEN-CBUI-VALIDITY-CONSTRAINTS', 'cbui', 'validityStart/validityExpiry earlier than now by less than a day, a start more than a year ahead by less than a day, an expiry not after the start within the band', ['R-TOK-4', 'R-TOK-1'], 'accept-set',
    ['served', 'CE'], `${CBUI} cbuiStep`, [seed('Co-Branded Service API Reference > Multi-Use Token API', 'Date cannot be earlier than the current date')]],
  ['OPEN-CBUI-CALLERREFERENCE-REUSED', 'cbui', 'A callerReference that already names a token of this caller and pipeline (the generators never send one)', ['R-TOK-1', 'R-TOK-2'], 'accept-set', ['a new token', 'the token it names', 'CE'], `${CBUI} cbuiStep (existing)`],
  ['OPEN-CBUI-UNKNOWN-CALLERKEY', 'cbui', 'An unknown callerKey: the target cannot check the signature either; errorMessage naming callerKey or the signature', ['R-TOK-1'], 'accept-set',
    ['CE naming callerKey', 'CE naming the signature'], `${CBUI} cbuiStep; generators/cbui.ts (unknown-caller-key, missing callerKey); suites/service/model-run/execute.ts cbuiSignature`],
  ['OPEN-CBUI-NO-BUYER', 'cbui', 'A Co-Branded request without a known X-Sandbox-Buyer (nobody signs in)', ['R-TOK-2'], 'not-judged', undefined, `${CBUI} cbuiStep (status present only)`, [protocol('The buyer in the Co-Branded UI', 'Without `X-Sandbox-Buyer` it may show an interactive page for people')]],
  ['OPEN-CBUI-RECIPIENT-METHODS', 'cbui', 'A Recipient pipeline whose buyer has none of paymentMethod\'s instruments (the kit\'s recipients have all three)', ['R-TOK-2'], 'not-generated', undefined, `${CBUI} cbuiStep (Recipient: SR); suites/service/model-run/session.ts DEFAULT_ACCOUNTS`],
  ['OPEN-CBUI-BUYER-ROLE', 'cbui', 'A buyer of the other role signs in (a recipient for a payment pipeline, a sender for Recipient)', ['R-TOK-2'], 'not-generated', undefined, 'suites/service/model-run/execute.ts getToken (buyers by pipeline)'],
  // EditToken (R-TOK-11)
  ['OPEN-EDIT-TOKEN-ID', 'cbui', 'EditToken keeps the tokenID or makes a new one (the old one then Inactive, named in OldTokenId)', ['R-TOK-11'], 'accept-set', ['the same tokenID', 'a new tokenID'], `${EDIT} editToken`],
  ['OPEN-EDIT-UNCHANGED-STATUS', 'cbui', 'EditToken with the same instrument: the status', ['R-TOK-11'], 'accept-set', ['SU', 'the instrument\'s SA/SB/SC'], `${EDIT} editToken`],
  ['OPEN-EDIT-NEW-CALLERREFERENCE', 'cbui', 'The CallerReference of a new token made by EditToken', ['R-TOK-11', 'R-TOK-3'], 'accept-set', ['the edited token\'s', 'the EditToken request\'s callerReference'], `${EDIT} editToken`],
  ['OPEN-EDIT-VALIDITY-AHEAD', 'cbui', 'EditToken of a token whose validityStart is still ahead', ['R-TOK-11'], 'accept-set', ['edited', 'IT'], `${EDIT} tokenRefusals`],
  ['OPEN-EDIT-EXPIRY-BAND', 'cbui', 'EditToken within 60 s of the token\'s validityExpiry (expired: IT)', ['R-TOK-11', 'R-TOK-4'], 'accept-set', ['edited', 'IT'], `${EDIT} tokenRefusals`, [preamble('The kit never asserts an outcome for a request inside a band')]],
  ['OPEN-EDIT-UNKNOWN-TOKEN', 'cbui', 'EditToken of a tokenID nobody issued (the documents give no status)', ['R-TOK-11'], 'accept-set', ['CE', 'IT', 'UT'], `${EDIT} editToken`],
  // Tokens (R-TOK-3..10)
  ['OPEN-TOK-RECIPIENT-TYPE', 'tokens', 'A Recipient token\'s TokenType (GetTokenByCaller, the token-cancel notification)', ['R-TOK-2'], 'accept-set', ['Unrestricted', 'Recipient'], `${IPN} tokenTypeExpect`],
  ['OPEN-TOK-BY-REF-SEVERAL', 'tokens', 'GetTokenByCaller by a CallerReference several tokens carry (after EditToken)', ['R-TOK-3', 'R-TOK-11'], 'accept-set', ['any of those tokens'], `${QUERIES} getTokenByCallerStep`],
  ['OPEN-TOK-REFUND-TOKEN', 'tokens', 'GetTokenByCaller by a Recipient token\'s callerReferenceRefund', ['R-TOK-3'], 'accept-set', ['the refund token (its details not asserted)', 'InvalidCallerReference'], `${QUERIES} getTokenByCallerStep`, [seed('Co-Branded Service API Reference > Recipient Token API')]],
  ['OPEN-TOK-FOREIGN-GET', 'authorization', 'GetTokenByCaller of another caller\'s TokenId or CallerReference (R-AUTH-6 names codes for CancelToken only)', ['R-AUTH-6', 'R-TOK-3'], 'accept-set',
    ['InvalidTokenId or TokenAccessDenied (by TokenId)', 'InvalidCallerReference or TokenAccessDenied (by CallerReference)'], `${QUERIES} getTokenByCallerStep`],
  ['OPEN-TOK-GET-BOTH', 'tokens', 'GetTokenByCaller given both TokenId and CallerReference', ['R-TOK-3'], 'not-generated', undefined, 'suites/service/model-run/execute.ts prepare (one of them)'],
  ['OPEN-TOK-CANCEL-AGAIN', 'tokens', 'CancelToken of a token already Inactive', ['R-TOK-9'], 'accept-set', ['success', 'TokenNotActive', 'InvalidTokenId'], `${QUERIES} cancelTokenStep`],
  ['OPEN-TOK-GIVE-BACK', 'tokens', 'Whether a Failure, Cancel or Refund gives its token use back', ['R-TOK-8'], 'accept-set', ['given back', 'kept (the target\'s policy is adopted once it shows)'], `${USAGE} usageCheck`],
  ['OPEN-TOK-DEFAULT-EXPIRY', 'tokens', 'MultiUse default expiry "one year": from install or validityStart, 365 days or a calendar year', ['R-TOK-4'], 'accept-set', ['valid', 'IncompatibleTokens (between the earliest and latest reading)'], `${USAGE} validityViolations`],
  ['OPEN-TOK-SETTLED-LESS', 'tokens', 'A reserve settled for less counts the reserved or the settled amount against Amount limits', ['R-TOK-6', 'R-TOK-8'], 'accept-set', ['the reserved amount', 'the settled amount'], `${USAGE} usageCheck`],
  ['OPEN-TOK-BANDS', 'tokens', 'A charge within 60 s of a window edge, validityStart or validityExpiry (the install time is no boundary)', ['R-TOK-4', 'R-TOK-7'], 'accept-set', ['either window', 'either validity verdict'], `${USAGE} inWindow, validityViolations`,
    [preamble('A token\'s install time is not such a boundary when validityStart is absent')]],
  ['OPEN-TOK-RECIPIENT-AS-SENDER', 'tokens', 'A Recipient token as SenderTokenId, or a sender token as RecipientTokenId', ['R-TOK-10'], 'not-generated', undefined, `suites/service/model-run/execute.ts prepare (sender tokens only); ${PAY} senderViolations`],
  ['OPEN-TOK-IMPLIED-RECIPIENT', 'tokens', 'A Pay without RecipientTokenId on a token with a recipientTokenList (the caller as implied recipient)', ['R-TOK-10'], 'not-generated', undefined, `generators/cbui.ts inputsArb (no recipientTokenList); ${PAY} payStep`],
  ['OPEN-GRVS-ANSWERS', 'tokens', 'GetRecipientVerificationStatus: the status, and the codes for an unknown, foreign, sender or Inactive token', ['ACTION-GetRecipientVerificationStatus', 'R-TOK-10', 'R-AUTH-6'], 'accept-set',
    ['any RecipientVerificationStatus value', 'InvalidTokenId', 'InvalidTokenId_Recipient', 'TokenAccessDenied (foreign)', 'InvalidTokenType or success (sender token)', 'TokenNotActive or success (Inactive)'], `${QUERIES} getRecipientVerificationStatusStep`],
  // Wire and signature
  ['OPEN-WIRE-SEVERAL-ERRORS', 'wire', 'A request that breaks several rules at once', ['R-WIRE-5', 'R-WIRE-8'], 'accept-set', ['every applicable error code'], 'spec/model/violations.ts decide', [preamble('every applicable error code is in the accepted set')]],
  ['OPEN-WIRE-UNKNOWN-PARAMETER', 'wire', 'A parameter name the action does not document', ['R-WIRE-5'], 'accept-set', ['ignored', 'InvalidParams'], `${PARAMS} paramViolations`],
  ['OPEN-WIRE-LENGTH-BYTES', 'wire', 'A value over its size limit in UTF-8 bytes but not in characters', ['R-WIRE-7'], 'accept-set', ['accepted', 'InvalidParams'], `${PARAMS} paramViolations`],
  ['OPEN-WIRE-ENUM-CASE', 'wire', 'A documented value in another letter case', ['R-WIRE-2'], 'accept-set', ['accepted', 'InvalidParams'], `${PARAMS} paramViolations`],
  ['OPEN-WIRE-AMOUNT-SPELLINGS', 'wire', 'Amount spellings the docs neither allow nor forbid (spaces, leading +, .5, 1., an exponent such as 1e0), a missing CurrencyCode, a CurrencyCode without Value', ['R-WIRE-6'], 'accept-set', ['read as that number (USD)', 'InvalidParams'], `${PARAMS} amountViolations`],
  ['OPEN-WIRE-ZERO-AMOUNT', 'wire', 'A zero or negative amount (a zero marketplace fee may also be accepted)', ['R-WIRE-6'], 'accept-set', ['InvalidParams', 'AmountOutOfRange'], `${PARAMS} amountViolations`],
  ['OPEN-WIRE-MIN-AMOUNT', 'wire', 'An amount of exactly 0.01', ['R-WIRE-6'], 'accept-set', ['accepted', 'InvalidParams', 'AmountOutOfRange'], `${PARAMS} amountViolations; generators/amounts.ts centsArb`],
  ['OPEN-WIRE-UNKNOWN-ACTION', 'wire', 'An unknown Action', ['R-WIRE-5'], 'accept-set', ['any 4xx error code'], 'spec/model/api-step.ts apiStep; emulator/render.ts ANY_CODE_FORMS'],
  ['OPEN-WIRE-RETRIABLE-STATUS', 'wire', 'The HTTP status of a retriable error (InternalError, InvalidAccountState_Sender, InsufficientBalance, ...)', ['R-WIRE-4', 'R-WIRE-10'], 'accept-set', ['4xx', '5xx'], 'emulator/render.ts statusOptions; suites/service/stateless-common.ts errorStatusProblem'],
  ['OPEN-WIRE-GRVS-ROOT', 'wire', 'The root element of a GetRecipientVerificationStatus answer', ['R-WIRE-3'], 'accept-set', ['GetRecipientVerificationStatusResponse', 'GetRecipientVerificationResponse'], 'spec/wire/codec.ts ROOT_ALIASES'],
  ['OPEN-WIRE-TWO-SPELLINGS', 'wire', 'RecipientTokenId or RecipientTokenID; MarketplaceFixedFee plain or as an Amount', ['R-WIRE-9'], 'accept-set', ['either spelling (the kit sends RecipientTokenId)'], `${PARAMS} paramValue (aliases); ${PAY} feeViolations`],
  ['OPEN-AUTH-TIMESTAMP', 'signature', 'A Timestamp 5 to 15 minutes (± 60 s) from the target clock; the code for one beyond 15 minutes', ['R-AUTH-4'], 'accept-set', ['accepted (5-15 min)', 'InvalidParams', 'AuthFailure', 'RequestExpired'], `${AUTH} timestampViolations`],
  ['OPEN-AUTH-TIMESTAMP-ZONE', 'signature', 'A Timestamp without a zone', ['R-WIRE-2'], 'accept-set', ['read as UTC', 'InvalidParams', 'AuthFailure'], `${AUTH} parseTimestamp`],
  ['OPEN-AUTH-VERSION-METHOD', 'signature', 'SignatureVersion other than 2 or an unsupported SignatureMethod', ['R-AUTH-3'], 'accept-set', ['InvalidParams', 'SignatureDoesNotMatch', 'AuthFailure'], `${AUTH} authViolations`],
  ['OPEN-AUTH-MISSING-CREDENTIALS', 'signature', 'A request without AWSAccessKeyId or without Signature', ['R-AUTH-2', 'R-WIRE-8'], 'accept-set', ['InvalidClientTokenId, InvalidParams or AuthFailure (no key)', 'SignatureDoesNotMatch or InvalidParams (no Signature)'], `${AUTH} authViolations`],
  // IPN and VerifySignature
  ['OPEN-IPN-VERIFY-UNSIGNED', 'ipn', 'VerifySignature sent unsigned', ['R-IPN-4'], 'accept-set', ['answered', 'refused like any unsigned action'], `${AUTH} authViolations (unsignedAllowed)`],
  ['OPEN-IPN-VERIFY-NO-VERSION', 'ipn', 'VerifySignature of HttpParameters without signatureVersion; the code for empty inputs', ['R-IPN-3'], 'accept-set', ['InvalidParams', 'InvalidParam', 'VerificationStatus Failure (no signatureVersion)'], 'spec/model/verify.ts verifySignatureStep'],
  ['OPEN-IPN-SIGNATURE-METHOD', 'ipn', 'The outbound signatureMethod of notifications and return URLs', ['R-IPN-3'], 'accept-set', ['RSA-SHA1 (with certificateUrl)', 'HmacSHA256', 'HmacSHA1'], `${IPN} SIGNED; emulator/steps.ts signAndRecord`],
  ['OPEN-IPN-CANCEL-AMOUNT', 'ipn', 'The transactionAmount of a cancel notification (the reserve\'s, the settle\'s, what was cancelled)', ['R-IPN-2'], 'accept-set', ['any amount in the form "USD 1.00"'], `${IPN} txnIpn; spec/model/checker.ts (pattern)`],
  ['OPEN-IPN-CANCEL-OPERATION', 'ipn', 'The operation of a cancel notification', ['R-IPN-2'], 'accept-set', ['CANCEL', 'CANCEL_TRANSACTION', 'the original operation (PAY, RESERVE)'], `${IPN} txnIpn`],
  ['OPEN-IPN-CANCEL-SETTLE-REFERENCE', 'ipn', 'The callerReference of a cancel or settle notification', ['R-IPN-2'], 'not-judged', undefined, `${IPN} txnIpn (optional)`],
  ['OPEN-IPN-STATUS-CODE', 'ipn', 'The statusCode of a notification', ['R-IPN-2'], 'not-judged', undefined, `${IPN} STATUS_CODE (present)`],
  ['OPEN-IPN-UNSTATED-URL', 'ipn', 'Notifications for events whose OverrideIPNURL the documents leave open (reserve expiry, a Settle or Cancel without its own OverrideIPNURL)', ['R-IPN-1'], 'not-judged', undefined, `${IPN} oweTxnIpn`],
  ['OPEN-IPN-DELIVERY-DELAY', 'ipn', 'Delivery finishing after /_sandbox/process answered', ['R-IPN-1'], 'not-judged', undefined, 'suites/service/ipn.ts settleAndWait (IPN_WAIT_MS)', [protocol('Processing', 'Delivery may finish shortly after the answer: a receiver allows a few seconds')]],
  // Payments, refunds, idempotency
  ['OPEN-PAY-ABT-OUTCOME', 'payments', 'An ABT Pay: Success or Failure', ['R-PAY-1'], 'accept-set', ['Success', 'Failure'], `${PAY} payStep`],
  ['OPEN-PAY-FINALS', 'payments', 'How Pending work ends, and whether it ends on its own before /_sandbox/process', ['R-PAY-1', 'R-PAY-2'], 'accept-set', ['Success or Reserved', 'Failure', 'still Pending until processed'], 'spec/model/txns.ts observe, finals', [protocol('Processing', 'Pending work may also complete on its own')]],
  ['OPEN-PAY-PROCESS-LIST', 'payments', '/_sandbox/process may omit ids that completed on their own', ['R-PAY-1'], 'accept-set', ['any subset of the ids the model completes'], 'spec/model/checker.ts matchProcess', [protocol('Processing')]],
  ['OPEN-PAY-SETTLE-OF-PAY', 'payments', 'Settle of a Pay\'s id', ['R-PAY-4'], 'accept-set', ['InvalidTransactionId', 'InvalidTransactionState'], 'spec/model/settle.ts settleStep'],
  ['OPEN-PAY-EXPIRED', 'payments', 'A reserve past 7 days (± 60 s): its status', ['R-PAY-5'], 'accept-set', ['Cancelled', 'Failure (StatusCode Expired)', 'not yet expired inside the band'], 'spec/model/txns.ts expireIfDue; spec/model/queries.ts'],
  ['OPEN-PAY-CANCEL-UNKNOWN', 'payments', 'Cancel of an unknown id', ['R-PAY-6'], 'accept-set', ['InvalidTransactionId', 'InvalidParams'], 'spec/model/settle.ts cancelStep'],
  ['OPEN-PAY-STATUS-CODES', 'payments', 'GetTransactionStatus StatusCode of a Pending, cancelled or failed transaction', ['R-PAY-7'], 'accept-set', ['PendingNetworkResponse or PendingVerification', 'Canceled or Cancelled', 'any code (Failure)'], `${QUERIES} statusCode`],
  ['OPEN-PAY-FOREIGN', 'authorization', 'Another caller\'s transaction or token', ['R-AUTH-6'], 'accept-set', ['InvalidTransactionId or TransactionDenied', 'InvalidTokenId_Sender or IncompatibleTokens', 'TokenAccessDenied or InvalidTokenId (CancelToken)'], 'spec/model/lookup.ts findTxn; spec/model/pay.ts senderViolations'],
  ['OPEN-MKT-FEES', 'marketplace', 'ChargeFeeTo against recipientPaysFee; a fee above maxFixedFee read in cents only ("Type: Long", no unit); a fee without a recipient token or one the token does not set', ['R-MKT-1'], 'accept-set', ['accepted', 'InvalidParams', 'IncompatibleTokens'], `${PAY} feeViolations`],
  ['OPEN-REF-NOT-SETTLED', 'refunds', 'Refund of a Reserved-but-unsettled or Cancelled original', ['R-REF-1'], 'accept-set', ['OriginalTransactionIncomplete', 'OriginalTransactionFailed', 'TransactionTypeNotRefundable', 'InvalidTransactionState'], 'spec/model/refund.ts refundable'],
  ['OPEN-REF-ANSWER', 'refunds', 'A refund\'s answered status', ['R-REF-3'], 'accept-set', ['Pending', 'Success'], 'spec/model/refund.ts refundStep'],
  ['OPEN-REF-FULLY-REFUNDED', 'refunds', 'Refund with an amount of an original refunded in full', ['R-REF-2'], 'accept-set', ['TransactionFullyRefundedAlready', 'RefundAmountExceeded'], 'spec/model/refund.ts refundStep'],
  ['OPEN-IDEM-STATUS', 'idempotency', 'The TransactionStatus of a resent request', ['R-IDEM-2'], 'accept-set', ['the original answer\'s', 'the current one'], 'spec/model/idempotency.ts replay'],
  ['OPEN-IDEM-AFTER-ERROR', 'idempotency', 'A CallerReference whose first request got an error', ['R-IDEM-5'], 'accept-set', ['the same error', 'DuplicateRequest', 'processed as new'], 'spec/model/idempotency.ts afterError'],
  ['OPEN-IDEM-WINDOW-BAND', 'idempotency', 'A resend within 60 s of the 7-day window\'s end', ['R-IDEM-2', 'R-IDEM-4'], 'accept-set', ['the original transaction', 'a new one'], 'spec/model/idempotency.ts idempotentAnswer'],
  ['OPEN-SBX-FORCED', 'sandbox', 'Sandbox amounts .60-.89: an ABT Pay\'s answer; Settle and Refund amounts in that range; the closed-account code', ['R-SBX-1', 'R-SBX-2'], 'accept-set', ['TransactionStatus Failure or InsufficientBalance (ABT)', 'Settle/Refund fail or not', 'InvalidAccountState_Sender or AccountClosed'], `${PAY} payStep; spec/model/sandbox.ts`],
  // forms the emulator picks where the documents give none
  ['OPEN-FORM-FREE-VALUES', 'wire', 'Values the documents leave free: StatusMessage, DateInstalled with or without fractional seconds, an errorMessage\'s wording (naming one input or all)', ['R-PAY-7', 'R-TOK-3', 'R-TOK-1'], 'not-judged', undefined, 'emulator/materialize.ts PRESENT; emulator/cbui.ts errorMessage; spec/model/checker.ts (present)'],
];

/** Filled by the contract audit (issue: verdicts that hold on emulators we did not write). */
export const OPEN_POINTS: readonly OpenPoint[] = ROWS.map(([id, area, title, rules, treatment, accepted, where, extra]): OpenPoint => ({
  id,
  area,
  title,
  rules,
  cites: [...rules.filter((r) => r.startsWith('R-')).map(rule), ...(extra ?? [])],
  treatment,
  ...(accepted ? { accepted } : {}),
  where,
}));
