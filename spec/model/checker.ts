// The checker: does what the target answered match one of the outcomes the model allows? Pure; the
// model-based runs (suites/service/model-run/) call it after every step and continue from the matched
// outcome's `next(bound)`. Field names of API answers are case-sensitive; CBUI names are not (R-WIRE-2).
import type { Answer, Expect, FreshKind, Outcome } from './api.ts';
import type { Decoded } from '../wire/decode.ts';

/** What came back from a sandbox hook or the Co-Branded UI (API answers arrive as `Decoded`). */
export type Observed =
  /** the CBUI answer: HTTP status and Location header (a 302 is expected, shared/sandbox-protocol.md) */
  | { kind: 'redirect'; status: number; location: string | undefined }
  | { kind: 'account'; fields: Readonly<Record<string, string>> }
  | { kind: 'clock'; now: number }
  | { kind: 'process'; completed: readonly string[] }
  /** an outbound message (IPN body, return-URL query) handed to the model: nothing to compare */
  | { kind: 'recorded' }
  /** the answer never arrived (the kit's own timeout) or was not an answer at all */
  | { kind: 'none'; reason: string };

export interface MatchOptions {
  /** ids already bound to an entity, by kind: a `fresh` id must not reuse one (a target that reuses an id is wrong) */
  taken?: ReadonlyMap<string, ReadonlySet<string>>;
  /** the transaction ids this run knows: a process answer is judged on these only (other runs share the target) */
  known?: ReadonlySet<string>;
}

export type MatchResult =
  | { ok: true; outcome: Outcome; bound: Record<string, string> }
  | {
      ok: false;
      /** every allowed answer, human-readable */
      allowed: string[];
      /** the rules behind the allowed answers */
      rules: string[];
      /** per outcome, why it did not match */
      reasons: string[];
    };

/** The "any error" answer form (spec/model/api.ts): `code: '*'` accepts any error code (R-WIRE-5 set). */
export const ANY_ERROR_CODES: ReadonlySet<string> = new Set(['*']);

/** Kinds whose values identify an entity (token, transaction, account): reusing one is wrong. RequestId names a request, not an entity. */
const ENTITY_KINDS: ReadonlySet<FreshKind> = new Set(['TransactionId', 'TokenId', 'AccountId', 'AccessKeyId', 'Email']);

const ENTITY_NOUN: Partial<Record<FreshKind, string>> = { TransactionId: 'transaction', TokenId: 'token', AccountId: 'account', AccessKeyId: 'access key', Email: 'account email' };

export function matchAnswer(outcomes: readonly Outcome[], observed: Decoded | Observed, options: MatchOptions = {}): MatchResult {
  const all = matchAll(outcomes, observed, options);
  if (all.matches.length > 0) return { ok: true, ...all.matches[0]! };
  return { ok: false, allowed: outcomes.map((o) => describeAnswer(o.answer)), rules: unionRules(outcomes), reasons: all.reasons };
}

/** Every outcome the observation matches (several can when the answer leaves the world ambiguous). */
export function matchAll(
  outcomes: readonly Outcome[],
  observed: Decoded | Observed,
  options: MatchOptions = {},
): { matches: { outcome: Outcome; bound: Record<string, string> }[]; reasons: string[] } {
  const matches: { outcome: Outcome; bound: Record<string, string> }[] = [];
  const reasons: string[] = [];
  for (const outcome of outcomes) {
    const r = matchOne(outcome.answer, observed, options);
    if (typeof r === 'string') reasons.push(`${describeAnswer(outcome.answer)}: ${r}`);
    else matches.push({ outcome, bound: r });
  }
  return { matches, reasons };
}

export function unionRules(outcomes: readonly Outcome[]): string[] {
  return [...new Set(outcomes.flatMap((o) => o.rules))];
}

/** Bound values, or the reason the answer does not match. */
function matchOne(answer: Answer, observed: Decoded | Observed, options: MatchOptions): Record<string, string> | string {
  switch (answer.kind) {
    case 'result':
      if (observed.kind !== 'result') return `got ${describeObserved(observed)}`;
      if (observed.action !== answer.action) return `got a ${observed.action} result`;
      // ResponseMetadata's RequestId is decoded beside the result fields (R-WIRE-3)
      return matchFields(answer.fields, observed.requestId !== undefined && !('RequestId' in observed.fields) ? { ...observed.fields, RequestId: observed.requestId } : observed.fields, options, false);
    case 'error':
      if (observed.kind !== 'error') return `got ${describeObserved(observed)}`;
      if (ANY_ERROR_CODES.has(answer.code) || observed.code === answer.code) return {};
      return `got error ${observed.code}`;
    case 'redirect':
      return matchRedirect(answer, observed, options);
    case 'account':
      if (observed.kind !== 'account') return `got ${describeObserved(observed)}`;
      return matchFields(answer.fields, observed.fields, options, false);
    case 'clock':
      if (observed.kind !== 'clock') return `got ${describeObserved(observed)}`;
      // A sandbox clock may tick with real time between the hook's answer and our reading: 60 s band.
      return Math.abs(observed.now - answer.now) <= 60_000 ? {} : `clock at ${iso(observed.now)}, expected ${iso(answer.now)}`;
    case 'process':
      return matchProcess(answer.completed, answer.unresolved ?? 0, observed, options);
    case 'recorded':
      return observed.kind === 'recorded' ? {} : `got ${describeObserved(observed)}`;
  }
}

function matchRedirect(answer: Extract<Answer, { kind: 'redirect' }>, observed: Decoded | Observed, options: MatchOptions): Record<string, string> | string {
  if (observed.kind !== 'redirect') return `got ${describeObserved(observed)}`;
  // shared/sandbox-protocol.md: "The emulator answers 302 with Location = returnURL plus the result parameters"
  if (observed.status !== 302) return `HTTP ${observed.status}, expected a 302 redirect`;
  if (!observed.location) return 'a redirect without Location';
  let loc: URL;
  let ret: URL;
  try {
    loc = new URL(observed.location);
  } catch {
    return `Location is not a URL: ${observed.location}`;
  }
  try {
    ret = new URL(answer.returnURL);
  } catch {
    return `returnURL is not a URL: ${answer.returnURL}`;
  }
  if (loc.origin !== ret.origin || loc.pathname !== ret.pathname) return `redirected to ${loc.origin}${loc.pathname}, not to returnURL ${ret.origin}${ret.pathname}`;
  const query = queryParams(loc);
  const r = matchFields(answer.params, query, options, true);
  if (typeof r === 'string' || !answer.errorInputs?.length) return r;
  // R-TOK-1: "an errorMessage naming the input" (any one of the inputs at fault)
  const message = lowerKeys(query).errormessage ?? '';
  const named = answer.errorInputs.some((i) => message.toLowerCase().includes(i.toLowerCase()));
  return named ? r : `errorMessage ${JSON.stringify(message)} names none of ${answer.errorInputs.join(', ')} (R-TOK-1)`;
}

/** Query parameters of a URL (first value of each name). */
export function queryParams(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in out)) out[k] = v;
  return out;
}

function matchProcess(expected: readonly string[], unresolved: number, observed: Decoded | Observed, options: MatchOptions): Record<string, string> | string {
  if (observed.kind !== 'process') return `got ${describeObserved(observed)}`;
  // Order free. Ids this run never saw (other runs sharing the target, answers that never arrived)
  // are not ours to judge. A subset is fine: work may complete on its own before the hook is called
  // (shared/sandbox-protocol.md "Processing"), so only an id the model does not expect is wrong,
  // beyond `unresolved` ones (transactions whose answer never arrived, which the model cannot name).
  const want = new Set(expected);
  const extra = observed.completed.filter((id) => (options.known ? options.known.has(id) : true) && !want.has(id));
  if (extra.length <= unresolved) return {};
  return `completed unexpectedly: ${extra.join(', ')}`;
}

/** Matches a record of values (an IPN's form fields, a query) against Expects; bound values, or why not. */
export function matchRecord(
  fields: Readonly<Record<string, Expect>>,
  observed: Readonly<Record<string, string>>,
  options: MatchOptions & { caseInsensitive?: boolean } = {},
): { ok: true; bound: Record<string, string> } | { ok: false; reason: string } {
  const r = matchFields(fields, observed, options, options.caseInsensitive ?? false);
  return typeof r === 'string' ? { ok: false, reason: r } : { ok: true, bound: r };
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** An IPN transactionAmount: currency, a space, a number (seed 004: "for example, USD 10.00"; R-IPN-2 "USD 1.00"). */
const CURRENCY_AMOUNT = /^([A-Z]{3}) (\d+(?:\.\d+)?)$/;
const AMOUNT_NAME = /(Value|Amount|Fee)$/i;

/** An amount as [currency, number] ('' for a bare decimal), or undefined when it is not one. */
function amountOf(v: string): [string, number] | undefined {
  if (DECIMAL.test(v)) return ['', Number(v)];
  const m = CURRENCY_AMOUNT.exec(v);
  return m ? [m[1]!, Number(m[2])] : undefined;
}

/**
 * Amount values compare by value: "10" and "10.00" are the same decimal (R-WIRE-6 fixes only the
 * fraction digits' maximum), and "USD 5" is "USD 5.00" (the seed gives the form by example only).
 */
function sameValue(name: string, expected: string, got: string): boolean {
  if (expected === got) return true;
  if (!AMOUNT_NAME.test(name)) return false;
  const [e, g] = [amountOf(expected), amountOf(got)];
  return e !== undefined && g !== undefined && e[0] === g[0] && e[1] === g[1];
}

function matchFields(
  fields: Readonly<Record<string, Expect>>,
  observed: Readonly<Record<string, string>>,
  options: MatchOptions,
  caseInsensitive: boolean,
): Record<string, string> | string {
  const lookup = caseInsensitive ? lowerKeys(observed) : observed;
  const bound: Record<string, string> = {};
  const freshHere = new Map<string, string>();
  for (const [name, expect] of Object.entries(fields)) {
    const got: string | undefined = lookup[caseInsensitive ? name.toLowerCase() : name];
    const problem = matchField(name, expect, got, options, freshHere, bound);
    if (problem) return problem;
  }
  return bound;
}

function matchField(
  name: string,
  expect: Expect,
  got: string | undefined,
  options: MatchOptions,
  freshHere: Map<string, string>,
  bound: Record<string, string>,
): string | undefined {
  if (typeof expect === 'string') {
    if (got === undefined) return `${name} missing (expected ${expect})`;
    return sameValue(name, expect, got) ? undefined : `${name}=${got} (expected ${expect})`;
  }
  if ('oneOf' in expect) {
    if (got === undefined) return `${name} missing (expected one of ${expect.oneOf.join('|')})`;
    return expect.oneOf.some((v) => sameValue(name, v, got)) ? undefined : `${name}=${got} (expected one of ${expect.oneOf.join('|')})`;
  }
  if ('fresh' in expect) {
    if (got === undefined || got === '') return `${name} missing (expected a new ${expect.fresh})`;
    if (expect.maxLength !== undefined && got.length > expect.maxLength) return `${name} is ${got.length} characters long (at most ${expect.maxLength}, R-WIRE-7)`;
    if (ENTITY_KINDS.has(expect.fresh)) {
      if (options.taken?.get(expect.fresh)?.has(got)) return `${name}=${got} reuses the id of an earlier ${ENTITY_NOUN[expect.fresh] ?? 'entity'}, where a new one is due`;
      const key = `${expect.fresh}\u0000${got}`;
      if (freshHere.has(key)) return `${name}=${got} is the same new id as ${freshHere.get(key)}`;
      freshHere.set(key, name);
    }
    bound[expect.bind] = got;
    return undefined;
  }
  if ('present' in expect) return got === undefined ? `${name} missing` : undefined;
  if ('pattern' in expect) {
    if (got === undefined) return `${name} missing (expected the form ${expect.example})`;
    return new RegExp(expect.pattern).test(got) ? undefined : `${name}=${got} (expected the form ${expect.example})`;
  }
  return undefined; // optional
}

function lowerKeys(r: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) {
    const lk = k.toLowerCase();
    if (!(lk in out)) out[lk] = v;
  }
  return out;
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

export function describeExpect(e: Expect): string {
  if (typeof e === 'string') return e;
  if ('oneOf' in e) return e.oneOf.join('|');
  if ('fresh' in e) return `<new ${e.fresh}>`;
  if ('present' in e) return '<any>';
  if ('pattern' in e) return `<like ${e.example}>`;
  return '<optional>';
}

function describeFields(fields: Readonly<Record<string, Expect>>): string {
  const shown = Object.entries(fields).filter(([, e]) => typeof e === 'string' || !('optional' in e));
  return shown.map(([k, e]) => `${k}=${describeExpect(e)}`).join(', ');
}

/** One line per allowed answer, e.g. "Pay result {TransactionId=<new TransactionId>, TransactionStatus=Pending|Success}". */
export function describeAnswer(a: Answer): string {
  switch (a.kind) {
    case 'result':
      return `${a.action} result {${describeFields(a.fields)}}`;
    case 'error':
      return ANY_ERROR_CODES.has(a.code) ? 'any error (4xx)' : `error ${a.code}`;
    case 'redirect':
      return `302 to ${a.returnURL} {${describeFields(a.params)}}`;
    case 'account':
      return `account {${describeFields(a.fields)}}`;
    case 'clock':
      return `clock ${iso(a.now)}`;
    case 'process':
      return `process completed [${a.completed.join(', ')}]${a.unresolved ? ` and up to ${a.unresolved} more` : ''}`;
    case 'recorded':
      return 'recorded';
  }
}

export function describeObserved(o: Decoded | Observed): string {
  switch (o.kind) {
    case 'result':
      return `${o.action} result {${Object.entries(o.fields).map(([k, v]) => `${k}=${v}`).join(', ')}}`;
    case 'error':
      return `error ${o.code}`;
    case 'malformed':
      return `a malformed answer (${o.problems.join('; ')})`;
    case 'redirect':
      return `HTTP ${o.status}${o.location ? ` to ${o.location}` : ''}`;
    case 'account':
      return `account {${Object.entries(o.fields).filter(([k]) => !/secret/i.test(k)).map(([k, v]) => `${k}=${v}`).join(', ')}}`;
    case 'clock':
      return `clock ${iso(o.now)}`;
    case 'process':
      return `process completed [${o.completed.join(', ')}]`;
    case 'recorded':
      return 'recorded';
    case 'none':
      return `no answer (${o.reason})`;
  }
}

/** One step judged over every candidate state: what matched, what the model allowed, and (when nothing matched) why. */
export interface StepVerdict {
  /** every outcome the answer matched, with the values it bound, over all candidate states */
  matches: { outcome: Outcome; bound: Record<string, string> }[];
  /** every outcome the model allowed, over all candidate states */
  allowed: readonly Outcome[];
  /** set when nothing matched: the answer, the allowed answers, their rules, and why each was not it */
  mismatch?: { observed: string; allowed: string[]; rules: string[]; reasons: string[] };
}

/**
 * The checker's one call per step: `outcomesByState` holds what the model allows from each candidate
 * state (the caller steps the model); the answer is matched against all of them at once.
 */
export function judgeStep(outcomesByState: readonly (readonly Outcome[])[], observed: Decoded | Observed, options: MatchOptions = {}): StepVerdict {
  const allowed = outcomesByState.flat();
  const matches: StepVerdict['matches'] = [];
  const reasons: string[] = [];
  for (const outcomes of outcomesByState) {
    const m = matchAll(outcomes, observed, options);
    reasons.push(...m.reasons);
    matches.push(...m.matches);
  }
  if (matches.length > 0) return { matches, allowed };
  const whys = [...new Set(allowed.map((o) => o.why))];
  return {
    matches,
    allowed,
    mismatch: {
      observed: describeObserved(observed),
      allowed: [...new Set(allowed.map((o) => describeAnswer(o.answer)))],
      rules: unionRules(allowed),
      reasons: [...new Set(reasons)].concat(whys.map((w) => `model: ${w}`)),
    },
  };
}
