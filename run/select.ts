// Which checks a run executes: --suite picks suites by name, --grep picks checks by requirement id,
// tag or check-id substring (comma-separated alternatives) in both directions, --replay picks exactly one check.
import { UsageError } from '../core/errors.ts';
import type { ReplaySpec } from './run-options.ts';
import type { Check, CheckRecord, Suite } from '../core/suite.ts';

export interface Selection {
  suites: Suite[];
  /** ids of the checks to run; the others in `suites` are reported not-tested */
  run: Set<string>;
}

/**
 * The one --grep of both directions: comma-separated alternatives, each a requirement id (R-AUTH-2),
 * a tag, or part of a check id (any case); or the whole pattern as a regular expression over the id
 * (`^faults/(slow|reset)`), the form the sdk command has always taken.
 */
export function grepMatches(check: Pick<CheckRecord, 'id' | 'requirements' | 'tags'>, pattern: string): boolean {
  const byWord = pattern
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)
    .some(
      (p) =>
        check.requirements.some((r) => r.toLowerCase() === p) ||
        (check.tags ?? []).some((t) => t.toLowerCase() === p) ||
        check.id.toLowerCase().includes(p),
    );
  return byWord || (asRegExp(pattern)?.test(check.id) ?? false);
}

function asRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

/** The ids --grep selects; a pattern that selects nothing is a usage error (exit 2), never an empty pass. */
export function grepSelect(records: readonly Pick<CheckRecord, 'id' | 'requirements' | 'tags'>[], grep: string | undefined, where = 'the selected suites'): Set<string> {
  const chosen = grep !== undefined ? records.filter((c) => grepMatches(c, grep)) : records;
  if (grep !== undefined && chosen.length === 0) throw new UsageError(`--grep ${JSON.stringify(grep)} matches no check in ${where}`);
  return new Set(chosen.map((c) => c.id));
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
  const picked = grepSelect(all, o.grep);
  let chosen: Check[] = all.filter((c) => picked.has(c.id));
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
