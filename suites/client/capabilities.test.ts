import { describe, expect, it } from 'vitest';
import type { CheckResult, RunReport } from '../../core/result.ts';
import { helloNotes } from './capabilities.ts';
import { renderRootCauses, rootCauses } from '../../run/root-causes.ts';

describe('hello notes', () => {
  it('sdk.notes and notes may each be a string or a list', () => {
    expect(helloNotes({ sdk: { notes: 'one\ntwo' } })).toEqual(['one', 'two']);
    expect(helloNotes({ notes: ['a', 'b'], sdk: { notes: ['c'] } })).toEqual(['a', 'b', 'c']);
    expect(helloNotes({ sdk: { name: 'x' } })).toEqual([]);
    expect(helloNotes({ notes: { odd: 1 } })).toEqual(['{"odd":1}']);
  });
});

const row = (id: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({ id, suite: 's', title: id, requirements: ['R-WIRE-2'], status, durationMs: 0, ...extra });

describe('root causes', () => {
  it('request deviations lead, each with the checks it blocked and its replay line; unsupported rows are listed', () => {
    const checks = [
      row('answer/result-fields', 'blocked', { blockedBy: ['request/version'] }),
      row('faults/connection-reset', 'fail', { message: 'resend changed' }),
      row('request/version', 'fail', { message: 'Version="2009-01-09"', replay: { seed: 3, command: 'npx fps-conformance sdk --adapter a --seed 3 --grep request/version' } }),
      row('sdk/pipeline-Recurring', 'unsupported', { message: 'left out' }),
    ];
    expect(rootCauses(checks).map((c) => [c.check.id, c.blocked.map((b) => b.id)])).toEqual([['request/version', ['answer/result-fields']], ['faults/connection-reset', []]]);
    const text = renderRootCauses({ checks } as RunReport);
    expect(text).toContain('- request/version [R-WIRE-2]: Version="2009-01-09"\n    blocked by it: answer/result-fields\n    replay: npx fps-conformance sdk --adapter a --seed 3 --grep request/version');
    expect(text).toContain('Not supported by the SDK (1; --fail-on unsupported gates on these):\n- sdk/pipeline-Recurring: left out');
  });
});
