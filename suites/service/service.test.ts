// The suite registry the runner reads: unique suite names and check ids, ids under their suite,
// every check citing at least one requirement the catalogue knows (traceability).
import { describe, expect, it } from 'vitest';
import { allRequirements } from '../../spec/catalogue/index.ts';
import { STATELESS_SUITES, SUITES } from './index.ts';

describe('suite registry', () => {
  it('has unique suite names and check ids, each id "<suite>/<name>"', () => {
    const names = SUITES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    const ids = SUITES.flatMap((s) => s.checks.map((c) => c.id));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const s of SUITES) for (const c of s.checks) expect(c.id.startsWith(`${s.name}/`), c.id).toBe(true);
    for (const n of STATELESS_SUITES) expect(names).toContain(n);
  });

  it('every check cites requirements the catalogue knows', () => {
    const known = new Set(allRequirements().map((r) => r.id));
    const unknown = SUITES.flatMap((s) => s.checks.flatMap((c) => (c.requirements.length ? c.requirements.filter((r) => !known.has(r)).map((r) => `${c.id}: ${r}`) : [`${c.id}: cites nothing`])));
    expect(unknown).toEqual([]);
  });
});
