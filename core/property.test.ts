// checkProperty: seed, shrinking, the shrunk case's transcript, replay by path, the time limit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTimeLimited } from './outcome.ts';
import { checkProperty } from './property.ts';
import type { SuiteContext } from './suite.ts';
import type { Exchange } from './wire.ts';

function ctx(over: Partial<SuiteContext> = {}): SuiteContext & { log: Exchange[] } {
  let log: Exchange[] = [];
  const c = {
    seed: 123,
    runs: 50,
    deadline: Number.MAX_SAFE_INTEGER,
    markTranscript: () => (log = []),
    transcript: () => log.slice(),
    get log() {
      return log;
    },
    ...over,
  };
  return c as unknown as SuiteContext & { log: Exchange[] };
}

const exchange = (label: string): Exchange => ({ seq: 1, sentAt: '', label, request: { method: 'GET', url: 'http://127.0.0.1/', headers: {} }, elapsedMs: 0 });

describe('checkProperty', () => {
  it('shrinks to the smallest failing case and keeps that case’s transcript and replay path', async () => {
    const c = ctx();
    const r = await checkProperty(c, fc.integer({ min: 0, max: 1000 }), async (n) => {
      c.log.push(exchange(`n=${n}`));
      return n >= 17 ? `R-TEST-1: ${n} is too big` : undefined;
    });
    expect(r.status).toBe('fail');
    expect(r.message).toBe('R-TEST-1: 17 is too big');
    expect(r.counterexample).toEqual(['17']);
    expect(r.transcript?.map((e) => e.label)).toEqual(['n=17']);
    expect(r.replay?.seed).toBe(123);
    expect(r.replay?.path).toMatch(/^\d+(:\d+)*$/);
    const again = await checkProperty(ctx({ replayPath: r.replay!.path! }), fc.integer({ min: 0, max: 1000 }), async (n) => (n >= 17 ? `R-TEST-1: ${n} is too big` : undefined));
    expect(again).toMatchObject({ status: 'fail', counterexample: ['17'], numRuns: 1 });
  });

  it('passes with the run count, and a thrown error is a failing case with its message', async () => {
    const ok = await checkProperty(ctx({ runs: 7 }), fc.nat(), async () => undefined, { passMessage: 'held' });
    expect(ok).toEqual({ status: 'pass', message: 'held', numRuns: 7 });
    const thrown = await checkProperty(ctx(), fc.nat(), async () => {
      throw new Error('socket gone');
    });
    expect(thrown.status).toBe('fail');
    expect(thrown.message).toBe('the case could not complete: socket gone');
  });

  it('stops starting cases at the deadline and says so', async () => {
    const r = await checkProperty(ctx({ runs: 1_000_000, deadline: Date.now() + 200 }), fc.nat(), async () => {
      await new Promise((res) => setTimeout(res, 5));
      return undefined;
    });
    expect(r.status).toBe('pass');
    expect(r.message).toMatch(/stopped by the time limit after \d+ runs/);
    expect(r.numRuns!).toBeLessThan(1000);
  });

  it('reports not-tested, never pass, when the time limit hits before the first case', async () => {
    let cases = 0;
    const spent = await checkProperty(ctx({ deadline: Date.now() - 1000 }), fc.nat(), async () => (cases++, undefined));
    expect(spent).toMatchObject({ status: 'not-tested', message: 'time limit reached before the first case', numRuns: 0 });
    expect(Object.keys(spent).sort()).toEqual(['message', 'numRuns', 'status']);
    // tagged as time-limited by type, so the run's timeLimited flag needs no message reading
    expect(isTimeLimited(spent)).toBe(true);
    expect(cases).toBe(0);
    // a deadline that falls while the first case is generated: fast-check interrupts before running it
    const slowArb = fc.nat().map((n) => {
      const until = Date.now() + 30;
      while (Date.now() < until);
      return n;
    });
    const late = await checkProperty(ctx({ deadline: Date.now() + 5 }), slowArb, async () => (cases++, undefined));
    expect(late).toMatchObject({ status: 'not-tested', numRuns: 0 });
    expect(isTimeLimited(late)).toBe(true);
    expect(cases).toBe(0);
  });
});
