// Faults the kit injects at the HTTP layer, as data. `forward` says whether the request reaches
// FPS first (the transaction happens, the answer is lost or spoiled: an unknown outcome for the
// SDK), or the service fails before doing anything.
import { errorEntry } from '../../spec/catalogue/errors.ts';

export type FaultName =
  | 'http-500-InternalError'
  | 'http-503-InternalError'
  | 'http-400-InvalidParams'
  | 'connection-reset'
  | 'slow-answer'
  | 'truncated-xml'
  | 'malformed-xml';

export interface FaultSpec {
  name: FaultName;
  title: string;
  /** the request is processed by FPS before the fault spoils the answer */
  forward: boolean;
  /** an FPS error answer served instead of processing (code from the error table) */
  error?: { status: number; code: string };
  spoil?: 'reset' | 'truncate' | 'mangle' | 'delay';
  /** may a client resend? From the error table's Retriable column (R-WIRE-10); transport faults are unknown outcomes */
  retriable: boolean;
  rules: string[];
}

type ErrorFault = Extract<FaultName, `http-${string}`>;

/**
 * An FPS error answer served instead of processing, read from its name ("http-{status}-{Code}"): the
 * code is the error table's (a name outside it fails at load), and so is whether a client may resend
 * (the Retriable column, R-WIRE-10).
 */
function errorFault(name: ErrorFault, rule: string): FaultSpec {
  const [, status, code] = /^http-(\d{3})-(\w+)$/.exec(name)!;
  const entry = errorEntry(code!);
  if (entry === undefined) throw new Error(`fault ${name}: ${code} is not in the error table`);
  const retriable = entry.retriable === true;
  return { name, title: `HTTP ${status} with ${entry.code}${retriable ? '' : ' (not retriable)'}`, forward: false, error: { status: Number(status), code: entry.code }, retriable, rules: ['R-WIRE-4', rule, `ERROR-${entry.code}`] };
}

// Order matters only for reading: transport faults first, then spoiled documents, the truncated one
// last (a client whose parser never recovers from it fails every later call).
export const FAULTS: readonly FaultSpec[] = [
  errorFault('http-500-InternalError', 'R-IDEM-2'),
  errorFault('http-503-InternalError', 'R-IDEM-2'),
  errorFault('http-400-InvalidParams', 'R-WIRE-10'),
  { name: 'connection-reset', title: 'connection reset after FPS processed the request', forward: true, spoil: 'reset', retriable: true, rules: ['R-IDEM-2'] },
  { name: 'slow-answer', title: 'answer withheld for a while', forward: true, spoil: 'delay', retriable: true, rules: ['R-IDEM-2'] },
  { name: 'malformed-xml', title: 'HTTP 200 with an answer that is not well-formed XML', forward: true, spoil: 'mangle', retriable: true, rules: ['R-WIRE-3', 'R-IDEM-2'] },
  { name: 'truncated-xml', title: 'HTTP 200 with the answer cut short', forward: true, spoil: 'truncate', retriable: true, rules: ['R-WIRE-3', 'R-IDEM-2'] },
];

export function faultSpec(name: FaultName): FaultSpec {
  return FAULTS.find((f) => f.name === name)!;
}

/** Cut inside the first id the answer carries, so no complete value survives (truncated-xml). */
export function truncateBody(body: string): string {
  const open = body.indexOf('<TransactionId>');
  const at = open >= 0 ? open + '<TransactionId>'.length + 3 : Math.floor(body.length / 2);
  return body.slice(0, Math.min(at, body.length - 1));
}

/** Keep the document's start and break its nesting before any value closes (malformed-xml). */
export function mangleBody(body: string): string {
  const open = body.indexOf('<TransactionId>');
  const at = open >= 0 ? open : Math.floor(body.length / 2);
  return `${body.slice(0, at)}<TransactionId></TransactionStatus><</${'Response'}>`;
}
