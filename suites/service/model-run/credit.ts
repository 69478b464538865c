// Which catalogue ids a judged answer exercised (core/suite.ts `exercised`): PIPELINE-<Name> for a
// Co-Branded request the model judged, ERROR-<Code> only when that exact code was the one answer
// allowed (a set of codes, or a success beside it, proves nothing about any one code).
import type { Answer, ModelInput } from '../../../spec/model/api.ts';
import { PIPELINES, type PipelineName } from '../../../spec/types.ts';

/** ERROR-<code> when every allowed answer is an error with that one code (not '*'). */
export function requiredErrorId(allowed: readonly Answer[]): string | undefined {
  const codes = new Set<string>();
  for (const a of allowed) {
    if (a.kind !== 'error' || a.code === '*') return undefined;
    codes.add(a.code);
  }
  return codes.size === 1 ? `ERROR-${[...codes][0]}` : undefined;
}

/** ERROR-<code> for a stateless check that refused with the only accepted code (spec/catalogue/accepted.ts). */
export function requiredCodeId(codes: readonly string[]): string | undefined {
  return codes.length === 1 ? `ERROR-${codes[0]}` : undefined;
}

/** PIPELINE-<Name> for a Co-Branded request naming one of the five pipelines (names in any case, R-WIRE-2). */
export function pipelineId(input: ModelInput): string | undefined {
  if (input.kind !== 'cbui') return undefined;
  const entry = Object.entries(input.params).find(([k]) => k.toLowerCase() === 'pipelinename');
  const name = entry?.[1];
  return name !== undefined && (PIPELINES as readonly string[]).includes(name) ? `PIPELINE-${name as PipelineName}` : undefined;
}

/** The ids one judged step exercised: its pipeline, and the error code the model required of it. */
export function stepCredits(input: ModelInput, allowed: readonly Answer[], matched: Answer): string[] {
  const out: string[] = [];
  const p = pipelineId(input);
  if (p) out.push(p);
  if (input.kind === 'api' && matched.kind === 'error') {
    const e = requiredErrorId(allowed);
    if (e === `ERROR-${matched.code}`) out.push(e);
  }
  return out;
}
