// Every check the sdk command can report, as data, and the recorder that turns observations into
// CheckResults. A check nobody observed is reported not-tested with the reason, never pass.
import type { CheckResult, CheckStatus } from '../../core/result.ts';
import type { Exchange } from '../../core/wire.ts';
import { ACTIONS, PIPELINES } from '../../spec/types.ts';
import type { FaultName } from './faults.ts';
import { FAULTS } from './faults.ts';
import { ERROR_VARIANT_CHECKS, RESULT_VARIANTS, VERSION_VARIANT } from './variants.ts';
import { OUTBOUND_CHECKS } from './outbound.ts';

export interface SdkCheckDef {
  id: string;
  suite: string;
  title: string;
  requirements: string[];
}

const SUITES: Record<string, string> = {
  driver: 'sdk-driver',
  sdk: 'sdk-calls',
  request: 'sdk-requests',
  answer: 'sdk-answers',
  faults: 'sdk-faults',
  cbui: 'sdk-cbui',
  verify: 'sdk-verify',
  sequences: 'sdk-sequences',
};
const def = (id: string, title: string, requirements: string[]): SdkCheckDef => ({ id, suite: SUITES[id.split('/')[0]!] ?? 'sdk', title, requirements });

export const SDK_CHECKS: readonly SdkCheckDef[] = [
  def('driver/protocol', 'The driver answers every fps-driver/1 message in time and in form', []),
  // the ACTION-<Name> / PIPELINE-<Name> ids come with each observation
  def('sdk/calls-complete', 'The SDK performs each documented call it supports, without crashing', []),
  def('request/wire-form', 'Requests are GET with a query, POST with a form body, or POST with the query and an empty body', ['R-WIRE-1']),
  def('request/style', 'Which request style the SDK uses (info)', ['R-WIRE-1']),
  def('request/signature', 'Every request carries a valid Signature Version 2 signature', ['R-AUTH-1', 'R-AUTH-1b']),
  def('request/signature-host', 'Which Host form the SDK signs: with or without the port (info)', ['R-AUTH-1b']),
  def('request/signing-hosts', 'API requests and Co-Branded URLs are signed over the same Host form (with or without the port)', ['R-AUTH-1', 'R-AUTH-1b']),
  def('request/space-encoding', 'How spaces are sent and how they are signed (info)', ['R-AUTH-1', 'R-WIRE-1']),
  def('request/verify-signature-signed', 'VerifySignature is signed like every other action', ['R-IPN-4', 'R-AUTH-1']),
  def('request/common-parameters', 'AWSAccessKeyId, SignatureVersion=2, SignatureMethod, Timestamp, Version, Action are sent', ['R-WIRE-2']),
  def('request/version', 'Version is 2008-09-17 or 2010-08-28', ['R-WIRE-2']),
  def('request/timestamp', 'Timestamp is ISO 8601 UTC', ['R-WIRE-2']),
  def('request/action-documented', 'Action is one of the documented actions', ['R-WIRE-2']),
  def('request/parameter-names', 'Every parameter name is a documented one, spelt with the same case', ['R-WIRE-2']),
  def('request/required-parameters', 'Every required parameter is sent', ['R-WIRE-8', 'R-TOK-3']),
  def('request/optional-omittable', 'A call without its optional parameters can be made', ['R-WIRE-8']),
  def('request/amounts', 'Amounts go as X.Value (at most two decimals) and X.CurrencyCode USD', ['R-WIRE-6']),
  def('request/parameters-as-called', 'The SDK sends what its caller asked for, unchanged', ['R-WIRE-2']),
  def('request/endpoint', 'The SDK sends to the endpoint it was configured with', ['R-WIRE-1']),
  def('answer/result-fields', "The SDK hands its caller the served TransactionId, TransactionStatus, RequestId and token fields", ['R-WIRE-3']),
  def('answer/error-surfaced', 'The SDK surfaces each FPS error with its code, message and request id', ['R-WIRE-4']),
  def('answer/no-false-success', 'Nothing is reported as success that was not one', ['R-WIRE-3', 'R-WIRE-4']),
  ...RESULT_VARIANTS.map((v) => def(v.check, `Answers ${v.title} are read`, v.rules)),
  def(VERSION_VARIANT.check, `Answers ${VERSION_VARIANT.title} are read`, [...VERSION_VARIANT.rules]),
  ...ERROR_VARIANT_CHECKS.map((v) => def(v.check, v.title, [...v.rules])),
  // capability rows: what the SDK cannot do is a first-class row, never a silent skip
  ...ACTIONS.map((a) => def(`sdk/action-${a}`, `The SDK offers ${a}`, [`ACTION-${a}`])),
  ...PIPELINES.map((p) => def(`sdk/pipeline-${p}`, `The SDK builds Co-Branded URLs for the ${p} pipeline`, [`PIPELINE-${p}`])),
  def('sdk/parameters', "The SDK can express every documented parameter the kit's calls use", ['R-WIRE-2']),
  def('sdk/verify-helpers', 'The SDK can verify return URLs and IPNs', ['R-IPN-3']),
  ...FAULTS.map((f) => def(`faults/${f.name}`, `Fault: ${f.title}${f.retriable ? ' (a resend must repeat the request)' : ' (must not be resent)'}`, f.rules)),
  def('cbui/signature', 'Co-Branded URLs the SDK builds carry a valid signature', ['R-TOK-1', 'R-AUTH-1']),
  def('cbui/required-parameters', "Co-Branded URLs carry the pipeline's required parameters", ['R-TOK-1']),
  def('cbui/values-as-given', 'Co-Branded URL values arrive as the caller gave them (signed form and sent form agree)', ['R-TOK-1', 'R-WIRE-2']),
  def('cbui/endpoint', 'Co-Branded URLs go to the configured Co-Branded endpoint', ['R-TOK-1']),
  def('verify/return-url-genuine', 'A return URL the service signed is accepted', ['R-IPN-3', 'R-TOK-2']),
  def('verify/return-url-tampered', 'A return URL with a changed value is rejected', ['R-IPN-3']),
  def('verify/ipn-genuine', 'An IPN the service signed is accepted', ['R-IPN-3', 'R-IPN-2']),
  def('verify/ipn-tampered', 'An IPN with a changed value is rejected', ['R-IPN-3']),
  ...OUTBOUND_CHECKS.map((c) => def(c.check, c.title, [...c.rules])),
  def('sequences/token-pay-reserve-settle-refund', 'Model-based sequences: tokens, Pay, Reserve/Settle, Refund and idempotent resends through the SDK', ['R-IDEM-2', 'R-PAY-1', 'R-PAY-3', 'R-REF-3']),
];

export const faultCheckId = (f: FaultName): string => `faults/${f}`;

interface Observation {
  status: CheckStatus;
  message: string;
  transcript?: Exchange[];
  rules?: string[];
  blockedBy?: string[];
}

/** `--seed N` added to a command line that lacks one, so every replay line reproduces the run. */
export function withSeed(command: string, seed: number | undefined): string {
  if (seed === undefined || /(^|\s)--seed(\s|=)/.test(command)) return command;
  return `${command} --seed ${seed}`;
}

const RANK: Record<CheckStatus, number> = { fail: 7, blocked: 6, warn: 5, unsupported: 4, pass: 3, info: 2, 'not-applicable': 1, 'not-tested': 0 };

export class Recorder {
  private readonly obs = new Map<string, Observation[]>();
  private readonly runs = new Map<string, number>();
  private readonly durations = new Map<string, number>();
  private readonly extras = new Map<string, { lines: string[]; replay: { seed: number; path?: string } }>();
  /** the command line that replays the run (for Replay.command) */
  replayCommand = '';
  /** the run's seed: every failure's replay line carries it */
  seed: number | undefined;

  protected add(id: string, o: Observation): void {
    if (!SDK_CHECKS.some((c) => c.id === id)) throw new Error(`unknown sdk check ${id}`);
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
  /** the SDK cannot express what the check needs: its hello leaves it out or its driver said so */
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
    })();
    view.seed = this.seed;
    return view;
  }
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
    return SDK_CHECKS.map((c) => {
      const list = this.obs.get(c.id) ?? [];
      const base = { id: c.id, suite: c.suite, title: c.title, requirements: c.requirements, durationMs: this.durations.get(c.id) ?? 0 };
      if (list.length === 0) return { ...base, status: 'not-tested' as const, message: 'not reached in this run' };
      // a call that was blocked does not hide the verdicts other calls gave (it is counted in the message)
      const judged = list.filter((o) => o.status !== 'blocked' && o.status !== 'info' && o.status !== 'not-tested');
      const blockedObs = list.filter((o) => o.status === 'blocked');
      const pool = judged.length > 0 ? [...judged, ...list.filter((o) => o.status === 'info')] : list;
      const worst = pool.reduce((a, b) => (RANK[b.status] > RANK[a.status] ? b : a)).status;
      const same = pool.filter((o) => o.status === worst);
      const distinct = [...new Set(same.map((o) => o.message).filter((m) => m !== ''))];
      let message: string;
      if (worst === 'pass') message = [`held in ${same.length} observation${same.length === 1 ? '' : 's'}`, ...distinct.slice(0, 3)].join('\n');
      else message = distinct.slice(0, 4).join('\n') + (distinct.length > 4 ? `\n(${distinct.length - 4} more)` : '');
      const blockers = [...new Set(blockedObs.flatMap((o) => o.blockedBy ?? []))].sort();
      if (worst !== 'blocked' && blockedObs.length > 0) message += `\n(${blockedObs.length} more observation${blockedObs.length === 1 ? '' : 's'} blocked by ${blockers.join(', ')})`;
      const withTranscript = same.find((o) => o.transcript !== undefined);
      const rules = [...new Set([...c.requirements, ...same.flatMap((o) => o.rules ?? [])])];
      const n = this.runs.get(c.id);
      const extra = this.extras.get(c.id);
      return {
        ...base,
        requirements: rules,
        status: worst,
        message,
        ...(withTranscript?.transcript ? { transcript: withTranscript.transcript } : {}),
        ...(n !== undefined ? { numRuns: n } : {}),
        ...(worst === 'blocked' ? { blockedBy: blockers } : {}),
        ...(extra !== undefined && worst === 'fail'
          ? { counterexample: extra.lines, replay: { seed: extra.replay.seed, ...(extra.replay.path ? { path: extra.replay.path } : {}), command: withSeed(this.replayCommand, extra.replay.seed) } }
          : worst === 'fail' && this.seed !== undefined && this.replayCommand !== ''
            ? { replay: { seed: this.seed, command: `${withSeed(this.replayCommand, this.seed)} --grep ${c.id}` } }
            : {}),
      };
    });
  }
}
