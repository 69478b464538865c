// The rulings travel inside the kit (spec/catalogue/rulings.ts); this keeps them equal to the ledger
// (../shared/fps-rulings.md) whenever the ledger is present, and checks the requirement index and digest.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACTIONS, PIPELINES } from '../types.ts';
import { ACTION_SPECS, ERRORS, RULINGS_REQUIREMENTS, allRequirements, contractDigest, requirementById } from './index.ts';

const LEDGER = fileURLToPath(new URL('../../../shared/fps-rulings.md', import.meta.url));
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Each `- R-…` bullet of the ledger with its continuation lines, whitespace normalised. */
function ledgerRules(text: string): Map<string, string> {
  const rules = new Map<string, string>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^- (R-[A-Z]+-\d+b?) (.*)$/.exec(line);
    if (m) {
      current = m[1]!;
      rules.set(current, m[2]!);
    } else if (current !== undefined && /^\s+\S/.test(line)) rules.set(current, `${rules.get(current)} ${line.trim()}`);
    else current = undefined;
  }
  for (const [k, v] of rules) rules.set(k, squash(v));
  return rules;
}

describe.skipIf(!existsSync(LEDGER))('rulings.ts against the ledger', () => {
  const ledger = ledgerRules(readFileSync(LEDGER, 'utf8'));

  it('has every rule id of fps-rulings.md, with the same text', () => {
    expect(ledger.size).toBeGreaterThanOrEqual(50);
    for (const [id, text] of ledger) {
      const r = requirementById(id);
      expect(r, id).toBeDefined();
      expect(squash(r!.text), id).toBe(text);
    }
  });

  it('has no rule the ledger lacks', () => {
    expect(RULINGS_REQUIREMENTS.map((r) => r.id).filter((id) => !ledger.has(id))).toEqual([]);
  });
});

describe('requirements', () => {
  it('marks set rules set and firm rules firm (R-SBX-1/2 firm within their profile)', () => {
    expect(requirementById('R-WIRE-9')?.kind).toBe('set');
    expect(requirementById('R-IDEM-5')?.kind).toBe('set');
    expect(requirementById('R-WIRE-3')?.kind).toBe('firm');
    expect(requirementById('R-SBX-1')?.kind).toBe('firm');
    expect(requirementById('R-SBX-2')?.area).toBe('sandbox');
  });

  it('cites the ledger entry in every ruling record', () => {
    for (const r of RULINGS_REQUIREMENTS) {
      expect(r.cites[0]).toEqual({ source: 'fps-rulings.md', section: r.id });
      expect(r.title.length).toBeGreaterThan(0);
    }
  });

  it('has one record per action, pipeline and error, with unique ids', () => {
    const all = allRequirements();
    const ids = all.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of ACTIONS) expect(ids).toContain(`ACTION-${a}`);
    for (const p of PIPELINES) expect(ids).toContain(`PIPELINE-${p}`);
    for (const e of ERRORS) expect(ids).toContain(`ERROR-${e.code}`);
    expect(all.length).toBe(RULINGS_REQUIREMENTS.length + ACTIONS.length + PIPELINES.length + ERRORS.length);
    expect(requirementById('ACTION-Pay')?.text).toContain('SenderTokenId');
    expect(requirementById('nope')).toBeUndefined();
  });

  it('hands out copies: a caller cannot change the index', () => {
    const r = requirementById('R-WIRE-1')!;
    r.cites.length = 0;
    expect(requirementById('R-WIRE-1')!.cites.length).toBeGreaterThan(0);
  });
});

describe('contractDigest', () => {
  it('is stable sha256 hex and separates catalogue from rulings', () => {
    const a = contractDigest();
    const b = contractDigest();
    expect(a).toEqual(b);
    for (const d of [a.digest, a.catalogueDigest, a.rulingsDigest]) expect(d).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set([a.digest, a.catalogueDigest, a.rulingsDigest]).size).toBe(3);
  });

  it('changes when a catalogue fact changes', () => {
    const before = contractDigest();
    const pay = ACTION_SPECS.Pay as { description: string };
    const saved = pay.description;
    try {
      pay.description = `${saved} (edited)`;
      const after = contractDigest();
      expect(after.catalogueDigest).not.toBe(before.catalogueDigest);
      expect(after.rulingsDigest).toBe(before.rulingsDigest);
    } finally {
      pay.description = saved;
    }
    expect(contractDigest()).toEqual(before);
  });
});
