// Pure helpers of the model-based runs: the model input for a request as it went on the wire, the
// observation for an answer, merging equal states, and the serial orders of a burst.
import type { Observed } from '../../harness/checker.ts';
import type { CallResult, Decoded, SuiteContext } from '../../harness/suite.ts';
import type { ModelInput, ModelState } from '../../spec/model/api.ts';
import { parseForm } from '../../spec/wire/form.ts';

/** Equal states merged (states are plain data); ones that cannot be serialized are kept as they are. */
export function dedupe(states: readonly ModelState[]): ModelState[] {
  const seen = new Set<string>();
  const out: ModelState[] = [];
  for (const s of states) {
    let key: string;
    try {
      key = JSON.stringify(s);
    } catch {
      out.push(s);
      continue;
    }
    if (!seen.has(key)) {
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

export function permutations(n: number): number[][] {
  if (n <= 1) return [[...Array(n).keys()]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) for (let i = 0; i <= rest.length; i++) out.push([...rest.slice(0, i), n - 1, ...rest.slice(i)]);
  return out;
}

/** The model input for a request as it went on the wire (parameters decoded from the query or the form body). */
export function apiInput(result: CallResult, action: string, at: number, version: SuiteContext['version']): ModelInput {
  const params = wireParams(result.request.url, result.request.body, result.request.headers);
  return {
    kind: 'api',
    at,
    version: (params.Version as SuiteContext['version'] | undefined) ?? version,
    action: params.Action ?? action,
    params,
    // the kit signed this request itself with the caller's own key (R-AUTH-1)
    auth: { accessKeyId: params.AWSAccessKeyId, signatureVersion: params.SignatureVersion, signatureMethod: params.SignatureMethod, signature: 'valid', timestamp: params.Timestamp },
  };
}

export function wireParams(url: string, body: string | undefined, headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (raw: string) => {
    const f = parseForm(raw);
    if (f.ok) for (const [k, v] of f.pairs) if (!(k in out)) out[k] = v;
  };
  const q = url.indexOf('?');
  if (q >= 0) add(url.slice(q + 1));
  const ct = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  if (body && /x-www-form-urlencoded/i.test(ct)) add(body);
  return out;
}

export function observedOf(result: CallResult): Decoded | Observed {
  if (result.decoded) return result.decoded;
  return { kind: 'none', reason: result.transportError ?? 'no answer' };
}

