// The FPS error table ("Errors" in the API reference of seed 004), plus codes that appear only in an
// action's error list or in a ruling. `retriable` is read from the table only where it is legible
// (R-WIRE-10): the PDF extraction puts each "Retriable:" line at the end of its row; rows whose line
// is missing are `null`.
import type { Citation } from '../types.ts';

export interface ErrorEntry {
  code: string;
  retriable: boolean | null;
  meaning: string;
  cites: readonly Citation[];
}

const SEED = '004_bb73d6732c95e35f.txt';
const table = (quote: string): Citation[] => [{ source: SEED, section: 'Amazon FPS API Reference > Errors', quote }];
const listOnly = (section: string): Citation[] => [{ source: SEED, section }];
const ruling = (id: string): Citation[] => [{ source: 'fps-rulings.md', section: id }];

export const ERRORS = [
  { code: 'AccessFailure', retriable: true, meaning: 'Account cannot be accessed.', cites: table('Account cannot be accessed.') },
  { code: 'AccountClosed', retriable: true, meaning: 'Account is not active.', cites: table('Account is not active.') },
  { code: 'AccountLimitsExceeded', retriable: true, meaning: 'The spending or receiving limit on the account is exceeded.', cites: table('The spending or receiving limit on the account is exceeded.') },
  { code: 'AmountOutOfRange', retriable: false, meaning: 'The transaction amount is more than the allowed range.', cites: table('The transaction amount is more than the allowed range.') },
  { code: 'AuthFailure', retriable: true, meaning: 'AWS was not able to validate the provided access credentials.', cites: table('AWS was not able to validate the provided access credentials.') },
  { code: 'ConcurrentModification', retriable: true, meaning: 'Two processes tried to modify the same data at the same time.', cites: table('A retriable error can happen when two processes try to modify the same data at the same time.') },
  { code: 'DuplicateRequest', retriable: false, meaning: 'A different request associated with this caller reference already exists.', cites: table('A different request associated with this caller reference already exists.') },
  { code: 'InactiveInstrument', retriable: false, meaning: 'Payment instrument is inactive.', cites: table('Payment instrument is inactive.') },
  { code: 'IncompatibleTokens', retriable: null, meaning: 'The tokens have incompatible payment instructions.', cites: table('The transaction could not be completed because the tokens have incompatible payment instructions.') },
  { code: 'InsufficientBalance', retriable: true, meaning: "The sender, caller, or recipient's account balance has insufficient funds.", cites: table("The sender, caller, or recipient's account balance has insufficient funds to complete the transaction.") },
  { code: 'InternalError', retriable: true, meaning: 'A retriable error that happens due to some transient problem in the system.', cites: table('A retriable error that happens due to some transient problem in the system.') },
  { code: 'InvalidAccountState', retriable: true, meaning: 'The account is either suspended or closed.', cites: table('The account is either suspended or closed.') },
  { code: 'InvalidAccountState_Caller', retriable: true, meaning: 'The developer account cannot participate in the transaction.', cites: table('The developer account cannot participate in the transaction.') },
  { code: 'InvalidAccountState_Recipient', retriable: true, meaning: 'Recipient account cannot participate in the transaction.', cites: table('Recipient account cannot participate in the transaction.') },
  { code: 'InvalidAccountState_Sender', retriable: true, meaning: 'Sender account cannot participate in the transaction.', cites: table('Sender account cannot participate in the transaction.') },
  { code: 'InvalidCallerReference', retriable: null, meaning: 'The Caller Reference does not have a token associated with it.', cites: table('The Caller Reference does not have a token associated with it.') },
  { code: 'InvalidClientTokenId', retriable: false, meaning: 'The AWS Access Key Id you provided does not exist in our records.', cites: table('The AWS Access Key Id you provided does not exist in our records.') },
  { code: 'InvalidDateRange', retriable: null, meaning: 'The end date specified is before the start date or the start date is in the future.', cites: table('The end date specified is before the start date or the start date is in the future.') },
  { code: 'InvalidParams', retriable: false, meaning: 'One or more parameters in the request is invalid.', cites: table('One or more parameters in the request is invalid.') },
  { code: 'InvalidPaymentInstrument', retriable: null, meaning: 'The payment method used in the transaction is invalid.', cites: table('The payment method used in the transaction is invalid.') },
  { code: 'InvalidPaymentMethod', retriable: null, meaning: 'The payment method used in the transaction is invalid (Reserve error list).', cites: listOnly('Reserve > Errors') },
  { code: 'InvalidRecipientForCCTransaction', retriable: null, meaning: 'This account cannot receive credit card payments.', cites: table('This account cannot receive credit card payments.') },
  { code: 'InvalidSenderRoleForAccountType', retriable: false, meaning: 'This token cannot be used for this operation.', cites: table('This token cannot be used for this operation.') },
  { code: 'InvalidTokenId', retriable: false, meaning: 'You did not install the token that you are trying to cancel.', cites: table('You did not install the token that you are trying to cancel.') },
  { code: 'InvalidTokenId_Recipient', retriable: false, meaning: 'The recipient token is not valid.', cites: table('InvalidTokenId_Recipient') },
  { code: 'InvalidTokenId_Sender', retriable: false, meaning: 'The send token specified is either invalid or canceled or the token is not active.', cites: table('The send token specified is either invalid or canceled or the token is not active.') },
  { code: 'InvalidTokenType', retriable: false, meaning: 'An invalid operation was performed on the token.', cites: table('An invalid operation was performed on the token') },
  { code: 'InvalidTransactionId', retriable: false, meaning: 'The specified transaction could not be found or the caller did not execute the transaction.', cites: table('The specified transaction could not be found or the caller did not execute the transaction') },
  { code: 'InvalidTransactionState', retriable: false, meaning: 'The transaction is not complete, or it has temporarily failed.', cites: table('The transaction is not complete, or it has temporarily failed.') },
  { code: 'NotMarketplaceApp', retriable: true, meaning: 'This is not a marketplace application or the caller does not match either the sender or the recipient.', cites: table('This is not an marketplace application') },
  { code: 'OriginalTransactionFailed', retriable: false, meaning: 'The original transaction has failed.', cites: table('The original transaction has failed.') },
  { code: 'OriginalTransactionIncomplete', retriable: true, meaning: 'The original transaction is still in progress.', cites: table('The original transaction is still in progress.') },
  { code: 'PaymentInstrumentNotCC', retriable: null, meaning: 'The payment method specified in the transaction is not a credit card.', cites: table('The payment method specified in the transaction is not a credit card.') },
  { code: 'PaymentMethodNotDefined', retriable: null, meaning: 'Payment method is not defined in the transaction.', cites: table('Payment method is not defined in the transaction.') },
  { code: 'RefundAmountExceeded', retriable: false, meaning: 'The refund amount is more than the refundable amount.', cites: table('The refund amount is more than the refundable amount.') },
  { code: 'SameSenderAndRecipient', retriable: false, meaning: 'The sender and receiver are identical, which is not allowed.', cites: table('The sender and receiver are identical, which is not allowed.') },
  { code: 'SameTokenIdUsedMultipleTimes', retriable: null, meaning: 'The tokens used in a transaction should be unique.', cites: table('The tokens used in a transaction should be unique.') },
  { code: 'SenderNotOriginalRecipient', retriable: false, meaning: 'The sender in the refund transaction is not the recipient of the original transaction.', cites: table('The sender in the refund transaction is not the recipient of the original transaction.') },
  { code: 'SettleAmountGreaterThanDebt', retriable: false, meaning: 'The amount being settled or written off is greater than the current debt.', cites: table('The amount being settled or written off is greater than the current debt.') },
  { code: 'SettleAmountGreaterThanReserveAmount', retriable: false, meaning: 'The amount being settled is greater than the reserved amount.', cites: table('The amount being settled is greater than the reserved amount.') },
  { code: 'SignatureDoesNotMatch', retriable: false, meaning: 'The request signature calculated by Amazon does not match the signature you provided.', cites: table('The request signature calculated by Amazon does not match the signature you provided.') },
  { code: 'TokenAccessDenied', retriable: false, meaning: 'Permission is denied to cancel the token.', cites: table('Permission is denied to cancel the token.') },
  { code: 'TokenNotActive', retriable: false, meaning: 'The token is canceled.', cites: table('The token is canceled.') },
  { code: 'TokenNotActive_Recipient', retriable: false, meaning: 'The recipient token is canceled.', cites: table('The recipient token is canceled.') },
  { code: 'TokenNotActive_Sender', retriable: false, meaning: 'The sender token is canceled.', cites: table('The sender token is canceled.') },
  { code: 'TokenUsageError', retriable: null, meaning: 'The token usage limit is exceeded.', cites: table('The token usage limit is exceeded.') },
  { code: 'TransactionDenied', retriable: false, meaning: 'This transaction is not allowed.', cites: table('This transaction is not allowed.') },
  { code: 'TransactionFullyRefundedAlready', retriable: false, meaning: 'This transaction has already been completely refunded.', cites: table('This transaction has already been completely refunded.') },
  { code: 'TransactionTypeNotRefundable', retriable: false, meaning: 'You cannot refund this transaction.', cites: table('You cannot refund this transaction.') },
  { code: 'UnverifiedAccount_Recipient', retriable: false, meaning: "The recipient's account must have a verified bank account or a credit card.", cites: table("The recipient's account must have a verified bank account or a credit card") },
  { code: 'UnverifiedAccount_Sender', retriable: false, meaning: "The sender's account must have a verified U.S. credit card or a verified U.S bank account.", cites: table("The sender's account must have a verified U.S.") },
  { code: 'UnverifiedBankAccount', retriable: false, meaning: 'A verified bank account should be used for this transaction.', cites: table('A verified bank account should be used for this transaction.') },
  { code: 'UnverifiedEmailAddress_Caller', retriable: false, meaning: 'The caller account must have a verified email address.', cites: table('The caller account must have a verified email address.') },
  { code: 'UnverifiedEmailAddress_Recipient', retriable: false, meaning: 'The recipient account must have a verified email address for receiving payments.', cites: table('The recipient account must have a verified email address for receiving payments.') },
  { code: 'UnverifiedEmailAddress_Sender', retriable: false, meaning: 'The sender account must have a verified email address for this payment.', cites: table('The sender account must have a verified email address for this payment') },
  // In an action's error list but not in the table.
  { code: 'BadRule', retriable: null, meaning: 'Listed among the errors Pay can return; not described.', cites: listOnly('Pay > Errors') },
  { code: 'InternalServerError', retriable: null, meaning: 'Listed among the errors VerifySignature can return.', cites: listOnly('VerifySignature > Errors') },
  { code: 'InvalidParam', retriable: null, meaning: 'Listed among the errors VerifySignature can return (spelling of InvalidParams there).', cites: listOnly('VerifySignature > Errors') },
  // Named only by a ruling.
  { code: 'RequestExpired', retriable: false, meaning: 'The Timestamp is too far from the service clock (R-AUTH-4 set member).', cites: ruling('R-AUTH-4') },
] as const satisfies readonly ErrorEntry[];

export type ErrorCode = (typeof ERRORS)[number]['code'];

const byCode = new Map<string, ErrorEntry>(ERRORS.map((e) => [e.code, e]));
export function errorEntry(code: string): ErrorEntry | undefined {
  return byCode.get(code);
}
export function isErrorCode(code: string): code is ErrorCode {
  return byCode.has(code);
}

/**
 * Each code of the table by name (`ERROR_CODE.InvalidParams`): code outside spec/ names an error
 * through this record, so a misspelt code fails the type check and every code the kit names is one
 * the table cites (docs/architecture.md "Contracts").
 */
export const ERROR_CODE: { readonly [C in ErrorCode]: C } = Object.freeze(Object.fromEntries(ERRORS.map((e) => [e.code, e.code]))) as { readonly [C in ErrorCode]: C };
