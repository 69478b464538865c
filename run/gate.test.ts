// The CI gate: --fail-on, --baseline (new / known / fixed failures), and the baseline command.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { registerBaseline } from '../bin/commands/baseline.ts';
import { UsageError } from '../core/errors.ts';
import type { RunReport } from '../core/result.ts';
import { BASELINE_KEY, applyGate, baselineFromReport, failingIds, gatedExitCode, parseBaseline, parseFailOn, resolveGateOptions, type Baseline, type BaselineEntry } from './gate.ts';
import { render as renderJson } from '../reporters/json.ts';
import { fixture } from '../test/support/report-fixtures.ts';

const baseline = (failures: Baseline['failures'], notes?: Record<string, string>): Baseline => ({ [BASELINE_KEY]: 1, failures, ...(notes ? { notes } : {}) });
const FAILING = ['ACTION-Refund', 'PIPELINE-MultiUse', 'R-IDEM-2', 'R-IPN-1', 'R-IPN-2', 'R-REF-2', 'R-TOK-7', 'R-WIRE-5'];
/** the same failures as (check, requirement) entries, the form `baseline --write` records */
const ENTRIES = [
  'idempotency/same-caller-reference-same-answer R-IDEM-2',
  'ipn/notifications-delivered R-IPN-1',
  'ipn/notifications-delivered R-IPN-2',
  'refunds/refund-sum-bounded ACTION-Refund',
  'refunds/refund-sum-bounded R-REF-2',
  'tokens/multi-use-month-windows PIPELINE-MultiUse',
  'tokens/multi-use-month-windows R-TOK-7',
  'wire/malformed-input-is-4xx R-WIRE-5',
];
const entry = (key: string): BaselineEntry => {
  const [check, requirement] = key.split(' ');
  return { check: check!, ...(requirement ? { requirement } : {}) };
};

describe('applyGate', () => {
  it('fails on any failure by default, and passes a passing run', () => {
    expect(failingIds(fixture('failing'))).toEqual(FAILING);
    const g = applyGate(fixture('failing'));
    expect(g.exitCode).toBe(1);
    expect(g.newFailures).toEqual(ENTRIES);
    expect(applyGate(fixture('passing')).exitCode).toBe(0);
  });

  it('passes when every failure is in the baseline, listing them as known', () => {
    const g = applyGate(fixture('failing'), { baseline: baseline(ENTRIES.map(entry), { 'tokens/multi-use-month-windows R-TOK-7': 'month clamping, issue #4' }) });
    expect(g.exitCode).toBe(0);
    expect(g.newFailures).toEqual([]);
    expect(g.knownFailures).toEqual(ENTRIES);
    expect(g.lines).toContain('known failure (baseline): tokens/multi-use-month-windows R-TOK-7 (month clamping, issue #4)');
  });

  it('older baselines by requirement id still excuse every check failing that requirement', () => {
    const g = applyGate(fixture('failing'), { baseline: baseline(FAILING, { 'R-TOK-7': 'issue #4' }) });
    expect(g.exitCode).toBe(0);
    expect(g.lines).toContain('known failure (baseline): tokens/multi-use-month-windows R-TOK-7 (issue #4)');
  });

  it('fails on a failure the baseline does not list', () => {
    const g = applyGate(fixture('failing'), { baseline: baseline(ENTRIES.filter((k) => !k.includes('R-IDEM-2')).map(entry)) });
    expect(g.exitCode).toBe(1);
    expect(g.newFailures).toEqual(['idempotency/same-caller-reference-same-answer R-IDEM-2']);
  });

  it('a known failure of one check does not hide a new failure of the same requirement in another check', () => {
    const report = fixture('failing');
    const other: RunReport = {
      ...report,
      checks: report.checks.map((c) => (c.id === 'idempotency/changed-parameters-duplicate' ? { ...c, status: 'fail' as const, requirements: ['R-IDEM-2'] } : c)),
    };
    const g = applyGate(other, { baseline: baseline(ENTRIES.map(entry)) });
    expect(g.newFailures).toEqual(['idempotency/changed-parameters-duplicate R-IDEM-2']);
    expect(g.exitCode).toBe(1);
  });

  it('an entry that now passes or no longer exists is stale: reported always, failing only with --fail-on stale-baseline', () => {
    const b = baseline([...ENTRIES.map(entry), { check: 'signature/tampered-value-rejected', requirement: 'R-AUTH-2' }, { check: 'wire/removed-check', requirement: 'R-WIRE-9' }, { check: 'wire/success-envelope', requirement: 'R-WIRE-99' }]);
    const plain = applyGate(fixture('failing'), { baseline: b });
    expect(plain.fixed).toEqual(['signature/tampered-value-rejected R-AUTH-2']);
    expect(plain.stale).toEqual(['signature/tampered-value-rejected R-AUTH-2', 'wire/removed-check R-WIRE-9', 'wire/success-envelope R-WIRE-99']);
    expect(plain.exitCode).toBe(0);
    expect(plain.lines.join('\n')).toContain('now passing, remove from baseline: signature/tampered-value-rejected R-AUTH-2');
    expect(plain.lines.join('\n')).toContain('no longer exist (check or requirement gone), remove from baseline: wire/removed-check R-WIRE-9, wire/success-envelope R-WIRE-99');
    const strict = applyGate(fixture('failing'), { baseline: b, failOn: ['fail', 'stale-baseline'] });
    expect(strict.exitCode).toBe(1);
    expect(strict.lines.at(-1)).toBe('gate: FAIL (--fail-on fail,stale-baseline, baseline of 11)');
  });

  it('--fail-on unsupported fails on checks an SDK cannot express; without it they are reported only', () => {
    const report: RunReport = {
      ...fixture('passing'),
      checks: [
        { id: 'calls/pay', suite: 'calls', title: 'Pay', requirements: ['ACTION-Pay'], status: 'unsupported', message: 'not supported by the SDK: no Pay', durationMs: 1 },
        { id: 'calls/settle', suite: 'calls', title: 'Settle', requirements: ['ACTION-Settle'], status: 'blocked', blockedBy: ['calls/pay'], message: 'blocked by calls/pay', durationMs: 1 },
      ],
    };
    expect(applyGate(report).exitCode).toBe(0);
    const g = applyGate(report, { failOn: ['fail', 'unsupported'] });
    expect(g.exitCode).toBe(1);
    expect(g.lines).toContain('not supported by the SDK (--fail-on unsupported): ACTION-Pay');
  });

  it('a baseline entry the run did not check is neither fixed nor failing', () => {
    const g = applyGate(fixture('time-limited'), { baseline: baseline(['R-IDEM-2', 'R-SBX-1']) });
    expect(g.fixed).toEqual([]);
    expect(g.unconfirmed).toEqual(['R-IDEM-2', 'R-SBX-1']);
    expect(g.exitCode).toBe(0);
  });

  it('--fail-on warn fails on warnings; --fail-on not-tested fails a time-limited run', () => {
    const failing = applyGate(fixture('failing'), { baseline: baseline(ENTRIES.map(entry)), failOn: ['fail', 'warn'] });
    expect(failing.gatedWarnings).toEqual(['R-AUTH-4']);
    expect(failing.exitCode).toBe(1);
    expect(applyGate(fixture('failing'), { baseline: baseline(ENTRIES.map(entry)) }).exitCode).toBe(0);
    expect(applyGate(fixture('time-limited')).exitCode).toBe(0);
    const nt = applyGate(fixture('time-limited'), { failOn: ['not-tested'] });
    expect(nt.exitCode).toBe(1);
    expect(nt.gatedNotTested).toContain('R-TOK-7');
  });

  it('a new failure fails the gate whatever --fail-on lists', () => {
    expect(applyGate(fixture('failing'), { failOn: ['warn'] }).exitCode).toBe(1);
  });

  it('a failing check that names no requirement is gated by its check id', () => {
    const report: RunReport = { ...fixture('passing'), checks: [{ id: 'wire/x', suite: 'wire', title: 'x', requirements: [], status: 'fail', durationMs: 1 }] };
    expect(applyGate(report).newFailures).toEqual(['wire/x']);
    expect(applyGate(report, { baseline: baseline([{ check: 'wire/x' }]) }).exitCode).toBe(0);
    expect(applyGate(report, { baseline: baseline(['wire/x']) }).exitCode).toBe(0);
  });
});

describe('--fail-on and baseline files', () => {
  it('parses comma lists and refuses unknown values with the allowed ones', () => {
    expect(parseFailOn('fail,warn')).toEqual(['fail', 'warn']);
    expect(parseFailOn(['fail', 'not-tested,warn'])).toEqual(['fail', 'not-tested', 'warn']);
    expect(() => parseFailOn('fail,never')).toThrow('--fail-on: unknown value "never" (allowed: fail, fail-new, warn, not-tested, unsupported, stale-baseline)');
    expect(() => parseFailOn(' , ')).toThrow(/needs one or more/);
  });

  it('refuses malformed baseline files with one clear line', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow('baseline "b.json" is not JSON');
    expect(() => parseBaseline('{"failures":[]}', 'b.json')).toThrow(/must be \{"fps-conformance-baseline": 1/);
    expect(() => parseBaseline('{"fps-conformance-baseline":1,"failures":[3]}', 'b.json')).toThrow(/"failures" must be a list of \{"check"/);
    expect(() => parseBaseline('{"fps-conformance-baseline":1,"failures":[{"requirement":"R-1"}]}', 'b.json')).toThrow(/"failures" must be a list/);
    expect(() => parseBaseline('{"fps-conformance-baseline":1,"failures":[],"notes":[]}', 'b.json')).toThrow(/"notes"/);
    expect(parseBaseline('{"fps-conformance-baseline":1,"failures":["R-TOK-7","R-TOK-7"]}', 'b.json').failures).toEqual(['R-TOK-7']);
  });

  it('a baseline from a report lists its failures and keeps notes of entries still failing', () => {
    const b = baselineFromReport(fixture('failing'), baseline(['R-TOK-7', 'R-AUTH-2'], { 'R-TOK-7': 'issue #4', 'R-AUTH-2': 'fixed now' }));
    expect(b).toEqual({ [BASELINE_KEY]: 1, failures: ENTRIES.map(entry), notes: { 'R-TOK-7': 'issue #4' } });
    expect(applyGate(fixture('failing'), { baseline: b }).exitCode).toBe(0);
  });
});

describe('fps-conformance baseline', () => {
  // the command on its own commander program: the CLI's other commands need not load
  async function baselineCommand(args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    registerBaseline(program);
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    try {
      await program.parseAsync(['node', 'fps-conformance', 'baseline', ...args]);
    } finally {
      spy.mockRestore();
    }
    return out;
  }

  it('writes the failures of a report directory, then the gate passes with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fps-baseline-'));
    writeFileSync(join(dir, 'results.json'), renderJson(fixture('failing')));
    const file = join(dir, 'baseline.json');
    const stdout = await baselineCommand(['--write', file, '--from', dir]);
    expect(stdout).toBe(`wrote ${file}: 8 known failures (${ENTRIES.join(', ')})\n`);
    const written = parseBaseline(readFileSync(file, 'utf8'), file);
    expect(written.failures).toEqual(ENTRIES.map(entry));
    expect(applyGate(fixture('failing'), { baseline: written }).exitCode).toBe(0);
  });

  it('a bad --from is a UsageError (exit 2 in the CLI) naming the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fps-baseline-'));
    await expect(baselineCommand(['--write', join(dir, 'b.json'), '--from', join(dir, 'nope')])).rejects.toThrow(/^cannot read report ".*nope": no such file or directory$/);
    await expect(baselineCommand(['--write', join(dir, 'b.json'), '--from', join(dir, 'nope')])).rejects.toBeInstanceOf(UsageError);
  });
});

describe('resolveGateOptions and gatedExitCode', () => {
  it('reads the baseline file and parses --fail-on; bad values are UsageErrors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fps-gate-'));
    const file = join(dir, 'b.json');
    writeFileSync(file, JSON.stringify(baseline(['R-TOK-7'])));
    expect(resolveGateOptions({ baseline: file, failOn: 'fail,warn' })).toEqual({ baseline: baseline(['R-TOK-7']), failOn: ['fail', 'warn'] });
    expect(resolveGateOptions({})).toEqual({});
    expect(() => resolveGateOptions({ baseline: join(dir, 'none.json') })).toThrow(UsageError);
    expect(() => resolveGateOptions({ failOn: 'sometimes' })).toThrow(UsageError);
  });

  it('a kit error (2) stays 2; otherwise the gate decides', () => {
    const passed = applyGate(fixture('failing'), { baseline: baseline(ENTRIES.map(entry)) });
    expect(gatedExitCode(1, passed)).toBe(0);
    expect(gatedExitCode(2, passed)).toBe(2);
    expect(gatedExitCode(0, applyGate(fixture('failing')))).toBe(1);
  });
});
