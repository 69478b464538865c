// Enumerated values of seed 004 ("Data Types > Enumerated Data Types", plus the enumerations the seed
// sets inside other tables), as `as const` arrays. ENUM_TYPES ties each to its citations.
import type { Citation } from '../types.ts';
import { rule, seed } from './cite.ts';

const ENUM_SECTION = 'Data Types > Enumerated Data Types';

/** TransactionStatus, "These values are returned for non-IPN operations." */
export const TRANSACTION_STATUS = ['Cancelled', 'Failure', 'Pending', 'Reserved', 'Success'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUS)[number];

/** TransactionStatus (IPN), "These values are returned for IPN operations only." (R-IPN-2) */
export const TRANSACTION_STATUS_IPN = ['CANCELLED', 'FAILURE', 'PENDING', 'RESERVED', 'SUCCESS'] as const;
export type TransactionStatusIpn = (typeof TRANSACTION_STATUS_IPN)[number];

/** GetTransactionStatus "Status Codes", plus `Cancelled` (the IPN sample's spelling, R-PAY-7 set). */
export const STATUS_CODE = ['Canceled', 'Cancelled', 'Expired', 'PendingNetworkResponse', 'PendingVerification', 'Success', 'TransactionDenied'] as const;
export type StatusCode = (typeof STATUS_CODE)[number];

/** The seed's message for each status code (GetTransactionStatus > Status Codes). */
export const STATUS_CODE_MESSAGES: Readonly<Record<StatusCode, readonly string[]>> = {
  Canceled: ['The transaction was explicitly canceled by the caller.'],
  Cancelled: ['The transaction was explicitly cancelled by the caller.'],
  Expired: [
    'This reserved amount on the payment instrument was not settled within the timeout period',
    'The transaction could not be completed within the specified timeout.',
  ],
  PendingNetworkResponse: ['This transaction is awaiting a response from the backend payment processor', '(Message returned by backend payment processor)'],
  PendingVerification: ['The transaction has been flagged for manual investigation'],
  Success: [
    'The requested amount was reserved successfully against the given payment instrument.',
    'The transaction was successful and the payment instrument was charged.',
  ],
  TransactionDenied: ['(Message returned by backend payment processor).', 'The transaction was denied after investigation.'],
};

/**
 * R-PAY-7: the StatusCode GetTransactionStatus shows for each TransactionStatus, nominal first. A caller's
 * Cancel shows `Canceled` (the Status Codes table's spelling) or `Cancelled` (the IPN sample's,
 * "statusCode: Cancelled"); a reserve that timed out shows STATUS_CODE_EXPIRED instead (R-PAY-5).
 * Failure's code is open (R-PAY-7 "any code"): TransactionDenied, the table's denial, is only the nominal one.
 */
export const STATUS_CODES_BY_STATUS = {
  Cancelled: ['Canceled', 'Cancelled'],
  Failure: ['TransactionDenied'],
  Pending: ['PendingNetworkResponse', 'PendingVerification'],
  Reserved: ['Success'],
  Success: ['Success'],
} as const satisfies Readonly<Record<TransactionStatus, readonly StatusCode[]>>;

/** R-PAY-5: the StatusCode of a reserve not settled within its timeout. */
export const STATUS_CODE_EXPIRED = 'Expired' satisfies StatusCode;

export function isStatusCode(s: string | undefined): s is StatusCode {
  return s !== undefined && (STATUS_CODE as readonly string[]).includes(s);
}

/** The non-IPN TransactionStatus an IPN transactionStatus spells in capitals (CANCELLED → Cancelled, R-IPN-2). */
export function transactionStatusOf(s: string | undefined): TransactionStatus | undefined {
  const upper = (s ?? '').toUpperCase();
  return TRANSACTION_STATUS.find((t) => t.toUpperCase() === upper);
}

export const TOKEN_TYPE = ['MultiUse', 'Recurring', 'SingleUse', 'Unrestricted'] as const;
export type TokenType = (typeof TOKEN_TYPE)[number];
/** R-TOK-2 (set): a Recipient token's TokenType may also read `Recipient`. Accepted in answers, never generated. */
export const TOKEN_TYPE_ACCEPTED = [...TOKEN_TYPE, 'Recipient'] as const;

export const TOKEN_STATUS = ['Active', 'Inactive'] as const;
export type TokenStatus = (typeof TOKEN_STATUS)[number];

export const PAYMENT_METHOD = ['ABT', 'ACH', 'CC'] as const;
export type PaymentMethod = (typeof PAYMENT_METHOD)[number];

/** FPSOperation, "These values are returned for non-IPN operations." */
export const FPS_OPERATION = ['Pay', 'Refund', 'Settle', 'Reserve'] as const;
export type FPSOperation = (typeof FPS_OPERATION)[number];
/** FPSOperation, "These values are returned only for IPN operations." */
export const FPS_OPERATION_IPN = ['PAY', 'REFUND', 'SETTLE', 'RESERVE', 'MULTI_SETTLE', 'REAUTH', 'DEPOSIT_FUNDS', 'WITHDRAW_FUNDS', 'CANCEL_TRANSACTION', 'CANCEL'] as const;
export type FPSOperationIpn = (typeof FPS_OPERATION_IPN)[number];

export const CHARGE_FEE_TO = ['Caller', 'Recipient'] as const;
export type ChargeFeeTo = (typeof CHARGE_FEE_TO)[number];

export const CURRENCY_CODE = ['USD'] as const;
export type CurrencyCode = (typeof CURRENCY_CODE)[number];

export const INSTRUMENT_STATUS = ['Active', 'All', 'Cancelled'] as const;
export type InstrumentStatus = (typeof INSTRUMENT_STATUS)[number];

export const RELATION_TYPE = ['MarketplaceFee', 'Parent', 'Refund', 'RefundReversal', 'Reserve', 'Settle'] as const;
export type RelationType = (typeof RELATION_TYPE)[number];

export const SORT_ORDER_BY_DATE = ['Ascending', 'Descending'] as const;
export type SortOrderByDate = (typeof SORT_ORDER_BY_DATE)[number];

export const TRANSACTIONAL_ROLE = ['Caller', 'Recipient', 'Sender'] as const;
export type TransactionalRole = (typeof TRANSACTIONAL_ROLE)[number];

/** The seed's table prints the third value over two lines ("VerificationComplete" / "NoLimits"). */
export const RECIPIENT_VERIFICATION_STATUS = ['VerificationComplete', 'VerificationPending', 'VerificationCompleteNoLimits'] as const;
export type RecipientVerificationStatus = (typeof RECIPIENT_VERIFICATION_STATUS)[number];

/** VerifySignature > Response Elements: "The result of the verification, either Success or Failure." */
export const VERIFICATION_STATUS = ['Success', 'Failure'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUS)[number];

export const MARKETPLACE_REFUND_POLICY = ['MarketplaceTxnOnly', 'MasterAndMarketplaceTxn', 'MasterTxnOnly'] as const;
export type MarketplaceRefundPolicy = (typeof MARKETPLACE_REFUND_POLICY)[number];

/** DescriptorPolicy's two fields are enumerations too (Complex Data Types > DescriptorPolicy). */
export const CS_OWNER = ['Recipient', 'Caller'] as const;
export const SOFT_DESCRIPTOR_TYPE = ['Static', 'Dynamic'] as const;

/** IPN notificationType values (R-IPN-2; the samples' "TransactionStatus" and "TokenCancellation"). */
export const NOTIFICATION_TYPE = ['TransactionStatus', 'TokenCancellation'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPE)[number];

/** SignatureMethod of API requests (Common Request Parameters, R-WIRE-2). */
export const SIGNATURE_METHOD = ['HmacSHA256', 'HmacSHA1'] as const;
/** Outbound (IPN / return URL) signatureMethod: RSA-SHA1 (the samples) or an Hmac method (the table), R-IPN-3. */
export const OUTBOUND_SIGNATURE_METHOD = ['RSA-SHA1', 'HmacSHA256', 'HmacSHA1'] as const;

export interface EnumType {
  /** the type's name as the seed spells it */
  name: string;
  values: readonly string[];
  cites: readonly Citation[];
}

/** Every enumerated type, by the seed's name. Schemas and the catalogue-count test read this. */
export const ENUM_TYPES: readonly EnumType[] = [
  { name: 'TransactionStatus', values: TRANSACTION_STATUS, cites: [seed(`${ENUM_SECTION} > TransactionStatus`, 'These values are returned for non-IPN operations.')] },
  { name: 'TransactionStatus (IPN)', values: TRANSACTION_STATUS_IPN, cites: [seed(`${ENUM_SECTION} > TransactionStatus (IPN)`, 'These values are returned for IPN operations only.'), rule('R-IPN-2')] },
  { name: 'StatusCode', values: STATUS_CODE, cites: [seed('GetTransactionStatus > Status Codes', 'This action can return the following values for StatusCode.'), rule('R-PAY-7')] },
  { name: 'TokenType', values: TOKEN_TYPE, cites: [seed(`${ENUM_SECTION} > TokenType`), rule('R-TOK-2')] },
  { name: 'TokenStatus', values: TOKEN_STATUS, cites: [seed(`${ENUM_SECTION} > TokenStatus`), rule('R-TOK-3')] },
  { name: 'PaymentMethod', values: PAYMENT_METHOD, cites: [seed(`${ENUM_SECTION} > PaymentMethod`)] },
  { name: 'FPSOperation', values: FPS_OPERATION, cites: [seed(`${ENUM_SECTION} > FPSOperation`, 'These values are returned for non-IPN operations.')] },
  { name: 'FPSOperation (IPN)', values: FPS_OPERATION_IPN, cites: [seed(`${ENUM_SECTION} > FPSOperation`, 'These values are returned only for IPN operations.'), rule('R-IPN-2')] },
  { name: 'ChargeFeeTo', values: CHARGE_FEE_TO, cites: [seed(`${ENUM_SECTION} > ChargeFeeTo`)] },
  { name: 'CurrencyCode', values: CURRENCY_CODE, cites: [seed(`${ENUM_SECTION} > CurrencyCode`, 'The transaction uses U.S. dollars.'), rule('R-WIRE-6')] },
  { name: 'InstrumentStatus', values: INSTRUMENT_STATUS, cites: [seed(`${ENUM_SECTION} > InstrumentStatus`)] },
  { name: 'RelationType', values: RELATION_TYPE, cites: [seed(`${ENUM_SECTION} > RelationType`)] },
  { name: 'SortOrderByDate', values: SORT_ORDER_BY_DATE, cites: [seed(`${ENUM_SECTION} > SortOrderByDate`)] },
  { name: 'TransactionalRole', values: TRANSACTIONAL_ROLE, cites: [seed(`${ENUM_SECTION} > TransactionalRole`)] },
  { name: 'RecipientVerificationStatus', values: RECIPIENT_VERIFICATION_STATUS, cites: [seed('Data Types > RecipientVerificationStatus', 'The account is verified to receive funds from Amazon Payments and has no receiving limits.')] },
  { name: 'VerificationStatus', values: VERIFICATION_STATUS, cites: [seed('VerifySignature > Response Elements', 'The result of the verification, either Success or Failure.')] },
  { name: 'MarketplaceRefundPolicy', values: MARKETPLACE_REFUND_POLICY, cites: [seed('Data Types > MarketplaceRefundPolicy')] },
  { name: 'CSOwner', values: CS_OWNER, cites: [seed('Complex Data Types > DescriptorPolicy', 'Valid values are either Recipient or Caller.')] },
  { name: 'SoftDescriptorType', values: SOFT_DESCRIPTOR_TYPE, cites: [seed('Complex Data Types > DescriptorPolicy', 'Valid values are either Static or Dynamic.')] },
  { name: 'NotificationType', values: NOTIFICATION_TYPE, cites: [seed('Common IPN Response Elements'), rule('R-IPN-2')] },
  { name: 'SignatureMethod', values: SIGNATURE_METHOD, cites: [seed('Common Request Parameters', 'Valid Values: HmacSHA256 (preferred) and HmacSHA1'), rule('R-WIRE-2')] },
];

const enumByName = new Map(ENUM_TYPES.map((e) => [e.name, e]));
/** The values of an enumerated type by the seed's name, e.g. enumValues('TransactionStatus'). */
export function enumValues(name: string): readonly string[] | undefined {
  return enumByName.get(name)?.values;
}
