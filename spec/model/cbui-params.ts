// How the model reads Co-Branded UI inputs. Which inputs a pipeline takes, which are required, their
// types, valid values and defaults, and which are foreign all come from the catalogue
// (spec/catalogue/pipelines.ts); this file only turns those facts into readers. Names are compared
// lower-cased (R-WIRE-2: CBUI names are not case-sensitive).
import type { Instrument, Millis } from './api.ts';
import { PIPELINES, type PipelineName } from '../types.ts';
import {
  CBUI_COMMON_PARAMS, PIPELINE_SPECS, pipelineParam, type PipelineParamSpec,
} from '../catalogue/pipelines.ts';
import { parseValue } from './amounts.ts';
import { parsePeriod, type Period } from './time.ts';

const lower = (q: PipelineParamSpec): string => q.name.toLowerCase();
const ALL_SPECS: readonly PipelineParamSpec[] = [...CBUI_COMMON_PARAMS, ...PIPELINES.flatMap((pl) => PIPELINE_SPECS[pl].params)];

/**
 * R-TOK-1: inputs every Co-Branded request needs, whatever its pipeline (documents' spelling): the
 * common ones marked required, and those every pipeline marks required (callerReference).
 */
export const CBUI_REQUIRED_COMMON: readonly string[] = [
  ...CBUI_COMMON_PARAMS.filter((q) => q.required === 'yes').map((q) => q.name),
  ...PIPELINE_SPECS.SingleUse.params
    .filter((q) => q.required === 'yes' && PIPELINES.every((pl) => PIPELINE_SPECS[pl].params.some((o) => lower(o) === lower(q) && o.required === 'yes')))
    .map((q) => q.name),
];

/** R-TOK-1: a pipeline's own required inputs besides CBUI_REQUIRED_COMMON (documents' spelling). */
export function requiredInputs(pipeline: PipelineName): string[] {
  const common = new Set(CBUI_REQUIRED_COMMON.map((n) => n.toLowerCase()));
  return PIPELINE_SPECS[pipeline].params.filter((q) => q.required === 'yes' && !common.has(lower(q))).map((q) => q.name);
}

/** A pipeline's conditionally required inputs ("Condition: Required if ..."), with the condition as data. */
export function conditionalInputs(pipeline: PipelineName): { name: string; when: { input: string; equals?: string } }[] {
  return PIPELINE_SPECS[pipeline].params.flatMap((q) => (q.required === 'conditional' && q.requiredIf ? [{ name: q.name, when: q.requiredIf }] : []));
}

/**
 * The catalogue entry an input is read by: the pipeline's own or a common one; for an input that is
 * 'unsettled' for SingleUse, the entry of the first pipeline that takes it (the other sender pipelines
 * agree on these). undefined: no pipeline knows the name.
 */
export function inputSpec(pipeline: PipelineName, nameAnyCase: string): PipelineParamSpec | undefined {
  const own = pipelineParam(pipeline, nameAnyCase);
  if (own) return own;
  for (const other of PIPELINES) {
    const q = PIPELINE_SPECS[other].params.find((x) => lower(x) === nameAnyCase.toLowerCase());
    if (q) return q;
  }
  return undefined;
}

const BY_LOWER = new Map(ALL_SPECS.map((q) => [lower(q), q.name]));
/** the documents' spelling of an input name (as the catalogue writes it) */
export function docName(name: string): string {
  return BY_LOWER.get(name.toLowerCase()) ?? name;
}

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

const PAYMENT_METHOD = pipelineParam('SingleUse', 'paymentMethod')!;
const INSTRUMENTS = PAYMENT_METHOD.validValues as readonly Instrument[];

/** paymentMethod: comma list of the catalogue's valid values (default from the catalogue); `ba` may be read as ACH or refused (R-WIRE-9). */
export function readPaymentMethod(text: string | undefined): Read<Instrument[]> {
  if (text === undefined) return readPaymentMethod(PAYMENT_METHOD.default ?? 'ABT');
  const parts = text.split(',').map((x) => x.trim().toUpperCase());
  const out: Instrument[] = [];
  let odd = false;
  for (const p of parts) {
    const hit = INSTRUMENTS.find((i) => i === p);
    if (hit) out.push(hit);
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

export type InputValue = string | number | Period | readonly string[];

/** Reads an input by its catalogue entry: type, valid values, maximum length (R-TOK-1 "malformed"). */
export function readInput(q: PipelineParamSpec, text: string): Read<InputValue> {
  if (q.maxLength !== undefined && text.length > q.maxLength) return { ok: false, why: `longer than ${q.maxLength}` };
  if (lower(q) === 'paymentmethod') return readPaymentMethod(text);
  if (q.type === 'List') {
    const items = text.split(',').map((x) => x.trim()).filter(Boolean);
    const bad = q.validValues ? items.find((x) => !q.validValues!.includes(x)) : undefined;
    return bad !== undefined ? { ok: false, why: `${bad} is not one of ${q.validValues!.join('|')}` } : { ok: true, value: items };
  }
  if (q.validValues) return readEnum(text, q.validValues);
  switch (q.type) {
    case 'Amount': return readPositiveCents(text);
    case 'Period': return readPeriod(text);
    case 'Date': return readEpoch(text);
    case 'Integer':
    case 'Long': return readNumber(text);
    default: return { ok: true, value: text };
  }
}

/**
 * The success status a pipeline answers (R-TOK-2, R-TOK-11), from the catalogue's status codes: the one
 * naming the instrument used (SA, SB, SC), else the pipeline's success code naming none (Recipient SR;
 * EditToken SU, "The token has not changed", when no instrument is given).
 */
export function successStatus(pipeline: PipelineName, instrument?: Instrument): string {
  const codes = PIPELINE_SPECS[pipeline].statusCodes.filter((s) => s.outcome === 'success');
  const hit = codes.find((s) => instrument !== undefined && s.instrument === instrument) ?? codes.find((s) => s.instrument === undefined) ?? codes[0]!;
  return hit.code;
}
