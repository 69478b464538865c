// Windows and bands (R-TOK-7, rulings preamble "tolerance band").
import { describe, expect, it } from 'vitest';
import { addMonths, parsePeriod, side, windowIndex, windowStart, DAY, HOUR } from './time.ts';
import { parseValue, formatCents, forcesFailure } from './amounts.ts';
import { Scenario } from '../../test/support/model-scenario.ts';

const utc = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h);
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

describe('month windows clamp from the anchor day (R-TOK-7)', () => {
  it('Jan 31 → Feb 28 → Mar 31 (2026), Feb 29 in a leap year (2028), Oct 31 → Nov 30', () => {
    const jan31 = utc(2026, 1, 31, 9);
    expect([1, 2, 3].map((k) => day(addMonths(jan31, k)))).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
    expect(day(addMonths(utc(2028, 1, 31), 1))).toBe('2028-02-29');
    expect(day(addMonths(utc(2026, 10, 31), 1))).toBe('2026-11-30');
    expect(day(addMonths(utc(2026, 10, 31), 2))).toBe('2026-12-31');
  });
  it('a time falls in the window holding it', () => {
    const p = parsePeriod('1 Month')!;
    const a = utc(2026, 1, 31);
    expect(windowIndex(a, p, utc(2026, 2, 27))).toBe(0);
    expect(windowIndex(a, p, utc(2026, 2, 28))).toBe(1);
    expect(windowIndex(a, p, utc(2026, 3, 30))).toBe(1);
    expect(windowIndex(a, p, utc(2026, 3, 31))).toBe(2);
    expect(windowStart(a, parsePeriod('2 Months')!, 1)).toBe(utc(2026, 3, 31));
    expect(windowIndex(a, parsePeriod('12 Hours')!, a + 25 * HOUR)).toBe(2);
  });
  it('periods: N Hour(s)|Day(s)|Month(s); Week and Year are malformed', () => {
    expect(parsePeriod('1 Day')).toEqual({ n: 1, unit: 'Day' });
    expect(parsePeriod('3 Months')).toEqual({ n: 3, unit: 'Month' });
    expect(parsePeriod('1 Week')).toBeUndefined();
    expect(parsePeriod('1 Year')).toBeUndefined();
    expect(parsePeriod('Month')).toBeUndefined();
  });
  it('the band: 60 s either side is "either"', () => {
    expect(side(1000, 100_000)).toBe('before');
    expect(side(100_000 - 59_000, 100_000)).toBe('either');
    expect(side(100_000 + 61_000, 100_000)).toBe('after');
  });
});

describe('amounts in cents (R-WIRE-6, R-SBX-1)', () => {
  it('parses decimals with at most two fraction digits, never through floats', () => {
    expect(parseValue('0.29')).toEqual({ ok: true, cents: 29 });
    expect(parseValue('1234567.89')).toEqual({ ok: true, cents: 123456789 });
    expect(parseValue('1.234')).toEqual({ ok: false });
    expect(parseValue('.5')).toEqual({ ok: 'odd', cents: 50 });
    // an exponent is a spelling the docs neither allow nor forbid (R-WIRE-6 set): read or refused
    expect(parseValue('1e0')).toEqual({ ok: 'odd', cents: 100 });
    expect(parseValue('2.5E1')).toEqual({ ok: 'odd', cents: 2500 });
    expect(parseValue('1e-3')).toEqual({ ok: false });
    expect(parseValue('1.00x')).toEqual({ ok: false });
    expect(formatCents(5)).toBe('0.05');
    expect(forcesFailure('0.61')).toBe(true);
    expect(forcesFailure('123.6522')).toBe(true);
    expect(forcesFailure('1.79')).toBe(true);
    expect(forcesFailure('0.16')).toBe(false);
    expect(forcesFailure('8.97')).toBe(false);
  });
});

describe('a Recurring token anchored on Jan 31 (R-TOK-6, R-TOK-7)', () => {
  it('one charge per month window: Feb 27 is still January\'s window, Feb 28 opens the next', () => {
    const s = new Scenario('core', utc(2026, 1, 31, 10));
    const id = s.token('Recurring', { transactionAmount: '5.00', recurringPeriod: '1 Month' });
    s.tick(HOUR);
    s.run(s.pay(id, '5.00', 'jan'));
    s.t = utc(2026, 2, 27, 10);
    expect(s.labels(s.pay(id, '5.00', 'feb27'))).toEqual(['error:TokenUsageError']);
    s.t = utc(2026, 2, 28, 11);
    expect(s.labels(s.pay(id, '5.00', 'feb28'))[0]).toBe('result:Pay:Success');
    s.run(s.pay(id, '5.00', 'feb28'));
    s.t = utc(2026, 3, 30, 11);
    expect(s.labels(s.pay(id, '5.00', 'mar30'))).toEqual(['error:TokenUsageError']);
    s.t = utc(2026, 3, 31, 11);
    expect(s.labels(s.pay(id, '5.00', 'mar31'))[0]).toBe('result:Pay:Success');
  });
  it('a charge inside the band around a window edge may count in either window', () => {
    const s = new Scenario('core', utc(2026, 1, 1, 0));
    const id = s.token('Recurring', { transactionAmount: '5.00', recurringPeriod: '1 Day' });
    s.t = utc(2026, 1, 2, 0) - 20_000;
    s.run(s.pay(id, '5.00', 'edge'));
    s.t = utc(2026, 1, 2, 0) + 20_000;
    expect(s.labels(s.pay(id, '5.00', 'after-edge')).sort()).toEqual(['error:TokenUsageError', 'result:Pay:Failure', 'result:Pay:Success']);
    s.t = utc(2026, 1, 2, 12);
    expect(s.labels(s.pay(id, '5.00', 'noon')).sort()).toEqual(['error:TokenUsageError', 'result:Pay:Failure', 'result:Pay:Success']);
    s.t = utc(2026, 1, 3, 12);
    expect(s.labels(s.pay(id, '5.00', 'next'))[0]).toBe('result:Pay:Success');
    expect(DAY).toBe(24 * HOUR);
  });
});
