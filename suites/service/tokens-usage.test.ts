// The aimed token checks: next2300 lands where day windows cross UTC midnight; each check holds
// against the reference emulator and fails, citing its rule, against the emulator with the bug it aims at.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../emulator/core.ts';
import { runConformance } from '../../run/service-runner.ts';
import { next2300, TOKEN_USAGE_CHECKS } from './tokens-usage.ts';

const HOUR = 3_600_000;

describe('next2300', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-01T23:00:00.000Z'],
    ['2026-01-01T22:59:59Z', '2026-01-01T23:00:00.000Z'],
    ['2026-01-01T23:00:00Z', '2026-01-02T23:00:00.000Z'],
    ['2026-12-31T23:30:00Z', '2027-01-01T23:00:00.000Z'],
  ])('%s → %s', (now, next) => {
    expect(new Date(next2300(Date.parse(now))).toISOString()).toBe(next);
  });

  it('is always strictly ahead, by at most a day', () => {
    for (let t = Date.parse('2026-03-01T00:00:00Z'); t < Date.parse('2026-03-03T00:00:00Z'); t += HOUR / 4) {
      expect(next2300(t) - t).toBeGreaterThan(0);
      expect(next2300(t) - t).toBeLessThanOrEqual(24 * HOUR);
    }
  });
});

async function run(id: string, bug?: string) {
  const emulator = createEmulator({ seed: 4, bugs: bug ? [bug] : [] });
  try {
    const check = TOKEN_USAGE_CHECKS.find((c) => c.id === id)!;
    const { report } = await runConformance({ handler: (r) => emulator.handle(r), registry: [{ name: 'tokens', title: 'tokens', checks: [check] }], seed: 4 });
    return report.checks[0]!;
  } finally {
    await emulator.close();
  }
}

describe('the aimed token checks', () => {
  it.each([
    ['tokens/global-amount-limit', 'tok-global-limit-ignored', 'R-TOK-6'],
    ['tokens/first-window-at-install', 'tok-install-band-uncounted', 'R-TOK-7'],
    ['tokens/day-windows-from-anchor', 'tok-calendar-day-windows', 'R-TOK-7'],
    // reported on the status read that contradicts "the first charge failed" (suites/service/tokens-usage.ts)
    ['tokens/pending-charge-uses', 'tok-use-on-completion', 'R-PAY-7'],
    ['tokens/recipient-token', 'tok-recipient-ignores-expiry', 'R-TOK-4'],
    ['tokens/recipient-token', 'tok-cancelled-recipient-sender-code', 'R-TOK-9'],
    ['tokens/unknown-token-ids', 'tok-unknown-recipient-as-sender', 'R-TOK-10'],
    ['tokens/unknown-token-ids', 'tok-unknown-sender-generic', 'R-TOK-10'],
    ['tokens/unknown-token-ids', 'tok-by-reference-unknown-generic', 'R-TOK-3'],
    ['tokens/unknown-token-ids', 'tok-by-caller-neither-code', 'R-TOK-3'],
    ['tokens/usage-limit-without-period', 'tok-no-period-daily', 'R-TOK-6'],
  ])('%s holds against the reference emulator and fails against %s, citing %s', async (id, bug, rule) => {
    const good = await run(id);
    expect(good.status, good.message).toBe('pass');
    const bad = await run(id, bug);
    expect(bad.status, bad.message).toBe('fail');
    expect(bad.requirements).toContain(rule);
    expect(bad.message).toMatch(new RegExp(rule));
  });
});
