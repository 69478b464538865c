// Parameters and response elements several actions share (seed 004 prints them in each action's table),
// each built for the action whose table it is read from. Used only by actions.ts.
import type { ParamSpec, ResponseElement } from './actions.ts';
import { rule, seed } from './cite.ts';

export const resp = (a: string) => seed(`${a} > Response Elements`);

export const overrideIPNURL = (a: string): ParamSpec => ({
  name: 'OverrideIPNURL', type: 'String', required: 'no',
  cites: [seed(`${a} > Request Parameters`, 'Specifies the URL to receive the Instant Payment Notification (IPN) for the request.')],
});
export const callerDescription = (a: string): ParamSpec => ({
  name: 'CallerDescription', type: 'String', required: 'no', maxLength: 160,
  cites: [seed(`${a} > Request Parameters`, 'Description of this transaction for the caller.'), rule('R-WIRE-7')],
});
export const callerReference = (a: string): ParamSpec => ({
  name: 'CallerReference', type: 'String', required: 'yes', maxLength: 128,
  cites: [seed(`${a} > Request Parameters`, 'A value you provide that uniquely identifies the request.'), rule('R-WIRE-7'), rule('R-WIRE-8')],
});
export const senderDescription = (a: string): ParamSpec => ({
  name: 'SenderDescription', type: 'String', required: 'conditional', maxLength: 160,
  condition: 'If you use dynamic soft descriptors, you must specify a value for the sender description.',
  cites: [seed(`${a} > Request Parameters`, 'Description of this transaction for the sender.'), rule('R-WIRE-7')],
});
export const descriptorPolicy = (a: string): ParamSpec => ({
  name: 'DescriptorPolicy', type: 'DescriptorPolicy', required: 'no',
  cites: [seed(`${a} > Request Parameters`, "Specifies the entity whose name and contact details would be displayed in the sender's credit card or bank account statement.")],
});
export const senderTokenId = (a: string): ParamSpec => ({
  // No size in the seed's table, and R-WIRE-7's "TokenId 65" names the TokenId parameter: none asserted.
  name: 'SenderTokenId', type: 'String', required: 'yes',
  cites: [seed(`${a} > Request Parameters`, 'Specifies the sender token used in the transaction.')],
});
export const transactionAmount = (a: string): ParamSpec => ({
  name: 'TransactionAmount', type: 'Amount', required: 'yes',
  cites: [seed(`${a} > Request Parameters`, 'Type: Amount'), rule('R-WIRE-6')],
});
export const transactionTimeoutInMins = (a: string): ParamSpec => ({
  name: 'TransactionTimeoutInMins', type: 'Integer', required: 'no', default: '10080',
  cites: [seed(`${a} > Request Parameters`, 'Default: 10080 (seven days)')],
});
export const transactionId = (a: string, quote: string): ParamSpec => ({
  name: 'TransactionId', type: 'String', required: 'yes', maxLength: 35,
  cites: [seed(`${a} > Request Parameters`, quote), rule('R-WIRE-7')],
});

export const TRANSACTION_STATUS_ELEMENT = (a: string): ResponseElement => ({
  name: 'TransactionStatus', type: 'TransactionStatus', maxLength: 20, cites: [resp(a)],
});
export const TRANSACTION_ID_ELEMENT = (a: string): ResponseElement => ({
  name: 'TransactionId', type: 'String', maxLength: 35, cites: [resp(a), rule('R-WIRE-7')],
});
export const transactionAnswer = (a: string): readonly ResponseElement[] => [TRANSACTION_ID_ELEMENT(a), TRANSACTION_STATUS_ELEMENT(a)];
