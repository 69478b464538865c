// The one recorder both directions use: observations filed under a check id, collapsed per check to
// its worst status (a fail outweighs every pass), with transcript, counterexample and replay. A check
// of the list nobody observed is reported not-tested with the reason, never pass.
import type { CheckResult, CheckStatus, Replay } from './result.ts';
import type { CheckRecord } from './suite.ts';
import type { Exchange } from './wire.ts';

/** Worst first: the status a check shows when its observations disagree. */
export const STATUS_RANK: Record<CheckStatus, number> = { fail: 7, blocked: 6, warn: 5, unsupported: 4, pass: 3, info: 2, 'not-applicable': 1, 'not-tested': 0 };

export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((a, b) => (STATUS_RANK[b] > STATUS_RANK[a] ? b : a), 'not-tested');
}

export interface Observation {
  status: CheckStatus;
  message: string;
  transcript?: Exchange[];
  rules?: string[];
  blockedBy?: string[];
}

/** How the run words the command that replays one check (run/command-line.ts for both directions). */
export type ReplayCommand = (spec: { checkId: string; seed: number; path?: string }) => string;

export class Recorder {
  private readonly obs = new Map<string, Observation[]>();
  private readonly runs = new Map<string, number>();
  private readonly durations = new Map<string, number>();
  private readonly extras = new Map<string, { lines: string[]; replay: { seed: number; path?: string } }>();
  private readonly known: Set<string>;
  /** the command that replays one failing check; unset, failures carry no replay */
  replayCommand: ReplayCommand | undefined;
  /** the run's seed: every failure's replay line carries it */
  seed: number | undefined;

  constructor(readonly checks: readonly CheckRecord[]) {
    this.known = new Set(checks.map((c) => c.id));
  }

  private interruption: string | undefined;

  /**
   * A signal stopped the run: a failure observed from now on is what the cut-off did to the client,
   * not a deviation, so it is filed as not tested (with what was seen).
   */
  interrupt(reason: string): void {
    this.interruption ??= reason;
  }

  protected add(id: string, observed: Observation): void {
    if (!this.known.has(id)) throw new Error(`unknown check ${id}`);
    const o: Observation = this.interruption !== undefined && observed.status === 'fail' ? { status: 'not-tested', message: `interrupted (${this.interruption}): ${observed.message}` } : observed;
    const list = this.obs.get(id) ?? [];
    list.push(o);
    this.obs.set(id, list);
  }
  pass(id: string, message = '', rules?: string[]): void {
    this.add(id, { status: 'pass', message, ...(rules ? { rules } : {}) });
  }
  fail(id: string, message: string, transcript?: Exchange[], rules?: string[]): void {
    this.add(id, { status: 'fail', message, ...(transcript ? { transcript } : {}), ...(rules ? { rules } : {}) });
  }
  warn(id: string, message: string, transcript?: Exchange[]): void {
    this.add(id, { status: 'warn', message, ...(transcript ? { transcript } : {}) });
  }
  info(id: string, message: string): void {
    this.add(id, { status: 'info', message });
  }
  notApplicable(id: string, reason: string): void {
    this.add(id, { status: 'not-applicable', message: reason });
  }
  notTested(id: string, reason: string): void {
    this.add(id, { status: 'not-tested', message: reason });
  }
  /** the client cannot express what the check needs: its hello leaves it out or its driver said so */
  unsupported(id: string, message: string, rules?: string[]): void {
    this.add(id, { status: 'unsupported', message, ...(rules ? { rules } : {}) });
  }
  /** the check could not be judged because a deviation another check reports stood in its way */
  blocked(id: string, message: string, blockedBy: string[], transcript?: Exchange[]): void {
    this.add(id, { status: 'blocked', message, blockedBy, ...(transcript ? { transcript } : {}) });
  }
  /** fails recorded so far (a property compares before and after a case); `only` narrows the ids counted */
  failCount(only: (id: string) => boolean = () => true): number {
    let n = 0;
    for (const [id, list] of this.obs) if (only(id)) n += list.filter((o) => o.status === 'fail').length;
    return n;
  }
  /** whether anything was observed for a check */
  observed(id: string): boolean {
    return (this.obs.get(id)?.length ?? 0) > 0;
  }
  /** statuses observed so far for a check */
  statuses(id: string): CheckStatus[] {
    return (this.obs.get(id) ?? []).map((o) => o.status);
  }
  /**
   * A view that files observations under other ids (answer checks of a variant call go to the
   * variant's row, so a failure names the variant that broke the SDK). Unmapped ids pass through.
   */
  redirect(map: (id: string) => string | undefined, prefix = ''): Recorder {
    const parent = this;
    const view = new (class extends Recorder {
      protected override add(id: string, o: Observation): void {
        const to = map(id);
        (parent as unknown as { add(id: string, o: Observation): void }).add(to ?? id, to !== undefined && prefix !== '' && o.message !== '' ? { ...o, message: `${prefix}${o.message}` } : o);
      }
      override failCount(only?: (id: string) => boolean): number {
        return parent.failCount(only);
      }
    })(this.checks);
    view.seed = this.seed;
    return view;
  }
  /** a generated case broke the check: its shrunk steps and where fast-check can replay it */
  counterexample(id: string, lines: string[], replay: { seed: number; path?: string }): void {
    this.extras.set(id, { lines, replay });
  }
  numRuns(id: string, n: number): void {
    this.runs.set(id, n);
  }
  time(id: string, ms: number): void {
    this.durations.set(id, (this.durations.get(id) ?? 0) + ms);
  }

  results(): CheckResult[] {
    return this.checks.map((c) => this.result(c));
  }

  private result(c: CheckRecord): CheckResult {
    const list = this.obs.get(c.id) ?? [];
    const base = { id: c.id, suite: c.suite, title: c.title, requirements: [...c.requirements], durationMs: this.durations.get(c.id) ?? 0 };
    if (list.length === 0) return { ...base, status: 'not-tested', message: 'not reached in this run' };
    // a call that was blocked does not hide the verdicts other calls gave (it is counted in the message)
    const judged = list.filter((o) => o.status !== 'blocked' && o.status !== 'info' && o.status !== 'not-tested');
    const blockedObs = list.filter((o) => o.status === 'blocked');
    const pool = judged.length > 0 ? [...judged, ...list.filter((o) => o.status === 'info')] : list;
    const worst = worstStatus(pool.map((o) => o.status));
    const same = pool.filter((o) => o.status === worst);
    const distinct = [...new Set(same.map((o) => o.message).filter((m) => m !== ''))];
    let message: string;
    if (worst === 'pass') message = [`held in ${same.length} observation${same.length === 1 ? '' : 's'}`, ...distinct.slice(0, 3)].join('\n');
    else message = distinct.slice(0, 4).join('\n') + (distinct.length > 4 ? `\n(${distinct.length - 4} more)` : '');
    const blockers = [...new Set(blockedObs.flatMap((o) => o.blockedBy ?? []))].sort();
    if (worst !== 'blocked' && blockedObs.length > 0) message += `\n(${blockedObs.length} more observation${blockedObs.length === 1 ? '' : 's'} blocked by ${blockers.join(', ')})`;
    const withTranscript = same.find((o) => o.transcript !== undefined);
    const n = this.runs.get(c.id);
    const extra = this.extras.get(c.id);
    const replay = worst === 'fail' ? this.replay(c.id, extra) : undefined;
    return {
      ...base,
      requirements: [...new Set([...c.requirements, ...same.flatMap((o) => o.rules ?? [])])],
      status: worst,
      message,
      ...(withTranscript?.transcript ? { transcript: withTranscript.transcript } : {}),
      ...(n !== undefined ? { numRuns: n } : {}),
      ...(worst === 'blocked' ? { blockedBy: blockers } : {}),
      ...(extra !== undefined && worst === 'fail' ? { counterexample: extra.lines } : {}),
      ...(replay ? { replay } : {}),
    };
  }

  /** A failure replays with the run's seed, and with the fast-check path when a generated case broke it. */
  private replay(checkId: string, extra: { replay: { seed: number; path?: string } } | undefined): Replay | undefined {
    if (this.replayCommand === undefined) return undefined;
    const seed = extra?.replay.seed ?? this.seed;
    if (seed === undefined) return undefined;
    const path = extra?.replay.path;
    return { seed, ...(path ? { path } : {}), command: this.replayCommand({ checkId, seed, ...(path ? { path } : {}) }) };
  }
}
