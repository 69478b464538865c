// Seed 004 "Generating a Signature", step 1: RFC 3986 encoding and the canonicalized query
// string (R-AUTH-1). Pure.

/** Parameters as a record, or as ordered pairs (pairs keep duplicates and order as sent). */
export type Params = Readonly<Record<string, string>> | readonly (readonly [string, string])[];

const encoder = new TextEncoder();
const HEXDIGITS = '0123456789ABCDEF';

function isUnreserved(b: number): boolean {
  // "A-Z, a-z, 0-9, hyphen ( - ), underscore ( _ ), period ( . ), and tilde ( ~ )"
  return (
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x61 && b <= 0x7a) ||
    (b >= 0x30 && b <= 0x39) ||
    b === 0x2d ||
    b === 0x5f ||
    b === 0x2e ||
    b === 0x7e
  );
}

/**
 * "Do not URL encode any of the unreserved characters that RFC 3986 defines ... Percent encode all
 * other characters with %XY ... uppercase A-F ... extended UTF-8 characters in the form %XY%ZA ...
 * the space character as %20 (and not +)". A lone surrogate has no UTF-8 form; it is encoded as
 * U+FFFD (EF BF BD), as TextEncoder does.
 */
export function encodeRfc3986(s: string): string {
  if (/^[A-Za-z0-9\-_.~]*$/.test(s)) return s; // nothing to encode: the common case
  return encodeRfc3986Bytes(encoder.encode(s));
}

/** The same encoding over raw bytes (a value that is not UTF-8 text): unreserved kept, every other byte %XY. */
export function encodeRfc3986Bytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    out += isUnreserved(b) ? String.fromCharCode(b) : '%' + HEXDIGITS[b >> 4]! + HEXDIGITS[b & 15]!;
  }
  return out;
}

/** Pairs in the order given (a record's own enumerable string keys in insertion order). */
export function toPairs(params: Params): [string, string][] {
  if (Array.isArray(params)) return (params as readonly (readonly [string, string])[]).map(([n, v]) => [n, v]);
  return Object.entries(params as Readonly<Record<string, string>>);
}

/** "natural byte ordering" of the UTF-8 bytes. */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export interface CanonicalOptions {
  /** names left out of the canonical query; default: exactly `Signature` (API names are case-sensitive, R-WIRE-2) */
  exclude?: (name: string) => boolean;
}

export const excludeApiSignature = (name: string): boolean => name === 'Signature';

/**
 * "Sort the UTF-8 query string components by parameter name with natural byte ordering", then
 * name=value pairs joined by `&`, `=` even when the value is empty. Signature is excluded
 * (R-AUTH-1). Sorting is by the raw names' UTF-8 bytes, as the seed says (not by the encoded
 * names; the two differ only for names needing encoding). Equal names (possible only in pairs)
 * are ordered by value bytes so the result is deterministic.
 */
export function canonicalQuery(params: Params, options: CanonicalOptions = {}): string {
  const exclude = options.exclude ?? excludeApiSignature;
  return toPairs(params)
    .filter(([n]) => !exclude(n))
    .sort((a, b) => compareUtf8(a[0], b[0]) || compareUtf8(a[1], b[1]))
    .map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`)
    .join('&');
}
