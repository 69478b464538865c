// The Co-Branded service (CBUI) pipelines of seed 004 ("Co-Branded Service API Reference"): common
// parameters, each pipeline's request parameters, response parameters and status codes. SingleUse has
// no section in seed 004: its parameters come from the use cases (seeds 000, 001) and R-TOK-1.
import type { Citation, PipelineName } from '../types.ts';
import { UC_RESERVE_SETTLE, UC_SINGLE_USE, rule, seed, seedFile } from './cite.ts';

export interface PipelineParamSpec {
  /** as the seed spells it; matching is case-insensitive (R-WIRE-2) */
  name: string;
  /** Amount: a USD amount as plain text ("0.30"), not the API's X.Value form; Date: UNIX epoch seconds;
   *  Period: "N Hours|Days|Months"; List: comma-separated members of validValues */
  type: 'String' | 'URL' | 'Amount' | 'Boolean' | 'Date' | 'Integer' | 'Long' | 'Period' | 'List';
  required: 'yes' | 'no' | 'conditional';
  condition?: string;
  /** the condition as data: required when `input` is given (and equals `equals`, in any case) */
  requiredIf?: { input: string; equals?: string };
  default?: string;
  maxLength?: number;
  /** for List params: the allowed members of the comma-separated list */
  validValues?: readonly string[];
  cites: readonly Citation[];
}
export interface PipelineResponseParam {
  name: string;
  maxLength?: number;
  /** present only in some answers (warnings, shipping address, failures) */
  optional?: boolean;
  cites: readonly Citation[];
}
/** success: a token exists afterwards; abandoned: the buyer left (no token); error: no token. */
export type StatusOutcome = 'success' | 'abandoned' | 'error';
export interface PipelineStatusCode {
  code: string;
  meaning: string;
  outcome: StatusOutcome;
  /** the instrument a success status names (R-TOK-2) */
  instrument?: 'ABT' | 'ACH' | 'CC';
  cites: readonly Citation[];
}
export interface PipelineSpec {
  name: PipelineName;
  /** the seed's section title */
  title: string;
  description: string;
  params: readonly PipelineParamSpec[];
  response: readonly PipelineResponseParam[];
  statusCodes: readonly PipelineStatusCode[];
  cites: readonly Citation[];
}

const CBUI = 'Co-Branded Service API Reference';
const commonCite = (quote?: string) => seed(`${CBUI} > Common Parameters`, quote);
const p = (name: string, type: PipelineParamSpec['type'], required: PipelineParamSpec['required'], cites: Citation[], extra: Partial<PipelineParamSpec> = {}): PipelineParamSpec =>
  ({ name, type, required, cites, ...extra });

/** "Common Parameters": every Co-Branded service request. Signing is optional there (R-TOK-1 set). */
export const CBUI_COMMON_PARAMS: readonly PipelineParamSpec[] = [
  p('callerKey', 'String', 'yes', [commonCite('AWS Access Key ID of the developer.'), rule('R-TOK-1')]),
  p('pipelineName', 'String', 'yes', [commonCite('Valid Values: SingleUse | MultiUse | Recurring | Recipient | EditToken'), rule('R-TOK-1')],
    { validValues: ['SingleUse', 'MultiUse', 'Recurring', 'Recipient', 'EditToken'] }),
  p('returnURL', 'URL', 'yes', [commonCite('Specifies the URL on your website that the person (typically the buyer) is redirected to after completing the CBUI web pages.'), rule('R-TOK-1')]),
  p('signature', 'String', 'no', [commonCite('A value calculated using the request parameters'), rule('R-TOK-1')]),
  p('signatureVersion', 'Integer', 'no', [commonCite('Whenever you sign a request with your access keys, you must now use signature version 2.'), rule('R-TOK-1')], { validValues: ['2'] }),
  p('signatureMethod', 'String', 'no', [commonCite('HmacSHA256 (preferred) or HmacSHA1'), rule('R-TOK-1')], { validValues: ['HmacSHA256', 'HmacSHA1'] }),
  p('version', 'String', 'no', [commonCite('The version of the API to use. Always set to 2009-01-09.')], { validValues: ['2009-01-09'] }),
  p('websiteDescription', 'String', 'no', [commonCite('Human readable text to describe your website.')]),
  p('cobrandingStyle', 'String', 'no', [commonCite('Valid Values: banner | logo')], { default: 'logo', validValues: ['banner', 'logo'] }),
  p('cobrandingUrl', 'URL', 'no', [commonCite("It specifies the URL of your company's logo.")]),
];

/** "Response Parameters" common to all Co-Branded service responses, plus what R-TOK-2 adds. */
export const CBUI_COMMON_RESPONSE: readonly PipelineResponseParam[] = [
  { name: 'certificateUrl', maxLength: 1024, cites: [seed(`${CBUI} > Response Parameters`, 'A url specifying the location of the certificate used for signing the response.'), rule('R-TOK-2')] },
  { name: 'signature', cites: [seed(`${CBUI} > Response Parameters`), rule('R-TOK-2')] },
  { name: 'signatureVersion', cites: [seed(`${CBUI} > Response Parameters`, 'Valid Values: 2'), rule('R-TOK-2')] },
  { name: 'signatureMethod', cites: [seed(`${CBUI} > Response Parameters`, 'Valid Values: HmacSHA256 (preferred) and HmacSHA1.'), rule('R-TOK-2'), rule('R-IPN-3')] },
  { name: 'callerReference', cites: [rule('R-TOK-2')] },
];

const PAYMENT_METHODS = ['CC', 'ACH', 'ABT'] as const;
const callerReference = (section: string): PipelineParamSpec =>
  p('callerReference', 'String', 'yes', [seed(section, 'A value you provide that uniquely identifies the request.'), rule('R-TOK-1')], { maxLength: 128 });
const paymentMethod = (section: string): PipelineParamSpec =>
  p('paymentMethod', 'List', 'no', [seed(section, 'Valid Values: CC | ACH | ABT'), rule('R-TOK-2'), rule('R-WIRE-9')], { default: 'ABT', validValues: PAYMENT_METHODS });
const validityExpiry = (section: string, dflt: string): PipelineParamSpec =>
  p('validityExpiry', 'Date', 'no', [seed(section, 'Specifies when the token expires. Use UNIX epoch date format.'), rule('R-TOK-4')], { default: dflt });
const validityStart = (section: string): PipelineParamSpec =>
  p('validityStart', 'Date', 'no', [seed(section, 'Specifies when the token becomes valid. Use UNIX epoch date format.'), rule('R-TOK-4')], { default: 'The current date' });
const shippingAddress = (section: string): PipelineParamSpec[] =>
  ['addressName', 'addressLine1', 'addressLine2', 'city', 'state', 'country', 'zip', 'phoneNumber'].map((n) =>
    p(n, 'String', 'no', [seed(section, "The sender's shipping address.")]));
const senderCommon = (section: string): PipelineParamSpec[] => [
  p('collectShippingAddress', 'Boolean', 'no', [seed(section, 'Valid Values: True | False')], { default: 'False', validValues: ['True', 'False'] }),
  p('currencyCode', 'String', 'no', [seed(section, 'Specifies the currency of all amounts that this pipeline accepts.')], { default: 'USD', validValues: ['USD'] }),
  p('isRecipientCobranding', 'Boolean', 'no', [seed(section, 'This parameter is for marketplace applications where the caller is different from the recipient.')], { default: 'False', validValues: ['True', 'False'] }),
  paymentMethod(section),
  p('paymentReason', 'String', 'no', [seed(section, 'Specifies the reason for this payment transaction.')]),
];

const senderResponse = (section: string): PipelineResponseParam[] => [
  ...['addressName', 'addressLine1', 'addressLine2', 'city', 'state', 'zip', 'phoneNumber'].map((n) => ({ name: n, optional: true, cites: [seed(section, 'These parameters are returned only if collectShippingAddress was set to True in the request.')] })),
  { name: 'errorMessage', optional: true, cites: [seed(section, 'This is text in a human readable form that specifies the reason for a request failure.'), rule('R-TOK-1')] },
  { name: 'expiry', maxLength: 20, optional: true, cites: [seed(section, 'The expiry (if any) of the payment method.'), rule('R-TOK-2')] },
  { name: 'status', maxLength: 2, cites: [seed(section, 'The status of the Co-Branded service request.'), rule('R-TOK-2')] },
  { name: 'tokenID', maxLength: 65, optional: true, cites: [seed(section, 'Specifies the token ID string associated with the token just created (installed).'), rule('R-TOK-2')] },
  { name: 'warningCode', maxLength: 64, optional: true, cites: [seed(section, 'Valid Values: invalidShippingAddress')] },
  { name: 'warningMessage', optional: true, cites: [seed(section, 'Specifies a human readable text that explains the warning corresponding to the warningCode.')] },
];

const sc = (code: string, meaning: string, outcome: StatusOutcome, section: string, extra: Partial<PipelineStatusCode> = {}): PipelineStatusCode =>
  ({ code, meaning, outcome, ...extra, cites: extra.cites ?? [seed(section, meaning)] });
const NP_MEANING = 'There are four cases where the NP status is returned';
const NM_MEANING = 'You are not registered as a third-party caller to make this transaction.';
const senderStatusCodes = (section: string): PipelineStatusCode[] => [
  sc('SA', 'Success status for the ABT payment method.', 'success', section, { instrument: 'ABT', cites: [seed(section, 'Success status for the ABT payment method.'), rule('R-TOK-2')] }),
  sc('SB', 'Success status for the ACH (bank account) payment method.', 'success', section, { instrument: 'ACH', cites: [seed(section, 'Success status for the ACH (bank account) payment method.'), rule('R-TOK-2')] }),
  sc('SC', 'Success status for the credit card payment method.', 'success', section, { instrument: 'CC', cites: [seed(section, 'Success status for the credit card payment method.'), rule('R-TOK-2')] }),
  sc('SE', 'System error.', 'error', section),
  sc('A', 'Buyer abandoned the pipeline.', 'abandoned', section, { cites: [seed(section, 'Buyer abandoned the pipeline.'), rule('R-TOK-2')] }),
  sc('CE', 'Specifies a caller exception.', 'error', section, { cites: [seed(section, 'Specifies a caller exception.'), rule('R-TOK-1')] }),
  sc('PE', 'Payment Method Mismatch Error: Specifies that the buyer does not have payment method that you have requested.', 'error', section, { cites: [seed(section, 'Payment Method Mismatch Error'), rule('R-TOK-2')] }),
  sc('NP', NP_MEANING, 'error', section),
  sc('NM', NM_MEANING, 'error', section),
];

const RECURRING = `${CBUI} > Recurring-Use Token API`;
const MULTI = `${CBUI} > Multi-Use Token API`;
const RECIPIENT = `${CBUI} > Recipient Token API`;
const EDIT = `${CBUI} > Edit Token API`;
const SINGLE_USE_CITES: Citation[] = [
  seedFile(UC_SINGLE_USE, 'How to Build this Use Case', 'pipelineName | SingleUse | Name of this pipeline.'),
  seedFile(UC_RESERVE_SETTLE, 'How to Build this Use Case', 'pipelineName | SingleUse | Name of this pipeline.'),
  rule('R-TOK-1'),
];
const period = (name: string, section: string, required: PipelineParamSpec['required'], extra: Partial<PipelineParamSpec> = {}) =>
  p(name, 'Period', required, [seed(section, 'This parameter accepts an integer followed by one of the following strings:'), rule('R-TOK-6')], extra);

export const PIPELINE_SPECS: Readonly<Record<PipelineName, PipelineSpec>> = {
  SingleUse: {
    name: 'SingleUse',
    title: 'Single-use Token Installation Pipeline',
    description: 'A single-use token is used for making a one-time payment transaction.',
    params: [
      p('callerReference', 'String', 'yes', [...SINGLE_USE_CITES, rule('R-WIRE-7')], { maxLength: 128 }),
      p('paymentReason', 'String', 'no', SINGLE_USE_CITES),
      p('paymentMethod', 'List', 'no', [...SINGLE_USE_CITES, rule('R-TOK-2'), rule('R-WIRE-9')], { default: 'ABT', validValues: PAYMENT_METHODS }),
      p('transactionAmount', 'Amount', 'yes', [seedFile(UC_SINGLE_USE, 'How to Build this Use Case', 'This value means that the sender will authorize the payment for a maximum of $0.10.'), rule('R-TOK-1'), rule('R-TOK-5')]),
    ],
    // No SingleUse section in seed 004: its answers read like the other sender pipelines' (R-TOK-2).
    response: senderResponse(MULTI).map((r) => ({ ...r, cites: [...r.cites, rule('R-TOK-2')] })),
    statusCodes: senderStatusCodes(MULTI).map((s) => ({ ...s, cites: [...s.cites, rule('R-TOK-2')] })),
    cites: SINGLE_USE_CITES,
  },
  Recurring: {
    name: 'Recurring',
    title: 'Recurring-Use Token API',
    description: 'The recurring-use token API creates a token that makes payments on a recurring basis at specific intervals.',
    params: [
      ...shippingAddress(RECURRING),
      callerReference(RECURRING),
      ...senderCommon(RECURRING),
      p('recipientToken', 'String', 'no', [seed(RECURRING, "Specifies the intended recipient's TokenId.")], { default: 'The caller is considered to be the recipient' }),
      period('recurringPeriod', RECURRING, 'yes', { cites: [seed(RECURRING, 'The recurring period to associate with this token.'), rule('R-TOK-1'), rule('R-TOK-6')] }),
      p('transactionAmount', 'Amount', 'yes', [seed(RECURRING, 'Specifies the recurring amount payable in this transaction.'), rule('R-TOK-1'), rule('R-TOK-5')]),
      validityExpiry(RECURRING, 'No expiration'),
      validityStart(RECURRING),
    ],
    response: senderResponse(RECURRING),
    statusCodes: senderStatusCodes(RECURRING),
    cites: [seed(RECURRING), rule('R-TOK-1')],
  },
  MultiUse: {
    name: 'MultiUse',
    title: 'Multi-Use Token API',
    description: 'The multi-use token API creates a token that makes multiple payments without the sender having to repeatedly authorize payments.',
    params: [
      ...shippingAddress(MULTI),
      p('amountType', 'String', 'no', [seed(MULTI, 'Valid Values: Exact | Maximum | Minimum'), rule('R-TOK-5')], { default: 'Exact', validValues: ['Exact', 'Maximum', 'Minimum'] }),
      callerReference(MULTI),
      ...senderCommon(MULTI),
      p('globalAmountLimit', 'Amount', 'yes', [seed(MULTI, 'Specifies the maximum amount of money this token can be used for across all payments.'), rule('R-TOK-1'), rule('R-TOK-6')]),
      p('recipientTokenList', 'List', 'conditional', [seed(MULTI, 'Conditional: Required if isRecipientCobranding is True'), rule('R-TOK-10')],
        { condition: 'Required if isRecipientCobranding is True', requiredIf: { input: 'isRecipientCobranding', equals: 'True' }, default: "Caller's recipient token ID" }),
      p('transactionAmount', 'Amount', 'conditional', [seed(MULTI, 'Condition: Required if you have specified amountType.'), rule('R-TOK-5')], { condition: 'Required if you have specified amountType.', requiredIf: { input: 'amountType' } }),
      p('usageLimitType1', 'String', 'no', [seed(MULTI, 'Valid Values: Amount | Count'), rule('R-TOK-6')], { validValues: ['Amount', 'Count'] }),
      period('usageLimitPeriod1', MULTI, 'no', { default: 'Forever' }),
      p('usageLimitValue1', 'String', 'conditional', [seed(MULTI, 'Condition: Required if you specify usageLimitType1'), rule('R-TOK-6')], { condition: 'Required if you specify usageLimitType1', requiredIf: { input: 'usageLimitType1' } }),
      p('usageLimitType2', 'String', 'no', [seed(MULTI, 'Valid Values: Amount | Count'), rule('R-TOK-6')], { validValues: ['Amount', 'Count'] }),
      period('usageLimitPeriod2', MULTI, 'no', { default: 'Forever' }),
      p('usageLimitValue2', 'String', 'conditional', [seed(MULTI, 'Condition: Required if you specify usageLimitType2'), rule('R-TOK-6')], { condition: 'Required if you specify usageLimitType2', requiredIf: { input: 'usageLimitType2' } }),
      validityExpiry(MULTI, 'one year'),
      validityStart(MULTI),
    ],
    response: senderResponse(MULTI),
    statusCodes: [
      ...senderStatusCodes(MULTI).filter((s) => s.code !== 'NP' && s.code !== 'NM'),
      sc('NP', 'There are several cases where the NP status is returned', 'error', MULTI),
      sc('NM', NM_MEANING, 'error', MULTI),
    ],
    cites: [seed(MULTI), rule('R-TOK-1')],
  },
  Recipient: {
    name: 'Recipient',
    title: 'Recipient Token API',
    description: "Use this Co-Branded service API to register a recipient on a caller's website.",
    params: [
      callerReference(RECIPIENT),
      p('callerReferenceRefund', 'String', 'no', [seed(RECIPIENT, 'The caller reference used to identify the refund token.')], { maxLength: 128 }),
      p('maxFixedFee', 'Long', 'no', [seed(RECIPIENT, 'The maximum fixed fee that the caller charges in a marketplace transaction.'), rule('R-MKT-1')]),
      p('maxVariableFee', 'Long', 'no', [seed(RECIPIENT, 'The maximum variable fee that the caller charges in a marketplace transaction.'), rule('R-MKT-1')]),
      paymentMethod(RECIPIENT),
      p('recipientPaysFee', 'Boolean', 'no', [seed(RECIPIENT, 'Set this value to True if the recipient agrees to pay the fees, otherwise set this value to False.'), rule('R-MKT-1')], { validValues: ['True', 'False'] }),
      validityExpiry(RECIPIENT, 'No expiry'),
      { ...validityStart(RECIPIENT), default: 'Current date' },
    ],
    response: [
      { name: 'errorMessage', optional: true, cites: [seed(RECIPIENT, 'This is text in a human readable form that specifies the reason for a request failure.'), rule('R-TOK-1')] },
      { name: 'status', maxLength: 2, cites: [seed(RECIPIENT, 'Specifies the status of the Co-Branded service request.'), rule('R-TOK-2')] },
      { name: 'tokenID', maxLength: 65, optional: true, cites: [seed(RECIPIENT, 'This string identifies the merchant who gets paid in the transaction.'), rule('R-TOK-2')] },
    ],
    statusCodes: [
      sc('SR', "Success. Specifies that the merchant's token was created.", 'success', RECIPIENT, { cites: [seed(RECIPIENT, "Success. Specifies that the merchant's token was created."), rule('R-TOK-2')] }),
      sc('A', 'Specifies that the pipeline has been aborted by the user.', 'abandoned', RECIPIENT),
      sc('CE', 'Specifies a caller exception.', 'error', RECIPIENT, { cites: [seed(RECIPIENT, 'Specifies a caller exception.'), rule('R-TOK-1')] }),
      sc('NP', NP_MEANING, 'error', RECIPIENT),
      sc('NM', NM_MEANING, 'error', RECIPIENT),
    ],
    cites: [seed(RECIPIENT), rule('R-TOK-1')],
  },
  EditToken: {
    name: 'EditToken',
    title: 'Edit Token API',
    description: "The Edit Token API enables you to view an existing token's details and to change the payment instrument for the token.",
    params: [
      { ...callerReference(EDIT), cites: [seed(EDIT, 'Must be unique among your payment tokens.'), rule('R-TOK-1')] },
      paymentMethod(EDIT),
      p('tokenID', 'String', 'yes', [seed(EDIT, 'Specifies the token you want to edit. You can only edit multi-use or recurring tokens.'), rule('R-TOK-1'), rule('R-TOK-11')], { maxLength: 65 }),
    ],
    response: [
      { name: 'errorMessage', optional: true, cites: [seed(EDIT, 'This is text in a human readable form that specifies the reason for a request failure.')] },
      { name: 'expiry', maxLength: 20, optional: true, cites: [seed(EDIT, 'This specifies the expiry (if any) of the payment method associated with the token.')] },
      { name: 'status', cites: [seed(EDIT, 'The status of the Co-Branded service request.'), rule('R-TOK-11')] },
      { name: 'tokenID', maxLength: 65, optional: true, cites: [seed(EDIT, 'This specifies the token ID associated with the new token.'), rule('R-TOK-11')] },
    ],
    statusCodes: [
      sc('SU', 'The token has not changed.', 'success', EDIT, { cites: [seed(EDIT, 'The token has not changed.'), rule('R-TOK-11')] }),
      sc('SA', 'The status of the token that uses ABT as the payment method has changed.', 'success', EDIT, { instrument: 'ABT', cites: [seed(EDIT, 'The status of the token that uses ABT as the payment method has changed.'), rule('R-TOK-11')] }),
      sc('SB', 'The token that uses ACH as the payment method has changed.', 'success', EDIT, { instrument: 'ACH', cites: [seed(EDIT, 'The token that uses ACH as the payment method has changed.'), rule('R-TOK-11')] }),
      sc('SC', 'The token that uses CC as the payment method has changed.', 'success', EDIT, { instrument: 'CC', cites: [seed(EDIT, 'The token that uses CC as the payment method has changed.'), rule('R-TOK-11')] }),
      sc('SE', 'System error.', 'error', EDIT),
      sc('A', 'Buyer abandoned the pipeline.', 'abandoned', EDIT),
      sc('CE', 'Specifies a caller exception.', 'error', EDIT, { cites: [seed(EDIT, 'Specifies a caller exception.'), rule('R-TOK-1')] }),
      sc('IT', 'Specifies an invalid token. The token passed is invalid, expired, or cannot be modified.', 'error', EDIT, { cites: [seed(EDIT, 'Specifies an invalid token.'), rule('R-TOK-11')] }),
      sc('NA', 'Specifies that the user account does not exist.', 'error', EDIT),
      sc('UT', 'Specifies an unauthorized access to the token. The token does not belong to the user.', 'error', EDIT, { cites: [seed(EDIT, 'Specifies an unauthorized access to the token.'), rule('R-TOK-11')] }),
      sc('PE', 'Specifies a payment method mismatch error. The user does not have payment method that you requested.', 'error', EDIT, { cites: [seed(EDIT, 'Specifies a payment method mismatch error.'), rule('R-TOK-2')] }),
    ],
    cites: [seed(EDIT), rule('R-TOK-11')],
  },
};

/** A pipeline's parameter (its own or a common one) by name in any case (CBUI names are case-insensitive, R-WIRE-2). */
export function pipelineParam(pipeline: PipelineName, nameAnyCase: string): PipelineParamSpec | undefined {
  const wanted = nameAnyCase.toLowerCase();
  const spec = PIPELINE_SPECS[pipeline];
  if (spec === undefined) return undefined;
  return spec.params.find((q) => q.name.toLowerCase() === wanted) ?? CBUI_COMMON_PARAMS.find((q) => q.name.toLowerCase() === wanted);
}

/**
 * How an input name stands for a pipeline (names in any case, R-WIRE-2):
 * - own / common: the pipeline reads it;
 * - foreign: it belongs only to other pipelines (R-TOK-1: CE);
 * - unsettled: SingleUse has no table in seed 004, so an input both other sender pipelines (Recurring and
 *   MultiUse) take is not known to be foreign to it: a target may read it or refuse it;
 * - unknown: no pipeline knows it (R-TOK-1 set: ignored or CE).
 */
export type InputStanding = 'own' | 'common' | 'foreign' | 'unsettled' | 'unknown';
export function inputStanding(pipeline: PipelineName, nameAnyCase: string): InputStanding {
  const wanted = nameAnyCase.toLowerCase();
  const has = (list: readonly PipelineParamSpec[]) => list.some((q) => q.name.toLowerCase() === wanted);
  if (has(PIPELINE_SPECS[pipeline].params)) return 'own';
  if (has(CBUI_COMMON_PARAMS)) return 'common';
  if (pipeline === 'SingleUse' && has(PIPELINE_SPECS.Recurring.params) && has(PIPELINE_SPECS.MultiUse.params)) return 'unsettled';
  return Object.values(PIPELINE_SPECS).some((spec) => has(spec.params)) ? 'foreign' : 'unknown';
}

/** The status codes a pipeline can answer, by code. */
export function pipelineStatus(pipeline: PipelineName, code: string): PipelineStatusCode | undefined {
  return PIPELINE_SPECS[pipeline]?.statusCodes.find((s) => s.code === code);
}
