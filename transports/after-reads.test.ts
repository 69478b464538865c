import { describe, expect, it } from 'vitest';
import { afterReads, readsDone } from './after-reads.ts';

describe('afterReads', () => {
  it('runs jobs in order after the current microtasks and I/O, once per turn, and a turn later when queued from a job', async () => {
    const seen: string[] = [];
    afterReads(() => seen.push('a'));
    afterReads(() => {
      seen.push('b');
      afterReads(() => seen.push('later'));
    });
    await Promise.resolve();
    expect(seen).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['a', 'b']);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['a', 'b', 'later']);
  });
  it('readsDone gives the requests of one turn the same promise, and a new one the next turn', async () => {
    const first = readsDone();
    expect(readsDone()).toBe(first);
    await first;
    const next = readsDone();
    expect(next).not.toBe(first);
    await next;
  });
});
