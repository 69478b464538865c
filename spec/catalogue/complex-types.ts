// The complex data types of seed 004 ("Data Types > Complex Data Types"): each field's name, type and
// size as the tables give them. The PDF extraction separates names from types; sizes below are read
// from the type column in table order.
import type { Citation } from '../types.ts';
import { rule, seed } from './cite.ts';
import { TOKEN_ELEMENTS } from './response-elements.ts';

export interface ComplexField {
  name: string;
  /** a simple type (String, Amount, dateTime, Integer) or the name of another data type */
  type: string;
  maxLength?: number;
  optional?: boolean;
  description?: string;
}
export interface ComplexType {
  name: string;
  fields: readonly ComplexField[];
  cites: readonly Citation[];
}

const cx = (name: string, fields: ComplexField[], quote?: string, extra: Citation[] = []): ComplexType =>
  ({ name, fields, cites: [seed(`Data Types > Complex Data Types > ${name}`, quote), ...extra] });
const f = (name: string, type: string, maxLength?: number, description?: string): ComplexField => {
  const out: ComplexField = { name, type };
  if (maxLength !== undefined) out.maxLength = maxLength;
  if (description !== undefined) out.description = description;
  return out;
};

export const COMPLEX_TYPES: readonly ComplexType[] = [
  cx('Amount', [
    f('CurrencyCode', 'CurrencyCode', undefined, 'The currency code of the amount. Amazon FPS currently supports only USD.'),
    f('Value', 'String', undefined, 'The numeric value of the amount in dollars. Two optional decimal places are allowed.'),
  ], 'Two optional decimal places are allowed.', [rule('R-WIRE-6')]),
  // The seed prints AccountBalance under "Enumerated Data Types" although its fields are amounts.
  cx('AccountBalance', [
    f('AvailableBalances', 'AvailableBalances'), f('PendingInBalance', 'Amount', undefined, 'The total amount that is yet to be credited to your account.'),
    f('PendingOutBalance', 'Amount', undefined, 'The total amount that is yet to be debited from your account.'),
    f('TotalBalance', 'Amount', undefined, 'The total balance that is currently available in your account.'),
  ]),
  cx('AvailableBalances', [
    f('DisburseBalance', 'Amount', undefined, 'The total balance that has been disbursed.'),
    f('RefundBalance', 'Amount', undefined, 'The total amount that has been refunded.'),
  ]),
  cx('DebtBalance', [
    f('AvailableBalance', 'Amount', undefined, 'Available debt balance accumulated between recipient and sender.'),
    f('PendingOutBalance', 'Amount'),
  ]),
  cx('DescriptorPolicy', [
    f('CSOwner', 'CSOwner', undefined, 'The recipient or caller customer service number. Default: Recipient'),
    f('SoftDescriptorType', 'SoftDescriptorType', undefined, 'The type of soft descriptor. Valid values are either Static or Dynamic. Default: Static'),
  ], 'Valid values are either Static or Dynamic.'),
  cx('RelatedTransaction', [
    f('RelationType', 'RelationType', undefined, 'Relation type of the related transaction.'),
    f('TransactionId', 'String', 35, 'The Transaction ID of the related transaction.'),
  ]),
  cx('StatusHistory', [
    f('Amount', 'Amount', undefined, 'The changed amount.'), f('Date', 'dateTime', undefined, 'The date when the status changed.'),
    f('StatusCode', 'String', undefined, 'The current status of the transaction.'),
    f('TransactionStatus', 'TransactionStatus', undefined, 'The current status of the transaction.'),
  ]),
  { name: 'Token', fields: TOKEN_ELEMENTS.map((e) => ({ name: e.name, type: e.type, ...(e.maxLength !== undefined ? { maxLength: e.maxLength } : {}), ...(e.optional ? { optional: true } : {}) })),
    cites: [seed('Data Types > Complex Data Types > Token'), rule('R-TOK-3')] },
  cx('TokenUsageLimit', [
    f('Amount', 'Amount', undefined, 'Amount paid in the latest time window with this token.'),
    f('Count', 'Integer', undefined, 'Number of times this token was used in the latest time window.'),
    f('LastResetAmount', 'Amount', undefined, 'Amount paid in the previous time window with this token.'),
    f('LastResetCount', 'Integer', undefined, 'Number of times this token was used in the previous time window.'),
    f('LastResetTimeStamp', 'dateTime', undefined, 'The exact time when the latest time window started for this limit.'),
  ], undefined, [rule('R-TOK-6')]),
  cx('Transaction', [
    f('CallerName', 'String', 128), f('CallerTransactionDate', 'dateTime'), f('DateCompleted', 'dateTime'), f('DateReceived', 'dateTime'),
    f('FPSFees', 'Amount'), f('FPSOperation', 'FPSOperation'), f('OriginalTransactionId', 'String', 35, 'In the case of a refund, the TransactionID that is being reversed.'),
    f('PaymentMethod', 'PaymentMethod'), f('RecipientName', 'String', 128), f('RecipientTokenID', 'String', 65), f('SenderName', 'String', 128),
    f('SenderTokenID', 'String', 65), f('StatusCode', 'String'), f('StatusMessage', 'String'), f('TransactionAmount', 'Amount'),
    f('TransactionId', 'String', 35), f('TransactionPart', 'TransactionPart'), f('TransactionStatus', 'TransactionStatus'),
  ]),
  cx('TransactionDetail', [
    f('CallerNamePDF', 'String'), f('CallerDescription', 'String', 160), f('CallerReference', 'String', 128), f('DateReceived', 'dateTime'),
    f('DateCompleted', 'dateTime'), f('FPSFees', 'Amount'), f('FPSFeesPaidBy', 'TransactionalRole'), f('FPSOperation', 'FPSOperation'),
    f('MarketPlaceFees', 'Amount'), f('PaymentMethod', 'PaymentMethod'), f('RecipientEmail', 'String'), f('RecipientName', 'String'),
    f('RecipientTokenId', 'String', 65), f('RelatedTransaction', 'RelatedTransaction'), f('SenderDescription', 'String', 160),
    f('SenderEmail', 'String'), f('SenderName', 'String', 128), f('SenderTokenId', 'String', 65), f('StatusCode', 'String'),
    f('StatusHistory', 'StatusHistory'), f('StatusMessage', 'String'), f('TransactionAmount', 'Amount'), f('TransactionId', 'String', 35),
    f('TransactionStatus', 'TransactionStatus'),
  ]),
  cx('TransactionPart', [
    f('Description', 'String', undefined, 'Description provided by the entity.'), f('FeesPaid', 'Amount', undefined, 'Fees the caller or recipient paid.'),
    f('InstrumentId', 'String', undefined, 'Payment instrument involved in this transaction part.'), f('Name', 'String', undefined, 'Name used for the role specified in Role.'),
    f('Reference', 'String', undefined, 'Reference data provided by this party.'), f('Role', 'TransactionalRole', undefined, 'Role played by this party.'),
  ]),
];

const byName = new Map(COMPLEX_TYPES.map((t) => [t.name, t]));
export function complexType(name: string): ComplexType | undefined {
  return byName.get(name);
}
