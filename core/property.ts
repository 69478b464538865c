// Runs one fast-check property for a check: the run seed, --runs, --replay's path, the run's time
// limit, and on failure the shrunk case's transcript, counterexample and replay path.
import fc from 'fast-check';
import type { Check, SuiteContext } from './suite.ts';
import type { Exchange } from './wire.ts';
import { beforeFirstCase } from './outcome.ts';

export type CheckOutcome = Awaited<ReturnType<Check['run']>>;

export interface PropertyOptions<T> {
  /** the counterexample as readable lines (default: JSON of the value) */
  describe?: (value: T) => string[];
  /** runs for this property (default ctx.runs) */
  runs?: number;
  /** the message when every run held */
  passMessage?: string;
}

/**
 * `predicate` answers undefined when the case holds, or a message (citing its rule) when it breaks.
 * fast-check shrinks a failure; the last failing execution is the shrunk one, so its transcript is
 * the one kept.
 */
export async function checkProperty<T>(
  ctx: SuiteContext,
  arb: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<string | undefined>,
  opts: PropertyOptions<T> = {},
): Promise<CheckOutcome> {
  // the budget is spent: no case starts, and nothing checked is never a pass
  if (ctx.replayPath === undefined && ctx.deadline <= Date.now()) return beforeFirstCase();
  let lastFailure: { message: string; transcript: Exchange[]; value: T } | undefined;
  const total = opts.runs ?? ctx.runs;
  let cases = 0;
  const property = fc.asyncProperty(arb, async (value) => {
    ctx.markTranscript();
    ctx.caseDone?.(Math.min(++cases, total), total);
    let message: string | undefined;
    try {
      message = await predicate(value);
    } catch (err) {
      message = `the case could not complete: ${(err as Error)?.message ?? String(err)}`;
    }
    if (message === undefined) return true;
    lastFailure = { message, transcript: ctx.transcript(), value };
    return false;
  });
  const params: fc.Parameters<[T]> = { seed: ctx.seed, numRuns: opts.runs ?? ctx.runs, markInterruptAsFailure: false };
  // only a real --time-limit interrupts (an unbounded deadline is not a time to pass to timers)
  if (ctx.deadline < Number.MAX_SAFE_INTEGER) params.interruptAfterTimeLimit = Math.max(1, ctx.deadline - Date.now());
  if (ctx.replayPath !== undefined) {
    params.path = ctx.replayPath;
    params.endOnFailure = true;
  }
  const details = await fc.check(property, params);
  if (!details.failed || !lastFailure) {
    // stopped before any case ran: nothing was checked, so never a pass (as suites/service/model-run/property.ts)
    if (details.interrupted && details.numRuns === 0) return beforeFirstCase();
    const note = details.interrupted ? ` (stopped by the time limit after ${details.numRuns} runs)` : '';
    return { status: 'pass', message: `${opts.passMessage ?? 'every generated case held'}${note}`, numRuns: details.numRuns };
  }
  const value = details.counterexample ? details.counterexample[0] : lastFailure.value;
  const describe = opts.describe ?? ((v: T) => [safeJson(v)]);
  return {
    status: 'fail',
    message: lastFailure.message,
    transcript: lastFailure.transcript,
    counterexample: describe(value),
    replay: { seed: details.seed, path: details.counterexamplePath ?? undefined, command: '' },
    numRuns: details.numRuns,
  };
}

function safeJson(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s.length > 2000 ? `${s.slice(0, 2000)}…` : s;
  } catch {
    return String(v);
  }
}
