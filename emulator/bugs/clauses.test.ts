// The clause table is whole: every firm clause has an injected bug or a reason, every bug names a
// clause of the table whose rule it cites, and the corpus covers at least 80 clauses (issue 10).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ALL_BUGS, BUGS } from '../bugs.ts';
import { NOT_YET_CAUGHT } from './pending.ts';
import { CLAUSES, clauseCoverage, UNCHECKED_CLAUSES } from './clauses.ts';

describe('the clause table', () => {
  it('gives every clause a bug or a reason, never both, and every bug a clause of the table', () => {
    expect(clauseCoverage().problems).toEqual([]);
  });

  it('has one bug per clause and at least 80 clauses with a bug', () => {
    const clauses = BUGS.map((b) => b.clause);
    expect(new Set(clauses).size).toBe(clauses.length);
    expect(clauseCoverage().withBug.length).toBeGreaterThanOrEqual(80);
  });

  it('names only rules of the ledger, and every firm rule has a clause', () => {
    const rulings = readFileSync(new URL('../../../shared/fps-rulings.md', import.meta.url), 'utf8');
    const ids = [...rulings.matchAll(/^- (R-[A-Z]+-\d+b?) /gm)].map((m) => m[1]!);
    for (const c of CLAUSES) expect(ids, c.id).toContain(c.rule);
    for (const id of ids) expect(CLAUSES.some((c) => c.rule === id), id).toBe(true);
  });

  it('lists as not yet caught only bugs that exist, and keeps them out of the corpus', () => {
    for (const name of Object.keys(NOT_YET_CAUGHT)) {
      expect(ALL_BUGS.map((b) => b.name)).toContain(name);
      expect(BUGS.map((b) => b.name)).not.toContain(name);
    }
  });

  it('exports the unchecked clauses with their reasons for the report', () => {
    expect(UNCHECKED_CLAUSES.length).toBe(CLAUSES.filter((c) => c.reason).length);
    for (const u of UNCHECKED_CLAUSES) expect(u.reason.length).toBeGreaterThan(10);
  });
});
