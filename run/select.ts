// Which checks a run executes: --suite picks suites by name, --grep picks checks by requirement id,
// tag or check-id substring (comma-separated alternatives), --replay picks exactly one check.
import { UsageError } from '../core/errors.ts';
import type { ReplaySpec } from './run-options.ts';
import type { Check, Suite } from '../core/suite.ts';

export interface Selection {
  suites: Suite[];
  /** ids of the checks to run; the others in `suites` are reported not-tested */
  run: Set<string>;
}

export function grepMatches(check: Check, pattern: string): boolean {
  return pattern
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)
    .some(
      (p) =>
        check.requirements.some((r) => r.toLowerCase() === p) ||
        (check.tags ?? []).some((t) => t.toLowerCase() === p) ||
        check.id.toLowerCase().includes(p),
    );
}

export function selectChecks(registry: readonly Suite[], o: { suites?: string[]; grep?: string; replay?: ReplaySpec }): Selection {
  const known = new Map(registry.map((s) => [s.name, s]));
  let suites: Suite[] = [...registry];
  if (o.suites?.length) {
    const unknown = o.suites.filter((n) => !known.has(n));
    if (unknown.length) throw new UsageError(`unknown suite ${unknown.map((n) => JSON.stringify(n)).join(', ')} (known: ${[...known.keys()].join(', ')})`);
    suites = o.suites.map((n) => known.get(n)!);
  }
  const all = suites.flatMap((s) => s.checks);
  let chosen = o.grep !== undefined ? all.filter((c) => grepMatches(c, o.grep!)) : all;
  if (o.grep !== undefined && chosen.length === 0) throw new UsageError(`--grep ${JSON.stringify(o.grep)} matches no check in the selected suites`);
  if (o.replay) {
    if (o.replay.checkId !== undefined) {
      chosen = all.filter((c) => c.id === o.replay!.checkId);
      if (chosen.length === 0) throw new UsageError(`--replay names check ${JSON.stringify(o.replay.checkId)}, which is not in the selected suites`);
    } else if (chosen.length !== 1) {
      throw new UsageError(`--replay needs one check: name it (--replay <check-id>@<seed>:<path>) or narrow --grep (it selects ${chosen.length})`);
    }
    suites = suites.filter((s) => s.checks.some((c) => c.id === chosen[0]!.id));
  }
  return { suites, run: new Set(chosen.map((c) => c.id)) };
}
