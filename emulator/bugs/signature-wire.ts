// Injected bugs in verification and on the wire: what independent emulator authors get wrong in
// SigV2 (seed 004 "Generating a Signature") and in the response format.
import { canonicalQuery, encodeRfc3986, hmac, hostWithoutPort, isSignatureMethod, sameSignature, verify } from '../../spec/sigv2/index.ts';
import { isoSeconds } from '../clock.ts';
import type { AuthRequest } from '../hooks.ts';
import type { Bug } from './kit.ts';

/** The string to sign with a chosen value encoder (the bugs' own, wrong, canonicalization). */
function hmacWith(req: AuthRequest, host: string, encode: (s: string) => string, method: 'HmacSHA256' | 'HmacSHA1'): string {
  const query = Object.keys(req.params)
    .filter((n) => n !== 'Signature')
    .sort()
    .map((n) => `${encode(n)}=${encode(req.params[n]!)}`)
    .join('&');
  return hmac(`${req.method}\n${host.toLowerCase()}\n${req.path || '/'}\n${query}`, req.secret!, method);
}

function hostsOf(host: string): string[] {
  const bare = hostWithoutPort(host);
  return bare === undefined ? [host] : [host, bare];
}

const FIVE_MINUTES = 5 * 60_000;

export const SIGNATURE_BUGS: readonly Bug[] = [
  {
    name: 'sig-plus-for-space',
    clause: 'R-AUTH-1.space-as-%20',
    area: 'signature',
    description: 'Canonicalizes values with form encoding (space as "+") instead of RFC 3986 "%20": a correct signature over a value with a space is refused, one computed with "+" is accepted.',
    rules: ['R-AUTH-1'],
    make: () => ({
      auth(verdict, req) {
        const method = req.params.SignatureMethod;
        if (req.secret === undefined || !isSignatureMethod(method) || verdict.signature === 'missing') return verdict;
        const plus = (s: string): string => encodeRfc3986(s).replace(/%20/g, '+');
        const ok = hostsOf(req.host).some((h) => sameSignature(hmacWith(req, h, plus, method), req.params.Signature ?? ''));
        return { ...verdict, signature: ok ? 'valid' : 'invalid' };
      },
    }),
  },
  {
    name: 'sig-host-port-only',
    clause: 'R-AUTH-1b.host-without-port',
    area: 'signature',
    description: 'Verifies only over the Host header as sent (with its port): clients that sign the host without the port are refused.',
    rules: ['R-AUTH-1b'],
    make: () => ({
      auth(verdict, req) {
        if (verdict.signature !== 'valid' || req.secret === undefined) return verdict;
        const r = verify({ method: req.method, host: req.host, path: req.path, params: req.params, secret: req.secret });
        return r.hostForm === 'without-port' ? { ...verdict, signature: 'invalid' } : verdict;
      },
    }),
  },
  {
    name: 'sig-stale-timestamp',
    clause: 'R-AUTH-4.beyond-15-minutes-rejected',
    area: 'signature',
    description: 'Never compares Timestamp with its clock: a request signed an hour ago (or in the future) is accepted.',
    rules: ['R-AUTH-4'],
    make: () => ({
      outcome(outcome, step) {
        const ts = step.input.auth.timestamp;
        const t = ts === undefined ? NaN : Date.parse(ts);
        if (outcome.answer.kind !== 'error' || !Number.isFinite(t) || Math.abs(t - step.now) <= FIVE_MINUTES) return outcome;
        return step.step({ ...step.input, auth: { ...step.input.auth, timestamp: isoSeconds(step.now) } });
      },
    }),
  },
  {
    name: 'sig-any-version',
    clause: 'R-AUTH-3.version-refused',
    area: 'signature',
    description: 'Checks the HMAC but not SignatureVersion: a request saying SignatureVersion=1 (signed the version 2 way) is accepted.',
    rules: ['R-AUTH-3', 'R-WIRE-2'],
    make: () => ({
      auth(verdict, req) {
        const method = req.params.SignatureMethod;
        if (req.params.SignatureVersion === '2' || req.secret === undefined || !isSignatureMethod(method)) return verdict;
        const ok = hostsOf(req.host).some((h) =>
          sameSignature(hmac(`${req.method}\n${h.toLowerCase()}\n${req.path || '/'}\n${canonicalQuery(req.params)}`, req.secret!, method), req.params.Signature ?? ''),
        );
        return ok ? { ...verdict, signature: 'valid', signatureVersion: '2' } : verdict;
      },
    }),
  },
];

export const WIRE_BUGS: readonly Bug[] = [
  {
    name: 'wire-wrong-namespace',
    clause: 'R-WIRE-3.namespace-per-version',
    area: 'wire',
    description: 'Always answers in the 2008-09-17 namespace, also to Version=2010-08-28 requests.',
    rules: ['R-WIRE-3'],
    make: () => ({
      response: (res) => ({ ...res, body: res.body.replace(/fps\.amazonaws\.com\/doc\/2010-08-28\//g, 'fps.amazonaws.com/doc/2008-09-17/') }),
    }),
  },
  {
    name: 'wire-long-transaction-id',
    clause: 'R-WIRE-7.own-transaction-id',
    area: 'wire',
    description: 'Appends a two-character shard suffix to every TransactionId, making it 37 characters (over 35).',
    rules: ['R-WIRE-7'],
    make: () => ({ freshId: (kind, value) => (kind === 'TransactionId' ? value + 'S1' : value) }),
  },
  {
    name: 'wire-two-errors',
    clause: 'R-WIRE-4.one-error',
    area: 'wire',
    description: 'Error documents repeat the Error element (one per failed validator), so there are two.',
    rules: ['R-WIRE-4'],
    make: () => ({
      response: (res) => (res.status >= 400 ? { ...res, body: res.body.replace(/(<Error>[\s\S]*?<\/Error>)/, '$1$1') } : res),
    }),
  },
  {
    name: 'wire-200-on-error',
    clause: 'R-WIRE-10.errors-not-2xx',
    area: 'wire',
    description: 'Answers error documents with HTTP 200 (reading the seed\'s "2XX: errors caused by mistakes in the request").',
    rules: ['R-WIRE-4', 'R-WIRE-10'],
    make: () => ({ response: (res) => (res.status >= 400 ? { ...res, status: 200 } : res) }),
  },
];
