// Co-Branded UI inputs per pipeline (seed 004 "Co-Branded Service API Reference": Common
// Parameters, Recipient/Recurring-Use/Multi-Use/Edit Token API; SingleUse from the use cases, seed
// 001) and how each is read. Names are compared lower-cased (R-WIRE-2: not case-sensitive).
import type { Instrument, Millis } from './api.ts';
import type { PipelineName } from '../types.ts';
import { parseValue } from './amounts.ts';
import { parsePeriod, type Period } from './time.ts';

const ADDRESS = ['addressname', 'addressline1', 'addressline2', 'city', 'state', 'zip', 'country', 'phonenumber', 'collectshippingaddress'];

export const CBUI_COMMON = ['callerkey', 'pipelinename', 'returnurl', 'callerreference', 'cobrandingstyle', 'cobrandingurl', 'signature', 'signatureversion', 'signaturemethod', 'version', 'websitedescription', 'paymentmethod'];

/** inputs each pipeline knows, besides the common ones */
export const CBUI_INPUTS: Readonly<Record<PipelineName, readonly string[]>> = {
  SingleUse: ['transactionamount', 'currencycode', 'paymentreason', 'reserve', 'isrecipientcobranding', 'recipienttoken', 'itemtotal', 'shipping', 'handling', 'discount', 'giftwrapping', 'tax', ...ADDRESS],
  Recurring: ['transactionamount', 'currencycode', 'paymentreason', 'recurringperiod', 'validitystart', 'validityexpiry', 'isrecipientcobranding', 'recipienttoken', ...ADDRESS],
  MultiUse: ['transactionamount', 'currencycode', 'paymentreason', 'amounttype', 'globalamountlimit', 'recipienttokenlist', 'usagelimittype1', 'usagelimittype2', 'usagelimitperiod1', 'usagelimitperiod2', 'usagelimitvalue1', 'usagelimitvalue2', 'validitystart', 'validityexpiry', 'isrecipientcobranding', ...ADDRESS],
  Recipient: ['callerreferencerefund', 'maxfixedfee', 'maxvariablefee', 'recipientpaysfee', 'validitystart', 'validityexpiry'],
  EditToken: ['tokenid'],
};

/** R-TOK-1 required inputs per pipeline (besides callerKey, pipelineName, returnURL, callerReference) */
export const CBUI_REQUIRED: Readonly<Record<PipelineName, readonly string[]>> = {
  SingleUse: ['transactionamount'],
  Recurring: ['transactionamount', 'recurringperiod'],
  MultiUse: ['globalamountlimit'],
  Recipient: [],
  EditToken: ['tokenid'],
};

/**
 * Inputs that clearly belong to one pipeline's own table: sent to another pipeline they are
 * foreign (R-TOK-1, firm CE). Any other name known only elsewhere may be ignored or refused.
 */
export const CLEARLY_FOREIGN = new Set(['recurringperiod', 'globalamountlimit', 'amounttype', 'recipienttokenlist', 'usagelimittype1', 'usagelimittype2', 'usagelimitperiod1', 'usagelimitperiod2', 'usagelimitvalue1', 'usagelimitvalue2', 'maxfixedfee', 'maxvariablefee', 'recipientpaysfee', 'callerreferencerefund', 'tokenid', 'transactionamount']);

export const CBUI_REQUIRED_COMMON = ['callerkey', 'pipelinename', 'returnurl', 'callerreference'];

/** A parsed input or the reason it is malformed; `odd`: a target may read it or refuse it. */
export type Read<T> = { ok: true; value: T; odd?: boolean } | { ok: false; why: string };

export function readPositiveCents(text: string): Read<number> {
  const p = parseValue(text);
  if (p.ok === false) return { ok: false, why: 'not an amount with at most two fraction digits' };
  if (p.cents <= 0) return { ok: false, why: 'must be positive' };
  return p.ok === 'odd' ? { ok: true, value: p.cents, odd: true } : { ok: true, value: p.cents };
}

export function readPeriod(text: string): Read<Period> {
  const p = parsePeriod(text);
  return p ? { ok: true, value: p } : { ok: false, why: 'not "N Hours|Days|Months"' };
}

/** UNIX epoch seconds (Type: Date, "Use UNIX epoch date format") → ms */
export function readEpoch(text: string): Read<Millis> {
  return /^\d{1,12}$/.test(text) ? { ok: true, value: Number(text) * 1000 } : { ok: false, why: 'not UNIX epoch seconds' };
}

/** paymentMethod: comma list of CC, ACH, ABT (default ABT); `ba` may be read as ACH or refused (R-WIRE-9). */
export function readPaymentMethod(text: string | undefined): Read<Instrument[]> {
  if (text === undefined) return { ok: true, value: ['ABT'] };
  const parts = text.split(',').map((x) => x.trim().toUpperCase());
  const out: Instrument[] = [];
  let odd = false;
  for (const p of parts) {
    if (p === 'CC' || p === 'ACH' || p === 'ABT') out.push(p);
    else if (p === 'BA') { out.push('ACH'); odd = true; }
    else return { ok: false, why: `unknown payment method ${p}` };
  }
  if (out.length === 0) return { ok: false, why: 'empty' };
  return odd ? { ok: true, value: [...new Set(out)], odd } : { ok: true, value: [...new Set(out)] };
}

export function readEnum<T extends string>(text: string, values: readonly T[]): Read<T> {
  const hit = values.find((x) => x === text) ?? values.find((x) => x.toLowerCase() === text.toLowerCase());
  if (!hit) return { ok: false, why: `not one of ${values.join('|')}` };
  return hit === text ? { ok: true, value: hit } : { ok: true, value: hit, odd: true };
}

export function readNumber(text: string): Read<number> {
  return /^\d+(\.\d+)?$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, why: 'not a number' };
}

export function readCount(text: string): Read<number> {
  return /^\d+$/.test(text) && Number(text) > 0 ? { ok: true, value: Number(text) } : { ok: false, why: 'not a positive integer' };
}

export const STATUS_BY_INSTRUMENT: Readonly<Record<Instrument, string>> = { ABT: 'SA', ACH: 'SB', CC: 'SC' };

const CAMEL = ['callerKey', 'pipelineName', 'returnURL', 'callerReference', 'cobrandingStyle', 'cobrandingUrl', 'signatureVersion', 'signatureMethod', 'websiteDescription', 'paymentMethod', 'transactionAmount', 'currencyCode', 'paymentReason', 'recurringPeriod', 'validityStart', 'validityExpiry', 'isRecipientCobranding', 'recipientToken', 'amountType', 'globalAmountLimit', 'recipientTokenList', 'usageLimitType1', 'usageLimitType2', 'usageLimitPeriod1', 'usageLimitPeriod2', 'usageLimitValue1', 'usageLimitValue2', 'callerReferenceRefund', 'maxFixedFee', 'maxVariableFee', 'recipientPaysFee', 'tokenID', 'addressName', 'addressLine1', 'addressLine2', 'phoneNumber', 'collectShippingAddress', 'itemTotal', 'giftWrapping'];
const BY_LOWER = new Map(CAMEL.map((n) => [n.toLowerCase(), n]));
/** the documents' spelling of an input name */
export function docName(name: string): string {
  return BY_LOWER.get(name.toLowerCase()) ?? name;
}
