// The buyer in the Co-Branded UI (R-TOK-1, R-TOK-2, R-TOK-4..6, R-TOK-11, R-MKT-1): makes tokens.
// Which inputs a pipeline takes, requires and how each reads come from the catalogue (cbui-params.ts).
import type { Expect, Instrument, ModelInput } from './api.ts';
import { PIPELINES, type PipelineName } from '../types.ts';
import { maybe, pick } from './choose.ts';
import { fresh, idExpect, type Ctx, type StepResult } from './ctx.ts';
import { inputStanding, type InputStanding } from '../catalogue/pipelines.ts';
import {
  CBUI_REQUIRED_COMMON, conditionalInputs, docName, inputSpec, readCount, readInput, readPaymentMethod,
  readPositiveCents, requiredInputs, successStatus, type InputValue,
} from './cbui-params.ts';
import { editToken } from './edit-token.ts';
import { BAND, DAY, type Period } from './time.ts';
import { accountsByEmail, own, tokensByCallerReference, type Token, type UsageLimit, type World } from './worlds.ts';

type CbuiInput = Extract<ModelInput, { kind: 'cbui' }>;

/** A reason to answer CE, naming the input (R-TOK-1); `sure: false` where a target may also serve it. */
interface Problem { input: string; why: string; sure: boolean }

/** Inputs (lower-cased) whose value the model keeps on the token: reading or ignoring them changes later steps. */
const TOKEN_KEEPS = new Set([
  'transactionamount', 'globalamountlimit', 'recurringperiod', 'amounttype', 'validitystart', 'validityexpiry', 'recipienttokenlist',
  'maxfixedfee', 'maxvariablefee', 'recipientpaysfee', 'callerreferencerefund', 'paymentreason', 'paymentmethod',
  'usagelimittype1', 'usagelimittype2', 'usagelimitperiod1', 'usagelimitperiod2', 'usagelimitvalue1', 'usagelimitvalue2',
]);

const SIGNED_PARAMS: Record<string, Expect> = {
  signatureVersion: '2',
  signatureMethod: { present: true },
  signature: { present: true },
  certificateUrl: { optional: true },
};

export function redirect(returnURL: string, params: Record<string, Expect>, rules: string[], why: string, errorInputs?: string[]): StepResult {
  const answer = errorInputs
    ? { kind: 'redirect' as const, returnURL, params, errorInputs }
    : { kind: 'redirect' as const, returnURL, params };
  return { answer, rules, why };
}

export function cbuiStep(w: World, ctx: Ctx, input: CbuiInput): StepResult {
  const p: Record<string, string> = {};
  for (const [k, val] of Object.entries(input.params)) p[k.toLowerCase()] = val;
  const returnURL = p['returnurl'] ?? '';
  const problems: Problem[] = [];
  const bad = (name: string, why: string, sure = true): void => { problems.push({ input: docName(name), why, sure }); };

  for (const name of CBUI_REQUIRED_COMMON) if (!p[name.toLowerCase()]) bad(name, 'required');
  const caller = p['callerkey'] !== undefined ? own(w.keys, p['callerkey']) : undefined;
  if (p['callerkey'] && caller === undefined) bad('callerKey', 'not a known AWS Access Key ID');
  const pipeline = (PIPELINES as readonly string[]).find((x) => x.toLowerCase() === (p['pipelinename'] ?? '').toLowerCase()) as PipelineName | undefined;
  if (p['pipelinename'] && !pipeline) bad('pipelineName', `not one of ${PIPELINES.join('|')}`);
  // R-TOK-1 (set): a wrong signature may be refused or served; an unsigned request is served
  if (input.signature === 'invalid') bad('signature', 'does not match', false);
  if (pipeline) for (const name of requiredInputs(pipeline)) if (!p[name.toLowerCase()]) bad(name, 'required');

  // Every input is read by its catalogue entry (R-TOK-1: a malformed input is CE); `vals` holds what was read.
  const vals = new Map<string, InputValue>();
  for (const [name, text] of Object.entries(p)) {
    if (name === 'callerkey' || name === 'pipelinename') continue; // judged above
    // without a known pipeline the request is CE anyway: read the input as any pipeline that takes it
    const standing: InputStanding = pipeline ? inputStanding(pipeline, name) : 'own';
    // R-TOK-1: a foreign input (one that belongs only to another pipeline) is CE
    if (standing === 'foreign') { bad(name, `belongs to another pipeline than ${pipeline}`); continue; }
    // R-TOK-1 (set): a name no pipeline knows may be ignored or be CE
    if (standing === 'unknown') { bad(name, 'no pipeline takes this input', false); continue; }
    if (standing === 'unsettled') {
      // SingleUse has no table in seed 004; both other sender pipelines take this input: CE or served,
      // and when served a target may read it like they do or ignore it (it matters where the token keeps it)
      bad(name, 'SingleUse is not documented to take it', false);
      if (TOKEN_KEEPS.has(name) && pick(ctx.choose, ['read', 'ignored'] as const, `SingleUse reads ${docName(name)}?`) === 'ignored') continue;
    }
    const q = pipeline ? inputSpec(pipeline, name) : inputSpec('SingleUse', name);
    if (q === undefined) continue; // no pipeline known, and no pipeline takes it: nothing to read
    // signing is optional in the Co-Branded service (R-TOK-1 set): bad signing fields may be refused or not;
    // an unsettled input may be ignored, so its bad value may be too
    const firm = standing !== 'unsettled' && !q.name.toLowerCase().startsWith('signature');
    // R-TOK-1 names callerReference (128, R-WIRE-7); a long tokenID may as well meet IT (R-TOK-11)
    if (q.maxLength !== undefined && text.length > q.maxLength) { bad(name, `longer than ${q.maxLength}`, firm && q.name === 'callerReference'); continue; }
    const r = readInput(q, text);
    if (!r.ok) { bad(name, r.why, firm); continue; }
    if (r.odd) bad(name, 'unusual spelling', false);
    vals.set(name, r.value);
  }
  // "Condition: Required if ..." (catalogue): R-TOK-1 does not list these among the required inputs: CE or served
  if (pipeline) {
    for (const c of conditionalInputs(pipeline)) {
      const given = p[c.when.input.toLowerCase()];
      const applies = given !== undefined && (c.when.equals === undefined || given.toLowerCase() === c.when.equals.toLowerCase());
      if (applies && p[c.name.toLowerCase()] === undefined) bad(c.name, `required with ${c.when.input}`, false);
    }
  }

  const num = (name: string): number | undefined => { const v = vals.get(name); return typeof v === 'number' ? v : undefined; };
  const str = (name: string): string | undefined => { const v = vals.get(name); return typeof v === 'string' ? v : undefined; };
  const period = (name: string): Period | undefined => { const v = vals.get(name); return typeof v === 'object' && !Array.isArray(v) ? (v as Period) : undefined; };
  const list = (name: string): string[] | undefined => { const v = vals.get(name); return Array.isArray(v) ? [...(v as readonly string[])] : undefined; };

  const defaultMethods = readPaymentMethod(undefined);
  const methods = (list('paymentmethod') as Instrument[] | undefined) ?? (defaultMethods.ok ? defaultMethods.value : ['ABT']);
  const amount = num('transactionamount');
  if (amount === 1) bad('transactionAmount', 'exactly 0.01 (never asserted)', false);
  const globalLimit = num('globalamountlimit');
  const recurringPeriod = period('recurringperiod');
  const amountType = str('amounttype') as Token['amountType'];
  const validityStart = num('validitystart');
  const validityExpiry = num('validityexpiry');
  const recipientPaysFee = str('recipientpaysfee');
  const maxFixedFee = num('maxfixedfee');
  const maxVariableFee = num('maxvariablefee');
  const limits: UsageLimit[] = [];
  for (const i of ['1', '2']) {
    const type = str(`usagelimittype${i}`) as UsageLimit['type'] | undefined;
    const text = str(`usagelimitvalue${i}`);
    // usageLimitValueN: an amount or a count, as usageLimitTypeN says (R-TOK-6)
    const r = type !== undefined && text !== undefined ? (type === 'Amount' ? readPositiveCents(text) : readCount(text)) : undefined;
    if (r && !r.ok) bad(`usageLimitValue${i}`, r.why);
    else if (r?.odd) bad(`usageLimitValue${i}`, 'unusual spelling', false);
    // a value without its type: the documents do not say; CE or ignored
    if (p[`usagelimittype${i}`] === undefined && p[`usagelimitvalue${i}`] !== undefined) bad(`usageLimitType${i}`, 'required with usageLimitValue', false);
    const lp = period(`usagelimitperiod${i}`);
    if (type !== undefined && r?.ok) limits.push(lp ? { type, value: r.value, period: lp } : { type, value: r.value });
  }
  // "Constraint: Date cannot be earlier than the current date"; start "within one year"
  if (validityExpiry !== undefined && validityExpiry < input.at - BAND) bad('validityExpiry', 'earlier than now', validityExpiry < input.at - DAY);
  if (validityStart !== undefined && validityStart < input.at - BAND) bad('validityStart', 'earlier than now', validityStart < input.at - DAY);
  if (validityStart !== undefined && validityStart > input.at + 365 * DAY + BAND) bad('validityStart', 'more than one year ahead', validityStart > input.at + 366 * DAY);
  if (validityStart !== undefined && validityExpiry !== undefined && validityExpiry <= validityStart) bad('validityExpiry', 'not after validityStart', validityExpiry < validityStart - BAND);

  // One choice covers every refusal a target may or may not make (R-TOK-1 sets): a CE may then name
  // any input at fault, sure or not, so nothing is lost by not choosing them one by one.
  const unsure = problems.filter((x) => !x.sure);
  const refused = problems.some((x) => x.sure) || (unsure.length > 0 && maybe(ctx.choose, false, `CE for ${unsure.map((x) => `${x.input} (${x.why})`).join(', ')}?`));
  const applied = refused ? problems : [];
  // Every status that applies is accepted (rulings preamble; R-TOK-11 "Where several apply (abandon,
  // CE, IT, UT), each of their statuses is accepted"), nominal first: CE, A, UT, IT, PE.
  const refusals: Refusal[] = [];
  if (applied.length > 0) {
    // a refused signature is not "an input" R-TOK-1 asks the message to name; when it is the only
    // reason nothing is required of the message, otherwise the message names any input at fault
    const named = applied.some((x) => x.input !== 'signature') ? [...new Set(applied.map((x) => x.input))] : undefined;
    refusals.push({ status: 'CE', result: redirect(returnURL, { status: 'CE', errorMessage: { present: true }, callerReference: { optional: true }, ...optionalSigned() },
      ['R-TOK-1'], applied.map((x) => `${x.input}: ${x.why}`).join('; '), named) });
  }
  const buyer = input.buyer !== undefined ? accountsByEmail(w, input.buyer)[0] : undefined;
  if (!buyer) {
    if (refusals[0]) return refusals[0].result;
    // sandbox-protocol: without a known buyer nobody signs in; nothing is asserted but "no token"
    return redirect(returnURL, { status: { present: true }, ...optionalSigned() }, ['R-TOK-2'], 'no known X-Sandbox-Buyer');
  }
  if (input.decision === 'abandon') {
    refusals.push({ status: 'A', result: redirect(returnURL, { status: 'A', callerReference: { optional: true }, ...optionalSigned() }, ['R-TOK-2'], 'the buyer abandoned') });
  }
  const callerReference = p['callerreference'] ?? '';
  if (pipeline === 'EditToken') {
    return editToken(w, ctx, { returnURL, callerId: caller, callerReference, tokenId: p['tokenid'], methods: methods!, buyer: buyer.accountId, instrument: input.instrument, refusals });
  }
  if (pipeline !== undefined && pipeline !== 'Recipient' && usableInstruments(methods!, buyer.instruments).length === 0) refusals.push(peRefusal(returnURL));
  if (refusals.length > 0) return pick(ctx.choose, refusals, `which status of ${refusals.map((r) => r.status).join('|')}`).result;
  // from here the request is well formed and the buyer approves
  const callerId = caller!;

  let instrument: Instrument = 'ABT';
  if (pipeline !== 'Recipient') {
    const chosen = chooseInstrument(ctx, methods!, buyer.instruments, input.instrument);
    if (!chosen) return peRefusal(returnURL).result;
    instrument = chosen;
  }
  // a callerReference that already names a token of this caller: the documents do not say whether
  // the pipeline makes another token, returns the one it made, or refuses; each is allowed
  const existing = tokensByCallerReference(w, callerReference).find((t) => t.caller === callerId && t.pipeline === pipeline);
  if (existing) {
    const o = pick(ctx.choose, ['new', 'same', 'CE'] as const, 'a callerReference used before');
    if (o === 'same') {
      const params: Record<string, Expect> = { tokenID: idExpect(ctx, existing.tokenId, 'TokenId', 'tokenID'), status: { present: true }, callerReference, ...SIGNED_PARAMS, expiry: { optional: true } };
      return redirect(returnURL, params, ['R-TOK-2'], 'the token this callerReference already names');
    }
    if (o === 'CE') return redirect(returnURL, { status: 'CE', errorMessage: { present: true }, callerReference: { optional: true }, ...optionalSigned() }, ['R-TOK-1'], 'callerReference used before', ['callerReference']);
  }
  const tokenId = fresh(w, ctx, 'TokenId', 'tokenID');
  const token: Token = {
    tokenId: tokenId.value, caller: callerId, buyer: buyer.accountId, pipeline: pipeline!, instrument, status: 'Active',
    callerReference, installedAt: w.now, limits, uses: [],
  };
  if (amount !== undefined && pipeline !== 'Recipient') token.transactionAmount = amount;
  if (amountType) token.amountType = amountType;
  if (recurringPeriod) token.recurringPeriod = recurringPeriod;
  if (globalLimit !== undefined) token.globalAmountLimit = globalLimit;
  if (validityStart !== undefined) token.validityStart = validityStart;
  if (validityExpiry !== undefined) token.validityExpiry = validityExpiry;
  const recipientTokenList = list('recipienttokenlist');
  if (recipientTokenList?.length) token.recipientTokenList = recipientTokenList;
  if (maxFixedFee !== undefined) token.maxFixedFee = maxFixedFee;
  if (maxVariableFee !== undefined) token.maxVariableFee = maxVariableFee;
  if (recipientPaysFee) token.recipientPaysFee = recipientPaysFee === 'True';
  const callerReferenceRefund = str('callerreferencerefund');
  if (callerReferenceRefund) token.callerReferenceRefund = callerReferenceRefund;
  const paymentReason = str('paymentreason');
  if (paymentReason) token.paymentReason = paymentReason;
  w.tokens[token.tokenId] = token;
  const status = successStatus(pipeline!, instrument);
  const params: Record<string, Expect> = { tokenID: tokenId.expect, status, callerReference, ...SIGNED_PARAMS, expiry: { optional: true } };
  if (pipeline === 'Recipient') params['refundTokenID'] = { optional: true };
  return redirect(returnURL, params, ['R-TOK-1', 'R-TOK-2'], `${pipeline} token installed`);
}

function optionalSigned(): Record<string, Expect> {
  return { signatureVersion: { optional: true }, signatureMethod: { optional: true }, signature: { optional: true }, certificateUrl: { optional: true } };
}

/** A status that refuses the request (no token), with its answer. */
export interface Refusal { status: string; result: StepResult }

export function peRefusal(returnURL: string): Refusal {
  return { status: 'PE', result: redirect(returnURL, { status: 'PE', callerReference: { optional: true }, ...optionalSigned() }, ['R-TOK-2'], 'the buyer has none of the payment methods') };
}

/** R-TOK-2: "paymentMethod ... limits the instruments the buyer may use" */
export function usableInstruments(methods: readonly Instrument[], has: readonly Instrument[]): Instrument[] {
  return methods.filter((m) => has.includes(m));
}

/**
 * R-TOK-2: the buyer uses one of paymentMethod ∩ the buyer's instruments; X-Sandbox-Instrument picks.
 * undefined: PE. An X-Sandbox-Instrument outside that set is a choice no real buyer can make: the
 * target may answer PE or let the buyer use another allowed instrument (sandbox-protocol).
 */
export function chooseInstrument(ctx: Ctx, methods: readonly Instrument[], has: readonly Instrument[], wanted: Instrument | undefined): Instrument | undefined {
  const usable = usableInstruments(methods, has);
  if (usable.length === 0) return undefined;
  if (wanted && usable.includes(wanted)) return wanted;
  const options: (Instrument | 'PE')[] = wanted ? [...usable, 'PE'] : usable;
  const o = pick(ctx.choose, options, wanted ? `X-Sandbox-Instrument ${wanted} is not allowed: another instrument or PE?` : 'which instrument the buyer uses');
  return o === 'PE' ? undefined : o;
}

export { SIGNED_PARAMS, optionalSigned };
