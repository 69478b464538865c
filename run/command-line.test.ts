// One replay format for both directions: the SDK's replay line carries the seed, and a generated
// sequence replays by `--replay <check-id>@<seed>:<path>` as `run --replay` does.
import { describe, expect, it } from 'vitest';
import { sdkReplayCommand, withSeed } from './command-line.ts';
import { grepMatches, grepSelect } from './select.ts';

describe('SDK command lines', () => {
  it('withSeed adds --seed only when the command lacks one', () => {
    expect(withSeed('npx fps-conformance sdk --adapter a', 7)).toBe('npx fps-conformance sdk --adapter a --seed 7');
    expect(withSeed('npx fps-conformance sdk --seed 3 --adapter a', 7)).toBe('npx fps-conformance sdk --seed 3 --adapter a');
  });
  it('a generated case replays by its path, any other check by --grep its id', () => {
    expect(sdkReplayCommand('npx fps-conformance sdk --adapter a', { checkId: 'sequences/s', seed: 4, path: '2:1' })).toBe('npx fps-conformance sdk --adapter a --seed 4 --replay sequences/s@4:2:1');
    expect(sdkReplayCommand('npx fps-conformance sdk --adapter a', { checkId: 'request/version', seed: 4 })).toBe('npx fps-conformance sdk --adapter a --seed 4 --grep request/version');
    // a replay line printed by a replay or a --grep run names only the check it replays
    expect(sdkReplayCommand("npx fps-conformance sdk --grep 'faults/,cbui' --adapter a --replay s@4:1", { checkId: 'sequences/s', seed: 4, path: '0' })).toBe('npx fps-conformance sdk --adapter a --seed 4 --replay sequences/s@4:0');
  });
});

describe('one --grep', () => {
  const check = { id: 'faults/slow-answer', requirements: ['R-WIRE-5'], tags: ['fault'] };
  it('requirement id, tag, part of the id, comma alternatives (any case)', () => {
    for (const p of ['r-wire-5', 'fault', 'slow', 'nope,SLOW']) expect(grepMatches(check, p)).toBe(true);
    expect(grepMatches(check, 'request/')).toBe(false);
  });
  it('the sdk command\'s regular-expression form still selects', () => {
    expect(grepMatches(check, '^faults/(slow|reset)')).toBe(true);
    expect(grepMatches(check, '^request/')).toBe(false);
  });
  it('a pattern that selects nothing is a usage error', () => {
    expect(() => grepSelect([check], 'R-NOPE', 'the SDK checks')).toThrow(/matches no check in the SDK checks/);
  });
});
