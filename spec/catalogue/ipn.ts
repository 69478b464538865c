// Instant Payment Notification fields: seed 004 "Common IPN Response Elements" and "IPN Responses for
// Marketplace Transactions", plus the fields the samples carry and R-IPN-2 names. `name` is the spelling
// on the wire (the samples'); `tableName` keeps the table's where it differs (Operation, Signature).
import type { Citation } from '../types.ts';
import { OUTBOUND_SIGNATURE_METHOD, NOTIFICATION_TYPE, TRANSACTION_STATUS_IPN, FPS_OPERATION_IPN } from './enums.ts';
import { rule, seed } from './cite.ts';

/** When a notification must carry the field (R-IPN-2): in every one, in transaction ones, refunds, token cancels. */
export type IpnPresence = 'always' | 'transaction' | 'refund' | 'tokenCancellation' | 'optional';

export interface IpnField {
  name: string;
  tableName?: string;
  type: 'String' | 'Integer' | 'Long' | 'Double';
  /** the table's "Size"/"Max Size" in bytes */
  maxLength?: number;
  validValues?: readonly string[];
  presence: IpnPresence;
  cites: readonly Citation[];
}

const COMMON = 'Common IPN Response Elements';
const MARKET = 'IPN Responses for Marketplace Transactions';
const c = (quote?: string) => seed(COMMON, quote);
const ipn2 = rule('R-IPN-2');
const sample = (quote: string) => seed('Pay > Sample IPN Pending Notification to Rest Request', quote);
const address = (name: string, quote: string): IpnField => ({ name, type: 'String', presence: 'optional', cites: [c(quote)] });

export const IPN_FIELDS: readonly IpnField[] = [
  { name: 'addressFullName', type: 'String', presence: 'optional', cites: [c('Full name of the buyer/sender.')] },
  address('addressLine1', "Sender's address (first line)."),
  address('addressLine2', "Sender's address (second line)."),
  address('addressState', "Sender's state."),
  address('addressZip', "Sender's post code."),
  address('addressCountry', "Sender's country."),
  address('addressPhone', "Sender's phone number."),
  { name: 'buyerEmail', type: 'String', maxLength: 65, presence: 'optional', cites: [c("Sender's email address.")] },
  { name: 'buyerName', type: 'String', maxLength: 128, presence: 'optional', cites: [c("Sender's name.")] },
  { name: 'certificateUrl', type: 'String', maxLength: 1024, presence: 'always', cites: [c('A url specifying the location of the certificate used for signing the response.'), ipn2] },
  { name: 'customerEmail', type: 'String', maxLength: 65, presence: 'optional', cites: [c("Customer's email address.")] },
  { name: 'customerName', type: 'String', maxLength: 128, presence: 'optional', cites: [c('Buyer/Sender Full Name.')] },
  // The table describes it for token cancellations, but R-IPN-2 does not list it: not required.
  { name: 'dateInstalled', type: 'String', maxLength: 30, presence: 'optional', cites: [c('If the notificationType element (below) is TokenCancellation, this element contains the date the token was installed.'), ipn2] },
  { name: 'isShippingAddressProvided', type: 'String', presence: 'optional', cites: [c('If the IPN results include address updates, this element contains TRUE.')] },
  { name: 'operation', tableName: 'Operation', type: 'String', maxLength: 20, validValues: FPS_OPERATION_IPN, presence: 'transaction',
    cites: [c('The name of the payment action, also called an operation, used for this transaction. For example, PAY for the action Pay.'), sample('operation: PAY'), ipn2] },
  { name: 'notificationType', type: 'String', maxLength: 20, validValues: NOTIFICATION_TYPE, presence: 'always', cites: [c('Notification type may be either TokenCancellation or TransactionStatus'), ipn2] },
  { name: 'paymentMethod', type: 'String', maxLength: 20, presence: 'optional', cites: [c('The payment method used by the sender.')] },
  { name: 'paymentReason', type: 'String', presence: 'optional', cites: [c('Reason for payment.')] },
  { name: 'recipientEmail', type: 'String', maxLength: 65, presence: 'optional', cites: [c("Recipient's email address.")] },
  { name: 'recipientName', type: 'String', maxLength: 128, presence: 'optional', cites: [c("Recipient's name.")] },
  { name: 'signature', tableName: 'Signature', type: 'String', maxLength: 512, presence: 'always', cites: [c('The encoded string the caller uses to verify the IPN.'), ipn2, rule('R-IPN-3')] },
  { name: 'signatureVersion', type: 'Integer', validValues: ['2'], presence: 'always', cites: [c('A value that specifies the Signature format.'), ipn2] },
  { name: 'signatureMethod', type: 'String', validValues: OUTBOUND_SIGNATURE_METHOD, presence: 'always', cites: [c('A value that specifies the signing method.'), ipn2, rule('R-IPN-3')] },
  { name: 'tokenId', type: 'String', maxLength: 65, presence: 'tokenCancellation', cites: [c('If notificationType is TokenCancellation, this element contains the ID of the cancelled token.'), ipn2] },
  { name: 'tokenType', type: 'String', maxLength: 20, presence: 'tokenCancellation', cites: [c('If notificationType is TokenCancellation, this element contains the type of the canceled token.'), ipn2] },
  { name: 'transactionAmount', type: 'String', maxLength: 30, presence: 'transaction', cites: [c('Specifies the amount payable in this transaction; for example, USD 10.00.'), ipn2] },
  { name: 'transactionDate', type: 'Long', maxLength: 40, presence: 'optional', cites: [c('The date when this transaction occurred, specified in seconds since the start of the epoch.')] },
  { name: 'transactionId', type: 'String', maxLength: 35, presence: 'transaction', cites: [c('Unique ID generated by Amazon FPS for this transaction.'), ipn2, rule('R-WIRE-7')] },
  { name: 'transactionStatus', type: 'String', validValues: TRANSACTION_STATUS_IPN, presence: 'transaction', cites: [c('Specifies the status of the transaction. For more information, see “TransactionStatus (IPN).”'), ipn2] },
  // Not in the table; in every sample notification and in R-IPN-2.
  { name: 'callerReference', type: 'String', maxLength: 128, presence: 'transaction', cites: [sample('callerReference: CallerReference02'), ipn2] },
  { name: 'statusCode', type: 'String', presence: 'transaction', cites: [sample('statusCode: PendingNetworkResponse'), ipn2, rule('R-PAY-7')] },
  { name: 'statusMessage', type: 'String', presence: 'optional', cites: [sample('statusMessage: The transaction is awaiting a response from the backend payment processor.'), ipn2] },
  { name: 'parentTransactionId', type: 'String', maxLength: 35, presence: 'refund', cites: [seed('Refund > Sample IPN Pending Notification to REST Request', 'parentTransactionId: 14GK4TNCAQ84NK9VITEHKAS94RAD9ZE2AQD'), ipn2, rule('R-REF-3')] },
];

/** "IPN Marketplace Transaction Elements": returned only for marketplace transactions. */
export const IPN_MARKETPLACE_FIELDS: readonly IpnField[] = [
  { name: 'buyerName', type: 'String', presence: 'optional', cites: [seed(MARKET, "Sender's name.")] },
  { name: 'operation', tableName: 'Operation', type: 'String', maxLength: 20, presence: 'optional', cites: [seed(MARKET, 'The name of the payment action, also called an operation, used for this transaction.')] },
  { name: 'paymentMethod', type: 'String', presence: 'optional', cites: [seed(MARKET, 'The payment method used by the sender.')] },
  { name: 'paymentReason', type: 'String', presence: 'optional', cites: [seed(MARKET, 'Reason for payment.')] },
  { name: 'recipientEmail', type: 'String', presence: 'optional', cites: [seed(MARKET, "Recipient's email address.")] },
  { name: 'recipientName', type: 'String', presence: 'optional', cites: [seed(MARKET, "Recipient's name.")] },
  { name: 'referenceId', type: 'String', presence: 'optional', cites: [seed(MARKET, 'If you specified a referenceId in the button creation form, Amazon Payments returns the referenceId to you.')] },
  { name: 'signature', tableName: 'Signature', type: 'String', presence: 'optional', cites: [seed(MARKET, 'The encoded string the caller uses to verify the IPN.')] },
  { name: 'status', tableName: 'Status', type: 'String', presence: 'optional', cites: [seed(MARKET, 'Specifies the status of the transaction.')] },
  { name: 'transactionAmount', type: 'Double', presence: 'optional', cites: [seed(MARKET, 'This element is not being returned in the current version.')] },
  { name: 'transactionDate', type: 'Long', presence: 'optional', cites: [seed(MARKET, 'The date when this transaction occurred, specified in seconds since the beginning of the epoch.')] },
  { name: 'transactionId', type: 'String', presence: 'optional', cites: [seed(MARKET, 'Unique ID generated by Amazon FPS for this transaction.')] },
];

/** The fields an IPN of this kind must carry (R-IPN-2). */
export function requiredIpnFields(kind: 'TransactionStatus' | 'TokenCancellation', refund = false): readonly string[] {
  return IPN_FIELDS.filter((fd) =>
    fd.presence === 'always' ||
    (kind === 'TransactionStatus' && (fd.presence === 'transaction' || (refund && fd.presence === 'refund'))) ||
    (kind === 'TokenCancellation' && fd.presence === 'tokenCancellation'),
  ).map((fd) => fd.name);
}
