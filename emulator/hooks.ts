// The seams the injected bugs (bugs.ts) wrap: parsing, verification, the model's answer, rendering,
// ids, IPNs and the step queue. The reference emulator runs with no hooks; a bug is a few of these
// functions, never a fork of the model.
import type { AuthVerdict, ExpectedIpn, FreshKind, Millis, ModelInput, ModelState, Outcome } from '../spec/model/api.ts';

export type ApiInput = Extract<ModelInput, { kind: 'api' }>;

/** What a hook may read and do while one API request is stepped. */
export interface ApiStep {
  input: ApiInput;
  state: ModelState;
  now: Millis;
  /** steps the model again from the same state (e.g. with another input) */
  step(input: ModelInput): Outcome;
  fresh(kind: FreshKind): string;
}

export interface AuthRequest {
  method: string;
  /** Host header as sent */
  host: string;
  path: string;
  params: Readonly<Record<string, string>>;
  /** the secret of AWSAccessKeyId, when the key is known */
  secret: string | undefined;
}

/** A committed step, as the emulator answered it (ids bound). */
export type Observation =
  | { kind: 'api'; at: Millis; input: ApiInput; answer: { kind: 'result'; fields: Readonly<Record<string, string>> } | { kind: 'error'; code: string } }
  | { kind: 'cbui'; at: Millis; params: Readonly<Record<string, string>>; callerKey: string | undefined; fields: Readonly<Record<string, string>> }
  | { kind: 'process'; at: Millis; completed: readonly string[] }
  | { kind: 'clock'; at: Millis }
  | { kind: 'reset' };

export interface Hooks {
  /** sees each raw query string and form body before strict parsing; may throw (→ InternalError) */
  beforeParse?(raw: string): void;
  /** adjusts the verdict after SigV2 verification */
  auth?(verdict: AuthVerdict, request: AuthRequest): AuthVerdict;
  /** replaces the model's outcome for an API request */
  outcome?(outcome: Outcome, step: ApiStep): Outcome;
  /** edits the rendered result fields (ids bound) before encoding */
  render?(fields: Record<string, string>, step: ApiStep): Record<string, string>;
  /** edits an id the emulator picked */
  freshId?(kind: FreshKind, value: string): string;
  /** edits the HTTP answer to an API request */
  response?(res: { status: number; body: string }, step: ApiStep | undefined): { status: number; body: string };
  /** sees every committed step */
  observe?(event: Observation): void;
  /** filters the notifications owed */
  ipns?(owed: readonly ExpectedIpn[]): readonly ExpectedIpn[];
  /** true: this request skips the queue and yields between reading the state and committing */
  race?(input: ApiInput): boolean;
}

/** Applies each hook's functions in order; identity where none is given. */
export function composeHooks(list: readonly Hooks[]): Required<Hooks> {
  return {
    beforeParse: (raw) => list.forEach((h) => h.beforeParse?.(raw)),
    auth: (v, r) => list.reduce((acc, h) => h.auth?.(acc, r) ?? acc, v),
    outcome: (o, s) => list.reduce((acc, h) => h.outcome?.(acc, s) ?? acc, o),
    render: (f, s) => list.reduce((acc, h) => h.render?.(acc, s) ?? acc, f),
    freshId: (k, v) => list.reduce((acc, h) => h.freshId?.(k, acc) ?? acc, v),
    response: (r, s) => list.reduce((acc, h) => h.response?.(acc, s) ?? acc, r),
    observe: (e) => list.forEach((h) => h.observe?.(e)),
    ipns: (o) => list.reduce((acc, h) => h.ipns?.(acc) ?? acc, o),
    race: (i) => list.some((h) => h.race?.(i) ?? false),
  };
}
