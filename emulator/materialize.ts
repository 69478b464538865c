// Turns a model answer's Expect fields into the concrete values the emulator sends: plain strings as
// given, `oneOf` through the chooser, `fresh` ids generated and bound (Outcome.next gets them),
// `present` filled from a small table, `optional` left out.
import { isStatusCode, STATUS_CODE_MESSAGES, STATUS_CODES_BY_STATUS, transactionStatusOf } from '../spec/catalogue/enums.ts';
import type { Chooser, Expect, FreshKind } from '../spec/model/api.ts';

/** The StatusMessage of a StatusCode (GetTransactionStatus "Status Codes"), as a sentence. */
function statusMessage(code: string | undefined, status: string | undefined): string {
  const s = transactionStatusOf(status);
  const c = isStatusCode(code) ? code : s ? STATUS_CODES_BY_STATUS[s][0] : undefined;
  const messages = c ? STATUS_CODE_MESSAGES[c] : undefined;
  // Success has two messages: the reserve's (first) and the charge's (last)
  const m = messages ? (c === STATUS_CODES_BY_STATUS.Success[0] && s !== 'Reserved' ? messages.at(-1)! : messages[0]!) : 'The transaction was processed';
  return m.endsWith('.') ? m : `${m}.`;
}

export interface MaterializeContext {
  choose: Chooser;
  fresh(kind: FreshKind, maxLength?: number): string;
  requestId: string;
  now: number;
  /** when the emulator made that token (GetTokenByCaller's DateInstalled) */
  tokenInstalled?: (tokenId: string) => number | undefined;
}

/**
 * Values for `{ present: true }` by field name (last dotted segment), nominal form first: the
 * documents leave the form open (any value is present), so the chooser picks one (contrary: the last).
 */
const PRESENT: Readonly<Record<string, (c: MaterializeContext, done: Readonly<Record<string, string>>) => readonly string[]>> = {
  statusCode: (_c, done) => statusCodes(done.transactionStatus),
  StatusCode: (_c, done) => statusCodes(done.TransactionStatus),
  RequestId: (c) => [c.requestId],
  RequestID: (c) => [c.requestId],
  StatusMessage: (_c, done) => [statusMessage(done.StatusCode, done.TransactionStatus)],
  statusMessage: (_c, done) => [statusMessage(done.statusCode, done.transactionStatus)],
  transactionDate: (c) => [String(Math.floor(c.now / 1000))],
  // ISO 8601 with or without fractional seconds (R-WIRE-2's reading of dates)
  DateInstalled: (c, done) => {
    const iso = new Date(c.tokenInstalled?.(done['Token.TokenId'] ?? done.TokenId ?? '') ?? c.now).toISOString();
    return [iso, iso.replace(/\.\d{3}Z$/, 'Z')];
  },
  TransactionStatus: () => ['Pending'],
};

/** GetTransactionStatus "Status Codes" (an enum in the schema): one sensible code per status. */
function statusCodes(status: string | undefined): readonly string[] {
  return [STATUS_CODES_BY_STATUS[transactionStatusOf(status) ?? 'Success'][0]];
}

/** Names filled later by outbound signing (signOutbound), never here. */
export const SIGNATURE_FIELDS = new Set(['signature', 'signatureVersion', 'signatureMethod', 'certificateUrl']);

const isPresent = ([, e]: [string, Expect]): boolean => typeof e === 'object' && 'present' in e;

type Materialize = (fields: Readonly<Record<string, Expect>>, ctx: MaterializeContext, bound: Record<string, string>, options?: { skip?: ReadonlySet<string> }) => Record<string, string>;

/** `present` fields named like a message after the others: a message describes the code beside it */
const messagesLast = (a: string, b: string): number => Number(/message$/i.test(a)) - Number(/message$/i.test(b));

export const materialize: Materialize = (fields, ctx, bound, options = {}) => {
  const skip = options.skip;
  const names: string[] = [];
  for (const name of Object.keys(fields)) if (!skip?.has(name)) names.push(name);
  // an own __proto__ field: left to the entries' way (assigning it would set a prototype)
  if (names.includes('__proto__')) return materializeByEntries(fields, ctx, bound, options);
  const out: Record<string, string> = {};
  // `present` fields last: some are derived from the concrete ones (statusCode from transactionStatus)
  let present: string[] | undefined;
  for (const name of names) {
    const e = fields[name]!;
    if (typeof e === 'object' && 'present' in e) (present ??= []).push(name);
    else {
      const v = value(name, e, ctx, bound, out);
      if (v !== undefined) out[name] = v;
    }
  }
  if (present !== undefined) {
    // messages after the codes they describe (a stable sort, as the entries' way)
    present.sort(messagesLast);
    for (const name of present) {
      const v = value(name, fields[name]!, ctx, bound, out);
      if (v !== undefined) out[name] = v;
    }
  }
  // the fields' own order (`in`, as the entries' way reads it)
  const result: Record<string, string> = {};
  for (const name of names) if (name in out) result[name] = out[name]!;
  return result;
};

/** materialize through entry arrays: the reference the loops above are held to (materialize.test.ts) */
export const materializeByEntries: Materialize = (fields, ctx, bound, options = {}) => {
  const out: Record<string, string> = {};
  const entries = Object.entries(fields).filter(([name]) => !options.skip?.has(name));
  const present = entries.filter(isPresent).sort(([a], [b]) => messagesLast(a, b));
  for (const [name, e] of [...entries.filter((x) => !isPresent(x)), ...present]) {
    const v = value(name, e, ctx, bound, out);
    if (v !== undefined) out[name] = v;
  }
  return Object.fromEntries(entries.filter(([n]) => n in out).map(([n]) => [n, out[n]!]));
};

function value(name: string, e: Expect, ctx: MaterializeContext, bound: Record<string, string>, done: Record<string, string>): string | undefined {
  if (typeof e === 'string') return e;
  if ('oneOf' in e) {
    if (e.oneOf.length === 0) return undefined;
    const i = e.oneOf.length === 1 ? 0 : ctx.choose(e.oneOf.length, name);
    return e.oneOf[i] ?? e.oneOf[0];
  }
  if ('fresh' in e) {
    const existing = bound[e.bind];
    if (existing !== undefined) return existing;
    const v = ctx.fresh(e.fresh, e.maxLength);
    bound[e.bind] = v;
    return v;
  }
  if ('pattern' in e) return e.example;
  if ('present' in e) {
    const last = name.slice(name.lastIndexOf('.') + 1);
    const forms = (PRESENT[last] ?? (() => ['present']))(ctx, done);
    const i = forms.length > 1 ? ctx.choose(forms.length, `the form of ${name}`) : 0;
    return forms[i] ?? forms[0];
  }
  return undefined;
}

/** The fresh kind of each field of an answer, e.g. to find the SecretAccessKey of a new account. */
export function freshKinds(fields: Readonly<Record<string, Expect>>): Map<FreshKind, string> {
  const out = new Map<FreshKind, string>();
  for (const [name, e] of Object.entries(fields)) if (typeof e === 'object' && 'fresh' in e) out.set(e.fresh, name);
  return out;
}
