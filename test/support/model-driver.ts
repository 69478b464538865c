// A small synchronous driver over fpsModel for tests, generators and the emulator: it binds every
// `fresh` id of an answer to a generated value and keeps the state. Pure: values come from a counter.
import type { Answer, AuthVerdict, Chooser, Expect, FreshKind, Instrument, Millis, ModelInput, ModelOptions, ModelState, Outcome, Role } from '../../spec/model/api.ts';
import { fpsModel } from '../../spec/model/index.ts';

export const nominal: Chooser = () => 0;

/** Every `{ fresh }` Expect of an answer, as [bind, kind]. */
export function freshBinds(answer: Answer): [string, FreshKind][] {
  const fields: Readonly<Record<string, Expect>> | undefined =
    answer.kind === 'result' || answer.kind === 'account' ? answer.fields : answer.kind === 'redirect' ? answer.params : undefined;
  const out: [string, FreshKind][] = [];
  for (const e of Object.values(fields ?? {})) if (typeof e === 'object' && 'fresh' in e) out.push([e.bind, e.fresh]);
  return out;
}

export class ModelDriver {
  state: ModelState;
  private n = 0;
  constructor(start: Millis, profile: ModelOptions['profile'] = 'core') {
    this.state = fpsModel.initial(start, { profile });
  }
  /** a value for a fresh id: short enough for every limit (R-WIRE-7) */
  gen(kind: FreshKind): string {
    this.n += 1;
    const tag = { TransactionId: 'TX', TokenId: 'TK', RequestId: 'RQ', AccountId: 'AC', AccessKeyId: 'AK', SecretAccessKey: 'SK', Email: 'EM' }[kind];
    return kind === 'Email' ? `buyer${this.n}@example.com` : `${tag}${String(this.n).padStart(8, '0')}`;
  }
  /** Emulator-style: one outcome by `choose`, ids generated; the state moves on. */
  run(input: ModelInput, choose: Chooser = nominal): { answer: Answer; bound: Record<string, string>; outcome: Outcome } {
    const outcome = fpsModel.stepConcrete(this.state, input, choose);
    const bound: Record<string, string> = {};
    for (const [bind, kind] of freshBinds(outcome.answer)) bound[bind] = this.gen(kind);
    this.state = outcome.next(bound);
    return { answer: outcome.answer, bound, outcome };
  }
  allowed(input: ModelInput): readonly Outcome[] {
    return fpsModel.step(this.state, input);
  }
}

export interface Keys { accessKeyId: string; accountId: string; email: string }

export function iso(at: Millis): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A well-signed API request at `at` (the kit signs it, so its verdict is known by construction). */
export function apiInput(at: Millis, keys: Pick<Keys, 'accessKeyId'>, action: string, params: Record<string, string>, auth: Partial<AuthVerdict> = {}): ModelInput {
  const timestamp = auth.timestamp ?? iso(at);
  const full: Record<string, string> = {
    Action: action, AWSAccessKeyId: keys.accessKeyId, SignatureVersion: '2', SignatureMethod: 'HmacSHA256',
    Timestamp: timestamp, Version: '2010-08-28', Signature: 'sig', ...params,
  };
  return {
    kind: 'api', at, version: '2010-08-28', action, params: full,
    auth: { accessKeyId: keys.accessKeyId, signatureVersion: '2', signatureMethod: 'HmacSHA256', signature: 'valid', timestamp, ...auth },
  };
}

export function accountInput(at: Millis, role: Role, instruments: Instrument[], email?: string): ModelInput {
  return email === undefined ? { kind: 'account', at, role, instruments } : { kind: 'account', at, role, instruments, email };
}

export function cbuiInput(at: Millis, params: Record<string, string>, buyer: string, extra: { decision?: 'approve' | 'abandon'; instrument?: Instrument; signature?: 'valid' | 'invalid' | 'absent' } = {}): ModelInput {
  const input: ModelInput = { kind: 'cbui', at, params, signature: extra.signature ?? 'valid', buyer, decision: extra.decision ?? 'approve' };
  return extra.instrument ? { ...input, instrument: extra.instrument } : input;
}

/** A short label per outcome, for tests and transcripts: "error:Code", "result:Action:Status", "redirect:SA". */
export function label(answer: Answer): string {
  const show = (e: Expect | undefined): string =>
    e === undefined ? '-' : typeof e === 'string' ? e : 'oneOf' in e ? e.oneOf.join('|') : 'fresh' in e ? 'fresh' : 'present' in e ? 'present' : 'pattern' in e ? `/${e.pattern}/` : 'optional';
  switch (answer.kind) {
    case 'error': return `error:${answer.code}`;
    case 'result': {
      const f = answer.fields;
      const status = f['TransactionStatus'] ?? f['VerificationStatus'] ?? f['Token.TokenStatus'] ?? f['RecipientVerificationStatus'];
      return `result:${answer.action}${status !== undefined ? `:${show(status)}` : ''}`;
    }
    case 'redirect': return `redirect:${show(answer.params['status'])}`;
    case 'process': return `process:${answer.completed.length}`;
    default: return answer.kind;
  }
}

export function labels(outcomes: readonly Outcome[]): string[] {
  return outcomes.map((o) => label(o.answer));
}
