// Root causes, service side: a request deviation (a wrong Version, a bad or missing signature, a
// misspelt parameter name, a malformed Timestamp) is recorded by the request checks, and by default
// the service answers as if the request had been right, so later behaviour is still judged (one
// deviation must not hide the rest). `--strict` forwards the request as sent, as a real FPS would.
// An unknown Action is never repaired: answering another action is not "as if right".
import { ACTIONS, VERSIONS, type ActionName } from '../../spec/types.ts';
import { encodeRfc3986, signedParams } from '../../spec/sigv2/index.ts';
import type { WireRequest } from '../../core/wire.ts';
import { checkApiRequest, documentedNames, readParams } from './request-checks.ts';
import { SDK_CHECK } from './checks.ts';

export interface Caller {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Checks whose deviation the service can set right before answering. */
const REPAIRABLE: ReadonlySet<string> = new Set([SDK_CHECK.requestVersion, SDK_CHECK.requestSignature, SDK_CHECK.requestParameterNames, SDK_CHECK.requestTimestamp, SDK_CHECK.requestCommonParameters, SDK_CHECK.requestVerifySignatureSigned]);
const SIGNING = new Set(['AWSAccessKeyId', 'Signature', 'SignatureVersion', 'SignatureMethod', 'Timestamp', 'Version', 'Action']);

export interface Repair {
  /** the request to forward instead: POST form, signed with the caller's key */
  request: WireRequest;
  /** what was set right, one line each (recorded with the exchange) */
  repaired: string[];
}

/** The documented name a misspelt one stands for: the same letters in another case (R-WIRE-2: names are case-sensitive). */
function documentedSpelling(action: ActionName, name: string): string | undefined {
  const lower = name.toLowerCase();
  const hits = [...documentedNames(action)].filter((n) => n.toLowerCase() === lower);
  return hits.length === 1 ? hits[0] : undefined;
}

/** A repaired request for `req`, or undefined when nothing repairable is wrong (or it cannot be read). */
export function repairRequest(req: WireRequest, caller: Caller): Repair | undefined {
  const facts = checkApiRequest(req, (k) => (k === caller.accessKeyId ? caller.secretAccessKey : undefined));
  const wrong = facts.violations.filter((v) => REPAIRABLE.has(v.check));
  const read = readParams(req);
  const action = facts.action;
  if (wrong.length === 0 || !read.ok || action === undefined || !(ACTIONS as readonly string[]).includes(action)) return undefined;
  const repaired = wrong.map((v) => `${v.check}: ${v.detail}`);
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(read.params)) {
    if (SIGNING.has(name)) continue;
    const spelt = documentedNames(action as ActionName).has(name) ? name : documentedSpelling(action as ActionName, name);
    params[spelt ?? name] = value;
  }
  const version = (VERSIONS as readonly string[]).includes(read.params.Version ?? '') ? read.params.Version! : VERSIONS[VERSIONS.length - 1]!;
  const url = new URL(req.url);
  // signed over the Host header as the SDK sent it, which the backend reads
  const host = req.headers.host ?? url.host;
  const signed = signedParams({
    action: action as ActionName,
    params,
    accessKeyId: caller.accessKeyId,
    secret: caller.secretAccessKey,
    method: 'POST',
    host,
    path: '/',
    timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    version: version as (typeof VERSIONS)[number],
    signatureMethod: 'HmacSHA256',
  });
  const body = Object.entries(signed).map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`).join('&');
  return {
    request: { method: 'POST', url: `${url.origin}/`, headers: { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body },
    repaired,
  };
}
