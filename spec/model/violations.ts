// A request may break several rules at once; every applicable error code is then allowed (rulings
// preamble). Checks collect Violations; `decide` turns them into one answer through the chooser.
import type { Chooser } from './api.ts';
import type { ErrorCode } from '../catalogue/errors.ts';
import { maybe, pick } from './choose.ts';

export interface Violation {
  /** any one of these is a conforming answer */
  codes: readonly ErrorCode[];
  rules: readonly string[];
  why: string;
  /** false inside a tolerance band or where the contract leaves it open: the error may or may not apply */
  sure: boolean;
}

export const v = (codes: readonly ErrorCode[], rules: readonly string[], why: string, sure = true): Violation => ({ codes, rules, why, sure });

export interface Decision {
  code: ErrorCode;
  rules: string[];
  why: string;
}

/** Which violations apply (unsure ones by choice, nominally not), then which code among theirs. */
export function decide(choose: Chooser, violations: readonly Violation[]): Decision | undefined {
  const applied = violations.filter((x) => x.sure || maybe(choose, false, `error ${x.codes.join('|')}? (${x.why})`));
  if (applied.length === 0) return undefined;
  const codes = [...new Set(applied.flatMap((x) => x.codes))];
  const code = pick(choose, codes, 'which error code');
  const hits = applied.filter((x) => x.codes.includes(code));
  return { code, rules: [...new Set(hits.flatMap((x) => x.rules))], why: hits.map((x) => x.why).join('; ') };
}
