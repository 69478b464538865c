// Pure helpers of the model-based runs: the model input for a request the kit signed, the
// observation for an answer, what its HTTP status and namespace must be whatever the model allows,
// merging equal states, and the serial orders of a burst.
import type { Observed } from '../../../spec/model/checker.ts';
import type { CallResult, Decoded, SuiteContext } from '../../../core/suite.ts';
import { errorEntry } from '../../../spec/catalogue/errors.ts';
import type { ModelInput, ModelState } from '../../../spec/model/api.ts';
import { namespaceFor } from '../../../spec/wire/codec.ts';

/**
 * Equal states merged (states are plain data); ones that cannot be serialized are kept as they are.
 * One state (the usual case: the model keeps its possible worlds inside one) has nothing to merge
 * with, and the same object twice merges without serializing it.
 */
export function dedupe(states: readonly ModelState[]): ModelState[] {
  if (states.length <= 1) return [...states];
  const distinct = [...new Set(states)];
  if (distinct.length === 1) return distinct;
  const seen = new Set<string>();
  const out: ModelState[] = [];
  for (const s of distinct) {
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

/**
 * The model input for a request the kit sent: the parameters as the kit signed them (the command's,
 * with the common ones and the Signature), read before encoding rather than parsed back off the wire.
 */
export function apiInput(result: Pick<CallResult, 'signed'>, action: string, at: number, version: SuiteContext['version']): ModelInput {
  const params = { ...result.signed };
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

export function observedOf(result: CallResult): Decoded | Observed {
  if (result.decoded) return result.decoded;
  return { kind: 'none', reason: result.transportError ?? 'no answer' };
}

/** An API answer as a session step reads it: the decoded body, its HTTP status, its transcript entry. */
export function answerOf(result: CallResult): { observed: Decoded | Observed; status?: number; exchangeSeq: number } {
  return { observed: observedOf(result), ...(result.response ? { status: result.response.status } : {}), exchangeSeq: result.exchange.seq };
}

/** Why an answer's envelope breaks the wire rules, whatever body the model allows. */
export interface WireProblem {
  /** what the target sent, e.g. "error DuplicateRequest with HTTP 200" */
  observed: string;
  /** what the rules require instead */
  expected: string;
  rules: string[];
  why: string;
}

type Answered = { input: ModelInput; observed: Decoded | Observed; status?: number };
type Rule = { applies(d: Decoded): boolean; holds(status: number): boolean; expected: string; rules: string[]; why(d: Decoded): string };

const is2xx = (s: number): boolean => s >= 200 && s <= 299;
const is4xx = (s: number): boolean => s >= 400 && s <= 499;
const codeOf = (d: Decoded): string => (d.kind === 'error' ? d.code : '');
/** "a Pay result", "error DuplicateRequest": the envelope's verdict needs no fields */
const briefly = (d: Decoded): string => (d.kind === 'result' ? `a ${d.action} result` : d.kind === 'error' ? `error ${d.code}` : 'a malformed answer');

/** The status rules, checked in order; the first broken one is the verdict. */
const STATUS_RULES: readonly Rule[] = [
  { applies: (d) => d.kind === 'result', holds: (s) => s === 200, expected: 'a result with HTTP 200', rules: ['R-WIRE-3'], why: () => 'R-WIRE-3: "Success: HTTP 200"' },
  {
    applies: (d) => d.kind === 'error',
    holds: (s) => !is2xx(s),
    expected: 'an error with a status that is not 2xx',
    rules: ['R-WIRE-4', 'R-WIRE-10'],
    why: () => 'R-WIRE-4: "Error: HTTP status not 2xx" (R-WIRE-10: the seed\'s "2XX for caller mistakes" paragraph is not applied)',
  },
  {
    // only codes the error table marks not retriable; retriable or illegible ones may use 4xx or 5xx (R-WIRE-4 set)
    applies: (d) => d.kind === 'error' && errorEntry(d.code)?.retriable === false,
    holds: is4xx,
    expected: 'a non-retriable error with a 4xx status',
    rules: ['R-WIRE-4', 'R-WIRE-10'],
    why: (d) => `R-WIRE-4: "Non-retriable caller errors use 4xx", and the error table marks ${codeOf(d)} not retriable (R-WIRE-10)`,
  },
];

/**
 * R-WIRE-3, R-WIRE-4, R-WIRE-10: a result comes with HTTP 200 in the namespace of the Version
 * requested; an error with a status that is not 2xx, a 4xx when the error table says it is not
 * retriable. Undefined when the envelope holds (or there is no decoded API answer to judge).
 */
export function wireProblem(step: Answered): WireProblem | undefined {
  const d = step.observed;
  if (d.kind !== 'result' && d.kind !== 'error') return undefined;
  if (step.status !== undefined) {
    const broken = STATUS_RULES.find((r) => r.applies(d) && !r.holds(step.status!));
    if (broken) return { observed: `${briefly(d)} with HTTP ${step.status}`, expected: broken.expected, rules: broken.rules, why: broken.why(d) };
  }
  if (d.kind === 'result' && step.input.kind === 'api' && d.version !== step.input.version) {
    return {
      observed: `${briefly(d)} in the ${d.version} namespace`,
      expected: `a result in the namespace of the Version requested, ${namespaceFor(step.input.version)}`,
      rules: ['R-WIRE-3'],
      why: `R-WIRE-3: the root is <{Action}Response xmlns="http://fps.amazonaws.com/doc/{Version}/"> for the request's Version ${step.input.version}`,
    };
  }
  return undefined;
}

