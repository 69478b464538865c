// Strict application/x-www-form-urlencoded parsing (R-WIRE-1, R-WIRE-5). Pure, no I/O.
// URLSearchParams is not used: it silently turns bad escapes and non-UTF-8 into text, and
// R-WIRE-5 needs those reported so the emulator can answer a 4xx instead of guessing.
import { encodeRfc3986 } from '../sigv2/encode.ts';

export interface FormLimits {
  /** most name=value pairs accepted (default 1000) */
  maxParams?: number;
  /** most characters (or bytes, for a Uint8Array) of the raw form accepted (default 1,048,576) */
  maxLength?: number;
}

export type FormResult =
  | { ok: true; params: Record<string, string>; pairs: [string, string][] }
  | { ok: false; problem: string; rule: string };

export type DecodeResult = { ok: true; value: string } | { ok: false; problem: string };

export const DEFAULT_FORM_LIMITS: Required<FormLimits> = { maxParams: 1000, maxLength: 1_048_576 };

const HEX = /^[0-9A-Fa-f]{2}$/;
// in u-mode a paired surrogate is one code point, so \p{Cs} matches only a lone one (not text)
const LONE_SURROGATE = /\p{Cs}/u;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Decodes one form component: `+` is a space (R-WIRE-1), `%XY` is a byte, other characters stand
 * for their own UTF-8 bytes. The byte sequence must be valid UTF-8 (R-WIRE-5).
 */
export function decodeFormComponent(s: string, plusIsSpace = true): DecodeResult {
  const seen = scan(s);
  const lone = seen & SURROGATE ? LONE_SURROGATE.exec(s) : null;
  if (lone) return { ok: false, problem: `lone surrogate at offset ${lone.index}` };
  if (!(seen & PERCENT) && !(plusIsSpace && seen & PLUS_SIGN)) return { ok: true, value: s };
  // the engine's decoder reads %XY as UTF-8 bytes and refuses what is not UTF-8, as the loop below
  // does; on a refusal the loop runs to name the problem
  try {
    return { ok: true, value: decodeURIComponent(plusIsSpace ? s.replace(PLUS, ' ') : s) };
  } catch {
    return decodeBytewise(s, plusIsSpace);
  }
}

const PLUS = /\+/g;

const SURROGATE = 1, PERCENT = 2, PLUS_SIGN = 4;
/** which of a surrogate code unit (paired or not: without one there is no lone one, the regexp is
 *  skipped), `%` and `+` the text holds, in one pass */
function scan(s: string): number {
  let seen = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) seen |= PERCENT;
    else if (c === 0x2b) seen |= PLUS_SIGN;
    else if ((c & 0xf800) === 0xd800) seen |= SURROGATE;
  }
  return seen;
}

/** The byte-wise decoder (names the problem); also the reference the fast path is tested against. */
export function decodeBytewise(s: string, plusIsSpace: boolean): DecodeResult {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!HEX.test(hex)) return { ok: false, problem: `bad percent-encoding ${JSON.stringify(s.slice(i, i + 3))} at offset ${i}` };
      bytes.push(parseInt(hex, 16));
      i += 3;
    } else if (c === '+' && plusIsSpace) {
      bytes.push(0x20);
      i += 1;
    } else if (s.charCodeAt(i) < 0x80) {
      bytes.push(s.charCodeAt(i));
      i += 1;
    } else {
      // one code point (a surrogate pair counts as one)
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      for (const b of encoder.encode(ch)) bytes.push(b);
      i += ch.length;
    }
  }
  try {
    return { ok: true, value: utf8.decode(new Uint8Array(bytes)) };
  } catch {
    return { ok: false, problem: 'percent-encoded bytes are not UTF-8' };
  }
}

const fail = (problem: string): { ok: false; problem: string; rule: string } => ({ ok: false, problem, rule: 'R-WIRE-5' });

/**
 * Parses a query string (without `?`) or a form body. Bad percent-encoding, non-UTF-8 bytes,
 * duplicate names, an empty name and absurd lengths are reported with rule R-WIRE-5, never thrown.
 * Empty segments (`a=1&&b=2`, a trailing `&`) are skipped, as every form encoder tolerates them.
 * A segment without `=` is a name with an empty value. `params` has no prototype, so a name like
 * `constructor` never reads an inherited member.
 */
export function parseForm(raw: string | Uint8Array, limits: FormLimits = {}): FormResult {
  const read = formPairs(raw, limits);
  if (!read.ok) return read;
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of read.pairs) params[name] = value;
  return { ok: true, params, pairs: read.pairs };
}

const FEW_NAMES = 24;

/** decodeFormComponent's answer; text with no %, + or surrogate is its own value (the common case), given as is */
const component = (s: string): string | DecodeResult => (scan(s) === 0 ? s : decodeFormComponent(s));

/** parseForm's pairs and problems without its dictionary (readParamsStrict builds its own). */
export function formPairs(raw: string | Uint8Array, limits: FormLimits = {}): { ok: true; pairs: [string, string][] } | { ok: false; problem: string; rule: string } {
  const maxParams = limits.maxParams ?? DEFAULT_FORM_LIMITS.maxParams;
  const maxLength = limits.maxLength ?? DEFAULT_FORM_LIMITS.maxLength;
  if (raw.length > maxLength) return fail(`form is ${raw.length} long, over the limit of ${maxLength}`);
  let text: string;
  if (typeof raw === 'string') {
    text = raw;
  } else {
    try {
      text = utf8.decode(raw);
    } catch {
      return fail('form bytes are not UTF-8');
    }
  }
  const pairs: [string, string][] = [];
  if (text === '') return { ok: true, pairs };
  // duplicates: a scan of the names so far while they are few (an API request has a dozen), a Set past that
  let seen: Set<string> | undefined;
  const segments = text.split('&');
  let count = 0;
  for (const seg of segments) {
    if (seg === '') continue;
    if (++count > maxParams) return fail(`more than ${maxParams} parameters`);
    const eq = seg.indexOf('=');
    const rawName = eq < 0 ? seg : seg.slice(0, eq);
    const rawValue = eq < 0 ? '' : seg.slice(eq + 1);
    const nameRead = component(rawName);
    if (typeof nameRead !== 'string' && !nameRead.ok) return fail(`parameter name "${clip(rawName)}": ${nameRead.problem}`);
    const name = typeof nameRead === 'string' ? nameRead : nameRead.value;
    if (name === '') return fail(`empty parameter name in "${clip(seg)}"`);
    const valueRead = component(rawValue);
    if (typeof valueRead !== 'string' && !valueRead.ok) return fail(`parameter ${clip(name)}: ${valueRead.problem}`);
    const value = typeof valueRead === 'string' ? valueRead : valueRead.value;
    if (seen === undefined && pairs.length >= FEW_NAMES) seen = new Set(pairs.map(([n]) => n));
    if (seen ? seen.has(name) : pairs.some(([n]) => n === name)) {
      return fail(`duplicate parameter name ${clip(name)}`);
    }
    seen?.add(name);
    pairs.push([name, value]);
  }
  return { ok: true, pairs };
}

/** Encodes pairs as a form body: RFC 3986 escapes (space as %20, which every form decoder reads). */
export function encodeForm(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`).join('&');
}

function clip(s: string): string {
  return s.length > 60 ? JSON.stringify(s.slice(0, 60)) + '…' : JSON.stringify(s);
}
