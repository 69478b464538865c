// The error codes a ruling accepts for one situation, as data: a (firm) rule gives one code, a (set)
// rule lists every code that conforms and the kit accepts each. Keyed by the ruling id, then (where one
// ruling names codes for several situations) the situation in the ruling's words. Suites read their
// expected codes from here only (docs/architecture.md: FPS error-code strings live only in spec/);
// spec/catalogue/accepted.test.ts checks every code here appears in its ruling's text.
import type { Citation } from '../types.ts';
import { rule } from './cite.ts';
import type { ErrorCode } from './errors.ts';

export interface AcceptedCodes {
  /** the ruling id that settles the codes */
  readonly rule: string;
  /** what the request did, in the ruling's words */
  readonly situation: string;
  /** every code that conforms; more than one only where the ruling is a set */
  readonly codes: readonly ErrorCode[];
  readonly cites: readonly Citation[];
}

type Row = readonly [key: string, situation: string, codes: readonly ErrorCode[]];

const ROWS = [
  ['R-AUTH-2 Signature', 'Wrong signature', ['SignatureDoesNotMatch']],
  ['R-AUTH-2 AWSAccessKeyId', 'Unknown AWSAccessKeyId', ['InvalidClientTokenId']],
  ['R-AUTH-3', 'SignatureVersion other than 2, or SignatureMethod other than HmacSHA256/HmacSHA1', ['InvalidParams', 'SignatureDoesNotMatch', 'AuthFailure']],
  ['R-AUTH-4', 'a Timestamp more than 15 minutes away (past or future)', ['InvalidParams', 'AuthFailure', 'RequestExpired']],
  ['R-WIRE-8', 'Missing required parameter', ['InvalidParams']],
  ['R-TOK-3 neither', 'GetTokenByCaller with neither TokenId nor CallerReference', ['InvalidParams']],
  ['R-TOK-3 TokenId', 'GetTokenByCaller of an unknown TokenId', ['InvalidTokenId']],
  ['R-TOK-3 CallerReference', 'GetTokenByCaller of an unknown CallerReference', ['InvalidCallerReference']],
  ['R-TOK-6', 'a usage limit breached (a used SingleUse token paying again)', ['TokenUsageError']],
  ['R-TOK-10 SenderTokenId', 'Unknown SenderTokenId', ['InvalidTokenId_Sender']],
  ['R-PAY-4 unknown', 'Settle of an unknown id', ['InvalidTransactionId']],
  ['R-PAY-6 unknown', 'Cancel of an unknown id', ['InvalidTransactionId', 'InvalidParams']],
  ['R-REF-1 unknown', 'Refund of an unknown transaction', ['InvalidTransactionId']],
  ['R-IDEM-3', 'the same CallerReference with any other parameter value, within the window', ['DuplicateRequest']],
  ['R-IPN-3 empty', 'VerifySignature with empty inputs', ['InvalidParams', 'InvalidParam']],
] as const satisfies readonly Row[];

export type AcceptedCodesKey = (typeof ROWS)[number][0];

/** ACCEPTED_CODES['R-AUTH-4'].codes: ['InvalidParams', 'AuthFailure', 'RequestExpired'] (R-AUTH-4). */
export const ACCEPTED_CODES: Readonly<Record<AcceptedCodesKey, AcceptedCodes>> = Object.fromEntries(
  ROWS.map(([key, situation, codes]): [string, AcceptedCodes] => {
    const id = key.split(' ')[0]!;
    return [key, { rule: id, situation, codes, cites: [rule(id)] }];
  }),
) as Record<string, AcceptedCodes> as Record<AcceptedCodesKey, AcceptedCodes>;

/** The codes of one entry (shorthand for ACCEPTED_CODES[key].codes). */
export function acceptedCodes(key: AcceptedCodesKey): readonly ErrorCode[] {
  return ACCEPTED_CODES[key].codes;
}
