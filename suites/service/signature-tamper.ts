// R-AUTH-2 as a property: a request whose Signature was computed over anything other than what is
// sent (a name, a value, the verb, the host or the path differing by one character, or a changed
// Signature) is refused with SignatureDoesNotMatch. The kit sends the genuine request and swaps in
// the signature of the altered one, so nothing else about the request is wrong.
import fc from 'fast-check';
import { hostWithoutPort, sign, type SignatureMethod } from '../../spec/sigv2/index.ts';
import { readPairs, withParam } from '../../spec/wire/request-params.ts';
import type { RequestStyle, SuiteContext } from '../../core/suite.ts';
import { checkProperty, type CheckOutcome } from '../../core/property.ts';
import { creds, judgeRejected, WRONG_SIGNATURE } from './stateless-common.ts';
import { requiredCodeId } from './model-run/credit.ts';

export type TamperPart = 'name' | 'value' | 'verb' | 'host' | 'path' | 'signature';
export const TAMPER_PARTS: readonly TamperPart[] = ['name', 'value', 'verb', 'host', 'path', 'signature'];
export const STYLES: readonly RequestStyle[] = ['GET', 'POST-form', 'POST-query'];
export const SIGNATURE_METHODS: readonly SignatureMethod[] = ['HmacSHA256', 'HmacSHA1'];

/** Characters encoders get wrong: form `+` for space, reserved ASCII, `~` and `*`, multi-byte UTF-8. */
export const TRICKY_CHARS = [' ', '+', '%', '&', '=', '~', '*', '/', '?', '#', '!', "'", '(', ')', ':', ';', ',', '@', '$', '[', ']', 'é', '中', '😀', 'a', 'Z', '0', '-', '_', '.'];

/** CallerReference values: printable text of any script, tricky characters often, at most 128 UTF-8 bytes (R-WIRE-7). */
export const callerReferenceArb: fc.Arbitrary<string> = fc
  .oneof(
    { arbitrary: fc.string({ unit: fc.constantFrom(...TRICKY_CHARS), minLength: 1, maxLength: 24 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }), weight: 1 },
  )
  .filter((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s) && Buffer.byteLength(s, 'utf8') <= 128 && s.trim().length > 0);

/** Harmless reads whose values are generated (R-TOK-3: an unknown CallerReference only reads). */
export const harmlessParamsArb: fc.Arbitrary<{ action: string; params: Record<string, string> }> = fc.oneof(
  callerReferenceArb.map((ref) => ({ action: 'GetTokenByCaller', params: { CallerReference: ref } })),
  fc.stringMatching(/^[A-Z0-9]{10,35}$/).map((id) => ({ action: 'GetTransactionStatus', params: { TransactionId: id } })),
);

export interface TamperCase {
  request: { action: string; params: Record<string, string> };
  style: RequestStyle;
  signatureMethod: SignatureMethod;
  part: TamperPart;
  /** which parameter (name/value tamper), modulo the count */
  which: number;
  /** which character, modulo the length */
  at: number;
  /** the replacement character, used when it differs from the one replaced */
  replacement: string;
}

const REPLACEMENTS = ['a', 'Z', '7', '-', '_', '.', '~', ' ', '+', '%', '/', '=', '&', 'é', '中', '😀'];

export const tamperCaseArb: fc.Arbitrary<TamperCase> = fc.record({
  request: harmlessParamsArb,
  style: fc.constantFrom(...STYLES),
  signatureMethod: fc.constantFrom(...SIGNATURE_METHODS),
  part: fc.constantFrom(...TAMPER_PARTS),
  which: fc.nat(40),
  at: fc.nat(200),
  replacement: fc.constantFrom(...REPLACEMENTS),
});

/** `s` with the code point at `at` (mod length) replaced by a different one; never equal to `s`. */
export function changeOneChar(s: string, at: number, replacement: string, alphabet: readonly string[] = REPLACEMENTS): string {
  const cps = Array.from(s);
  if (cps.length === 0) return replacement;
  const i = at % cps.length;
  const pick = [replacement, ...alphabet].find((c) => c !== cps[i])!;
  cps[i] = pick;
  return cps.join('');
}

const HOST_CHARS = ['a', 'z', '0', '9', 'x', '-', '.'];
const B64 = ['A', 'B', 'a', 'b', '0', '1', '+', '/'];

/**
 * One character of the Signature changed so that it decodes to other bytes: in the last character
 * before the padding only some bits carry data (RFC 4648 3.5 lets a decoder ignore the rest), and a
 * target comparing decoded HMACs rightly accepts a change there (R-AUTH-2 is about the signature).
 */
export function changedSignatureBytes(signature: string, at: number): string {
  const bytes = Buffer.from(signature, 'base64');
  for (let shift = 0; shift < signature.length; shift++) {
    for (const ch of [B64[(at + shift) % B64.length]!, ...B64]) {
      const altered = changeOneChar(signature, at + shift, ch, B64);
      if (!Buffer.from(altered, 'base64').equals(bytes)) return altered;
    }
  }
  return `${signature.slice(0, -2)}${signature.endsWith('A=') ? 'B=' : 'A='}`;
}

/** The Signature over an altered copy of what is sent. */
export function alteredSignature(c: TamperCase, sent: { method: string; host: string; path: string; params: Record<string, string> }, secret: string): string {
  const params = { ...sent.params };
  delete params.Signature;
  const names = Object.keys(params);
  const name = names[c.which % names.length]!;
  const base = { method: sent.method, host: sent.host, path: sent.path, params, secret, signatureMethod: c.signatureMethod };
  switch (c.part) {
    case 'name': {
      const renamed = changeOneChar(name, c.at, c.replacement);
      const p = Object.fromEntries(Object.entries(params).map(([n, v]) => [n === name ? renamed : n, v]));
      return sign({ ...base, params: p });
    }
    case 'value':
      return sign({ ...base, params: { ...params, [name]: changeOneChar(params[name]!, c.at, c.replacement) } });
    case 'verb':
      return sign({ ...base, method: changeOneChar(sent.method, c.at, c.replacement) });
    case 'host': {
      // the host is compared lowercased, and the host without its port is also valid (R-AUTH-1b)
      let host = sent.host;
      for (const ch of [c.replacement.toLowerCase(), ...HOST_CHARS]) {
        host = changeOneChar(sent.host, c.at, ch, HOST_CHARS);
        if (host.toLowerCase() !== sent.host.toLowerCase() && host.toLowerCase() !== hostWithoutPort(sent.host)?.toLowerCase()) break;
      }
      return sign({ ...base, host });
    }
    case 'path':
      return sign({ ...base, path: changeOneChar(sent.path, c.at, c.replacement) });
    case 'signature':
      return changedSignatureBytes(sign(base), c.at);
  }
}

export function describeTamper(c: TamperCase): string[] {
  const p = Object.entries(c.request.params).map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(', ');
  return [
    `${c.request.action}(${p}) as ${c.style}, ${c.signatureMethod}`,
    `signed over a copy whose ${c.part} differs by one character (which=${c.which}, at=${c.at}, replacement=${JSON.stringify(c.replacement)})`,
  ];
}

export async function tamperedRequestsRejected(ctx: SuiteContext): Promise<CheckOutcome> {
  const keys = creds(ctx);
  const base = new URL(ctx.target.baseUrl);
  return checkProperty(
    ctx,
    tamperCaseArb,
    async (c) => {
      const built = await ctx.fps.call(c.request.action, c.request.params, keys, {
        style: c.style,
        signatureMethod: c.signatureMethod,
        label: `${c.request.action} with the signature of an altered ${c.part}`,
        tamper: (req) => {
          const params = Object.fromEntries(readPairs(req));
          const signature = alteredSignature(c, { method: req.method, host: base.host, path: base.pathname, params }, keys.secretAccessKey);
          return withParam(req, 'Signature', signature);
        },
      });
      const problem = judgeRejected(built, WRONG_SIGNATURE, 'R-AUTH-2', `a request signed over a different ${c.part}`);
      const required = requiredCodeId(WRONG_SIGNATURE); // R-AUTH-2 (firm) names one code
      if (problem === undefined && required) ctx.exercised?.([required]);
      return problem;
    },
    { describe: describeTamper, passMessage: 'R-AUTH-2: every request signed over an altered name, value, verb, host or path, or with an altered Signature, was refused with SignatureDoesNotMatch' },
  );
}
