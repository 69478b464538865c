// How suites plug into the runner. Suites register by value in suites/service/index.ts; the runner filters
// them by name, tag or requirement id (--suite, --grep) and never asks which target it has.
import type { CheckResult } from './result.ts';
import type { Target } from './target.ts';
import type { Exchange, WireRequest, WireResponse } from './wire.ts';
import type { Instrument, Role } from '../spec/model/api.ts';
import type { Version } from '../spec/types.ts';

export interface SandboxDiscovery {
  protocol: string;
  versions: string[];
  cbui: string;
  profiles: string[];
  clock: boolean;
  ipn: boolean;
}

export interface SandboxAccount {
  accountId: string;
  email: string;
  accessKeyId: string;
  secretAccessKey: string;
  role: Role;
  instruments: Instrument[];
}

export interface CbuiBuyer {
  email: string;
  decision?: 'approve' | 'abandon';
  instrument?: Instrument;
}

/** The sandbox hooks of shared/sandbox-protocol.md, spoken over the recorded target. */
export interface SandboxClient {
  discovery(): Promise<SandboxDiscovery>;
  createAccount(role: Role, instruments: Instrument[], email?: string): Promise<SandboxAccount>;
  /** GET the signed CBUI start URL as the buyer; does not follow the redirect */
  cbui(startUrl: string, buyer: CbuiBuyer): Promise<{ status: number; location?: string; response: WireResponse }>;
  /** the target's sandbox clock, epoch ms */
  now(): Promise<number>;
  advance(seconds: number): Promise<number>;
  process(): Promise<string[]>;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** How a request is put on the wire (R-WIRE-1): query string, form body, or POST with the query string and an empty body. */
export type RequestStyle = 'GET' | 'POST-form' | 'POST-query';

export interface CallOptions {
  style?: RequestStyle;
  signatureMethod?: 'HmacSHA256' | 'HmacSHA1';
  version?: Version;
  /** override the Timestamp (ISO); default: the target's sandbox clock as last read */
  timestamp?: string;
  /** change the request after signing (signature suite): returns the request to send */
  tamper?: (request: WireRequest) => WireRequest;
  /** sign over the host without its port (R-AUTH-1b) */
  hostWithoutPort?: boolean;
  timeoutMs?: number;
  label?: string;
}

export type { Decoded } from '../spec/wire/decode.ts';
import type { Decoded } from '../spec/wire/decode.ts';

export interface CallResult {
  request: WireRequest;
  /** every parameter the kit signed, Signature included, before they were encoded (and before any tamper) */
  signed: Readonly<Record<string, string>>;
  /** undefined when the answer never arrived (unknown outcome) */
  response?: WireResponse;
  transportError?: string;
  decoded?: Decoded;
  /** the exchange as recorded in the transcript */
  exchange: Exchange;
}

/** Signs and sends FPS API requests. */
export interface FpsClient {
  call(action: string, params: Record<string, string>, creds: Credentials, options?: CallOptions): Promise<CallResult>;
}

export interface SuiteContext {
  /** the recorded target: every exchange lands in `transcript()` */
  target: Target;
  fps: FpsClient;
  /** undefined when the target has no /_sandbox */
  sandbox: SandboxClient | undefined;
  /**
   * The caller's credentials for checks that need an account but no particular role: the keys the
   * user supplied (--access-key-id/--secret-access-key or FPS_ACCESS_KEY_ID/FPS_SECRET_ACCESS_KEY), else
   * a caller account the runner made once per run through the sandbox. Undefined when neither exists
   * (checks that declare `needs: ['credentials']` are then not-tested).
   */
  credentials?: Credentials;
  discovery: SandboxDiscovery | undefined;
  seed: number;
  /** fast-check runs per property (--runs) */
  runs: number;
  timeoutMs: number;
  /** wall-clock epoch ms after which no new case starts (--time-limit) */
  deadline: number;
  profile: 'core' | 'sandbox-simulation';
  version: Version;
  /** --replay: the fast-check path to replay for the check being run */
  replayPath?: string;
  /** exchanges recorded since the last mark */
  transcript(): Exchange[];
  markTranscript(): void;
  /** progress lines (the console reporter decides how to show them) */
  progress(message: string): void;
  /** a generated case finished: `done` of `total` (the live progress counter; optional for callers) */
  caseDone?(done: number, total: number): void;
  /**
   * Catalogue requirements a check exercised and judged (ACTION-Pay when an answer of Pay matched an
   * allowed outcome, ERROR-TokenUsageError when that exact code was the required answer,
   * PIPELINE-MultiUse for a judged Co-Branded request). The runner credits them to the check only
   * when it passes; a failure is attributed to the rules it broke. Set by the runner per check.
   */
  exercised?(ids: readonly string[]): void;
  /**
   * `--shard i/n`: a check split by case (a model-based property) runs only its block of case indices
   * (core/shard.ts caseBlock), so the n shards together run every case of the unsharded run once.
   */
  shard?: import('./shard.ts').Shard;
  /**
   * `--compare`: each generated case that ran before any failure (shrinking excluded), with its
   * exchanges and, when the model refused an answer, the seq of that exchange.
   */
  recordCase?(record: { index: number; exchanges: Exchange[]; refusedSeq?: number }): void;
  /** a loopback URL that receives IPN POSTs, with what has arrived so far */
  ipnReceiver?: { url: string; received(): { path: string; params: Record<string, string>; at: number }[] };
}

/**
 * What names a check in either direction (an emulator check of suites/service/ or an SDK check of
 * suites/client/checks.ts): what --grep selects on, what the recorder files observations under and
 * what every report row starts from.
 */
export interface CheckRecord {
  /** "<suite>/<name>" */
  id: string;
  /** the suite it is reported under */
  suite: string;
  title: string;
  /** R- rulings and catalogue ids */
  requirements: string[];
  tags?: string[];
}

/** An emulator check: the record (its suite comes from the Suite that lists it) and how it runs. */
export interface Check extends Omit<CheckRecord, 'suite'> {
  /** prerequisites; when missing the runner reports not-tested with the reason, never pass */
  needs?: ('sandbox' | 'clock' | 'ipn' | 'sandbox-simulation' | 'credentials')[];
  run(ctx: SuiteContext): Promise<Omit<CheckResult, 'id' | 'suite' | 'title' | 'requirements' | 'durationMs'> & Partial<Pick<CheckResult, 'requirements'>>>;
}

export interface Suite {
  name: string;
  title: string;
  checks: Check[];
}
