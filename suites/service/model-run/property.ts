// The generic model-based check: fast-check generates a command sequence, each run makes fresh
// accounts on the target and walks the model beside it; a mismatch fails the property and
// fast-check shrinks it. The result carries the shrunk run's exchanges, its command lines and a
// replay (seed, path, command).
import fc from 'fast-check';
import type { Replay } from '../../../core/result.ts';
import type { Check, SuiteContext } from '../../../core/suite.ts';
import type { Exchange } from '../../../core/wire.ts';
import type { Model } from '../../../spec/model/api.ts';
import { fpsModel } from '../../../spec/model/index.ts';
import type { Command } from '../../../generators/commands.ts';
import { caseBlock } from '../../../core/shard.ts';
import { beforeFirstCase, timeLimited } from '../../../core/outcome.ts';
import { Executor } from './execute.ts';
import { ModelMismatch, SandboxFailure } from './mismatch.ts';
import { DEFAULT_ACCOUNTS, RunSession } from './session.ts';

type Needs = NonNullable<Check['needs']>;
export type CheckOutput = Awaited<ReturnType<Check['run']>>;

/** What one run hands to a check's own steps. */
export interface RunParts {
  ctx: SuiteContext;
  session: RunSession;
  exec: Executor;
  /** this run's OverrideIPNURL (when the check asked for one) */
  ipnUrl?: string;
}

export interface ModelCheckSpec {
  id: string;
  title: string;
  requirements: string[];
  needs?: Needs;
  tags?: string[];
  /** generated command sequences (tag "generated"); otherwise fixed sequences aimed at one rule (tag "scenario") */
  generated?: boolean;
  /** generated sequences; or */
  commands?: fc.Arbitrary<Command[]>;
  /** fixed sequences aimed at one rule: each runs once first (fast-check examples), then random picks */
  sequences?: readonly Command[][];
  accounts?: typeof DEFAULT_ACCOUNTS;
  /** give each run its own OverrideIPNURL on the kit's IPN receiver */
  ipn?: boolean;
  /** before the commands (e.g. move the clock to a month's end) */
  before?(parts: RunParts): Promise<void>;
  /** after the commands: checks of their own; throw ModelMismatch (or CheckFailure) to fail */
  after?(parts: RunParts): Promise<void>;
  /** at most this many runs whatever --runs says (a fixed sequence gains little from repeats) */
  maxRuns?: number;
  /** only when the target profile is this one (else not-applicable) */
  profile?: 'sandbox-simulation';
  model?: Model;
}

/** Something else moved the target's clock under a run: its answers are no verdict (session.clockMovedUnder). */
class ClockMovedUnder extends SandboxFailure {
  override name = 'ClockMovedUnder';
}

/** A failure found by a check's own step (not a model step): the rule and what was seen. */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
  constructor(
    message: string,
    readonly rules: readonly string[],
  ) {
    super(message);
  }
}

interface Failure {
  lines: string[];
  transcript: Exchange[];
  error: unknown;
}

const RETURN_PATH = '/fps-conformance/return';
/** Shrinking a failure replays it against the target many times; past this, the smallest so far is reported. */
export const SHRINK_BUDGET_MS = 15_000;
let ipnRunCounter = 0;

export function modelCheck(spec: ModelCheckSpec): Check {
  return {
    id: spec.id,
    title: spec.title,
    requirements: spec.requirements,
    tags: [...(spec.tags ?? []), spec.generated ? 'generated' : 'scenario', 'model-based'],
    needs: spec.needs ?? ['sandbox'],
    run: (ctx) => runModelCheck(spec, ctx),
  };
}

export async function runModelCheck(spec: ModelCheckSpec, ctx: SuiteContext): Promise<CheckOutput> {
  if (spec.profile && ctx.profile !== spec.profile) return { status: 'not-applicable', message: `only for targets in the ${spec.profile} profile` };
  if (!ctx.sandbox || !ctx.discovery) return { status: 'not-tested', message: 'Not testable: the target has no /_sandbox hooks' };
  if (spec.ipn && !ctx.ipnReceiver) return { status: 'not-tested', message: 'Not testable: no IPN receiver' };
  const remaining = ctx.deadline - Date.now();
  if (remaining <= 0) return timeLimited({ status: 'not-tested' as const, message: 'time limit reached before this check started' });
  const model = spec.model ?? fpsModel;
  const failures = new WeakMap<object, Failure>();
  let last: Failure | undefined;
  const slug = spec.id.replace(/[^A-Za-z0-9]+/g, '-');

  const sequences = spec.sequences ?? [];
  if (!spec.commands && sequences.length === 0) throw new TypeError(`${spec.id}: neither commands nor sequences`);
  const arb = spec.commands ?? fc.constantFrom(...sequences);
  let firstFailureAt: number | undefined;
  let runCount = 0;
  // every fixed sequence runs at least once, whatever --runs says (fast-check counts examples as runs)
  const total = Math.max(1, sequences.length, Math.min(ctx.runs, spec.maxRuns ?? Number.MAX_SAFE_INTEGER));
  // --shard: this shard's block of case indices; fast-check's path replays from a case index
  const block = ctx.replayPath === undefined ? caseBlock(total, ctx.shard) : { start: 0, count: total };
  if (block.count === 0) return { status: 'not-applicable', message: `no case of this check falls in shard ${ctx.shard!.index}/${ctx.shard!.count} (${total} cases)`, numRuns: 0 };
  const property = fc.asyncProperty(arb, async (cmds) => {
    // Past the shrink budget, further shrink attempts are not run: the smallest failure so far stands.
    if (firstFailureAt !== undefined && Date.now() - firstFailureAt > SHRINK_BUDGET_MS) return;
    ctx.markTranscript();
    runCount++;
    const caseIndex = block.start + runCount - 1;
    const initial = firstFailureAt === undefined;
    if (initial && runCount % 25 === 0) ctx.progress(`${runCount} runs`);
    let exec: Executor | undefined;
    let session: RunSession | undefined;
    try {
      session = await RunSession.open(ctx, model, spec.accounts);
      const ipnUrl = spec.ipn && ctx.ipnReceiver ? `${ctx.ipnReceiver.url.replace(/\/$/, '')}/${slug}/${++ipnRunCounter}` : undefined;
      exec = new Executor(session, { returnURL: `http://127.0.0.1${RETURN_PATH}/${slug}`, ...(ipnUrl ? { ipnUrl } : {}) });
      const parts: RunParts = { ctx, session, exec, ...(ipnUrl ? { ipnUrl } : {}) };
      await spec.before?.(parts);
      for (const c of cmds) await exec.run(c);
      await spec.after?.(parts);
      if (initial) {
        ctx.recordCase?.({ index: caseIndex, exchanges: ctx.transcript() });
        ctx.caseDone?.(runCount, block.count);
      }
    } catch (caught) {
      const transcript = ctx.transcript();
      // a verdict only when the target's clock is where this run left it (no false alarm on a shared target)
      const moved = caught instanceof ModelMismatch || caught instanceof CheckFailure ? await session?.clockMovedUnder() : undefined;
      const error = moved ? new ClockMovedUnder(moved) : caught;
      const f: Failure = { lines: exec?.lines ?? [], transcript, error };
      failures.set(cmds, f);
      last = f;
      if (initial) ctx.recordCase?.({ index: caseIndex, exchanges: transcript, ...(caught instanceof ModelMismatch && caught.exchange ? { refusedSeq: caught.exchange.seq } : {}) });
      if (firstFailureAt === undefined) {
        firstFailureAt = Date.now();
        ctx.progress(`run ${runCount} broke a rule; shrinking it (at most ${SHRINK_BUDGET_MS / 1000} s)`);
      }
      throw error;
    }
  });

  const details = await fc.check(property, {
    seed: ctx.seed,
    numRuns: block.count,
    // the same examples on a replay, so the replay path points at the same case
    ...(sequences.length ? { examples: sequences.map((q): [Command[]] => [q]) } : {}),
    ...(ctx.replayPath ? { path: ctx.replayPath } : block.start > 0 ? { path: String(block.start) } : {}),
    endOnFailure: false,
    interruptAfterTimeLimit: remaining,
    markInterruptAsFailure: false,
  });

  if (!details.failed) {
    if (details.numRuns === 0) return beforeFirstCase();
    const what = spec.commands ? 'generated runs' : `runs of ${sequences.length} fixed sequence${sequences.length > 1 ? 's' : ''}`;
    return { status: 'pass', numRuns: details.numRuns, message: `${details.numRuns} ${what} matched the model, every step${details.interrupted ? ' (stopped at the time limit)' : ''}` };
  }
  const cex = details.counterexample?.[0] as object | undefined;
  const f = (cex && failures.get(cex)) ?? last;
  const error = f?.error ?? details.errorInstance;
  const replay: Replay = {
    seed: details.seed,
    ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
    command: replayCommand(ctx, spec.id, details.seed, details.counterexamplePath ?? undefined),
  };
  const base = { numRuns: details.numRuns, replay, counterexample: f?.lines ?? [], transcript: annotate(f?.transcript ?? [], error) };
  if (error instanceof ModelMismatch && error.modelWarnings.length > 0) {
    // The model had to narrow its possible worlds before this step: the mismatch may be the model's.
    return {
      ...base,
      status: 'warn',
      message: `${error.step}: the target answered ${error.observed}, which the model did not allow, but the model had narrowed its possible worlds (${error.modelWarnings[0]}), so this is not held against the target`,
    };
  }
  if (error instanceof ModelMismatch) {
    return {
      ...base,
      status: 'fail',
      message: `${error.step}: the target answered ${error.observed}; the model allows ${error.allowed.join(' | ')} (${error.rules.join(', ')})${closestReason(error.reasons)}`,
      requirements: [...new Set([...spec.requirements, ...error.rules.filter((r) => r.startsWith('R-'))])],
    };
  }
  if (error instanceof CheckFailure) {
    return { ...base, status: 'fail', message: error.message, requirements: [...new Set([...spec.requirements, ...error.rules])] };
  }
  // Neither is a verdict on the FPS contract: a hook that does not work makes the check not testable,
  // and anything else is the kit's own error (the runner records it as internal).
  if (error instanceof ClockMovedUnder) return { ...base, status: 'not-tested', message: `not testable: ${error.message}` };
  if (error instanceof SandboxFailure) {
    return { ...base, status: 'not-tested', message: `not testable: a sandbox hook failed (shared/sandbox-protocol.md): ${error.message}` };
  }
  throw error instanceof Error ? error : new Error(String(error));
}

/** The most telling reason: one about a field of an answer of the right kind (not "got error X"). */
function closestReason(reasons: readonly string[]): string {
  const r = reasons.find((x) => !/: got /.test(x) && !x.startsWith('model: '));
  return r ? `; closest: ${r}` : '';
}

function annotate(transcript: Exchange[], error: unknown): Exchange[] {
  if (!(error instanceof ModelMismatch) || !error.exchange) return transcript;
  const seq = error.exchange.seq;
  return transcript.map((e) => (e.seq === seq ? { ...e, expected: error.allowed.join(' | '), rules: [...error.rules] } : e));
}

/** The command that replays one failure (bin/commands/run.ts flags). */
export function replayCommand(ctx: SuiteContext, checkId: string, seed: number, path: string | undefined): string {
  const replay = path ? ` --replay ${seed}:${path}` : '';
  return `npx fps-conformance run --target ${ctx.target.baseUrl} --seed ${seed}${replay} --grep ${checkId}`;
}

