// A model-based run's failure: the target answered something no allowed outcome matches.
import type { Exchange } from '../../../core/wire.ts';

export class ModelMismatch extends Error {
  override name = 'ModelMismatch';
  constructor(
    /** the command line that got the answer, e.g. "#4 Pay(token#1, limit)" */
    readonly step: string,
    /** what the target said */
    readonly observed: string,
    /** every answer the model allowed */
    readonly allowed: readonly string[],
    readonly rules: readonly string[],
    /** why each allowed answer was not it */
    readonly reasons: readonly string[],
    readonly exchange?: Exchange,
    /** the model's own warnings at that point (e.g. worlds dropped past its cap): the verdict may be too strict */
    readonly modelWarnings: readonly string[] = [],
  ) {
    super(`${step}: the target answered ${observed}; allowed: ${allowed.join(' | ')} (${rules.join(', ')})`);
  }
}

/** The target broke the sandbox protocol (shared/sandbox-protocol.md) so the run cannot go on. */
export class SandboxFailure extends Error {
  override name = 'SandboxFailure';
}
