// Money as integer cents, never floats (R-WIRE-6).
export type AmountParse =
  | { ok: true; cents: number }
  /** odd but arguably numeric spellings ("1.", ".5", "+1"): a target may read or reject them */
  | { ok: 'odd'; cents: number }
  | { ok: false };

/** A Value of an Amount: a decimal with at most two fraction digits (R-WIRE-6). */
export function parseValue(text: string): AmountParse {
  const strict = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (strict) return { ok: true, cents: toCents(strict[1]!, strict[2]!, strict[3] ?? '') };
  const odd = /^([-+]?)(\d{0,12})\.?(\d{0,2})$/.exec(text.trim());
  if (odd && (odd[2] !== '' || odd[3] !== '')) return { ok: 'odd', cents: toCents(odd[1]!, odd[2] || '0', odd[3]!) };
  // an exponent ("1e0", "2.5E1") is one more spelling the docs neither allow nor forbid (R-WIRE-6 set);
  // one that leaves more than two fraction digits is not a cent amount at all
  if (/^[-+]?\d{1,12}(?:\.\d{1,12})?[eE][-+]?\d{1,2}$/.test(text.trim())) {
    const cents = Number(text.trim()) * 100;
    if (Number.isFinite(cents) && Math.abs(cents - Math.round(cents)) < 1e-6 && Math.abs(cents) < 1e14) return { ok: 'odd', cents: Math.round(cents) };
  }
  return { ok: false };
}
function toCents(sign: string, whole: string, frac: string): number {
  const c = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return sign === '-' ? -c : c;
}

/** "1.00" */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** The form of an IPN transactionAmount (R-IPN-2 "USD 1.00"): USD, a space, a decimal ("USD 5" is the same amount). */
export const IPN_AMOUNT_PATTERN = '^USD \\d+(\\.\\d{1,2})?$';

/** IPN transactionAmount: "USD 1.00" (R-IPN-2) */
export function ipnAmount(cents: number): string {
  return `USD ${formatCents(cents)}`;
}

/** The first two fraction digits of an amount as sent (R-SBX-1 reads "the decimal value"). */
export function fractionDigits(text: string): number | undefined {
  const m = /\.(\d)(\d?)/.exec(text);
  if (!m) return 0;
  return Number(m[1]) * 10 + Number(m[2] || '0');
}

/** R-SBX-1: .60–.69 temporary decline, .70–.89 payment error. */
export function forcesFailure(text: string): boolean {
  const d = fractionDigits(text);
  return d !== undefined && d >= 60 && d <= 89;
}
