// What the kit checks in every API request an SDK sends, as pure functions over the recorded
// request. Each violation names its check id and the rules it rests on.
import { ACTION_SPECS, COMMON_PARAMS } from '../../spec/catalogue/actions.ts';
import { complexType } from '../../spec/catalogue/complex-types.ts';
import { decodeHttpParameters, verify } from '../../spec/sigv2/index.ts';
import { ACTIONS, VERSIONS, type ActionName } from '../../spec/types.ts';
import { paramSources, readParamsStrict } from '../../spec/wire/request-params.ts';
import type { RequestStyle } from '../../core/suite.ts';
import type { WireRequest } from '../../core/wire.ts';
import type { CallParams } from '../../clients/driver-protocol.ts';
import { sentSpaceForm, signedSpaceForm, type SpaceForm } from './signing.ts';

/** What an unsigned request leaves out (R-IPN-4 names the unsigned VerifySignature as its own deviation). */
const SIGNING_PARAMS = new Set(['AWSAccessKeyId', 'Signature', 'SignatureVersion', 'SignatureMethod', 'Timestamp']);

export interface Violation {
  check: string;
  rules: string[];
  detail: string;
}

export interface RequestFacts {
  style?: RequestStyle;
  action?: string;
  params?: Record<string, string>;
  /** R-AUTH-1b: which host the SDK signed, when the Host header carries a port */
  hostForm?: 'with-port' | 'without-port';
  signatureMethod?: string;
  /** when a value carries a space: how the SDK sent it and what it signed (R-AUTH-1) */
  spaces?: { sent: SpaceForm; signed: SpaceForm | 'neither' };
  violations: Violation[];
}

const ISO_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]00:?00)$/;
const AMOUNT_VALUE = /^\d+(\.\d{1,2})?$/;
/** R-WIRE-9: MarketplaceFixedFee may also go as a plain number. */
const PLAIN_AMOUNT_ALLOWED = new Set(['MarketplaceFixedFee']);
/** R-TOK-3: GetTokenByCaller needs one of these (both are "conditional" in the seed's table). */
const ONE_OF: Partial<Record<ActionName, readonly string[]>> = { GetTokenByCaller: ['TokenId', 'CallerReference'] };

const isAction = (a: string | undefined): a is ActionName => a !== undefined && (ACTIONS as readonly string[]).includes(a);

/** Names an API request may carry for `action`: common ones, the action's, Amount and DescriptorPolicy children. */
export function documentedNames(action: ActionName): Set<string> {
  const names = new Set(COMMON_PARAMS.map((p) => p.name));
  for (const p of ACTION_SPECS[action].params) {
    for (const n of [p.name, ...(p.aliases ?? [])]) {
      if (p.type === 'Amount') {
        names.add(`${n}.Value`).add(`${n}.CurrencyCode`);
        if (PLAIN_AMOUNT_ALLOWED.has(n)) names.add(n);
      } else if (p.type === 'DescriptorPolicy') {
        for (const f of complexType('DescriptorPolicy')?.fields ?? []) names.add(`${n}.${f.name}`);
      } else {
        names.add(n);
      }
    }
  }
  return names;
}

/**
 * Reads the parameters the way R-WIRE-1 says a service must (query, form body, or POST with query),
 * strictly (R-WIRE-5). A client places them in one of the three ways, never in two at once.
 */
export function readParams(req: WireRequest): { ok: true; style: RequestStyle; params: Record<string, string> } | { ok: false; problem: string } {
  const read = readParamsStrict(paramSources(req));
  if (!read.ok) return { ok: false, problem: read.problem.where === 'query' || read.problem.where === 'body' ? `${read.problem.where}: ${read.problem.detail}` : read.problem.detail };
  if (read.counts.query > 0 && read.counts.body > 0) return { ok: false, problem: 'POST carries parameters in both the query string and the body' };
  return { ok: true, style: read.style, params: { ...read.params } };
}

export function checkApiRequest(req: WireRequest, secretFor: (accessKeyId: string) => string | undefined): RequestFacts {
  const v: Violation[] = [];
  const read = readParams(req);
  if (!read.ok) {
    v.push({ check: 'request/wire-form', rules: ['R-WIRE-1'], detail: read.problem });
    return { violations: v };
  }
  const { style, params } = read;
  const facts: RequestFacts = { style, params, action: params.Action, violations: v };
  const url = new URL(req.url);
  // R-IPN-4: "A client that sends it unsigned deviates from the seed": one deviation, its own row
  const unsignedVerify = params.Action === 'VerifySignature' && (params.Signature === undefined || params.Signature === '');
  if (unsignedVerify) {
    v.push({ check: 'request/verify-signature-signed', rules: ['R-IPN-4', 'R-AUTH-1'], detail: `VerifySignature sent unsigned (without ${[...SIGNING_PARAMS].filter((n) => params[n] === undefined).join(', ') || 'a Signature'})` });
  }

  // Common parameters (R-WIRE-2).
  for (const p of COMMON_PARAMS) {
    if (unsignedVerify && SIGNING_PARAMS.has(p.name)) continue;
    const value = params[p.name];
    if (value === undefined || value === '') v.push({ check: 'request/common-parameters', rules: ['R-WIRE-2'], detail: `${p.name} is missing` });
    else if (p.validValues !== undefined && p.name !== 'Version' && !p.validValues.includes(value)) {
      v.push({ check: 'request/common-parameters', rules: ['R-WIRE-2'], detail: `${p.name}=${JSON.stringify(value)} is not one of ${p.validValues.join(', ')}` });
    }
  }
  const version = params.Version;
  if (version !== undefined && !(VERSIONS as readonly string[]).includes(version)) {
    v.push({ check: 'request/version', rules: ['R-WIRE-2'], detail: `Version=${JSON.stringify(version)} is not ${VERSIONS.join(' or ')}` });
  }
  const ts = params.Timestamp;
  if (ts !== undefined && !ISO_UTC.test(ts)) {
    v.push({ check: 'request/timestamp', rules: ['R-WIRE-2'], detail: `Timestamp=${JSON.stringify(ts)} is not ISO 8601 UTC` });
  }

  // Signature (R-AUTH-1), over the Host header as sent, with or without its port (R-AUTH-1b).
  const key = params.AWSAccessKeyId;
  const secret = key !== undefined ? secretFor(key) : undefined;
  const raw = style === 'POST-form' ? (req.body ?? '') : url.search;
  const spacesSent = Object.values(params).some((x) => x.includes(' ')) ? sentSpaceForm(raw) : undefined;
  if (spacesSent !== undefined && secret !== undefined) {
    facts.spaces = { sent: spacesSent, signed: signedSpaceForm({ method: req.method.toUpperCase(), host: req.headers.host ?? url.host, path: url.pathname || '/', params, secret, nameOfSignature: 'Signature', methodName: 'SignatureMethod' }) };
  }
  if (unsignedVerify) {
    // judged above as its own deviation
  } else if (secret === undefined) {
    v.push({ check: 'request/signature', rules: ['R-AUTH-1'], detail: `AWSAccessKeyId ${JSON.stringify(key)} is not the key the SDK was configured with` });
  } else {
    const host = req.headers.host ?? url.host;
    const res = verify({ method: req.method.toUpperCase(), host, path: url.pathname || '/', params, secret });
    if (res.valid) {
      if (res.hostForm !== undefined) facts.hostForm = res.hostForm;
      if (res.method !== undefined) facts.signatureMethod = res.method;
    } else {
      // R-IPN-4: a client that sends VerifySignature unsigned deviates from the seed, like any other action
      const rules = params.Action === 'VerifySignature' ? ['R-AUTH-1', 'R-AUTH-1b', 'R-IPN-4'] : ['R-AUTH-1', 'R-AUTH-1b'];
      v.push({ check: 'request/signature', rules, detail: `${res.problem ?? 'invalid signature'} (Host ${host}, path ${url.pathname})` });
    }
  }

  const action = params.Action;
  if (!isAction(action)) {
    v.push({ check: 'request/action-documented', rules: ['R-WIRE-2'], detail: `Action=${JSON.stringify(action)} is not one of the documented actions` });
    return facts;
  }

  // Names (case-sensitive, R-WIRE-2) and required parameters (R-WIRE-8).
  const allowed = documentedNames(action);
  for (const name of Object.keys(params)) {
    if (!allowed.has(name)) v.push({ check: 'request/parameter-names', rules: ['R-WIRE-2', `ACTION-${action}`], detail: `${action} has no parameter ${JSON.stringify(name)}` });
  }
  for (const p of ACTION_SPECS[action].params) {
    if (p.required !== 'yes') continue;
    const names = [p.name, ...(p.aliases ?? [])];
    const present = names.some((n) => (p.type === 'Amount' ? params[`${n}.Value`] !== undefined : params[n] !== undefined && params[n] !== ''));
    if (!present) v.push({ check: 'request/required-parameters', rules: ['R-WIRE-8', `ACTION-${action}`], detail: `${action} without required ${p.name}` });
  }
  const oneOf = ONE_OF[action];
  if (oneOf !== undefined && !oneOf.some((n) => params[n] !== undefined)) {
    v.push({ check: 'request/required-parameters', rules: ['R-TOK-3', `ACTION-${action}`], detail: `${action} needs one of ${oneOf.join(', ')}` });
  }

  // Amounts (R-WIRE-6).
  for (const p of ACTION_SPECS[action].params) {
    if (p.type !== 'Amount') continue;
    for (const n of [p.name, ...(p.aliases ?? [])]) {
      const value = params[`${n}.Value`];
      const currency = params[`${n}.CurrencyCode`];
      const plain = params[n];
      if (plain !== undefined && !PLAIN_AMOUNT_ALLOWED.has(n)) {
        v.push({ check: 'request/amounts', rules: ['R-WIRE-6'], detail: `${n} sent as a plain value, not ${n}.Value + ${n}.CurrencyCode` });
      }
      if (value === undefined && currency === undefined) continue;
      if (value === undefined || !AMOUNT_VALUE.test(value)) {
        v.push({ check: 'request/amounts', rules: ['R-WIRE-6'], detail: `${n}.Value=${JSON.stringify(value)} is not a decimal with at most two fraction digits` });
      }
      if (currency !== 'USD') v.push({ check: 'request/amounts', rules: ['R-WIRE-6'], detail: `${n}.CurrencyCode=${JSON.stringify(currency)}, not USD` });
    }
  }
  return facts;
}

/** The request's parameters as the caller asked for them (Amounts as .Value/.CurrencyCode). */
export function flattenCall(action: string, params: CallParams): Record<string, string> {
  const out: Record<string, string> = { Action: action };
  for (const [k, val] of Object.entries(params)) {
    if (typeof val === 'string') out[k] = val;
    else for (const [sub, s] of Object.entries(val)) out[`${k}.${sub}`] = String(s);
  }
  return out;
}

const sameAmount = (a: string, b: string): boolean => AMOUNT_VALUE.test(a) && AMOUNT_VALUE.test(b) && Math.round(Number(a) * 100) === Math.round(Number(b) * 100);

/** Other spellings R-WIRE-9 lets a client use for `name` (RecipientTokenID; a plain MarketplaceFixedFee). */
function spellings(action: string, name: string): string[] {
  if (!isAction(action)) return [name];
  const [base, child] = name.split('.') as [string, string | undefined];
  const spec = ACTION_SPECS[action].params.find((p) => p.name === base);
  const out = [name, ...(spec?.aliases ?? []).map((a) => (child !== undefined ? `${a}.${child}` : a))];
  if (child === 'Value' && PLAIN_AMOUNT_ALLOWED.has(base)) out.push(base);
  return out;
}

/**
 * The same HttpParameters by meaning: the same name=value pairs, in any order and any percent-encoding
 * (an SDK that takes them as a map re-encodes them; the service reads them decoded, R-IPN-3).
 */
function sameHttpParameters(got: string, want: string): boolean {
  const a = decodeHttpParameters(got);
  const b = decodeHttpParameters(want);
  if (!a.ok || !b.ok) return false;
  const key = (pairs: [string, string][]): string => JSON.stringify([...pairs].sort(([x, v], [y, w]) => (x < y ? -1 : x > y ? 1 : v < w ? -1 : v > w ? 1 : 0)));
  return key(a.params) === key(b.params);
}

/** Every parameter the caller gave must go on the wire unchanged (amounts compared as money). */
export function checkSentAsCalled(action: string, called: CallParams, sent: Record<string, string>): Violation[] {
  const v: Violation[] = [];
  for (const [name, want] of Object.entries(flattenCall(action, called))) {
    const names = spellings(action, name);
    const got = names.map((n) => sent[n]).find((x) => x !== undefined);
    if (got === want || (got !== undefined && (name.endsWith('.Value') || names.length > 1) && sameAmount(got, want))) continue;
    if (got !== undefined && action === 'VerifySignature' && name === 'HttpParameters' && sameHttpParameters(got, want)) continue;
    // a plain MarketplaceFixedFee carries no currency (R-WIRE-9)
    if (got === undefined && name.endsWith('.CurrencyCode') && PLAIN_AMOUNT_ALLOWED.has(name.split('.')[0]!) && sent[name.split('.')[0]!] !== undefined) continue;
    v.push({
      check: 'request/parameters-as-called',
      rules: isAction(action) ? [`ACTION-${action}`] : ['R-WIRE-2'],
      detail: got === undefined ? `the caller gave ${name}=${JSON.stringify(want)}; the SDK did not send ${name}` : `the caller gave ${name}=${JSON.stringify(want)}; the SDK sent ${JSON.stringify(got)}`,
    });
  }
  return v;
}
