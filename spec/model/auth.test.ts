// parseTimestamp keeps its last reading: read again, after another text, or twice in a row, a text
// reads the same (R-WIRE-2's forms, R-AUTH-4's inputs).
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './auth.ts';

const CASES: [string, { ms: number; odd: boolean } | undefined][] = [
  ['2026-01-01T00:00:00Z', { ms: Date.UTC(2026, 0, 1), odd: false }],
  ['2026-01-01T00:00:00.123Z', { ms: Date.UTC(2026, 0, 1, 0, 0, 0, 123), odd: false }],
  ['2026-01-01T01:00:00+01:00', { ms: Date.UTC(2026, 0, 1), odd: false }],
  ['2026-01-01T01:00:00+0100', { ms: Date.UTC(2026, 0, 1), odd: false }],
  ['2026-01-01T00:00:00', { ms: Date.UTC(2026, 0, 1), odd: true }],
  ['2026-13-01T00:00:00Z', undefined],
  ['yesterday', undefined],
  ['', undefined],
];

describe('parseTimestamp (auth.ts)', () => {
  it('reads each form the same whether or not it was the last text read', () => {
    for (const order of [CASES, [...CASES].reverse()]) {
      for (const [text, want] of order) {
        expect(parseTimestamp(text), text).toEqual(want);
        expect(parseTimestamp(text), `${text} again`).toEqual(want);
      }
    }
  });

  it('hands out readings no caller can change', () => {
    const r = parseTimestamp('2026-01-01T00:00:00Z')!;
    expect(Object.isFrozen(r)).toBe(true);
  });
});
