// How an SDK signs, per kind of request: which Host form (with or without the port) its API requests
// and its Co-Branded URLs are signed over, and how it sends and signs spaces. Measured per request,
// reported once per run (request/signing-hosts, request/space-encoding).
import { hmac, hostWithoutPort, isSignatureMethod, sameSignature, stringToSign } from '../../spec/sigv2/index.ts';
import { parseForm } from '../../spec/wire/form.ts';
import type { Recorder } from './checks.ts';
import { SDK_CHECK } from './checks.ts';

export type HostForm = 'with-port' | 'without-port' | 'no-port';
export type SpaceForm = '%20' | '+';

interface Seen {
  api: Set<HostForm>;
  cbui: Set<HostForm>;
  spaces: Set<string>;
}

const byRun = new WeakMap<object, Seen>();
const seen = (run: object): Seen => {
  let s = byRun.get(run);
  if (s === undefined) byRun.set(run, (s = { api: new Set(), cbui: new Set(), spaces: new Set() }));
  return s;
};

export function noteSigning(run: object, kind: 'api' | 'cbui', form: HostForm | undefined): void {
  if (form !== undefined) seen(run)[kind].add(form);
}

export function noteSpaces(run: object, sent: SpaceForm | undefined, signed: SpaceForm | 'neither'): void {
  if (sent !== undefined) seen(run).spaces.add(`spaces sent as ${sent}, signed as ${signed}`);
}

/** How spaces appear in the raw query or body: the encoding the SDK sends. */
export function sentSpaceForm(raw: string): SpaceForm | undefined {
  if (/%20/i.test(raw)) return '%20';
  if (/\+/.test(raw)) return '+';
  return undefined;
}

/**
 * Which encoding of spaces the signature was computed over, when values carry spaces: RFC 3986
 * `%20` (R-AUTH-1) or form-style `+`; `neither` when no host form and no encoding match.
 */
export function signedSpaceForm(req: { method: string; host: string; path: string; params: Record<string, string>; secret: string; nameOfSignature: string; methodName: string }): SpaceForm | 'neither' {
  const given = req.params[req.nameOfSignature];
  const method = req.params[req.methodName];
  const m = [method, 'HmacSHA256', 'HmacSHA1'].find((x) => isSignatureMethod(x));
  if (given === undefined || m === undefined || !isSignatureMethod(m)) return 'neither';
  const hosts = [req.host, hostWithoutPort(req.host)].filter((h): h is string => h !== undefined);
  const exclude = (n: string): boolean => n === req.nameOfSignature;
  for (const form of ['%20', '+'] as const) {
    for (const host of hosts) {
      const base = stringToSign({ method: req.method, host, path: req.path, params: req.params }, { exclude });
      const sts = form === '+' ? base.replace(/%20/g, '+') : base;
      if (sameSignature(hmac(sts, req.secret, m), given)) return form;
    }
  }
  return 'neither';
}

/** The Host form a Co-Branded URL is signed over (R-AUTH-1b), found by trying both. */
export function cbuiHostForm(url: string, secret: string): HostForm | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const form = parseForm(u.search.replace(/^\?/, ''));
  if (!form.ok) return undefined;
  const find = (n: string): string | undefined => form.pairs.find(([k]) => k.toLowerCase() === n)?.[1];
  const given = find('signature');
  const method = [find('signaturemethod'), 'HmacSHA256', 'HmacSHA1'].find((x) => x !== undefined && isSignatureMethod(x));
  if (given === undefined || method === undefined || !isSignatureMethod(method)) return undefined;
  const bare = hostWithoutPort(u.host);
  const exclude = (n: string): boolean => n.toLowerCase() === 'signature';
  const matches = (host: string): boolean => sameSignature(hmac(stringToSign({ method: 'GET', host, path: u.pathname, params: form.pairs }, { exclude }), secret, method), given);
  if (matches(u.host)) return bare === undefined ? 'no-port' : 'with-port';
  if (bare !== undefined && matches(bare)) return 'without-port';
  return undefined;
}

const SAY: Record<HostForm, string> = { 'with-port': 'the host with its port', 'without-port': 'the host without its port', 'no-port': 'a host that carries no port' };

/**
 * One verdict per run. R-AUTH-1 signs "the lowercase Host header value (with port when the request
 * carries one)"; R-AUTH-1b makes a service accept the host without it too. So each form alone is
 * accepted, but an SDK that signs its two kinds of request over different forms is inconsistent
 * with itself: a warning, naming both.
 */
export function reportSigning(run: object, rec: Recorder): void {
  const s = seen(run);
  const say = (set: Set<HostForm>): string => [...set].map((f) => SAY[f]).join(' and ');
  if (s.api.size === 0 && s.cbui.size === 0) rec.notTested(SDK_CHECK.requestSigningHosts, 'no validly signed API request or Co-Branded URL to measure');
  else if (s.cbui.size === 0) rec.info(SDK_CHECK.requestSigningHosts, `API requests are signed over ${say(s.api)}; no signed Co-Branded URL to compare`);
  else if (s.api.size === 0) rec.info(SDK_CHECK.requestSigningHosts, `Co-Branded URLs are signed over ${say(s.cbui)}; no validly signed API request to compare`);
  else {
    const ported = (set: Set<HostForm>): Set<HostForm> => new Set([...set].filter((f) => f !== 'no-port'));
    const a = ported(s.api);
    const c = ported(s.cbui);
    const differ = a.size > 0 && c.size > 0 && [...a].some((f) => !c.has(f));
    const line = `API requests are signed over ${say(s.api)}; Co-Branded URLs over ${say(s.cbui)}`;
    if (differ) rec.warn(SDK_CHECK.requestSigningHosts, `${line}: the two differ (R-AUTH-1 signs the Host header as sent, port included; R-AUTH-1b makes a service accept either)`);
    else rec.pass(SDK_CHECK.requestSigningHosts, line);
  }
  if (s.spaces.size === 0) rec.info(SDK_CHECK.requestSpaceEncoding, 'no request carried a space in a value');
  else for (const line of s.spaces) rec.info(SDK_CHECK.requestSpaceEncoding, `${line} (R-AUTH-1 signs a space as %20; R-WIRE-1 reads "+" as a space)`);
}
