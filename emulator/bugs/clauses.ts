// The firm clauses of the rulings (../shared/fps-rulings.md) the kit checks, one row each: every
// injected bug (emulator/bugs.ts) names the clause it breaks, and a clause no bug breaks carries the
// reason (a set rule, not provokable through fps-sandbox/1, a seam or generator missing). The report
// listing of uncheckable clauses reads `UNCHECKED_CLAUSES` / clauseCoverage().
import { ALL_BUGS, BUGS } from '../bugs.ts';
import { NOT_YET_CAUGHT } from './pending.ts';

export interface Clause {
  /** `R-PAY-4.settle-pending`: the rule id, a dot, the clause's name */
  id: string;
  rule: string;
  text: string;
  /** why no injected bug breaks it (absent: some bug does) */
  reason?: string;
}

const row = (id: string, text: string, reason?: string): Clause => ({ id, rule: id.split('.')[0]!, text, ...(reason !== undefined ? { reason } : {}) });

const TABLE: readonly Clause[] = [
  row('R-WIRE-1.post-accepted', 'GET, POST with a form body: all accepted and mean the same'),
  row('R-WIRE-1.post-query-string', 'a POST may carry its parameters in the query string with an empty body', 'not separable by a hook: hooks see each raw parameter string but not whether it came from the query or the body (a seam in emulator/api.ts readParams would be needed)'),
  row('R-WIRE-1.plus-is-space', 'parameters are decoded as application/x-www-form-urlencoded (+ is a space) before the signature is checked', 'the kit\'s client encodes spaces as %20 (R-AUTH-1), so a server that keeps \'+\' literal answers it the same; only the robustness checks send a raw \'+\', and they are not model steps'),
  row('R-WIRE-2.both-versions', 'Version is 2008-09-17 or 2010-08-28: both accepted'),
  row('R-WIRE-2.names-case-sensitive', 'API parameter names are case-sensitive'),
  row('R-WIRE-2.action-case-sensitive', 'Action is case-sensitive: a lower-cased one is not that action'),
  row('R-WIRE-2.cbui-names-any-case', 'Co-Branded parameter names are not case-sensitive', 'needs a Co-Branded seam: emulator/cbui.ts calls no hook before its model step'),
  row('R-WIRE-3.namespace-per-version', 'success root xmlns is http://fps.amazonaws.com/doc/{Version}/'),
  row('R-WIRE-3.result-element', 'success holds <{Action}Result>'),
  row('R-WIRE-3.request-id', 'success holds <ResponseMetadata><RequestId>'),
  row('R-WIRE-3.http-200', 'success is HTTP 200'),
  row('R-WIRE-4.one-error', 'an error document holds exactly one Error'),
  row('R-WIRE-4.request-id', 'an error document holds <RequestID>'),
  row('R-WIRE-4.caller-4xx', 'non-retriable caller errors use 4xx'),
  row('R-WIRE-5.bad-percent', 'bad percent-encoding → 4xx, never 5xx'),
  row('R-WIRE-5.non-utf8', 'non-UTF-8 input → 4xx, never 5xx'),
  row('R-WIRE-5.absurd-length', 'absurd lengths → 4xx, never 5xx'),
  row('R-WIRE-5.duplicate-names', 'duplicate names → 4xx, never 5xx'),
  row('R-WIRE-5.unknown-action', 'unknown Action → a 4xx error'),
  row('R-WIRE-5.request-line-20mb', 'a 20 MB request line is answered 4xx, not reset', 'below the hook seams (the node:http adapter, transports/node-http.ts), so no injected bug reaches it; suites/service/robustness-http.ts judges it against any target'),
  row('R-WIRE-5.connect', 'CONNECT is answered, not left hanging', 'below the hook seams (transports/node-http.ts), so no injected bug reaches it; suites/service/robustness-http.ts judges it against any target'),
  row('R-WIRE-5.body-100mb', 'a 100 MB body is answered 4xx, not reset', 'below the hook seams (transports/node-http.ts), so no injected bug reaches it; suites/service/robustness-http.ts judges it against any target'),
  row('R-WIRE-5.sandbox-oversized-json', 'an oversized body to /_sandbox/accounts is answered as the protocol\'s JSON error', 'in the sandbox handler (emulator/sandbox.ts), which calls no hook, so no injected bug reaches it'),
  row('R-WIRE-6.two-fraction-digits', 'three or more fraction digits → InvalidParams'),
  row('R-WIRE-6.numeric', 'non-numeric amounts → InvalidParams'),
  row('R-WIRE-6.usd-only', 'CurrencyCode other than USD → InvalidParams'),
  row('R-WIRE-6.positive', 'zero or negative amounts are refused (InvalidParams or AmountOutOfRange)'),
  row('R-WIRE-7.caller-reference', 'CallerReference over 128 → InvalidParams'),
  row('R-WIRE-7.descriptions', 'CallerDescription/SenderDescription over 160 → InvalidParams'),
  row('R-WIRE-7.transaction-id-input', 'a TransactionId parameter over 35 → InvalidParams', 'an over-long id is also an id nobody issued, so InvalidTransactionId is accepted as well (several rules broken: every applicable code is accepted)'),
  row('R-WIRE-7.token-id-input', 'a TokenId parameter over 65 → InvalidParams', 'an over-long token id is also unknown, so InvalidTokenId* is accepted as well (several rules broken)'),
  row('R-WIRE-7.own-transaction-id', 'the target\'s TransactionIds are at most 35 characters'),
  row('R-WIRE-7.own-token-id', 'the target\'s TokenIds are at most 65 characters'),
  row('R-WIRE-7.own-request-id', 'the target\'s RequestIds are at most 64 characters'),
  row('R-WIRE-8.missing-required', 'a missing required parameter → InvalidParams'),
  row('R-WIRE-8.caller-reference', 'CallerReference is required for Pay, Reserve and Refund'),
  row('R-WIRE-9.spellings', 'RecipientTokenId/RecipientTokenID, fee as number or Amount, paymentMethod ba', 'a set rule: every member conforms'),
  row('R-WIRE-10.errors-not-2xx', 'errors are not answered 2xx (the seed\'s 2XX paragraph is not applied)'),
  row('R-AUTH-1.byte-order', 'names sorted by byte order'),
  row('R-AUTH-1.space-as-%20', 'RFC 3986 encoding: space is %20'),
  row('R-AUTH-1.uppercase-hex', '%XY with uppercase hex'),
  row('R-AUTH-1.unreserved', 'A-Za-z0-9-_.~ are kept unencoded'),
  row('R-AUTH-1.utf8-bytes', 'non-ASCII characters are encoded as their UTF-8 bytes'),
  row('R-AUTH-1.only-signature-excluded', 'Signature itself (only it) is excluded from the canonical query'),
  row('R-AUTH-1.hmac-sha1', 'HmacSHA1 is verified as such (as HmacSHA256 is)'),
  row('R-AUTH-1.lowercase-host', 'the Host header value is lower-cased in the string to sign', 'not provokable: the kit\'s targets are IP literals on loopback (lower case already)'),
  row('R-AUTH-1.request-path', 'the request path is part of the string to sign', 'not provokable: the API lives at path / (R-WIRE-1) and the kit sends only that path'),
  row('R-AUTH-1b.host-without-port', 'a signature over the host without its port is accepted'),
  row('R-AUTH-2.signature-mismatch', 'a wrong signature → SignatureDoesNotMatch'),
  row('R-AUTH-2.unknown-key', 'an unknown AWSAccessKeyId → InvalidClientTokenId'),
  row('R-AUTH-3.version-refused', 'SignatureVersion other than 2 is refused (4xx)'),
  row('R-AUTH-3.method-refused', 'SignatureMethod other than HmacSHA256/HmacSHA1 is refused (4xx)'),
  row('R-AUTH-4.within-5-minutes', 'a Timestamp within 5 minutes is accepted'),
  row('R-AUTH-4.beyond-15-minutes-rejected', 'a Timestamp more than 15 minutes in the past is rejected'),
  row('R-AUTH-4.future-rejected', 'a Timestamp more than 15 minutes in the future is rejected'),
  row('R-AUTH-5.changes-nothing', 'a request that fails authentication changes nothing'),
  row('R-AUTH-5.stale-changes-nothing', 'a request refused for a stale Timestamp changes nothing'),
  row('R-AUTH-6.foreign-transaction-status', 'another caller\'s transaction is not shown (GetTransactionStatus)'),
  row('R-AUTH-6.foreign-transaction-refund', 'another caller\'s transaction cannot be refunded'),
  row('R-AUTH-6.foreign-transaction-settle', 'another caller\'s reserve cannot be settled'),
  row('R-AUTH-6.foreign-transaction-cancel', 'another caller\'s transaction cannot be cancelled'),
  row('R-AUTH-6.foreign-token-cancel', 'another caller\'s token cannot be cancelled'),
  row('R-AUTH-6.foreign-token-pay', 'another caller\'s token cannot pay'),
  row('R-AUTH-6.foreign-token-read', 'another caller\'s token is not shown (GetTokenByCaller)'),
  row('R-TOK-1.required-inputs', 'a missing required Co-Branded input → CE, no token', 'needs a Co-Branded seam: emulator/cbui.ts calls no hook before its model step'),
  row('R-TOK-1.foreign-input', 'an input of another pipeline → CE', 'needs a Co-Branded seam (emulator/cbui.ts calls no hook before its model step)'),
  row('R-TOK-1.error-message-names-input', 'a CE\'s errorMessage names the input at fault (blind spot: errorMessage=present for an unknown callerKey)', 'needs a Co-Branded UI hook seam in the emulator and a generator of missing or unknown callerKeys (generators/cbui.ts); neither exists yet'),
  row('R-TOK-1.unsigned-served', 'an unsigned Co-Branded request is served', 'needs a Co-Branded seam (emulator/cbui.ts calls no hook before its model step)'),
  row('R-TOK-2.status-per-instrument', 'status SA, SB, SC for ABT, ACH, CC; SR for Recipient', 'needs a Co-Branded seam (emulator/cbui.ts calls no hook before its model step)'),
  row('R-TOK-2.abandon', 'an abandoned request redirects with status A and makes no token', 'needs a Co-Branded seam (emulator/cbui.ts calls no hook before its model step)'),
  row('R-TOK-2.payment-method-limits', 'paymentMethod limits the instruments; none of them → PE', 'needs a Co-Branded seam (emulator/cbui.ts calls no hook before its model step)'),
  row('R-TOK-2.signed-return', 'success redirects carry signatureVersion=2, signatureMethod, signature', 'needs a Co-Branded seam (emulator/cbui.ts calls no hook before its model step)'),
  row('R-TOK-3.by-caller-reference', 'GetTokenByCaller by CallerReference returns the token'),
  row('R-TOK-3.token-fields', 'GetTokenByCaller returns TokenId, TokenStatus, TokenType, CallerReference, DateInstalled'),
  row('R-TOK-3.neither-given', 'neither TokenId nor CallerReference → InvalidParams'),
  row('R-TOK-3.unknown-caller-reference', 'an unknown CallerReference → InvalidCallerReference'),
  row('R-TOK-4.validity-start', 'a token cannot pay before validityStart → IncompatibleTokens'),
  row('R-TOK-4.expiry', 'a token cannot pay at or after validityExpiry → IncompatibleTokens'),
  row('R-TOK-4.multiuse-default-year', 'a MultiUse token without validityExpiry expires after one year'),
  row('R-TOK-4.recipient-token', 'a Recipient token past its validityExpiry cannot take part in a Pay (blind spot)'),
  row('R-TOK-5.single-use-at-most', 'SingleUse: amount ≤ transactionAmount'),
  row('R-TOK-5.multiuse-exact', 'MultiUse amountType Exact (default): amount = transactionAmount'),
  row('R-TOK-5.multiuse-maximum', 'MultiUse amountType Maximum: amount ≤ transactionAmount', 'no distinct bug: a Maximum read as Exact refuses smaller payments, which is the Exact clause\'s bug reversed; tokens/amount-type checks both'),
  row('R-TOK-5.multiuse-minimum', 'MultiUse amountType Minimum: amount ≥ transactionAmount'),
  row('R-TOK-5.recurring-exact', 'Recurring: amount = transactionAmount'),
  row('R-TOK-6.single-use-once', 'SingleUse pays once'),
  row('R-TOK-6.multiuse-count', 'MultiUse Count limit per period'),
  row('R-TOK-6.multiuse-amount', 'MultiUse Amount limit per period (reaching it exactly is allowed)'),
  row('R-TOK-6.no-period-is-lifetime', 'a usage limit without usageLimitPeriod holds for the lifetime'),
  row('R-TOK-6.global-amount-limit', 'globalAmountLimit over the lifetime'),
  row('R-TOK-6.recurring-once-per-period', 'Recurring: one charge per recurringPeriod'),
  row('R-TOK-7.month-clamp', 'month windows clamp the day to the month\'s end from the anchor day'),
  row('R-TOK-7.windows-from-anchor', 'windows are cut from the token\'s anchor, not the calendar'),
  row('R-TOK-7.anchor-validity-start', 'the anchor is validityStart when given', 'no generator combines a validityStart with a usage period (generators/cbui.ts)'),
  row('R-TOK-7.first-window-at-install', 'without validityStart there is no window (and no band) before the install: charges right after it count (blind spot)'),
  row('R-TOK-8.pending-charge-uses', 'a charge uses its token from the moment it is accepted (Pending)'),
  row('R-TOK-8.concurrent-charges', 'accepted charges use the token also under concurrent requests'),
  row('R-TOK-8.give-back', 'whether Failure, Cancel or Refund gives a use back', 'a set rule: the model adopts the target\'s answer'),
  row('R-TOK-9.pay-after-cancel', 'Pay/Reserve with a cancelled token → TokenNotActive_Sender'),
  row('R-TOK-9.inactive-after-cancel', 'a cancelled token is Inactive'),
  row('R-TOK-9.recipient-code', 'a cancelled recipient token → TokenNotActive_Recipient'),
  row('R-TOK-10.unknown-sender', 'an unknown SenderTokenId → InvalidTokenId_Sender'),
  row('R-TOK-10.unknown-recipient', 'an unknown RecipientTokenId → InvalidTokenId_Recipient'),
  row('R-TOK-10.recipient-list', 'a RecipientTokenId outside recipientTokenList → IncompatibleTokens', 'no generator makes a recipientTokenList (it must name a recipient token made earlier in the run)'),
  row('R-TOK-10.same-token', 'the same token as sender and recipient → SameTokenIdUsedMultipleTimes', 'no command sends one token on both sides (suites/service/model-run/execute.ts picks recipient tokens among Recipient tokens only)'),
  row('R-TOK-10.same-account', 'one account as sender and recipient → SameSenderAndRecipient', 'the kit\'s sender and recipient buyers are different accounts, and no command makes them one (suites/service/model-run)'),
  row('R-TOK-11.edit', 'EditToken keeps limits and usage; SU/SA/SB/SC, IT, UT', 'made through the Co-Branded UI: needs a Co-Branded seam (emulator/cbui.ts calls no hook before its model step); the rest of R-TOK-11 is a set rule'),
  row('R-PAY-1.abt-synchronous', 'Pay with ABT completes synchronously (Success or Failure)'),
  row('R-PAY-1.cc-ach-pending', 'Pay with CC or ACH answers Pending'),
  row('R-PAY-2.cc-only', 'Reserve needs a CC token, otherwise PaymentInstrumentNotCC'),
  row('R-PAY-2.reserve-pending', 'Reserve answers Pending'),
  row('R-PAY-3.amount-at-most-reserved', 'Settle amount ≤ the reserved amount, else SettleAmountGreaterThanReserveAmount'),
  row('R-PAY-3.default-amount', 'Settle amount defaults to the reserved amount'),
  row('R-PAY-3.reserve-id', 'Settle answers the reserve\'s TransactionId'),
  row('R-PAY-4.settle-once', 'a reserve settles at most once'),
  row('R-PAY-4.settle-pending', 'settling a Pending reserve → InvalidTransactionState'),
  row('R-PAY-4.settle-cancelled', 'settling a Cancelled reserve → InvalidTransactionState'),
  row('R-PAY-4.settle-failed', 'settling a failed reserve → InvalidTransactionState', 'a reserve fails only in the sandbox-simulation profile (R-SBX-1 amounts), which the default run does not exercise against the reference emulator'),
  row('R-PAY-4.unknown-id', 'Settle of an unknown id → InvalidTransactionId'),
  row('R-PAY-4.concurrent-settles', 'at most once also under concurrent Settle and Cancel'),
  row('R-PAY-5.expires-after-7-days', 'a reserve not settled within 7 days is cancelled and cannot be settled'),
  row('R-PAY-5.status-code-expired', 'an expired reserve shows StatusCode Expired'),
  row('R-PAY-6.reserved-cancellable', 'Cancel works on Pending and Reserved'),
  row('R-PAY-6.completed-not-cancellable', 'Cancel on Success, Failure or Cancelled → InvalidTransactionState'),
  row('R-PAY-7.fields', 'GetTransactionStatus returns TransactionId, TransactionStatus, CallerReference, StatusCode, StatusMessage'),
  row('R-PAY-7.pending-status-code', 'Pending → PendingNetworkResponse or PendingVerification'),
  row('R-PAY-7.cancel-status-code', 'caller cancel → Canceled (or Cancelled)'),
  row('R-REF-1.original-pending', 'Refund of a Pending original → OriginalTransactionIncomplete'),
  row('R-REF-1.original-failed', 'Refund of a Failure original → OriginalTransactionFailed', 'an original fails only in the sandbox-simulation profile (R-SBX-1), not exercised by the default run against the reference emulator'),
  row('R-REF-1.refund-not-refundable', 'Refund of a refund → TransactionTypeNotRefundable'),
  row('R-REF-1.unknown-id', 'Refund of an unknown id → InvalidTransactionId'),
  row('R-REF-2.pending-refunds-count', 'pending refunds count against the remainder'),
  row('R-REF-2.default-remaining', 'RefundAmount defaults to the remainder'),
  row('R-REF-2.exceeded-code', 'RefundAmount > remaining → RefundAmountExceeded'),
  row('R-REF-2.fully-refunded', 'remaining = 0 → TransactionFullyRefundedAlready'),
  row('R-REF-2.concurrent-refunds', 'the sum of refunds never exceeds the original, also under concurrent requests'),
  row('R-REF-3.new-transaction-id', 'a refund answers a new TransactionId'),
  row('R-REF-3.completes-to-success', 'a refund completes to Success'),
  row('R-REF-4.settled-amount', 'for a settled Reserve the original amount is the settled amount'),
  row('R-IDEM-1.per-caller', 'idempotency is scoped to one caller'),
  row('R-IDEM-2.same-transaction-id', 'a resend within 7 days returns the original TransactionId'),
  row('R-IDEM-2.charges-nothing', 'a resend creates, charges and uses nothing'),
  row('R-IDEM-2.seven-day-window', 'the window is 7 days from the first request'),
  row('R-IDEM-3.other-values-duplicate', 'the same CallerReference with another value → DuplicateRequest'),
  row('R-IDEM-3.other-action', 'the same CallerReference with another Action → DuplicateRequest'),
  row('R-IDEM-4.new-after-window', 'after the window the request is new: a new TransactionId'),
  row('R-IDEM-5.after-error', 'after an error: same error, DuplicateRequest or new', 'a set rule: every member conforms'),
  row('R-IPN-1.pending', 'payment/reserve/refund pending notifications arrive'),
  row('R-IPN-1.settle', 'settle notifications arrive'),
  row('R-IPN-1.refund', 'refund notifications arrive'),
  row('R-IPN-1.transaction-cancel', 'transaction cancel notifications arrive'),
  row('R-IPN-1.token-cancel', 'token cancel notifications arrive'),
  row('R-IPN-1.failure', 'failure notifications arrive', 'a transaction fails only in the sandbox-simulation profile (R-SBX-1), not exercised by the default run against the reference emulator'),
  row('R-IPN-2.transaction-amount', 'transactionAmount is "USD 1.00" (blind spot: the literal present)'),
  row('R-IPN-2.transaction-status', 'transactionStatus is upper case (PENDING, SUCCESS, ...)'),
  row('R-IPN-2.caller-reference', 'callerReference is present'),
  row('R-IPN-2.parent-transaction-id', 'refund notifications carry parentTransactionId'),
  row('R-IPN-2.token-fields', 'token cancel notifications carry tokenId and tokenType'),
  row('R-IPN-3.genuine-success', 'VerifySignature answers Success for what the target sent (IPN body or return-URL query)'),
  row('R-IPN-3.tampered-failure', 'VerifySignature answers Failure when a value is changed, added or removed'),
  row('R-IPN-3.url-endpoint', 'VerifySignature answers Failure when UrlEndPoint differs'),
  row('R-IPN-3.empty-inputs-invalid', 'empty inputs → InvalidParams (or InvalidParam)'),
  row('R-IPN-4.unsigned', 'VerifySignature may be required signed or not', 'a set rule: every member conforms'),
  row('R-MKT-1.fixed-fee-max', 'MarketplaceFixedFee above maxFixedFee → InvalidParams'),
  row('R-MKT-1.variable-fee-max', 'MarketplaceVariableFee above maxVariableFee → InvalidParams'),
  row('R-MKT-1.charge-fee-to', 'ChargeFeeTo contradicting recipientPaysFee: InvalidParams or IncompatibleTokens', 'a set rule; fee amounts are not asserted'),
  row('R-SBX-1.forced-failure', 'amounts .60–.89 end in Failure', 'the sandbox-simulation profile: only when a target declares it, and the reference emulator\'s default profile is core'),
  row('R-SBX-2.special-token-ids', 'the seed\'s special SenderTokenIds give their codes', 'the sandbox-simulation profile: only when a target declares it'),
];

/** A clause whose bug no check catches yet carries that as its reason. */
const pendingReason = (id: string): string | undefined => {
  const bug = ALL_BUGS.find((b) => b.clause === id && b.name in NOT_YET_CAUGHT);
  return bug && `bug ${bug.name} written, not caught yet: ${NOT_YET_CAUGHT[bug.name]}`;
};

export const CLAUSES: readonly Clause[] = TABLE.map((c) => {
  const reason = c.reason ?? pendingReason(c.id);
  return reason === undefined ? c : { ...c, reason };
});

/** Clauses with no bug, and why: what the report lists as not checkable by mutation. */
export const UNCHECKED_CLAUSES: readonly { clause: string; rule: string; text: string; reason: string }[] = CLAUSES.filter((c) => c.reason !== undefined).map((c) => ({ clause: c.id, rule: c.rule, text: c.text, reason: c.reason! }));

/** Which clauses have a bug, which have a reason, and what is wrong with the table (empty when it is whole). */
export function clauseCoverage(): { withBug: string[]; unchecked: typeof UNCHECKED_CLAUSES; problems: string[] } {
  const ids = new Set(CLAUSES.map((c) => c.id));
  const bugged = new Set(BUGS.map((b) => b.clause));
  const problems = [
    ...BUGS.filter((b) => !ids.has(b.clause)).map((b) => `bug ${b.name} names clause ${b.clause}, which the table does not have`),
    ...BUGS.filter((b) => !b.rules.includes(b.clause.split('.')[0]!)).map((b) => `bug ${b.name}: its rules do not include its clause's rule`),
    ...CLAUSES.filter((c) => !bugged.has(c.id) && c.reason === undefined).map((c) => `clause ${c.id} has neither a bug nor a reason`),
    ...CLAUSES.filter((c) => bugged.has(c.id) && c.reason !== undefined).map((c) => `clause ${c.id} has a bug and a reason`),
    ...CLAUSES.filter((c, i) => CLAUSES.findIndex((d) => d.id === c.id) !== i).map((c) => `clause ${c.id} is listed twice`),
  ];
  return { withBug: CLAUSES.filter((c) => bugged.has(c.id)).map((c) => c.id), unchecked: UNCHECKED_CLAUSES, problems };
}
