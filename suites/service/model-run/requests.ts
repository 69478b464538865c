// Request-building helpers of the model-based runs: references, CallerReferences, the "limit" a
// relative amount is measured against, request tweaks, and the Co-Branded start URL.
import type { CbuiSpec } from '../../../generators/cbui.ts';
import type { Tweak } from '../../../generators/commands.ts';
import { parseCents } from '../../../generators/amounts.ts';
import { paramSpec } from '../../../spec/catalogue/actions.ts';
import { CURRENCY_CODE } from '../../../spec/catalogue/enums.ts';
import { encodeRfc3986, signCbuiUrl } from '../../../spec/sigv2/index.ts';
import type { ActionName } from '../../../spec/types.ts';

/** `name` as `action`'s table in the catalogue spells it (R-WIRE-2: names are case-sensitive); any other name is the kit's bug. */
export function paramName(action: ActionName, name: string): string {
  if (paramSpec(action, name) === undefined) throw new Error(`the catalogue lists no ${action} parameter ${name}`);
  return name;
}

/** An Amount parameter of `action` as its two children (R-WIRE-6: X.Value and X.CurrencyCode, USD). */
export function amountParams(action: ActionName, name: string, value: string): Record<string, string> {
  if (paramSpec(action, name)?.type !== 'Amount') throw new Error(`the catalogue lists no ${action} Amount parameter ${name}`);
  return { [`${name}.Value`]: value, [`${name}.CurrencyCode`]: CURRENCY_CODE[0] };
}

/** Applies a Tweak (R-WIRE-7, R-WIRE-8); returns the label suffix. */
export function applyTweak(params: Record<string, string>, tweak: Tweak | undefined): string {
  if (!tweak) return '';
  if ('drop' in tweak) {
    delete params[tweak.drop];
    if (tweak.drop.endsWith('.Value')) delete params[tweak.drop.replace(/\.Value$/, '.CurrencyCode')];
    return ` [without ${tweak.drop}]`;
  }
  params[tweak.set] = tweak.value;
  return ` [${tweak.set} of ${tweak.value.length} characters]`;
}

/**
 * What "limit" means for a token's payments: its transactionAmount; else a MultiUse Amount usage
 * limit; else a third of globalAmountLimit (so a few payments fit before the global limit bites).
 */
export function referenceCents(spec: CbuiSpec): number {
  const i = spec.inputs;
  const amountLimit = i.usageLimitType1 === 'Amount' ? i.usageLimitValue1 : i.usageLimitType2 === 'Amount' ? i.usageLimitValue2 : undefined;
  const global = parseCents(i.globalAmountLimit ?? '');
  return parseCents(i.transactionAmount ?? '') ?? parseCents(amountLimit ?? '') ?? (global !== undefined ? Math.max(1, Math.floor(global / 3)) : undefined) ?? parseCents(i.maxFixedFee ?? '') ?? 1000;
}

/** One CallerReference per request, or one from the pool (R-IDEM-*). */
export function callerReference(name: string, pool: number | undefined): string {
  return pool === undefined ? `c${name.slice(1)}` : `cr${pool}`;
}

export function pick<T>(list: readonly T[], ref: number): T | undefined {
  return list.length === 0 ? undefined : list[ref % list.length];
}

/** The matching items when there are some (a Settle points at a Reserve when one exists), else all. */
export function prefer<T>(list: readonly T[], f: (t: T) => boolean): readonly T[] {
  const l = list.filter(f);
  return l.length > 0 ? l : list;
}

export function lower(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The Co-Branded start URL: signed (R-TOK-1), signed then altered, or unsigned. */
export function cbuiUrl(endpoint: string, params: Record<string, string>, secret: string, defect?: string): string {
  if (defect === 'unsigned') {
    const q = Object.entries(params).map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`).join('&');
    return `${endpoint}${endpoint.includes('?') ? '&' : '?'}${q}`;
  }
  const signed = signCbuiUrl(endpoint, params, secret);
  if (defect !== 'bad-signature') return signed;
  const u = new URL(signed);
  const sig = u.searchParams.get('signature') ?? '';
  // flip the first character: still base64, no longer the HMAC
  u.searchParams.set('signature', (sig.startsWith('A') ? 'B' : 'A') + sig.slice(1));
  return u.toString();
}
