// The buyer in the Co-Branded UI (R-TOK-1, R-TOK-2, R-TOK-4..6, R-TOK-11, R-MKT-1): makes tokens.
import type { Expect, Instrument, ModelInput } from './api.ts';
import { PIPELINES, type PipelineName } from '../types.ts';
import { maybe, pick } from './choose.ts';
import { fresh, idExpect, type Ctx, type StepResult } from './ctx.ts';
import {
  CBUI_COMMON, CBUI_INPUTS, CBUI_REQUIRED, CBUI_REQUIRED_COMMON, CLEARLY_FOREIGN, STATUS_BY_INSTRUMENT,
  docName, readCount, readEnum, readEpoch, readNumber, readPaymentMethod, readPeriod, readPositiveCents, type Read,
} from './cbui-params.ts';
import { editToken } from './edit-token.ts';
import { BAND, DAY } from './time.ts';
import { own, type Token, type UsageLimit, type World } from './worlds.ts';

type CbuiInput = Extract<ModelInput, { kind: 'cbui' }>;

/** A reason to answer CE, naming the input (R-TOK-1); `sure: false` where a target may also serve it. */
interface Problem { input: string; why: string; sure: boolean }

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

  for (const name of CBUI_REQUIRED_COMMON) if (!p[name]) bad(name, 'required');
  const caller = p['callerkey'] !== undefined ? own(w.keys, p['callerkey']) : undefined;
  if (p['callerkey'] && caller === undefined) bad('callerKey', 'not a known AWS Access Key ID');
  const pipeline = (PIPELINES as readonly string[]).find((x) => x.toLowerCase() === (p['pipelinename'] ?? '').toLowerCase()) as PipelineName | undefined;
  if (p['pipelinename'] && !pipeline) bad('pipelineName', `not one of ${PIPELINES.join('|')}`);
  if ((p['callerreference'] ?? '').length > 128) bad('callerReference', 'longer than 128');
  // R-TOK-1 (set): a wrong signature may be refused or served; an unsigned request is served
  if (input.signature === 'invalid') bad('signature', 'does not match', false);

  const read = <T>(name: string, r: Read<T>): T | undefined => {
    if (!r.ok) { bad(name, r.why); return undefined; }
    if (r.odd) bad(name, 'unusual spelling', false);
    return r.value;
  };
  const opt = <T>(name: string, f: (s: string) => Read<T>): T | undefined => (p[name] !== undefined ? read(name, f(p[name]!)) : undefined);

  if (pipeline) {
    for (const name of CBUI_REQUIRED[pipeline]) if (!p[name]) bad(name, 'required');
    const own = new Set([...CBUI_COMMON, ...CBUI_INPUTS[pipeline]]);
    for (const name of Object.keys(p)) {
      if (own.has(name)) continue;
      const elsewhere = PIPELINES.some((q) => CBUI_INPUTS[q].includes(name));
      // R-TOK-1: a foreign input is CE; a name no pipeline knows may be ignored or be CE (set)
      bad(name, elsewhere ? 'belongs to another pipeline' : 'unknown input', elsewhere && CLEARLY_FOREIGN.has(name));
    }
  }
  const methods = read('paymentMethod', readPaymentMethod(p['paymentmethod']));
  if (p['currencycode'] !== undefined && p['currencycode'] !== 'USD') bad('currencyCode', 'must be USD');
  const amount = opt('transactionamount', readPositiveCents);
  if (amount === 1) bad('transactionAmount', 'exactly 0.01 (never asserted)', false);
  const globalLimit = opt('globalamountlimit', readPositiveCents);
  const recurringPeriod = opt('recurringperiod', readPeriod);
  const amountType = opt('amounttype', (s) => readEnum(s, ['Exact', 'Maximum', 'Minimum'] as const));
  const validityStart = opt('validitystart', readEpoch);
  const validityExpiry = opt('validityexpiry', readEpoch);
  const recipientPaysFee = opt('recipientpaysfee', (s) => readEnum(s, ['True', 'False'] as const));
  const maxFixedFee = opt('maxfixedfee', readNumber);
  const maxVariableFee = opt('maxvariablefee', readNumber);
  const limits: UsageLimit[] = [];
  for (const i of ['1', '2']) {
    const type = opt(`usagelimittype${i}`, (s) => readEnum(s, ['Count', 'Amount'] as const));
    const value = type !== undefined ? opt(`usagelimitvalue${i}`, type === 'Amount' ? readPositiveCents : readCount) : undefined;
    const period = opt(`usagelimitperiod${i}`, readPeriod);
    // a half-given limit: the documents do not say; CE or ignored
    if (type !== undefined && p[`usagelimitvalue${i}`] === undefined) bad(`usageLimitValue${i}`, 'required with usageLimitType', false);
    if (p[`usagelimittype${i}`] === undefined && p[`usagelimitvalue${i}`] !== undefined) bad(`usageLimitType${i}`, 'required with usageLimitValue', false);
    if (type !== undefined && value !== undefined) limits.push(period ? { type, value, period } : { type, value });
  }
  // "Constraint: Date cannot be earlier than the current date"; start "within one year"
  if (validityExpiry !== undefined && validityExpiry < input.at - BAND) bad('validityExpiry', 'earlier than now', validityExpiry < input.at - DAY);
  if (validityStart !== undefined && validityStart < input.at - BAND) bad('validityStart', 'earlier than now', validityStart < input.at - DAY);
  if (validityStart !== undefined && validityStart > input.at + 365 * DAY + BAND) bad('validityStart', 'more than one year ahead', validityStart > input.at + 366 * DAY);
  if (validityStart !== undefined && validityExpiry !== undefined && validityExpiry <= validityStart) bad('validityExpiry', 'not after validityStart', validityExpiry < validityStart - BAND);

  const applied = problems.filter((x) => x.sure || maybe(ctx.choose, false, `CE for ${x.input}? (${x.why})`));
  if (applied.length > 0) {
    return redirect(returnURL, { status: 'CE', errorMessage: { present: true }, callerReference: { optional: true }, ...optionalSigned() },
      ['R-TOK-1'], applied.map((x) => `${x.input}: ${x.why}`).join('; '),
      // a refused signature is not "an input" R-TOK-1 asks the message to name: then nothing is required of it
      applied.some((x) => x.input === 'signature') ? undefined : [...new Set(applied.map((x) => x.input))]);
  }
  // from here the request is well formed
  const callerId = caller!;
  const callerReference = p['callerreference']!;
  const buyer = input.buyer !== undefined ? Object.values(w.accounts).find((a) => a.email === input.buyer) : undefined;
  if (!buyer) {
    // sandbox-protocol: without a known buyer nobody signs in; nothing is asserted but "no token"
    return redirect(returnURL, { status: { present: true }, ...optionalSigned() }, ['R-TOK-2'], 'no known X-Sandbox-Buyer');
  }
  if (input.decision === 'abandon') {
    return redirect(returnURL, { status: 'A', callerReference: { optional: true }, ...optionalSigned() }, ['R-TOK-2'], 'the buyer abandoned');
  }
  if (pipeline === 'EditToken') return editToken(w, ctx, { returnURL, callerId, callerReference, tokenId: p['tokenid']!, methods: methods!, buyer: buyer.accountId, instrument: input.instrument });

  let instrument: Instrument = 'ABT';
  if (pipeline !== 'Recipient') {
    const chosen = chooseInstrument(ctx, methods!, buyer.instruments, input.instrument);
    if (!chosen) return redirect(returnURL, { status: 'PE', callerReference: { optional: true }, ...optionalSigned() }, ['R-TOK-2'], 'the buyer has none of the payment methods');
    instrument = chosen;
  }
  // a callerReference that already names a token of this caller: the documents do not say whether
  // the pipeline makes another token, returns the one it made, or refuses; each is allowed
  const existing = Object.values(w.tokens).find((t) => t.caller === callerId && t.callerReference === callerReference && t.pipeline === pipeline);
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
  if (p['recipienttokenlist']) token.recipientTokenList = p['recipienttokenlist'].split(',').map((x) => x.trim()).filter(Boolean);
  if (maxFixedFee !== undefined) token.maxFixedFee = maxFixedFee;
  if (maxVariableFee !== undefined) token.maxVariableFee = maxVariableFee;
  if (recipientPaysFee) token.recipientPaysFee = recipientPaysFee === 'True';
  if (p['callerreferencerefund']) token.callerReferenceRefund = p['callerreferencerefund'];
  if (p['paymentreason']) token.paymentReason = p['paymentreason'];
  w.tokens[token.tokenId] = token;
  const status = pipeline === 'Recipient' ? 'SR' : STATUS_BY_INSTRUMENT[instrument];
  const params: Record<string, Expect> = { tokenID: tokenId.expect, status, callerReference, ...SIGNED_PARAMS, expiry: { optional: true } };
  if (pipeline === 'Recipient') params['refundTokenID'] = { optional: true };
  return redirect(returnURL, params, ['R-TOK-1', 'R-TOK-2'], `${pipeline} token installed`);
}

function optionalSigned(): Record<string, Expect> {
  return { signatureVersion: { optional: true }, signatureMethod: { optional: true }, signature: { optional: true }, certificateUrl: { optional: true } };
}

/** R-TOK-2: the buyer uses one of paymentMethod ∩ the buyer's instruments; X-Sandbox-Instrument picks. */
export function chooseInstrument(ctx: Ctx, methods: readonly Instrument[], has: readonly Instrument[], wanted: Instrument | undefined): Instrument | undefined {
  const usable = methods.filter((m) => has.includes(m));
  if (usable.length === 0) return undefined;
  if (wanted && usable.includes(wanted)) return wanted;
  return pick(ctx.choose, usable, 'which instrument the buyer uses');
}

export { SIGNED_PARAMS, optionalSigned };
