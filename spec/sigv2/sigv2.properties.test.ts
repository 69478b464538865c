// Properties of Signature Version 2 (seed 004 "Generating a Signature"; R-AUTH-1, R-AUTH-1b, R-WIRE-1,
// R-WIRE-2, R-IPN-3, R-TOK-1). Strings are full Unicode (fast-check unit 'binary': no lone surrogates).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  decodeHttpParameters,
  encodeHttpParameters,
  sign,
  signCbuiUrl,
  signOutbound,
  stringToSign,
  verify,
  verifyCbuiUrl,
  verifyOutbound,
  type SignatureMethod,
} from './index.ts';
import { encodeForm, parseForm } from '../wire/form.ts';

const RUNS = { numRuns: 150 };
const text = (maxLength = 12) => fc.string({ unit: 'binary', maxLength });
const nonEmpty = (maxLength = 12) => fc.string({ unit: 'binary', minLength: 1, maxLength });
const COMMON = new Set(['Signature', 'SignatureVersion', 'SignatureMethod']);
/** action parameters with distinct names, none of them a signature parameter */
const actionParams = fc
  .uniqueArray(fc.tuple(nonEmpty(), text()), { selector: ([n]) => n, maxLength: 8 })
  .map((pairs) => pairs.filter(([n]) => !COMMON.has(n)));
const method = fc.constantFrom<SignatureMethod>('HmacSHA256', 'HmacSHA1');
const verb = fc.constantFrom('GET', 'POST');
const hostName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.-]{0,20}$/);
const host = fc.tuple(hostName, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })).map(([h, p]) => (p === undefined ? h : `${h}:${p}`));
const path = fc.stringMatching(/^\/[A-Za-z0-9/._~-]{0,20}$/);
const secret = nonEmpty(40);

interface Signed {
  req: { method: string; host: string; path: string; params: Record<string, string> };
  secret: string;
}
const signedRequest: fc.Arbitrary<Signed> = fc.record({ pairs: actionParams, m: method, verb, host, path, secret }).map(({ pairs, m, verb, host, path, secret }) => {
  const params: Record<string, string> = { ...Object.fromEntries(pairs), SignatureVersion: '2', SignatureMethod: m };
  params.Signature = sign({ method: verb, host, path, params, secret, signatureMethod: m });
  return { req: { method: verb, host, path, params }, secret };
});

/** `s` with the character at `at` (modulo its length) replaced by a different one. */
function changeOneChar(s: string, at: number, replacement: string): string {
  const chars = [...s];
  const i = at % chars.length;
  const next = chars[i] === replacement ? (replacement === 'x' ? 'y' : 'x') : replacement;
  chars[i] = next;
  return chars.join('');
}

describe('sign and verify (R-AUTH-1)', () => {
  it('a signed request verifies', () => {
    fc.assert(
      fc.property(signedRequest, ({ req, secret }) => {
        expect(verify({ ...req, secret }).valid).toBe(true);
      }),
      RUNS,
    );
  });

  it('changing one character of any name, value, verb or path, or the host, makes verify fail', () => {
    const target = fc.constantFrom('name', 'value', 'verb', 'path', 'host', 'secret');
    fc.assert(
      fc.property(signedRequest, target, fc.nat(), fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), ({ req, secret }, what, pick, at, ch) => {
        const names = Object.keys(req.params);
        const name = names[pick % names.length]!;
        const changed = { ...req, params: { ...req.params } };
        let key = secret;
        switch (what) {
          case 'name': {
            const renamed = changeOneChar(name, at, ch);
            const value = changed.params[name]!;
            delete changed.params[name];
            changed.params[renamed] = value;
            break;
          }
          case 'value':
            changed.params[name] = req.params[name] === '' ? ch : changeOneChar(req.params[name]!, at, ch);
            break;
          case 'verb':
            changed.method = changeOneChar(req.method, at, ch);
            break;
          case 'path':
            changed.path = changeOneChar(req.path, at, ch);
            break;
          case 'host': {
            // the Host is compared lowercased (R-AUTH-1), and R-AUTH-1b lets a ported Host match a
            // portless signature, so the change is one that no rule forgives: another host name
            const [bare] = req.host.split(':');
            changed.host = req.host.replace(bare!, changeOneChar(bare!, at, ch === '.' ? 'q' : ch));
            fc.pre(changed.host.toLowerCase() !== req.host.toLowerCase() && /^[^:]*(:\d+)?$/.test(changed.host));
            break;
          }
          case 'secret':
            key = changeOneChar(secret, at, ch);
            break;
        }
        expect(verify({ ...changed, secret: key }).valid).toBe(false);
      }),
      RUNS,
    );
  });

  it('the canonical query ignores parameter order', () => {
    fc.assert(
      fc.property(actionParams.chain((p) => fc.tuple(fc.constant(p), fc.shuffledSubarray(p, { minLength: p.length, maxLength: p.length }))), ([pairs, shuffled]) => {
        expect(canonicalQuery(shuffled)).toBe(canonicalQuery(pairs));
        expect(canonicalQuery(Object.fromEntries(shuffled))).toBe(canonicalQuery(pairs));
      }),
      RUNS,
    );
  });

  it('GET and POST sign alike apart from the verb: the same canonical query, only the first line of the string to sign differs (R-WIRE-1)', () => {
    fc.assert(
      fc.property(actionParams, host, path, secret, method, (pairs, h, p, s, m) => {
        const get = stringToSign({ method: 'GET', host: h, path: p, params: pairs });
        const post = stringToSign({ method: 'POST', host: h, path: p, params: pairs });
        expect(get.split('\n').slice(1)).toEqual(post.split('\n').slice(1));
        expect(get.startsWith('GET\n') && post.startsWith('POST\n')).toBe(true);
        // the signatures themselves differ: a GET signature does not verify a POST
        const params = { ...Object.fromEntries(pairs), SignatureVersion: '2', SignatureMethod: m };
        const Signature = sign({ method: 'GET', host: h, path: p, params, secret: s, signatureMethod: m });
        expect(verify({ method: 'POST', host: h, path: p, params: { ...params, Signature }, secret: s }).valid).toBe(false);
      }),
      RUNS,
    );
  });

  it('R-AUTH-1b: with a port in the Host, a signature over the host with it and one over the host without it both verify', () => {
    fc.assert(
      fc.property(actionParams, hostName, fc.integer({ min: 1, max: 65535 }), path, secret, method, (pairs, h, port, p, s, m) => {
        const params = { ...Object.fromEntries(pairs), SignatureVersion: '2', SignatureMethod: m };
        for (const [signedHost, form] of [[`${h}:${port}`, 'with-port'], [h, 'without-port']] as const) {
          const Signature = sign({ method: 'GET', host: signedHost, path: p, params, secret: s, signatureMethod: m });
          expect(verify({ method: 'GET', host: `${h}:${port}`, path: p, params: { ...params, Signature }, secret: s })).toMatchObject({ valid: true, hostForm: form });
        }
      }),
      RUNS,
    );
  });
});

describe('VerifySignature HttpParameters (R-IPN-3)', () => {
  it('encode then decode gives back the pairs, in order', () => {
    const pairs = fc.array(fc.tuple(nonEmpty(), text()), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(pairs, (p) => {
        expect(decodeHttpParameters(encodeHttpParameters(p))).toEqual({ ok: true, params: p });
      }),
      RUNS,
    );
  });
});

describe('outbound signatures (R-IPN-3)', () => {
  const fields = fc
    .uniqueArray(fc.tuple(nonEmpty(), text()), { selector: ([n]) => n, minLength: 1, maxLength: 8 })
    .map((pairs) => pairs.filter(([n]) => !['signature', 'signatureVersion', 'signatureMethod', 'certificateUrl'].includes(n)))
    .filter((pairs) => pairs.length > 0);
  const endPoint = fc.tuple(hostName, path).map(([h, p]) => `http://${h}${p}`);
  it('what the target signed verifies through HttpParameters; a changed value, an added or removed parameter, or another UrlEndPoint does not', () => {
    fc.assert(
      fc.property(endPoint, fields, secret, method, fc.nat(), text(), nonEmpty(), (ep, pairs, s, m, pick, newValue, extra) => {
        const signed = signOutbound(ep, Object.fromEntries(pairs), s, m, 'https://127.0.0.1/cert.pem');
        const decoded = decodeHttpParameters(encodeHttpParameters(signed));
        if (!decoded.ok) throw new Error(decoded.problem);
        expect(verifyOutbound(ep, decoded.params, s)).toBe(true);
        const [name, value] = pairs[pick % pairs.length]!;
        if (newValue !== value) expect(verifyOutbound(ep, { ...signed, [name]: newValue }, s)).toBe(false);
        const { [name]: _removed, ...without } = signed;
        expect(verifyOutbound(ep, without, s)).toBe(false);
        expect(verifyOutbound(ep, [...decoded.params, [extra in signed ? name : extra, '']], s)).toBe(false);
        expect(verifyOutbound(ep + 'x', signed, s)).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('Co-Branded URLs (R-WIRE-2, R-TOK-1)', () => {
  const SIG_NAMES = new Set(['signature', 'signatureversion', 'signaturemethod']);
  const cbuiParams = fc
    .uniqueArray(fc.tuple(nonEmpty(), text()), { selector: ([n]) => n.toLowerCase(), minLength: 1, maxLength: 8 })
    .map((pairs) => pairs.filter(([n]) => !SIG_NAMES.has(n.toLowerCase())))
    .filter((pairs) => pairs.length > 0);
  const endpoint = fc.tuple(hostName, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), path).map(([h, port, p]) => `https://${h.toLowerCase()}${port ? `:${port}` : ''}${p}`);
  const isUrl = (u: string): boolean => URL.canParse(u);

  it('a signed URL verifies; a changed value, a removed parameter or another secret does not', () => {
    fc.assert(
      fc.property(endpoint, cbuiParams, secret, method, fc.nat(), text(), (ep, pairs, s, m, pick, newValue) => {
        fc.pre(isUrl(ep));
        const params = Object.fromEntries(pairs);
        const url = signCbuiUrl(ep, params, s, m);
        expect(verifyCbuiUrl(url, s)).toMatchObject({ valid: true, signed: true, method: m });
        const [name, value] = pairs[pick % pairs.length]!;
        const u = new URL(url);
        const form = parseForm(u.search.slice(1));
        if (!form.ok) throw new Error(form.problem);
        const rebuild = (p: [string, string][]): string => `${u.origin}${u.pathname}?${encodeForm(p)}`;
        fc.pre(newValue !== value);
        expect(verifyCbuiUrl(rebuild(form.pairs.map(([n, v]) => [n, n === name ? newValue : v])), s).valid).toBe(false);
        expect(verifyCbuiUrl(rebuild(form.pairs.filter(([n]) => n !== name)), s).valid).toBe(false);
        expect(verifyCbuiUrl(url, s + 'x').valid).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('parseForm (R-WIRE-1)', () => {
  it('an encoded form parses back to its pairs, with spaces sent as %20 or as +', () => {
    const pairs = fc.uniqueArray(fc.tuple(nonEmpty(), text()), { selector: ([n]) => n, maxLength: 10 });
    fc.assert(
      fc.property(pairs, (p) => {
        const body = encodeForm(p);
        expect(parseForm(body)).toMatchObject({ ok: true, pairs: p });
        expect(parseForm(body.replaceAll('%20', '+'))).toMatchObject({ ok: true, pairs: p });
        expect(parseForm(new TextEncoder().encode(body))).toMatchObject({ ok: true, pairs: p });
      }),
      RUNS,
    );
  });
});
