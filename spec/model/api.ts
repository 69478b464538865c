// The contract of the pure reference model. The model answers each input with the SET of outcomes
// the seeds and rulings allow; the checker keeps the one that matches what the target said, the
// reference emulator picks one. Nothing here does I/O or reads a clock: time is a field of the input.
import type { ErrorCode } from '../catalogue/errors.ts';
import type { PipelineName, Version } from '../types.ts';

export type Instrument = 'CC' | 'ACH' | 'ABT';
export type Role = 'caller' | 'sender' | 'recipient';
/** epoch milliseconds on the target's sandbox clock */
export type Millis = number;

/** How an API request's authentication checked out. The emulator computes it by verifying SigV2;
 *  the kit knows it by construction (it signed, or tampered on purpose). */
export interface AuthVerdict {
  /** AWSAccessKeyId as sent (undefined when absent) */
  accessKeyId: string | undefined;
  signatureVersion: string | undefined;
  signatureMethod: string | undefined;
  /** valid: HMAC matches with that key's secret (R-AUTH-1, host with or without port R-AUTH-1b) */
  signature: 'valid' | 'invalid' | 'missing';
  /** Timestamp as sent; the model judges freshness against `at` (R-AUTH-4) */
  timestamp: string | undefined;
}

/** Ids and secrets the implementation chooses; bound when seen (checker) or generated (emulator). */
export type FreshKind = 'TransactionId' | 'TokenId' | 'RequestId' | 'AccountId' | 'AccessKeyId' | 'SecretAccessKey' | 'Email';

/** What a field of an answer must be. */
export type Expect =
  | string
  | { readonly oneOf: readonly string[] }
  /** a new id the implementation picks; `bind` names the binding passed to Outcome.next */
  | { readonly fresh: FreshKind; readonly bind: string; readonly maxLength?: number }
  /** present, any value (e.g. RequestId, StatusMessage) */
  | { readonly present: true }
  /** present, in a form (anchored regular expression `pattern`, e.g. R-IPN-2's "USD 1.00" amounts);
   *  `example` is one conforming value (what the reference emulator sends) */
  | { readonly pattern: string; readonly example: string }
  /** may be present or absent, any value */
  | { readonly optional: true };

export type ModelInput =
  | { kind: 'account'; at: Millis; role: Role; instruments: readonly Instrument[]; email?: string }
  | {
      kind: 'api';
      at: Millis;
      version: Version;
      /** Action as sent (may be unknown) */
      action: string;
      /** decoded parameters as sent, Signature included */
      params: Readonly<Record<string, string>>;
      auth: AuthVerdict;
    }
  | {
      kind: 'cbui';
      at: Millis;
      /** parameters as sent (names in any case: CBUI names are not case-sensitive, R-WIRE-2) */
      params: Readonly<Record<string, string>>;
      signature: 'valid' | 'invalid' | 'absent';
      /** X-Sandbox-Buyer, X-Sandbox-Decision, X-Sandbox-Instrument (shared/sandbox-protocol.md) */
      buyer?: string;
      decision: 'approve' | 'abandon';
      instrument?: Instrument;
    }
  | { kind: 'clock'; at: Millis; to: Millis }
  /** a message the target itself sent (an IPN body, or a return-URL query), as the kit or emulator
   *  observed it; VerifySignature answers Success for exactly these (R-IPN-3) */
  | { kind: 'outbound'; at: Millis; urlEndPoint: string; params: Readonly<Record<string, string>> }
  | { kind: 'process'; at: Millis };

export type Answer =
  /** an API success: fields by the documents' element names, nested ones dotted ("Token.TokenId") */
  | { kind: 'result'; action: string; fields: Readonly<Record<string, Expect>> }
  /** `code: '*'`: any 4xx error code conforms (R-WIRE-5 unknown Action) */
  | { kind: 'error'; code: ErrorCode | '*' }
  /** a CBUI answer: 302 to returnURL with these parameters (status, tokenID, errorMessage, ...) */
  | {
      kind: 'redirect';
      returnURL: string;
      params: Readonly<Record<string, Expect>>;
      /** status=CE: the inputs at fault (R-TOK-1); errorMessage should name one of them */
      errorInputs?: readonly string[];
    }
  /** sandbox hooks */
  | { kind: 'account'; fields: Readonly<Record<string, Expect>> }
  | { kind: 'clock'; now: Millis }
  /** an `outbound` input was recorded (no target answer is involved) */
  | { kind: 'recorded' }
  /** The ids `process` completes. A target may omit ids it had already completed on its own
   *  (sandbox-protocol "Pending work may also complete on its own"): its list must be a subset of
   *  `completed`, plus at most `unresolved` ids the model cannot name (transactions whose answer
   *  never arrived, see Model.unknown). */
  | { kind: 'process'; completed: readonly string[]; unresolved?: number };

/** A notification the target owes (R-IPN-1, R-IPN-2). Values are concrete (ids already bound);
 *  signature fields are `{ present: true }`. The emulator delivers these; the ipn suite expects them. */
export interface ExpectedIpn {
  /** stable across steps, so a deliverer can remember what it already sent */
  key: string;
  /** OverrideIPNURL of the request that owes it */
  url: string;
  fields: Readonly<Record<string, Expect>>;
  rules: readonly string[];
}

export interface Outcome {
  answer: Answer;
  /** the requirement ids that justify this outcome (R- rulings, catalogue ids) */
  rules: readonly string[];
  /** a short reason shown in transcripts when the target's answer matched none of the outcomes */
  why: string;
  /** the state after this outcome, given the values bound for each `fresh` Expect in `answer` */
  next(bound: Readonly<Record<string, string>>): ModelState;
}

/** Opaque to callers outside spec/model; immutable (every step returns a new value). */
export interface ModelState {
  readonly now: Millis;
  readonly [k: string]: unknown;
}

export interface ModelOptions {
  /** "core" or "sandbox-simulation" (R-SBX-*) */
  profile: 'core' | 'sandbox-simulation';
}

/** Picks among n allowed alternatives (0 = the nominal one); `what` says what is being chosen. */
export type Chooser = (n: number, what: string) => number;

export interface Model {
  initial(start: Millis, options: ModelOptions): ModelState;
  /**
   * Checker side: every outcome the contract allows, the nominal (most ordinary) one first, never
   * empty. Outcomes are grouped so no two carry the same answer; a state may hold several possible
   * worlds (a Pending transaction that may have completed on its own, a use that may have been given
   * back, R-TOK-8), and an observation narrows them.
   */
  step(state: ModelState, input: ModelInput): readonly Outcome[];
  /** The answer never arrived (the kit's own timeout): every world the request may have left behind. */
  unknown(state: ModelState, input: ModelInput): ModelState;
  /**
   * Emulator side: the one outcome reached by taking `choose`'s pick wherever the contract allows
   * several; its `next` holds a single world. Derived from the same transitions as `step`.
   */
  stepConcrete(state: ModelState, input: ModelInput, choose: Chooser): Outcome;
  /** Every notification owed so far (R-IPN-1), with concrete values. */
  owedIpns(state: ModelState): readonly ExpectedIpn[];
}

export type { PipelineName };
