import { describe, expect, it } from 'vitest';
import type { Difference } from '../run/compare.ts';
import { renderCompareHtml, renderCompareText, type CompareView } from './compare.ts';

const HOSTILE = '<script>x()</script>\u001b[31m';
const diff = (kind: Difference['kind']): Difference => ({
  check: 'tokens/usage-limits', case: 0, step: 3, label: `#3 Pay(token#1) ${HOSTILE}`, kind, fields: ['TransactionStatus'],
  a: { label: '#3', request: {}, answer: { kind: 'error', code: 'TokenUsageError' }, allowed: true },
  b: { label: '#3', request: {}, answer: { kind: 'result', fields: { TransactionId: 'T1', TransactionStatus: HOSTILE } }, allowed: kind === 'allowed-choice' },
});
const view = (diffs: Difference[], exitCode: number): CompareView => ({
  seed: 9, a: { url: 'http://127.0.0.1:1/', exitCode: 0 }, b: { url: 'http://127.0.0.1:2/', exitCode: 1 },
  differences: diffs, failing: diffs.filter((d) => d.kind === 'only-a'), verdicts: [{ check: 'tokens/usage-limits', a: 'pass', b: 'fail', messageB: HOSTILE }], compared: 4, leftOut: 0, exitCode,
});

describe('compare reports', () => {
  it('say what differs, on which side the model stands, and the verdict', () => {
    const text = renderCompareText(view([diff('only-a'), diff('allowed-choice')], 1));
    expect(text).toMatch(/4 cases compared; 2 step differences: 1 allowed choice, 1 failing/);
    expect(text).toMatch(/FAIL tokens\/usage-limits case 0 step 3 .*only target A answered as the model allows/);
    expect(text).toMatch(/A: error TokenUsageError/);
    expect(text).toMatch(/B: result TransactionId=T1/);
    expect(text).toMatch(/compare: FAIL/);
    expect(text).not.toContain('\u001b');
    expect(renderCompareText(view([diff('allowed-choice')], 0))).toMatch(/compare: PASS/);
  });
  it('escape what the targets sent in the HTML, with both answers side by side', () => {
    const html = renderCompareHtml(view([diff('only-a')], 1));
    expect(html).not.toContain('<script>x()');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toMatch(/<th>target A<\/th><th>target B<\/th>/);
  });
});
