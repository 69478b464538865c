// Parameter checks read from the catalogue (spec/catalogue/actions.ts): required (R-WIRE-8), sizes
// (R-WIRE-7), valid values, amounts (R-WIRE-6). Facts stay in the catalogue; this file only applies them.
import { ACTION_SPECS, COMMON_PARAMS, type ParamSpec } from '../catalogue/actions.ts';
import type { ActionName } from '../types.ts';
import { parseValue } from './amounts.ts';
import { v, type Violation } from './violations.ts';

type Params = Readonly<Record<string, string>>;

/** the value of a parameter by its name or an alias (R-WIRE-9) */
export function paramValue(params: Params, spec: Pick<ParamSpec, 'name' | 'aliases'>): string | undefined {
  if (params[spec.name] !== undefined) return params[spec.name];
  // (most parameters have no alias: no empty list and iterator per read)
  const aliases = spec.aliases;
  if (aliases !== undefined) for (const a of aliases) if (params[a] !== undefined) return params[a];
  return undefined;
}

export function specOf(action: ActionName, name: string): ParamSpec | undefined {
  return ACTION_SPECS[action].params.find((p) => p.name === name);
}

/** Read a param of an action by its catalogue name (aliases included). */
export function get(action: ActionName, params: Params, name: string): string | undefined {
  const spec = specOf(action, name);
  return spec ? paramValue(params, spec) : params[name];
}

export type AmountRead =
  | { state: 'absent' }
  | { state: 'bad' }
  /** cents, and whether a target may also reject it (odd spelling, missing CurrencyCode) */
  | { state: 'ok'; cents: number; text: string };

/** `X.Value` and `X.CurrencyCode` of an Amount name, made once per name (read on every Pay) */
const AMOUNT_PARTS = new Map<string, { value: string; currency: string }>();
function amountParts(name: string): { value: string; currency: string } {
  let parts = AMOUNT_PARTS.get(name);
  if (parts === undefined) AMOUNT_PARTS.set(name, (parts = { value: `${name}.Value`, currency: `${name}.CurrencyCode` }));
  return parts;
}

/** Read an Amount param `X.Value`/`X.CurrencyCode` (R-WIRE-6); `plainAllowed` for MarketplaceFixedFee (R-WIRE-9). */
export function readAmount(params: Params, name: string, plainAllowed = false): AmountRead {
  const value = params[amountParts(name).value] ?? (plainAllowed ? params[name] : undefined);
  if (value === undefined) return { state: 'absent' };
  const p = parseValue(value);
  if (p.ok === false) return { state: 'bad' };
  return { state: 'ok', cents: p.cents, text: value };
}

/** UTF-8 bytes of `s` without encoding it (as TextEncoder counts: a lone surrogate is U+FFFD, 3 bytes) */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** What paramViolations reads of the catalogue for one action (constant data: read once per action). */
interface ActionParams {
  specs: readonly { spec: ParamSpec; common: boolean }[];
  /** every name the action knows, aliases and Amount parts included */
  known: ReadonlySet<string>;
  /** prefixes of DescriptorPolicy parameters (`X.` names) */
  complex: readonly string[];
}
const ACTION_PARAMS = new Map<ActionName, ActionParams>();

function actionParams(action: ActionName): ActionParams {
  let a = ACTION_PARAMS.get(action);
  if (a !== undefined) return a;
  const known = new Set<string>();
  const specs = [...COMMON_PARAMS, ...ACTION_SPECS[action].params].map((spec) => {
    for (const n of [spec.name, ...(spec.aliases ?? [])]) known.add(n);
    if (spec.type === 'Amount') known.add(`${spec.name}.Value`).add(`${spec.name}.CurrencyCode`);
    return { spec, common: COMMON_PARAMS.includes(spec) };
  });
  const complex = ACTION_SPECS[action].params.filter((p) => p.type === 'DescriptorPolicy').map((p) => `${p.name}.`);
  ACTION_PARAMS.set(action, (a = { specs, known, complex }));
  return a;
}

/** The rules of one non-Amount parameter (`bytes`: how its UTF-8 length is counted), into `out`. */
export function valueViolations(out: Violation[], action: ActionName, spec: ParamSpec, value: string | undefined, bytes: (s: string) => number): void {
  if (value === undefined) {
    if (spec.required === 'yes') out.push(v(['InvalidParams'], ['R-WIRE-8'], `${spec.name} is required`));
    return;
  }
  if (spec.required === 'yes' && value === '') out.push(v(['InvalidParams'], ['R-WIRE-8'], `${spec.name} is empty`));
  if (spec.maxLength !== undefined && bytes(value) > spec.maxLength) {
    // the seed counts bytes; a target counting characters is not wrong where they differ
    out.push(v(['InvalidParams'], ['R-WIRE-7'], `${spec.name} longer than ${spec.maxLength}`, value.length > spec.maxLength));
  }
  if (spec.validValues && !spec.validValues.includes(value)) {
    const caseOnly = spec.validValues.some((x) => x.toLowerCase() === value.toLowerCase());
    out.push(v(['InvalidParams'], [`ACTION-${action}`], `${spec.name} not one of ${spec.validValues.join('|')}`, !caseOnly));
  }
  if (spec.type === 'Integer' && !/^\d+$/.test(value)) out.push(v(['InvalidParams'], [`ACTION-${action}`], `${spec.name} is not an integer`));
  if (spec.type === 'Decimal' && !/^\d+(\.\d+)?$/.test(value)) out.push(v(['InvalidParams'], [`ACTION-${action}`], `${spec.name} is not a decimal`));
}

/** Every parameter rule the catalogue states for this action, as violations. */
export function paramViolations(action: ActionName, params: Params): Violation[] {
  const out: Violation[] = [];
  const { specs, known, complex } = actionParams(action);
  for (const { spec, common } of specs) {
    if (spec.type === 'Amount') {
      const found = amountViolations(params, spec);
      if (found.length > 0) out.push(...found);
      continue;
    }
    // Common params (key, signature, timestamp, version) are judged by auth.ts from the verdict.
    if (common) continue;
    valueViolations(out, action, spec, paramValue(params, spec), utf8Length);
  }
  // A name the action does not know: the seed says nothing; a target may ignore or refuse it.
  for (const name of Object.keys(params)) {
    if (!known.has(name) && !complex.some((prefix) => name.startsWith(prefix))) out.push(v(['InvalidParams'], ['R-WIRE-5'], `unknown parameter ${name}`, false));
  }
  return out;
}

export function amountViolations(params: Params, spec: ParamSpec): Violation[] {
  const name = spec.name;
  const parts = amountParts(name);
  const plain = name === 'MarketplaceFixedFee';
  const value = params[parts.value] ?? (plain ? params[name] : undefined);
  const currency = params[parts.currency];
  if (value === undefined) {
    if (spec.required === 'yes') return [v(['InvalidParams'], ['R-WIRE-8', 'R-WIRE-6'], `${name}.Value is required`)];
    if (currency !== undefined) return [v(['InvalidParams'], ['R-WIRE-6'], `${name}.CurrencyCode without a Value`, false)];
    return [];
  }
  const out: Violation[] = [];
  const isPlain = params[parts.value] === undefined;
  if (!isPlain && currency === undefined) out.push(v(['InvalidParams'], ['R-WIRE-6'], `${name}.CurrencyCode missing`, false));
  if (currency !== undefined && currency !== 'USD') out.push(v(['InvalidParams'], ['R-WIRE-6'], `${name}.CurrencyCode must be USD`));
  const p = parseValue(value);
  if (p.ok === false) return [...out, v(['InvalidParams'], ['R-WIRE-6'], `${name}.Value is not a decimal with at most two fraction digits`)];
  if (p.ok === 'odd') out.push(v(['InvalidParams'], ['R-WIRE-6'], `${name}.Value has an unusual spelling`, false));
  const fee = name.startsWith('Marketplace');
  if (p.cents < 0 || (p.cents === 0 && !fee)) out.push(v(['InvalidParams', 'AmountOutOfRange'], ['R-WIRE-6'], `${name} must be positive`));
  else if (p.cents === 0 && fee) out.push(v(['InvalidParams', 'AmountOutOfRange'], ['R-WIRE-6'], `${name} is zero`, false));
  else if (p.cents === 1) out.push(v(['InvalidParams', 'AmountOutOfRange'], ['R-WIRE-6'], `${name} is exactly 0.01 (never asserted)`, false));
  return out;
}
