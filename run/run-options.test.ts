// Flag parsing, selection, the requirement roll-up and the reproduce commands.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.ts';
import { parseDuration, parseReplay, parseSeed, parsePositiveInt, resolveCredentials, formatReplay } from './run-options.ts';
import { optionsFromFlags } from '../bin/actions/run.ts';
import { selectChecks, grepMatches } from './select.ts';
import { rollUp } from './rollup.ts';
import { replayCommand, runCommand } from './command-line.ts';
import type { Check, Suite } from '../core/suite.ts';
import type { CheckResult } from '../core/result.ts';
import type { Requirement } from '../spec/types.ts';

describe('flag values', () => {
  it('parses durations, seeds, counts and replay specs, and refuses bad ones with one line', () => {
    expect(parseDuration('--time-limit', '90')).toBe(90_000);
    expect(parseDuration('--time-limit', '90s')).toBe(90_000);
    expect(parseDuration('--time-limit', '1m30s')).toBe(90_000);
    expect(parseDuration('--time-limit', '2m')).toBe(120_000);
    expect(parseDuration('--time-limit', '1h')).toBe(3_600_000);
    expect(parseDuration('--time-limit', '1h2m3s')).toBe(3_723_000);
    // forms parse-duration would take but the help does not promise: refused, never read as ms
    for (const bad of ['', 'abc', '-5', '0', '1.5m', '500ms', '2 weeks', '1d', '0s']) expect(() => parseDuration('--time-limit', bad)).toThrow(UsageError);
    expect(() => parseDuration('--time-limit', 'soon')).toThrow('--time-limit must be a duration like 90, 90s, 2m or 1m30s, got "soon"');
    expect(parseSeed('-12')).toBe(-12);
    expect(() => parseSeed('1e3')).toThrow(/--seed/);
    expect(() => parseSeed('99999999999')).toThrow(UsageError);
    expect(() => parsePositiveInt('--runs', '0', 10)).toThrow(/--runs/);
    expect(parseReplay('1234:5:1:0')).toEqual({ seed: 1234, path: '5:1:0' });
    expect(parseReplay('signature/x@-7:0')).toEqual({ checkId: 'signature/x', seed: -7, path: '0' });
    expect(parseReplay('wire/y@42')).toEqual({ checkId: 'wire/y', seed: 42 });
    expect(formatReplay({ checkId: 'a/b', seed: 1, path: '2:3' })).toBe('a/b@1:2:3');
    expect(() => parseReplay('x:y')).toThrow(/--replay/);
  });

  it('reads credentials from flags or env, needs both halves', () => {
    expect(resolveCredentials({}, {})).toEqual({});
    expect(resolveCredentials({}, { FPS_ACCESS_KEY_ID: 'A', FPS_SECRET_ACCESS_KEY: 'S' })).toEqual({ credentials: { accessKeyId: 'A', secretAccessKey: 'S' }, from: 'env' });
    expect(resolveCredentials({ accessKeyId: 'B', secretAccessKey: 'T' }, {}).from).toBe('flags');
    expect(() => resolveCredentials({ accessKeyId: 'B' }, {})).toThrow(/both/);
  });

  it('turns CLI flags into options and rejects contradictions', () => {
    expect(optionsFromFlags({ suite: 'signature, wire', runs: '5', timeLimit: '1m', profile: 'core' }, {})).toMatchObject({ suites: ['signature', 'wire'], runs: 5, timeLimitMs: 60_000, profile: 'core' });
    expect(() => optionsFromFlags({ profile: 'fast' }, {})).toThrow(/--profile/);
    expect(() => optionsFromFlags({ seed: '1', replay: 'a/b@2:0' }, {})).toThrow(/contradicts/);
    expect(() => optionsFromFlags({ grep: '  ' }, {})).toThrow(/--grep/);
  });
});

const check = (id: string, requirements: string[], tags: string[] = []): Check => ({ id, title: id, requirements, tags, run: async () => ({ status: 'pass' }) });
const REGISTRY: Suite[] = [
  { name: 'signature', title: 's', checks: [check('signature/a', ['R-AUTH-1'], ['stateless']), check('signature/tampered', ['R-AUTH-2'])] },
  { name: 'wire', title: 'w', checks: [check('wire/ns', ['R-WIRE-3'])] },
];

describe('selection', () => {
  it('selects by suite, requirement id, tag and id substring; refuses unknown suites and empty matches', () => {
    expect(grepMatches(REGISTRY[0]!.checks[1]!, 'r-auth-2')).toBe(true);
    expect(grepMatches(REGISTRY[0]!.checks[0]!, 'stateless')).toBe(true);
    expect(grepMatches(REGISTRY[0]!.checks[1]!, 'tamper')).toBe(true);
    expect(grepMatches(REGISTRY[1]!.checks[0]!, 'R-AUTH-2,tamper')).toBe(false);
    expect([...selectChecks(REGISTRY, { grep: 'R-AUTH-2,ns' }).run].sort()).toEqual(['signature/tampered', 'wire/ns']);
    expect(selectChecks(REGISTRY, { suites: ['wire'] }).suites.map((s) => s.name)).toEqual(['wire']);
    expect(() => selectChecks(REGISTRY, { suites: ['nope'] })).toThrow(/unknown suite "nope" \(known: signature, wire\)/);
    expect(() => selectChecks(REGISTRY, { grep: 'R-NOPE' })).toThrow(/matches no check/);
  });

  it('--replay picks one check, by name or by a --grep that selects exactly one', () => {
    const byName = selectChecks(REGISTRY, { replay: { checkId: 'wire/ns', seed: 1 } });
    expect([...byName.run]).toEqual(['wire/ns']);
    expect(byName.suites.map((s) => s.name)).toEqual(['wire']);
    expect(() => selectChecks(REGISTRY, { replay: { seed: 1 } })).toThrow(/needs one check/);
    expect([...selectChecks(REGISTRY, { grep: 'tampered', replay: { seed: 1, path: '0' } }).run]).toEqual(['signature/tampered']);
  });
});

const req = (id: string, appliesTo: Requirement['appliesTo'] = 'service'): Requirement => ({ id, kind: 'firm', area: 'wire', title: id, text: id, cites: [], appliesTo });
const result = (id: string, status: CheckResult['status'], requirements: string[], message?: string): CheckResult => ({ id, suite: 's', title: id, requirements, status, durationMs: 0, ...(message ? { message } : {}) });

describe('requirement roll-up', () => {
  it('fail if any covering check failed; pass only if all ran and passed; reasons otherwise', () => {
    const rows = rollUp(
      [req('R-A'), req('R-B'), req('R-C'), req('R-D'), req('R-SBX-1'), req('R-CLIENT', 'client')],
      [
        result('c1', 'pass', ['R-A', 'R-B']),
        result('c2', 'fail', ['R-B']),
        result('c3', 'pass', ['R-C']),
        result('c4', 'not-tested', ['R-C'], 'time limit: the run reached --time-limit'),
        result('c5', 'pass', ['R-SBX-1']),
      ],
      { profile: 'core', kind: 'emulator', profileOnly: new Set(['R-SBX-1']) },
    );
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(by['R-A']).toMatchObject({ status: 'pass', checks: ['c1'] });
    expect(by['R-B']!.status).toBe('fail');
    expect(by['R-C']).toMatchObject({ status: 'not-tested' });
    expect(by['R-C']!.reason).toContain('c4 did not run: time limit');
    expect(by['R-D']).toMatchObject({ status: 'not-tested', reason: 'no check in this run covers it' });
    expect(by['R-SBX-1']!.status).toBe('not-applicable');
    expect(by['R-CLIENT']!.status).toBe('not-applicable');
  });
});

describe('reproduce commands', () => {
  it('pins target, seed and options, and never prints a secret', () => {
    const o = { target: 'http://127.0.0.1:8080/', runs: 50, credentials: { accessKeyId: 'AKID', secretAccessKey: 'SECRET' }, credentialsFrom: 'flags' as const, grep: 'R-AUTH-2' };
    const cmd = runCommand(o, 99);
    expect(cmd).toBe(`npx fps-conformance run --target http://127.0.0.1:8080/ --seed 99 --runs 50 --access-key-id AKID --secret-access-key "$FPS_SECRET_ACCESS_KEY" --grep R-AUTH-2`);
    expect(cmd).not.toContain('SECRET ');
    const replay = replayCommand(o, 'signature', { checkId: 'signature/tampered', seed: 99, path: '3:0' });
    expect(replay).toContain('--suite signature --replay signature/tampered@99:3:0');
    expect(replay).not.toContain('--grep');
  });
});
