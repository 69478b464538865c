// The contract audit: every point where the seeds, the rulings and the sandbox protocol leave the
// outcome open, and what the kit does there. Reports render this list as "open points the kit does
// not judge", so a reader sees every place where two correct implementations may differ.
import type { Area, Citation } from '../types.ts';

/**
 * accept-set: the kit accepts every member of `accepted` (the model offers each as an outcome).
 * not-generated: the kit never sends the case, so no verdict rests on it.
 * not-judged: the kit sends it (or it happens) but asserts nothing about the answer.
 */
export type OpenPointTreatment = 'accept-set' | 'not-generated' | 'not-judged';

export interface OpenPoint {
  /** stable id, e.g. "OPEN-CBUI-INSTRUMENT-OUTSIDE-SET" */
  id: string;
  area: Area;
  /** what is open, in one line */
  title: string;
  /** the R- rulings (or catalogue ids) this point reads */
  rules: readonly string[];
  cites: readonly Citation[];
  treatment: OpenPointTreatment;
  /** accept-set: the outcomes the kit accepts, each in a few words */
  accepted?: readonly string[];
  /** where the kit implements the treatment (file or function), for contributors */
  where: string;
}

/** Filled by the contract audit (issue: verdicts that hold on emulators we did not write). */
export const OPEN_POINTS: readonly OpenPoint[] = [];
