// fps-driver/1 (shared/sdk-driver-protocol.md): the messages the kit sends an SDK driver and the
// answers it reads back. Adapters (in-process Node SDKs) return the same answers without the `id`.

export const DRIVER_PROTOCOL = 'fps-driver/1';

export interface SdkIdentity {
  name: string;
  version?: string;
  language?: string;
}

export interface SdkSupports {
  /** FPS actions the SDK can send, by the documents' names */
  actions: string[];
  /** Co-Branded pipelines the SDK can build a URL for */
  pipelines: string[];
  verifyReturnUrl: boolean;
  verifyIpn: boolean;
}

/** Amounts cross the protocol as the documents' complex type (R-WIRE-6). */
export interface AmountValue {
  Value: string;
  CurrencyCode: string;
}
/** A complex parameter (Amount, DescriptorPolicy) is an object of its children's names; on the wire `Name.Child`. */
export type CallParams = Record<string, string | AmountValue | Record<string, string>>;

export interface ConfigureMessage {
  endpoint: string;
  cbuiEndpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  version: string;
}

export type DriverMessage =
  | { id: number; type: 'hello' }
  | ({ id: number; type: 'configure' } & ConfigureMessage)
  | { id: number; type: 'call'; action: string; params: CallParams }
  | { id: number; type: 'cbuiUrl'; pipeline: string; params: Record<string, string> }
  | { id: number; type: 'verifyReturnUrl'; url: string }
  | { id: number; type: 'verifyIpn'; endpoint: string; params: Record<string, string> }
  | { id: number; type: 'shutdown' };

export interface SdkErrorView {
  code?: string;
  message?: string;
  requestId?: string;
  httpStatus?: number;
}

/** Every way a driver may answer (without `id`). `notes` is a compatible extension: lines for the report. */
export type DriverAnswer =
  | { ok: true; sdk?: SdkIdentity; supports?: Partial<SdkSupports>; notes?: string[]; result?: Record<string, unknown>; url?: string; valid?: boolean }
  | { ok: false; error?: SdkErrorView; unsupported?: string; crash?: string };

/** The in-process form of a driver: what `--adapter <module>` must export (default export or `adapter`). */
export interface SdkAdapter {
  hello(): Promise<DriverAnswer> | DriverAnswer;
  configure(config: ConfigureMessage): Promise<DriverAnswer> | DriverAnswer;
  call(action: string, params: CallParams): Promise<DriverAnswer>;
  cbuiUrl(pipeline: string, params: Record<string, string>): Promise<DriverAnswer> | DriverAnswer;
  verifyReturnUrl(url: string): Promise<DriverAnswer> | DriverAnswer;
  verifyIpn(endpoint: string, params: Record<string, string>): Promise<DriverAnswer> | DriverAnswer;
  shutdown?(): Promise<void> | void;
}

/**
 * What the kit makes of an answer. `broken` is the driver itself failing the protocol (timeout,
 * early exit, garbage on stdout): it says nothing about the SDK's FPS behaviour.
 */
export type SdkOutcome =
  | { kind: 'ok'; answer: Extract<DriverAnswer, { ok: true }> }
  | { kind: 'error'; error: SdkErrorView }
  | { kind: 'unsupported'; why: string }
  | { kind: 'crash'; what: string }
  | { kind: 'broken'; what: string };

/** Reads any value as an outcome; a malformed answer is `broken`, never a throw. */
export function toOutcome(answer: unknown): SdkOutcome {
  if (typeof answer !== 'object' || answer === null) return { kind: 'broken', what: `answer is not an object: ${short(answer)}` };
  const a = answer as Record<string, unknown>;
  if (a.ok === true) return { kind: 'ok', answer: a as Extract<DriverAnswer, { ok: true }> };
  if (a.ok !== false) return { kind: 'broken', what: `answer has no boolean "ok": ${short(answer)}` };
  if (typeof a.unsupported === 'string') return { kind: 'unsupported', why: a.unsupported };
  if (typeof a.crash === 'string') return { kind: 'crash', what: a.crash };
  if (typeof a.error === 'object' && a.error !== null) return { kind: 'error', error: a.error as SdkErrorView };
  return { kind: 'broken', what: `an ok:false answer needs error, unsupported or crash: ${short(answer)}` };
}

export function short(v: unknown, max = 200): string {
  let s: string;
  try {
    s = typeof v === 'string' ? v : JSON.stringify(v);
  } catch {
    s = String(v);
  }
  if (s === undefined) s = String(v);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** The SDK under test, whatever carries it (driver process or in-process adapter). */
export interface SdkConnection {
  /** "driver: <command>" or "adapter: <path>" */
  readonly label: string;
  send(message: DistributiveOmit<DriverMessage, 'id'>, timeoutMs: number): Promise<SdkOutcome>;
  /** stderr lines and protocol problems seen so far */
  notes(): string[];
  /** the driver's own stderr lines, as written (a driver process; an in-process adapter has none) */
  stderr?(): string[];
  close(): Promise<void>;
}

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
