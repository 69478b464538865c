// Amounts as FPS writes them: a decimal with at most two fraction digits, in USD (R-WIRE-6).
// Arbitraries lean on the boundaries (0.01, 0.02, a limit ± 0.01) where implementations slip.
import fc from 'fast-check';

/** cents → "12.34" */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** "12.34" → 1234; undefined when it is not an FPS amount (R-WIRE-6). */
export function parseCents(value: string): number | undefined {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Badly formatted amounts (R-WIRE-6): three fraction digits, negative, not a number, exponent, zero. */
// (an exponent such as "1e3" is not here: R-WIRE-6 leaves such spellings open, the model accepts either answer)
export const BAD_AMOUNTS = ['1.234', '-1', 'abc', '1.00x', '0', '0.00', '-0.01'] as const;

/** A valid amount in cents, biased to small values and the 0.01/0.02 edge. */
export function centsArb(max = 50_000): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(1, 2) },
    { weight: 4, arbitrary: fc.integer({ min: 100, max: Math.max(100, Math.min(max, 5_000)) }) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max }) },
  );
}

export const validAmountArb: fc.Arbitrary<string> = centsArb().map(formatCents);
export const badAmountArb: fc.Arbitrary<string> = fc.constantFrom(...BAD_AMOUNTS);

/**
 * An amount chosen before the value it is measured against is known: `rel` is cents added to a
 * reference (a token's transactionAmount, a transaction's remaining amount) resolved when the
 * command runs; `abs` is a literal value (valid or not).
 */
export type AmountSpec = { readonly rel: number } | { readonly abs: string };

export const amountSpecArb: fc.Arbitrary<AmountSpec> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(0, 0, 0, -1, 1, -100).map((rel) => ({ rel })) },
  { weight: 2, arbitrary: validAmountArb.map((abs) => ({ abs })) },
  { weight: 1, arbitrary: badAmountArb.map((abs) => ({ abs })) },
);

/** Only well-formed amounts near the reference (suites that test something other than amount rules). */
export const nearAmountSpecArb: fc.Arbitrary<AmountSpec> = fc.constantFrom(0, 0, -1, 1, -50).map((rel) => ({ rel }));

/** The concrete value: a `rel` below one cent is clamped to 0.01 (the model judges 0.01 both ways, R-WIRE-6). */
export function resolveAmount(spec: AmountSpec, referenceCents: number): string {
  if ('abs' in spec) return spec.abs;
  return formatCents(Math.max(1, referenceCents + spec.rel));
}

export function showAmount(spec: AmountSpec): string {
  if ('abs' in spec) return `${spec.abs} USD`;
  return spec.rel === 0 ? 'limit' : `limit${spec.rel > 0 ? '+' : '-'}${formatCents(Math.abs(spec.rel))}`;
}
