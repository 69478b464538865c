// Why a check did not reach a verdict, as a tag on its outcome rather than a message prefix: the
// runner asks "did the time limit stop this?" by type, and the message stays free text for readers.
// The tag is a symbol key, so spreading an outcome keeps it and JSON (results.json) never shows it.
import type { CheckResult } from './result.ts';

const TIME_LIMITED: unique symbol = Symbol('fps-conformance.time-limited');

/** An outcome that --time-limit (or a signal ending the run's time) kept from running a case. */
export type TimeLimited<T extends object> = T & { readonly [TIME_LIMITED]: true };

export function timeLimited<T extends object>(outcome: T): TimeLimited<T> {
  return { ...outcome, [TIME_LIMITED]: true } as TimeLimited<T>;
}

/** True for an outcome (or the CheckResult built from it) tagged by `timeLimited`. */
export function isTimeLimited(outcome: object): boolean {
  return (outcome as Partial<Record<typeof TIME_LIMITED, boolean>>)[TIME_LIMITED] === true;
}

/** The not-tested outcome of a property whose budget was spent before its first case. */
export const beforeFirstCase = (): TimeLimited<Pick<CheckResult, 'status' | 'message' | 'numRuns'>> =>
  timeLimited({ status: 'not-tested' as const, message: 'time limit reached before the first case', numRuns: 0 });

/**
 * A failure of the kit itself (not of the target or the SDK): a thrown error that is none of the
 * kit's known kinds. Carried as a record so the runner and bin/ read it without parsing notes.
 */
export interface InternalError {
  checkId: string;
  text: string;
}

export const internalErrorNote = (e: InternalError): string => `internal error: ${e.checkId}: ${e.text}`;
