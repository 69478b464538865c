// What a transition gets besides its world: the chooser, the profile, and the ids it binds.
import type { Answer, Chooser, Expect, FreshKind, ModelOptions } from './api.ts';
import { isPlaceholder, placeholder, type World } from './worlds.ts';

export interface Ctx {
  choose: Chooser;
  profile: ModelOptions['profile'];
  /** emulator side: decide finals at `process` at once (the emulator must deliver their IPNs);
   *  checker side: leave them to the first observation, so worlds do not multiply */
  eager: boolean;
  /** bind name (as in the answer's `fresh` Expect) → placeholder it stands for in the world */
  binds: Record<string, string>;
}

export interface StepResult {
  answer: Answer;
  rules: string[];
  why: string;
}

/** Target-chosen id lengths (R-WIRE-7). */
export const MAX_LENGTH: Partial<Record<FreshKind, number>> = { TransactionId: 35, TokenId: 65, RequestId: 64 };

/** A new id the target picks: a placeholder in the world, a `fresh` Expect in the answer. */
export function fresh(w: World, ctx: Ctx, kind: FreshKind, bind: string = kind): { value: string; expect: Expect } {
  w.seq += 1;
  const ph = placeholder(w.seq, kind);
  ctx.binds[bind] = ph;
  const maxLength = MAX_LENGTH[kind];
  return { value: ph, expect: maxLength === undefined ? { fresh: kind, bind } : { fresh: kind, bind, maxLength } };
}

/** An id the model holds: literal when known, or a `fresh` Expect binding the placeholder left by unknown(). */
export function idExpect(ctx: Ctx, value: string, kind: FreshKind, bind: string): Expect {
  if (!isPlaceholder(value)) return value;
  ctx.binds[bind] = value;
  const maxLength = MAX_LENGTH[kind];
  return maxLength === undefined ? { fresh: kind, bind } : { fresh: kind, bind, maxLength };
}

/** RequestId: fresh, never stored, so it takes no placeholder (R-WIRE-3, R-WIRE-7). */
export const REQUEST_ID: Expect = { fresh: 'RequestId', bind: 'RequestId', maxLength: 64 };

export function errorAnswer(code: Answer & { kind: 'error' } extends { code: infer C } ? C : never, rules: string[], why: string): StepResult {
  return { answer: { kind: 'error', code }, rules, why };
}
