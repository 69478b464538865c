// The single source of truth technique: a transition runs over ONE concrete world and calls
// `choose(n, what)` wherever the contract allows several behaviours. The emulator passes its own
// chooser; the checker replays the transition with every scripted choice sequence (depth first).
import type { Chooser } from './api.ts';

/** Replays `run` over every choice path. `run` must be deterministic given its choices. */
export function enumeratePaths<R>(run: (choose: Chooser) => R, maxPaths = 4096): { results: R[]; truncated: boolean } {
  const results: R[] = [];
  const stack: number[][] = [[]];
  while (stack.length > 0) {
    if (results.length >= maxPaths) return { results, truncated: true };
    const script = stack.pop()!;
    const taken: number[] = [];
    const widths: number[] = [];
    const choose: Chooser = (n, _what) => {
      const i = taken.length;
      const pick = i < script.length ? script[i]! : 0;
      taken.push(n <= 1 ? 0 : Math.min(pick, n - 1));
      widths.push(Math.max(1, n));
      return taken[i]!;
    };
    results.push(run(choose));
    // every alternative at choice points past the script, pushed so the nominal path comes first
    const alts: number[][] = [];
    for (let i = script.length; i < taken.length; i++) {
      for (let a = 1; a < widths[i]!; a++) alts.push([...taken.slice(0, i), a]);
    }
    for (let j = alts.length - 1; j >= 0; j--) stack.push(alts[j]!);
  }
  return { results, truncated: false };
}

/** Pick one element of a non-empty list with the chooser (index 0 is the nominal one). */
export function pick<T>(choose: Chooser, options: readonly T[], what: string): T {
  if (options.length === 0) throw new Error(`model bug: empty choice for ${what}`);
  if (options.length === 1) return options[0]!;
  const i = choose(options.length, what);
  return options[Number.isInteger(i) && i >= 0 && i < options.length ? i : 0]!;
}

/** A yes/no choice; `nominal` is what choice 0 means. */
export function maybe(choose: Chooser, nominal: boolean, what: string): boolean {
  return choose(2, what) === 0 ? nominal : !nominal;
}
