// `run --compare`: the same generated cases against two emulators, answers compared after id mapping.
import { afterEach, describe, expect, it } from 'vitest';
import { runCompare } from './compare-run.ts';
import { createEmulator, type Emulator } from '../emulator/index.ts';

const SEED = 777;
const base = { seed: SEED, runs: 6, suites: ['tokens', 'reserve-settle', 'refunds'] };
const open: Emulator[] = [];
function emulator(options: Parameters<typeof createEmulator>[0]): (r: Request) => Promise<Response> {
  const e = createEmulator(options);
  open.push(e);
  return (r) => e.handle(r);
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

describe('--compare', () => {
  it('between two correct emulators that pick other ids reports nothing (exit 0)', async () => {
    const out = await runCompare({ ...base, handler: emulator({ seed: 1 }) }, { ...base, handler: emulator({ seed: 2 }) });
    expect(out.compared).toBeGreaterThan(10);
    expect(out.differences).toEqual([]);
    expect(out.verdicts).toEqual([]);
    expect(out.exitCode).toBe(0);
  }, 180_000);

  it('between a correct emulator and one with an injected bug reports the difference the bug makes (exit 1)', async () => {
    const out = await runCompare({ ...base, handler: emulator({ seed: 1 }) }, { ...base, handler: emulator({ seed: 2, bugs: ['tok-single-use-twice'] }) });
    expect(out.exitCode).toBe(1);
    expect(out.failing.length).toBeGreaterThan(0);
    // the bug is B's: where the two differ, the model allows A's answer only
    expect(out.failing.every((d) => d.kind === 'only-a')).toBe(true);
    expect(out.failing.some((d) => /Pay|Reserve/.test(d.label))).toBe(true);
    expect(out.verdicts.some((v) => v.a === 'pass' && v.b === 'fail')).toBe(true);
  }, 180_000);

  it('between the nominal and a random-choice emulator reports only choices the contract leaves open (exit 0)', async () => {
    const out = await runCompare({ ...base, handler: emulator({ seed: 1 }) }, { ...base, handler: emulator({ seed: 5, choice: 'random' }) });
    expect(out.differences.filter((d) => d.kind === 'allowed-choice').length).toBeGreaterThan(0);
    expect(out.failing).toEqual([]);
    expect(out.differences.every((d) => d.kind === 'allowed-choice' || d.kind === 'diverged')).toBe(true);
    expect(out.exitCode).toBe(0);
  }, 180_000);
});
