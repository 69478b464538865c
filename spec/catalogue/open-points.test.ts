// The contract audit as data: every open point names rules the catalogue has, says where the kit
// implements its treatment (a file that exists), and an accepted set lists what it accepts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requirementById } from './index.ts';
import { OPEN_POINTS } from './open-points.ts';
import { API_REF, RULINGS } from './cite.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = new Set([API_REF, RULINGS, 'sandbox-protocol.md']);

describe('OPEN_POINTS', () => {
  it('has unique ids of the form OPEN-…', () => {
    const ids = OPEN_POINTS.map((p) => p.id);
    expect(ids.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^OPEN-[A-Z0-9-]+$/);
  });

  it('reads only rules the catalogue has, and cites each R- rule it reads', () => {
    for (const p of OPEN_POINTS) {
      expect(p.rules.length, p.id).toBeGreaterThan(0);
      for (const r of p.rules) expect(requirementById(r), `${p.id}: ${r}`).toBeDefined();
      for (const r of p.rules.filter((x) => x.startsWith('R-'))) expect(p.cites, `${p.id}: ${r}`).toContainEqual({ source: RULINGS, section: r });
      for (const c of p.cites) expect(SOURCES.has(c.source), `${p.id}: ${c.source}`).toBe(true);
    }
  });

  it('lists what an accepted set accepts, and nothing for the other treatments', () => {
    for (const p of OPEN_POINTS) {
      if (p.treatment === 'accept-set') expect(p.accepted?.length, p.id).toBeGreaterThan(0);
      else expect(p.accepted, p.id).toBeUndefined();
    }
  });

  it('points at files that exist', () => {
    for (const p of OPEN_POINTS) {
      for (const part of p.where.split(';')) {
        const file = part.trim().split(/\s/)[0]!;
        expect(existsSync(ROOT + file), `${p.id}: ${file}`).toBe(true);
      }
    }
  });
});
