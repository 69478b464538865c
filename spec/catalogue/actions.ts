// The ten FPS actions of seed 004 ("Actions"): request parameters, response elements and error lists,
// as data. Generators, the model, schemas, the codec and the emulator all read this table.
import type { ActionName, Citation } from '../types.ts';
import type { ErrorCode } from './errors.ts';
import { UC_RESERVE_SETTLE, rule, seed, seedFile } from './cite.ts';
import {
  TRANSACTION_ID_ELEMENT, TRANSACTION_STATUS_ELEMENT, callerDescription, callerReference, descriptorPolicy, overrideIPNURL, resp,
  senderDescription, senderTokenId, transactionAmount, transactionAnswer, transactionId, transactionTimeoutInMins,
} from './action-params.ts';
import { TOKEN_ELEMENTS } from './response-elements.ts';

export type ParamType = 'String' | 'Amount' | 'Integer' | 'Decimal' | 'DescriptorPolicy' | 'Enum' | 'DateTime';
export interface ParamSpec {
  /** as the seed's table spells it, e.g. 'TransactionAmount', 'RecipientTokenId' */
  name: string;
  /** Amount params go on the wire as `${name}.Value` and `${name}.CurrencyCode` (R-WIRE-6) */
  type: ParamType;
  required: 'yes' | 'no' | 'conditional';
  /** the seed's Condition text for conditional params */
  condition?: string;
  default?: string;
  /** R-WIRE-7 and the seed's "Max size" constraints */
  maxLength?: number;
  validValues?: readonly string[];
  /** other spellings a target may accept (R-WIRE-9), e.g. RecipientTokenID */
  aliases?: readonly string[];
  cites: readonly Citation[];
}
export interface ResponseElement {
  name: string;
  type: string;
  maxLength?: number;
  optional?: boolean;
  children?: readonly ResponseElement[];
  cites: readonly Citation[];
}
export interface ActionSpec {
  name: ActionName;
  /** one sentence from the seed */
  description: string;
  /** action-specific params (not the common ones) */
  params: readonly ParamSpec[];
  /** children of <{Action}Result>; CancelToken has none */
  response: readonly ResponseElement[];
  /** '{Action}Result', null for CancelToken (R-WIRE-3) */
  resultElement: string | null;
  /** the action's "This action can return the following errors" list, exactly */
  errors: readonly ErrorCode[];
  cites: readonly Citation[];
}

export const ACTION_SPECS: Readonly<Record<ActionName, ActionSpec>> = {
  Pay: {
    name: 'Pay',
    description: 'The Pay action initiates a transaction to move funds from a sender to a recipient.',
    params: [
      callerDescription('Pay'),
      callerReference('Pay'),
      { name: 'ChargeFeeTo', type: 'Enum', required: 'no', default: 'Recipient', validValues: ['Recipient', 'Caller'],
        cites: [seed('Pay > Request Parameters', 'Valid values: Recipient | Caller')] },
      descriptorPolicy('Pay'),
      { name: 'MarketplaceFixedFee', type: 'Amount', required: 'no',
        cites: [seed('Pay > Request Parameters', 'Specifies the fee charged by the marketplace developer as a fixed amount of the transaction.'), rule('R-WIRE-9'), rule('R-MKT-1')] },
      { name: 'MarketplaceVariableFee', type: 'Decimal', required: 'no',
        cites: [seed('Pay > Request Parameters', 'You can express the variable fee as a decimal, such as 5 to mean 5%.'), rule('R-MKT-1')] },
      overrideIPNURL('Pay'),
      { name: 'RecipientTokenId', type: 'String', required: 'conditional', condition: 'Required for marketplace transactions',
        aliases: ['RecipientTokenID'],
        cites: [seed('Pay > Request Parameters', 'Condition: Required for marketplace transactions'), rule('R-WIRE-9')] },
      senderDescription('Pay'),
      senderTokenId('Pay'),
      transactionAmount('Pay'),
      transactionTimeoutInMins('Pay'),
    ],
    response: transactionAnswer('Pay'),
    resultElement: 'PayResult',
    errors: [
      'AccessFailure', 'AccountLimitsExceeded', 'AmountOutOfRange', 'AuthFailure', 'BadRule', 'DuplicateRequest',
      'IncompatibleTokens', 'InsufficientBalance', 'InternalError', 'InvalidAccountState_Caller',
      'InvalidAccountState_Recipient', 'InvalidAccountState_Sender', 'InvalidClientTokenId', 'InvalidParams',
      'InvalidTokenId_Recipient', 'InvalidTokenId_Sender', 'PaymentMethodNotDefined', 'SameSenderAndRecipient',
      'SameTokenIdUsedMultipleTimes', 'SignatureDoesNotMatch', 'TokenNotActive_Recipient', 'TokenNotActive_Sender',
      'TokenUsageError', 'TransactionDenied', 'UnverifiedAccount_Recipient', 'UnverifiedAccount_Sender',
      'UnverifiedBankAccount', 'UnverifiedEmailAddress_Caller', 'UnverifiedEmailAddress_Recipient',
      'UnverifiedEmailAddress_Sender',
    ],
    cites: [seed('Pay'), rule('R-PAY-1')],
  },
  Reserve: {
    name: 'Reserve',
    description: "The Reserve operation reserves the total price of a purchase against the sender's payment instrument.",
    params: [
      callerDescription('Reserve'),
      callerReference('Reserve'),
      descriptorPolicy('Reserve'),
      overrideIPNURL('Reserve'),
      // Not in Reserve's table; the reserve-and-settle use case sends it (seed 000).
      { name: 'RecipientTokenId', type: 'String', required: 'no', aliases: ['RecipientTokenID'],
        cites: [seedFile(UC_RESERVE_SETTLE, 'How to Build this Use Case', 'RecipientTokenId | Your recipient token | Specifies the recipient token.'), rule('R-WIRE-9')] },
      senderDescription('Reserve'),
      { ...senderTokenId('Reserve'), cites: [seed('Reserve > Request Parameters', 'Specifies the sender token to be used for this transaction.')] },
      transactionAmount('Reserve'),
      transactionTimeoutInMins('Reserve'),
    ],
    response: transactionAnswer('Reserve'),
    resultElement: 'ReserveResult',
    errors: [
      'AccessFailure', 'AccountLimitsExceeded', 'AmountOutOfRange', 'AuthFailure', 'DuplicateRequest',
      'IncompatibleTokens', 'InternalError', 'InvalidAccountState_Caller', 'InvalidAccountState_Recipient',
      'InvalidAccountState_Sender', 'InvalidClientTokenId', 'InvalidParams', 'InvalidPaymentMethod',
      'InvalidRecipientForCCTransaction', 'InvalidTokenId_Sender', 'PaymentInstrumentNotCC', 'SignatureDoesNotMatch',
      'TokenNotActive_Recipient', 'TokenNotActive_Sender', 'TransactionDenied', 'UnverifiedAccount_Recipient',
      'UnverifiedAccount_Sender', 'UnverifiedEmailAddress_Caller', 'UnverifiedEmailAddress_Recipient',
      'UnverifiedEmailAddress_Sender',
    ],
    cites: [seed('Reserve'), rule('R-PAY-2')],
  },
  Settle: {
    name: 'Settle',
    description: "The Settle action charges the sender's payment instrument for the purchase that was transacted using Reserve.",
    params: [
      overrideIPNURL('Settle'),
      { name: 'ReserveTransactionId', type: 'String', required: 'yes', maxLength: 35,
        cites: [seed('Settle > Request Parameters', 'An identifier returned by Reserve that identifies the reserved transaction to be settled.'), rule('R-WIRE-7')] },
      { name: 'TransactionAmount', type: 'Amount', required: 'no', default: 'The amount reserved in the Reserve request',
        cites: [seed('Settle > Request Parameters', 'Default: The amount reserved in the Reserve request'), rule('R-PAY-3')] },
    ],
    response: transactionAnswer('Settle'),
    resultElement: 'SettleResult',
    errors: [
      'AccessFailure', 'AccountClosed', 'AmountOutOfRange', 'AuthFailure', 'ConcurrentModification', 'InternalError',
      'InvalidAccountState_Caller', 'InvalidAccountState_Recipient', 'InvalidAccountState_Sender',
      'InvalidClientTokenId', 'InvalidParams', 'InvalidTransactionId', 'InvalidTransactionState',
      'SettleAmountGreaterThanReserveAmount', 'SignatureDoesNotMatch', 'TransactionDenied',
      'UnverifiedAccount_Recipient', 'UnverifiedEmailAddress_Caller', 'UnverifiedEmailAddress_Recipient',
      'UnverifiedEmailAddress_Sender',
    ],
    cites: [seed('Settle'), rule('R-PAY-3')],
  },
  Refund: {
    name: 'Refund',
    description: 'You use Refund to refund a successfully completed payment transaction.',
    params: [
      callerDescription('Refund'),
      callerReference('Refund'),
      overrideIPNURL('Refund'),
      { name: 'RefundAmount', type: 'Amount', required: 'no', default: 'Original transaction amount or any amount remaining',
        cites: [seed('Refund > Request Parameters', 'Default: Original transaction amount or any amount remaining'), rule('R-REF-2')] },
      transactionId('Refund', 'Transaction ID of the transaction to be refunded.'),
    ],
    response: [
      { name: 'TransactionId', type: 'String', maxLength: 35, cites: [resp('Refund'), rule('R-REF-3'), rule('R-WIRE-7')] },
      TRANSACTION_STATUS_ELEMENT('Refund'),
    ],
    resultElement: 'RefundResult',
    errors: [
      'AccessFailure', 'AmountOutOfRange', 'AuthFailure', 'ConcurrentModification', 'DuplicateRequest', 'InternalError',
      'InvalidAccountState_Caller', 'InvalidAccountState_Recipient', 'InvalidAccountState_Sender',
      'InvalidClientTokenId', 'InvalidParams', 'InvalidTransactionId', 'OriginalTransactionFailed',
      'OriginalTransactionIncomplete', 'RefundAmountExceeded', 'SignatureDoesNotMatch', 'TransactionDenied',
      'TransactionFullyRefundedAlready', 'TransactionTypeNotRefundable', 'UnverifiedEmailAddress_Caller',
      'UnverifiedEmailAddress_Sender',
    ],
    cites: [seed('Refund'), rule('R-REF-1')],
  },
  Cancel: {
    name: 'Cancel',
    description: 'The Cancel action cancels a reserved or pending transaction.',
    params: [
      { name: 'Description', type: 'String', required: 'no', cites: [seed('Cancel > Request Parameters', 'Describes the reason for cancellation.')] },
      overrideIPNURL('Cancel'),
      transactionId('Cancel', 'Specifies the transaction that needs to be canceled.'),
    ],
    response: transactionAnswer('Cancel'),
    resultElement: 'CancelResult',
    errors: [
      'AccessFailure', 'AccountClosed', 'AuthFailure', 'ConcurrentModification', 'InternalError', 'InvalidClientTokenId',
      'InvalidParams', 'InvalidTransactionState', 'SignatureDoesNotMatch',
    ],
    cites: [seed('Cancel'), rule('R-PAY-6')],
  },
  CancelToken: {
    name: 'CancelToken',
    description: 'The CancelToken action cancels a multi-use or recurring payment token.',
    params: [
      overrideIPNURL('CancelToken'),
      { name: 'ReasonText', type: 'String', required: 'no', cites: [seed('CancelToken > Request Parameters', 'Reason for canceling the payment token.')] },
      { name: 'TokenId', type: 'String', required: 'yes', maxLength: 65,
        cites: [seed('CancelToken > Request Parameters', 'Specifies the token to cancel.'), rule('R-WIRE-7')] },
    ],
    response: [],
    resultElement: null,
    errors: [
      'AccessFailure', 'AccountClosed', 'AuthFailure', 'ConcurrentModification', 'DuplicateRequest', 'InternalError',
      'InvalidClientTokenId', 'InvalidParams', 'InvalidTokenId', 'SignatureDoesNotMatch', 'TokenAccessDenied',
    ],
    cites: [seed('CancelToken', 'The response for this API includes only elements common to all responses.'), rule('R-WIRE-3'), rule('R-TOK-9')],
  },
  GetTransactionStatus: {
    name: 'GetTransactionStatus',
    description: 'The GetTransactionStatus action returns the status of the transaction specified by the TransactionId.',
    params: [transactionId('GetTransactionStatus', "The transaction's ID.")],
    response: [
      TRANSACTION_ID_ELEMENT('GetTransactionStatus'),
      TRANSACTION_STATUS_ELEMENT('GetTransactionStatus'),
      { name: 'CallerReference', type: 'String', maxLength: 128, cites: [resp('GetTransactionStatus'), rule('R-PAY-7')] },
      { name: 'StatusCode', type: 'StatusCode', maxLength: 64, cites: [resp('GetTransactionStatus'), seed('GetTransactionStatus > Status Codes'), rule('R-PAY-7')] },
      { name: 'StatusMessage', type: 'String', cites: [resp('GetTransactionStatus'), rule('R-PAY-7')] },
    ],
    resultElement: 'GetTransactionStatusResult',
    errors: [
      'AccessFailure', 'AuthFailure', 'InternalError', 'InvalidClientTokenId', 'InvalidParams', 'InvalidTransactionId',
      'SignatureDoesNotMatch',
    ],
    cites: [seed('GetTransactionStatus'), rule('R-PAY-7')],
  },
  GetTokenByCaller: {
    name: 'GetTokenByCaller',
    description: 'The GetTokenByCaller action returns the details about the token specified by a tokenId or CallerReference.',
    params: [
      { name: 'CallerReference', type: 'String', required: 'conditional', condition: 'Required if TokenId is not specified.', maxLength: 128,
        cites: [seed('GetTokenByCaller > Request Parameters', 'Condition: Required if TokenId is not specified.'), rule('R-TOK-3')] },
      { name: 'TokenId', type: 'String', required: 'conditional', condition: 'Required if CallerReference is not specified.', maxLength: 65,
        cites: [seed('GetTokenByCaller > Request Parameters', 'Condition: Required if CallerReference is not specified.'), rule('R-TOK-3'), rule('R-WIRE-7')] },
    ],
    response: [{ name: 'Token', type: 'Token', children: TOKEN_ELEMENTS, cites: [resp('GetTokenByCaller'), rule('R-TOK-3')] }],
    resultElement: 'GetTokenByCallerResult',
    errors: [
      'AccessFailure', 'AccountClosed', 'AuthFailure', 'InternalError', 'InvalidCallerReference', 'InvalidClientTokenId',
      'InvalidParams', 'InvalidTokenId', 'SignatureDoesNotMatch',
    ],
    cites: [seed('GetTokenByCaller'), rule('R-TOK-3')],
  },
  GetRecipientVerificationStatus: {
    name: 'GetRecipientVerificationStatus',
    description: 'GetRecipientVerificationStatus enables you to test that the intended recipient has a verified Amazon Payments account before you present the payment option for that seller or recipient on your website.',
    params: [
      // The table spells RecipientTokenID, the sample RecipientTokenId; the kit sends the sample's (R-WIRE-9).
      { name: 'RecipientTokenId', type: 'String', required: 'yes', aliases: ['RecipientTokenID'],
        cites: [seed('GetRecipientVerificationStatus > Request Parameters', 'The recipient token returned by the Co-branded user interface.'), seed('GetRecipientVerificationStatus > Sample REST Request', '&RecipientTokenId=09DG234OGD'), rule('R-WIRE-9')] },
    ],
    response: [
      { name: 'RecipientVerificationStatus', type: 'RecipientVerificationStatus', cites: [resp('GetRecipientVerificationStatus')] },
    ],
    resultElement: 'GetRecipientVerificationStatusResult',
    errors: ['InternalError', 'InvalidAccountState', 'InvalidParams', 'InvalidTokenId', 'TokenNotActive'],
    cites: [seed('GetRecipientVerificationStatus'), rule('R-WIRE-3')],
  },
  VerifySignature: {
    name: 'VerifySignature',
    description: 'VerifySignature enables you to verify the signature included with outbound notifications.',
    params: [
      { name: 'UrlEndPoint', type: 'String', required: 'yes',
        cites: [seed('VerifySignature > Request Parameters', 'Constraint: Cannot be null or empty'), rule('R-IPN-3')] },
      { name: 'HttpParameters', type: 'String', required: 'yes',
        cites: [seed('VerifySignature > Request Parameters', 'Constraint: Cannot be null or empty. In addition, because VerifySignature is a component of signature version 2, the value for signatureVersion must be 2.'), rule('R-IPN-3')] },
    ],
    response: [{ name: 'VerificationStatus', type: 'VerificationStatus', cites: [resp('VerifySignature'), rule('R-IPN-3')] }],
    resultElement: 'VerifySignatureResult',
    errors: ['InternalServerError', 'InvalidParam'],
    cites: [seed('VerifySignature'), rule('R-IPN-3'), rule('R-IPN-4')],
  },
};

const common = (name: string, type: ParamType, quote: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({
  name, type, required: 'yes', ...extra, cites: [seed('Common Request Parameters', quote), rule('R-WIRE-2')],
});
/** "Common Request Parameters": every API request carries these (R-WIRE-2). */
export const COMMON_PARAMS: readonly ParamSpec[] = [
  common('Action', 'String', 'Constraint: Must be a valid operation such as Cancel, Refund, and so on.'),
  common('AWSAccessKeyId', 'String', 'A string, distributed by Amazon FPS when you sign up to be a developer that uniquely identifies the caller.'),
  common('Signature', 'String', 'A value calculated using the request parameters and a SHA256 (preferred) or SHA1 HMAC encryption algorithm.'),
  common('SignatureVersion', 'Integer', 'Valid Value: 2', { validValues: ['2'] }),
  common('SignatureMethod', 'Enum', 'Valid Values: HmacSHA256 (preferred) and HmacSHA1', { validValues: ['HmacSHA256', 'HmacSHA1'] }),
  common('Timestamp', 'DateTime', 'A date-time value that marks the day and time the request was sent.'),
  common('Version', 'Enum', 'Version numbers are dates, such as 2008-09-17.', { validValues: ['2008-09-17', '2010-08-28'] }),
];

/** The spec of an action's parameter by its name or an alias (API names are case-sensitive, R-WIRE-2). */
export function paramSpec(action: ActionName, name: string): ParamSpec | undefined {
  const spec = ACTION_SPECS[action];
  if (spec === undefined) return undefined;
  return spec.params.find((p) => p.name === name || (p.aliases?.includes(name) ?? false));
}
