// One model-based run against a target: fresh accounts, the model's possible states, the ids bound
// so far. Every exchange goes through `observe`, which keeps each state whose outcome matches what
// the target answered (several may: a pending transaction that may have completed on its own), and
// fails the run with a ModelMismatch when none does, or when an API answer's envelope (HTTP status,
// namespace) breaks the wire rules whatever its body (R-WIRE-3, R-WIRE-4).
import { describeObserved, judgeStep, type Observed } from '../../../spec/model/checker.ts';
import type { CallOptions, CallResult, Decoded, SandboxAccount, SuiteContext } from '../../../core/suite.ts';
import type { Answer, Expect, FreshKind, Instrument, Model, ModelInput, ModelState, Outcome, Role } from '../../../spec/model/api.ts';
import { answerOf, apiInput, dedupe, permutations, wireProblem } from './wire-input.ts';
import { modelWarnings } from '../../../spec/model/index.ts';
import { ModelMismatch, SandboxFailure } from './mismatch.ts';
import { stepCredits } from './credit.ts';

/** A clock reading older than this (wall time) is refreshed before the next command. */
const CLOCK_STALE_MS = 2_000;
/** More than this between the clock as this run knows it and the target's is no ticking (realtime) clock but a move by someone else. */
const CLOCK_MOVED_MS = 60_000;
/**
 * Most candidate states kept at once (bursts multiply them; equal ones are merged first). Past it the
 * first are kept and the run remembers it: a later mismatch may then be the kit's (a dropped state
 * was the target's), so it is reported as a warning, never held against the target.
 */
const MAX_CANDIDATES = 256;
/** Kinds whose values name an entity: an answer's new id must not reuse one (spec/model/checker.ts). */
const ENTITY_KINDS: ReadonlySet<string> = new Set<FreshKind>(['TransactionId', 'TokenId', 'AccountId', 'AccessKeyId', 'Email']);

export interface Step {
  label: string;
  input: ModelInput;
  observed: Decoded | Observed;
  /** the HTTP status of an API answer: judged by the wire rules (wire-input.ts wireProblem) */
  status?: number;
  exchangeSeq?: number;
}

export interface Accounts {
  callers: SandboxAccount[];
  senders: SandboxAccount[];
  recipients: SandboxAccount[];
}

export const DEFAULT_ACCOUNTS: { role: Role; instruments: Instrument[] }[] = [
  { role: 'caller', instruments: ['CC', 'ACH', 'ABT'] },
  { role: 'caller', instruments: ['CC', 'ACH', 'ABT'] },
  { role: 'sender', instruments: ['CC', 'ACH', 'ABT'] },
  { role: 'sender', instruments: ['CC', 'ABT'] },
  { role: 'recipient', instruments: ['CC', 'ACH', 'ABT'] },
];

export class RunSession {
  candidates: ModelState[];
  /** the target's sandbox clock as last read, epoch ms */
  now: number;
  readonly taken = new Map<string, Set<string>>();
  /** transaction ids this run made (process answers are judged on these only) */
  readonly known = new Set<string>();
  readonly accounts: Accounts = { callers: [], senders: [], recipients: [] };
  /** wall-clock time of the last clock reading */
  private readAt = Date.now();
  /** set once candidate states were dropped past MAX_CANDIDATES */
  private narrowed: string | undefined;

  private constructor(
    readonly ctx: SuiteContext,
    readonly model: Model,
    now: number,
  ) {
    this.now = now;
    this.candidates = [model.initial(now, { profile: ctx.profile })];
  }

  /** Reads the target's clock, starts the model there, and makes this run's accounts. */
  static async open(ctx: SuiteContext, model: Model, accounts = DEFAULT_ACCOUNTS): Promise<RunSession> {
    const sandbox = requireSandbox(ctx);
    const now = await sandboxCall('GET /_sandbox/clock', () => sandbox.now());
    const s = new RunSession(ctx, model, now);
    for (const a of accounts) await s.createAccount(a.role, a.instruments);
    return s;
  }

  get sandbox() {
    return requireSandbox(this.ctx);
  }

  /** The model's states, read-only, for predicates that need to look (e.g. owedIpns). */
  get states(): readonly ModelState[] {
    return this.candidates;
  }

  async createAccount(role: Role, instruments: Instrument[]): Promise<SandboxAccount> {
    const acct = await sandboxCall('POST /_sandbox/accounts', () => this.sandbox.createAccount(role, instruments));
    this.observe({
      label: `account(${role}, ${instruments.join('+') || 'none'})`,
      input: { kind: 'account', at: this.now, role, instruments },
      observed: { kind: 'account', fields: { accountId: acct.accountId, email: acct.email, accessKeyId: acct.accessKeyId, secretAccessKey: acct.secretAccessKey } },
    });
    ({ caller: this.accounts.callers, sender: this.accounts.senders, recipient: this.accounts.recipients })[role].push(acct);
    return acct;
  }

  /** An API request: signed with `as`'s keys, stamped with the target's clock. */
  async send(action: string, params: Record<string, string>, as: SandboxAccount, options: CallOptions = {}): Promise<{ result: CallResult; input: ModelInput }> {
    const result = await this.ctx.fps.call(action, params, { accessKeyId: as.accessKeyId, secretAccessKey: as.secretAccessKey }, {
      timestamp: new Date(this.now).toISOString(),
      version: this.ctx.version,
      ...options,
    });
    return { result, input: apiInput(result, action, this.now, this.ctx.version) };
  }

  /** send + observe; the decoded answer (undefined when it never arrived and `lost` says that is expected) */
  async api(label: string, action: string, params: Record<string, string>, as: SandboxAccount, options: CallOptions & { lost?: boolean } = {}): Promise<Decoded | undefined> {
    const { result, input } = await this.send(action, params, as, { label, ...options });
    if (options.lost) {
      // An answer that beat the 1 ms timeout (an in-process target) is not read either: the run goes
      // on exactly as if it never came, which every world of `unknown` covers.
      this.lose(input);
      return undefined;
    }
    this.observe({ label, input, ...answerOf(result) });
    return result.decoded;
  }

  /** The answer never arrived: every world the request may have left behind (Jepsen's unknown outcome). */
  lose(input: ModelInput): void {
    this.candidates = dedupe(this.candidates.map((s) => this.model.unknown(s, input)));
  }

  async advance(label: string, seconds: number): Promise<void> {
    const before = this.now;
    const now = await sandboxCall('POST /_sandbox/clock', () => this.sandbox.advance(seconds));
    this.observe({ label, input: { kind: 'clock', at: before, to: before + seconds * 1000 }, observed: { kind: 'clock', now } });
    this.now = Math.max(now, before + seconds * 1000);
    this.readAt = Date.now();
  }

  /**
   * Re-reads the target's clock when the last reading is stale: a clock that follows the wall clock,
   * or another user of a shared target, may have moved it; the model is told (a clock step) so its
   * time rules read the same time as the target's (shared/sandbox-protocol.md "Clock").
   */
  async syncClock(): Promise<void> {
    if (Date.now() - this.readAt < CLOCK_STALE_MS) return;
    const before = this.now;
    const now = await sandboxCall('GET /_sandbox/clock', () => this.sandbox.now());
    this.readAt = Date.now();
    if (now > before) this.observe({ label: 'the target clock moved on its own', input: { kind: 'clock', at: before, to: now }, observed: { kind: 'clock', now } });
    this.now = Math.max(before, now);
  }

  /**
   * After a mismatch: did something else move the target's clock under this run (another run sharing
   * the target, which shared/sandbox-protocol.md allows: "a shared emulator stays usable")? Then the
   * Timestamps and time-relative values this run sent were stale, and the answer is no verdict on the
   * target. Answers why, or undefined when the clock is where this run left it.
   */
  async clockMovedUnder(): Promise<string | undefined> {
    const known = this.now;
    const now = await this.sandbox.now().catch(() => undefined);
    if (now === undefined || Math.abs(now - known) <= CLOCK_MOVED_MS) return undefined;
    return `the target clock moved from ${new Date(known).toISOString()} to ${new Date(now).toISOString()} under this run without this run moving it (another client of a shared target?), so its Timestamps and time-relative values were stale`;
  }

  /** Moves the clock to `to` (not earlier than now) with POST /_sandbox/clock {advanceSeconds}. */
  async advanceTo(label: string, to: number): Promise<void> {
    const seconds = Math.ceil((to - this.now) / 1000);
    if (seconds > 0) await this.advance(label, seconds);
  }

  async process(label: string): Promise<string[]> {
    const completed = await sandboxCall('POST /_sandbox/process', () => this.sandbox.process());
    this.observe({ label, input: { kind: 'process', at: this.now }, observed: { kind: 'process', completed } });
    return completed;
  }

  /** A message the target sent (IPN body, return-URL query): the model remembers it for VerifySignature (R-IPN-3). */
  recordOutbound(label: string, urlEndPoint: string, params: Readonly<Record<string, string>>): void {
    this.observe({ label, input: { kind: 'outbound', at: this.now, urlEndPoint, params }, observed: { kind: 'recorded' } });
  }

  /** Matches one answer against every candidate state; throws ModelMismatch when none allows it. */
  observe(step: Step): Outcome {
    this.judgeWire(step);
    const { last, credits } = this.fold([step]);
    if (credits.size) this.ctx.exercised?.([...credits]);
    return last;
  }

  /**
   * Several answers to requests that were in flight together: they must fit some serial order the
   * model allows (≤ 4 requests, ≤ 24 orders). Throws ModelMismatch when no order fits.
   */
  observeConcurrent(steps: readonly Step[]): void {
    if (steps.length <= 1) {
      if (steps[0]) this.observe(steps[0]);
      return;
    }
    // the envelope does not depend on the order the target took
    for (const s of steps) this.judgeWire(s);
    const orders = permutations(steps.length);
    const start = { candidates: this.candidates, taken: cloneTaken(this.taken) };
    const finals: ModelState[] = [];
    const takenAfter = cloneTaken(this.taken);
    let firstFailure: ModelMismatch | undefined;
    // an id counts only if every order that fits judged it (which order the target took is unknown)
    let credited: Set<string> | undefined;
    for (const order of orders) {
      this.candidates = start.candidates;
      this.taken.clear();
      for (const [k, v] of cloneTaken(start.taken)) this.taken.set(k, v);
      try {
        const { credits: judged } = this.fold(order.map((i) => steps[i]!));
        credited = credited ? new Set([...credited].filter((id) => judged.has(id))) : judged;
        finals.push(...this.candidates);
        for (const [k, v] of this.taken) takenAfter.set(k, new Set([...(takenAfter.get(k) ?? []), ...v]));
      } catch (err) {
        if (!(err instanceof ModelMismatch)) throw err;
        firstFailure ??= err;
      }
    }
    this.taken.clear();
    for (const [k, v] of takenAfter) this.taken.set(k, v);
    if (finals.length === 0) {
      const f = firstFailure!;
      throw new ModelMismatch(
        `${steps.map((s) => s.label).join(' ‖ ')} (concurrent; no serial order fits)`,
        steps.map((s) => describeObserved(s.observed)).join(' ‖ '),
        f.allowed,
        f.rules,
        f.reasons,
        f.exchange,
        f.modelWarnings,
      );
    }
    this.candidates = this.keep(finals);
    if (credited?.size) this.ctx.exercised?.([...credited]);
    for (const s of steps) this.registerObserved(s.observed);
  }

  /**
   * Judges the steps in order, moving the candidate states on; returns the last matched outcome and
   * the catalogue ids the steps exercised (the caller reports them). Throws ModelMismatch.
   */
  private fold(steps: readonly Step[]): { last: Outcome; credits: Set<string> } {
    let last: Outcome | undefined;
    const credits = new Set<string>();
    for (const step of steps) {
      const verdict = judgeStep(this.candidates.map((state) => this.model.step(state, step.input)), step.observed, { taken: this.taken, known: this.known });
      if (verdict.mismatch) {
        const m = verdict.mismatch;
        const warnings = [...new Set([...(this.narrowed ? [this.narrowed] : []), ...this.candidates.flatMap((c) => safeWarnings(c))])];
        throw new ModelMismatch(step.label, m.observed, m.allowed, m.rules, m.reasons, this.exchangeOf(step), warnings);
      }
      for (const { outcome, bound } of verdict.matches) this.registerBound(outcome.answer, bound);
      this.registerObserved(step.observed);
      this.candidates = this.keep(verdict.matches.map(({ outcome, bound }) => outcome.next(bound)));
      last = verdict.matches[0]!.outcome;
      for (const id of stepCredits(step.input, verdict.allowed.map((o) => o.answer), last.answer)) credits.add(id);
    }
    return { last: last!, credits };
  }

  /** R-WIRE-3, R-WIRE-4: an answer in the wrong envelope is wrong whatever body the model allows. */
  private judgeWire(step: Step): void {
    const p = wireProblem(step);
    if (p) throw new ModelMismatch(step.label, p.observed, [p.expected], p.rules, [p.why], this.exchangeOf(step));
  }

  private exchangeOf(step: Step) {
    return step.exchangeSeq === undefined ? this.ctx.transcript().at(-1) : this.ctx.transcript().find((e) => e.seq === step.exchangeSeq);
  }

  /** Distinct states, at most MAX_CANDIDATES (recording when some were dropped). */
  private keep(states: readonly ModelState[]): ModelState[] {
    const unique = dedupe(states);
    if (unique.length > MAX_CANDIDATES) this.narrowed ??= `the run kept ${MAX_CANDIDATES} of ${unique.length} candidate states`;
    return unique.slice(0, MAX_CANDIDATES);
  }

  private registerBound(answer: Answer, bound: Record<string, string>): void {
    for (const e of freshExpects(answer)) {
      const v = bound[e.bind];
      if (v === undefined || !ENTITY_KINDS.has(e.fresh)) continue;
      let set = this.taken.get(e.fresh);
      if (!set) this.taken.set(e.fresh, (set = new Set()));
      set.add(v);
      if (e.fresh === 'TransactionId') this.known.add(v);
    }
  }

  private registerObserved(observed: Decoded | Observed): void {
    if (observed.kind === 'result' && observed.fields.TransactionId) this.known.add(observed.fields.TransactionId);
  }
}

function safeWarnings(state: ModelState): readonly string[] {
  try {
    return modelWarnings(state);
  } catch {
    return []; // a state of another model (tests inject their own)
  }
}

function freshExpects(a: Answer): { fresh: FreshKind; bind: string }[] {
  const fields: Readonly<Record<string, Expect>> = a.kind === 'result' || a.kind === 'account' ? a.fields : a.kind === 'redirect' ? a.params : {};
  const out: { fresh: FreshKind; bind: string }[] = [];
  for (const e of Object.values(fields)) if (typeof e === 'object' && 'fresh' in e) out.push(e);
  return out;
}

function cloneTaken(t: Map<string, Set<string>>): Map<string, Set<string>> {
  return new Map([...t].map(([k, v]) => [k, new Set(v)]));
}

function requireSandbox(ctx: SuiteContext) {
  if (!ctx.sandbox) throw new SandboxFailure('the target has no /_sandbox hooks');
  return ctx.sandbox;
}

async function sandboxCall<T>(what: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    throw new SandboxFailure(`${what} failed: ${(err as Error)?.message ?? String(err)}`);
  }
}
