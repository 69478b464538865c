// The target clock: which reading of the target's time the kit signs with (R-AUTH-4).
import { describe, expect, it } from 'vitest';
import { TargetClock } from './clock.ts';

describe('TargetClock', () => {
  it('prefers the sandbox clock, falls back to the Date header, re-reads stale readings', async () => {
    const c = new TargetClock();
    expect(c.source).toBe('wall');
    c.observeDateHeader('Thu, 01 Jan 2026 00:00:00 GMT');
    expect(c.source).toBe('date-header');
    expect(Math.abs(c.peek() - Date.parse('2026-01-01T00:00:00Z'))).toBeLessThan(1000);
    c.observe(Date.parse('2030-01-01T00:00:00Z'));
    c.observeDateHeader('Thu, 01 Jan 2026 00:00:00 GMT'); // ignored: the sandbox clock is known
    expect(c.peek()).toBe(Date.parse('2030-01-01T00:00:00Z'));
    let reads = 0;
    c.refresher = async () => (++reads, Date.parse('2031-01-01T00:00:00Z'));
    expect(await c.now()).toBe(Date.parse('2030-01-01T00:00:00Z')); // fresh enough
    expect(await c.fresh()).toBe(Date.parse('2031-01-01T00:00:00Z'));
    expect(reads).toBe(1);
  });

  it('current() is now() without a promise while the reading is fresh, undefined when it must be re-read', async () => {
    const c = new TargetClock();
    c.refresher = async () => Date.parse('2031-01-01T00:00:00Z');
    expect(c.current()).toBeUndefined(); // nothing read yet
    expect(await c.now()).toBe(Date.parse('2031-01-01T00:00:00Z'));
    expect(c.current()).toBe(Date.parse('2031-01-01T00:00:00Z'));
    expect(c.isoOrUndefined()).toBe('2031-01-01T00:00:00.000Z');
    c.observe(Date.parse('2032-01-01T00:00:00Z'));
    expect(c.isoOrUndefined()).toBe('2032-01-01T00:00:00.000Z');
  });

  it('reads a Date header as its time however often the same header comes, and ignores one that is not a date', () => {
    const c = new TargetClock();
    c.observeDateHeader('Thu, 01 Jan 2026 00:00:00 GMT');
    c.observeDateHeader('Thu, 01 Jan 2026 00:00:00 GMT');
    expect(Math.abs(c.peek() - Date.parse('2026-01-01T00:00:00Z'))).toBeLessThan(1000);
    c.observeDateHeader('not a date');
    c.observeDateHeader('not a date');
    expect(Math.abs(c.peek() - Date.parse('2026-01-01T00:00:00Z'))).toBeLessThan(1000);
    c.observeDateHeader('Fri, 02 Jan 2026 00:00:00 GMT');
    expect(Math.abs(c.peek() - Date.parse('2026-01-02T00:00:00Z'))).toBeLessThan(1000);
  });
});
