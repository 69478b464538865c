// JSON Schemas derived from the catalogue: one per action's parsed result (the `result` of a decoded
// answer, nested by element name) and one for the error document. Nothing here is written by hand
// twice: element names, sizes and enumerations all come from spec/catalogue.
import { ACTIONS, type ActionName, type Citation } from '../types.ts';
import { ACTION_SPECS, type ResponseElement } from '../catalogue/actions.ts';
import { complexType } from '../catalogue/complex-types.ts';
import { CURRENCY_CODE, TOKEN_TYPE_ACCEPTED, enumValues } from '../catalogue/enums.ts';

export type JsonSchema = Record<string, unknown>;

/** Element types whose values are an enumeration (the answer's side: wider where a ruling accepts more). */
const ENUM_OF_TYPE: Readonly<Record<string, readonly string[] | undefined>> = {
  TransactionStatus: enumValues('TransactionStatus'),
  StatusCode: enumValues('StatusCode'),
  RecipientVerificationStatus: enumValues('RecipientVerificationStatus'),
  VerificationStatus: enumValues('VerificationStatus'),
  TokenStatus: enumValues('TokenStatus'),
  TokenType: TOKEN_TYPE_ACCEPTED,
};

/** xs:dateTime (the WSDL's type): the time zone is optional there, so it is optional here. */
export const XS_DATE_TIME = '^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$';
/** Amount Value: "Two optional decimal places are allowed." (Complex Data Types > Amount, R-WIRE-6) */
export const AMOUNT_VALUE = '^[0-9]+(\\.[0-9]{1,2})?$';

/** Where each schema path's rule comes from, so a problem can name it. */
export type CiteIndex = Map<string, readonly Citation[]>;

const citeText = (cites: readonly Citation[]): string =>
  cites.map((c) => (c.source === 'fps-rulings.md' ? c.section : `seed ${c.source.slice(0, 3)} "${c.section}"`)).join(', ');
export { citeText };

function elementSchema(el: ResponseElement, path: string, index: CiteIndex): JsonSchema {
  index.set(path, el.cites);
  if (el.children !== undefined) return objectSchema(el.children, path, index);
  if (el.type === 'Amount') {
    return {
      type: 'object',
      properties: { Value: { type: 'string', pattern: AMOUNT_VALUE }, CurrencyCode: { enum: [...CURRENCY_CODE] } },
      required: ['Value', 'CurrencyCode'],
      additionalProperties: false,
    };
  }
  const complex = complexType(el.type);
  if (complex !== undefined && el.type !== 'Token') {
    return objectSchema(complex.fields.map((f) => ({ ...f, optional: true, cites: complex.cites })), path, index);
  }
  const schema: JsonSchema = { type: 'string' };
  const values = ENUM_OF_TYPE[el.type];
  if (values !== undefined) schema['enum'] = [...values];
  if (el.type === 'DateTime' || el.type === 'dateTime') schema['pattern'] = XS_DATE_TIME;
  if (el.maxLength !== undefined) schema['maxLength'] = el.maxLength;
  // A required id must say something (R-WIRE-7 bounds it from above); an optional one may come as an
  // empty element, which says as much as its absence
  if (/Id$/.test(el.name) && el.optional !== true) schema['minLength'] = 1;
  return schema;
}

function objectSchema(elements: readonly ResponseElement[], path: string, index: CiteIndex): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const el of elements) properties[el.name] = elementSchema(el, path === '' ? el.name : `${path}.${el.name}`, index);
  return {
    type: 'object',
    properties,
    required: elements.filter((e) => e.optional !== true).map((e) => e.name),
    // Elements the seed does not list are not asserted against (a false alarm is the worst bug);
    // unknownElements() reports them for a warning.
    additionalProperties: true,
  };
}

export interface BuiltSchema {
  schema: JsonSchema;
  cites: CiteIndex;
}

/** The schema of `<{Action}Result>`'s content for one action (CancelToken: an empty object). */
export function resultSchema(action: ActionName): BuiltSchema {
  const index: CiteIndex = new Map();
  const schema = objectSchema(ACTION_SPECS[action].response, '', index);
  return { schema: { $id: `fps:${action}Result`, ...schema }, cites: index };
}

export function allResultSchemas(): Record<ActionName, BuiltSchema> {
  return Object.fromEntries(ACTIONS.map((a) => [a, resultSchema(a)])) as Record<ActionName, BuiltSchema>;
}

/**
 * The decoded error document (R-WIRE-4): one non-empty Code, one Message, the RequestID element (R-WIRE-7:
 * ≤ 64). The RequestID may be empty: R-WIRE-4 shows the element only, and the seed promises a RequestId
 * "for each Amazon FPS API call accepted for processing", which a rejected call need not be.
 */
export const ERROR_SCHEMA: JsonSchema = {
  $id: 'fps:Error',
  type: 'object',
  properties: {
    code: { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9_.]+$' },
    message: { type: 'string' },
    requestId: { type: 'string', maxLength: 64 },
  },
  required: ['code', 'message', 'requestId'],
};

/** RequestId of every answer: "Max Size: 64 Bytes" (Common Response Elements), R-WIRE-7. */
export const REQUEST_ID_SCHEMA: JsonSchema = { $id: 'fps:RequestId', type: 'string', minLength: 1, maxLength: 64 };
