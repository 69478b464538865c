// Response elements that are complex types (seed 004 "Complex Data Types"), shared by actions.ts and
// complex-types.ts so the Token element list is written once.
import type { Citation } from '../types.ts';
import { rule, seed } from './cite.ts';

/** Same shape as actions.ts's ResponseElement (declared there); repeated structurally to avoid an import cycle. */
interface Element {
  name: string;
  type: string;
  maxLength?: number;
  optional?: boolean;
  children?: readonly Element[];
  cites: readonly Citation[];
}

const token = (quote: string) => seed('Data Types > Complex Data Types > Token', quote);

/** Children of <Token> in GetTokenByCaller's result. R-TOK-3 names the ones a target must return. */
export const TOKEN_ELEMENTS: readonly Element[] = [
  { name: 'TokenId', type: 'String', maxLength: 65, cites: [token('The token ID representing the payment instruction.'), rule('R-TOK-3'), rule('R-WIRE-7')] },
  { name: 'FriendlyName', type: 'String', maxLength: 128, optional: true, cites: [token('A name that references the token.')] },
  { name: 'TokenStatus', type: 'TokenStatus', cites: [token('Specifies whether or not the token is active.'), rule('R-TOK-3')] },
  { name: 'DateInstalled', type: 'DateTime', cites: [token("The date and time when the payment token was created dateTime on the caller's account."), rule('R-TOK-3')] },
  { name: 'CallerReference', type: 'String', maxLength: 128, cites: [token('Max size = 128'), rule('R-TOK-3')] },
  { name: 'TokenType', type: 'TokenType', cites: [token('The type of the token (e.g., single-use, multi-use, etc.).'), rule('R-TOK-3')] },
  { name: 'OldTokenId', type: 'String', maxLength: 65, optional: true, cites: [token('The token ID linked to this token.'), rule('R-TOK-11')] },
  { name: 'PaymentReason', type: 'String', optional: true, cites: [token('Payment reason passed during token installation.')] },
];
