// `run --compare`: the same generated cases, with the same seed, against two targets, and the answers
// compared step by step after mapping each target's own ids onto the other's. A difference the model
// allows on both sides is a choice the contract leaves open (a "set" rule); one it allows on one side
// only is a failure of the other target too.
import type { Exchange } from '../core/wire.ts';

/** A target's answer to one step, reduced to what a conforming answer is judged by. */
export type AnswerRecord =
  | { kind: 'result'; fields: Readonly<Record<string, string>> }
  | { kind: 'error'; code: string }
  | { kind: 'redirect'; params: Readonly<Record<string, string>> }
  /** no answer (timeout, reset) or one that did not decode */
  | { kind: 'none'; reason: string };

export interface StepRecord {
  /** the command as the counterexample prints it, e.g. "#3 Pay(#1, 1.00 USD)" */
  label: string;
  /** the parameters sent, without the authentication ones (they differ by target) */
  request: Readonly<Record<string, string>>;
  answer: AnswerRecord;
  /** the model allowed this answer */
  allowed: boolean;
  exchange?: Exchange;
}

export interface CaseRecord {
  check: string;
  /** the case index within its check (fast-check run index) */
  index: number;
  /** the target's sandbox clock when the case started (epoch ms): dates compare relative to it */
  clockStart: number;
  steps: readonly StepRecord[];
}

/**
 * allowed-choice: both answers are allowed (the contract leaves it open); only-a / only-b: the model
 * allows only that target's answer; neither: both answers break the contract; diverged: the two
 * targets were sent different requests from this step on (an earlier allowed choice led elsewhere).
 */
export type DifferenceKind = 'allowed-choice' | 'only-a' | 'only-b' | 'neither' | 'diverged';

export interface Difference {
  check: string;
  case: number;
  /** 1-based step within the case */
  step: number;
  label: string;
  kind: DifferenceKind;
  /** the fields or parameters that differ, after id mapping */
  fields: string[];
  a: StepRecord;
  b: StepRecord;
}

/** Parameters the two targets legitimately differ in (each has its own keys, clock and signature); CBUI names in any case. */
const AUTH_PARAMS: ReadonlySet<string> = new Set(['awsaccesskeyid', 'signature', 'signaturemethod', 'signatureversion', 'timestamp', 'callerkey']);
/** A value the kit or a target made up for this run (an id, an unknown reference, an email): paired, not compared. */
const MADE_UP = /^[A-Za-z0-9._@+-]{12,}$/;
/** Names whose values a target picks itself: TransactionId, TokenId, tokenID, RequestId, ... */
const ID_NAME = /(?:Id|ID)$/;
/** Values made of one target's own content (its outbound message, a URL of this run's receiver). */
const MAPPED_NAMES: ReadonlySet<string> = new Set(['HttpParameters', 'UrlEndPoint']);
const URL_VALUE = /^https?:\/\//;
const mapped = (name: string, a: string, b: string): boolean => ID_NAME.test(name) || MAPPED_NAMES.has(name) || (URL_VALUE.test(a) && URL_VALUE.test(b));
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** A bijection between the ids of target A and those of target B. */
class IdMap {
  private readonly aToB = new Map<string, string>();
  private readonly bToA = new Map<string, string>();
  /** the two ids name the same entity: true when consistent with what is already mapped */
  pair(a: string, b: string): boolean {
    const knownB = this.aToB.get(a);
    const knownA = this.bToA.get(b);
    if (knownB === undefined && knownA === undefined) {
      this.aToB.set(a, b);
      this.bToA.set(b, a);
      return true;
    }
    return knownB === b && knownA === a;
  }
}

/** A date as seconds from the case's start on that target's own clock (targets' clocks start apart). */
function sinceStart(value: string, clockStart: number): number {
  return (Date.parse(value) - clockStart) / 1000;
}

/** The names whose values differ between two records of fields, ids compared through `ids`. */
function differing(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>, ids: IdMap, clocks: [number, number], skip: ReadonlySet<string>, pairMadeUp = false): string[] {
  const out: string[] = [];
  for (const name of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (skip.has(name.toLowerCase())) continue;
    const va = a[name];
    const vb = b[name];
    if (va === undefined || vb === undefined) {
      if (va !== vb) out.push(name);
      continue;
    }
    if (name !== 'RequestId' && mapped(name, va, vb)) {
      if (!ids.pair(va, vb)) out.push(name);
      continue;
    }
    if (name === 'RequestId') continue; // fresh on every answer, never referred to again
    if (va === vb) continue;
    if (pairMadeUp && MADE_UP.test(va) && MADE_UP.test(vb) && ids.pair(va, vb)) continue;
    if (ISO_DATE.test(va) && ISO_DATE.test(vb) && sinceStart(va, clocks[0]) === sinceStart(vb, clocks[1])) continue;
    out.push(name);
  }
  return out;
}

function answerFields(r: AnswerRecord): Record<string, string> {
  switch (r.kind) {
    case 'result':
      return { '(answer)': 'result', ...r.fields };
    case 'error':
      return { '(answer)': 'error', Code: r.code };
    case 'redirect':
      return { '(answer)': 'redirect', ...r.params };
    case 'none':
      return { '(answer)': 'none' };
  }
}

function classify(a: StepRecord, b: StepRecord): DifferenceKind {
  if (a.allowed && b.allowed) return 'allowed-choice';
  if (a.allowed) return 'only-a';
  if (b.allowed) return 'only-b';
  return 'neither';
}

/** Compares the cases two targets ran for the same checks and seed. */
export function compareCases(a: readonly CaseRecord[], b: readonly CaseRecord[]): Difference[] {
  const key = (c: CaseRecord): string => `${c.check}\u0000${c.index}`;
  const bByKey = new Map(b.map((c) => [key(c), c]));
  const out: Difference[] = [];
  for (const ca of a) {
    const cb = bByKey.get(key(ca));
    if (!cb) continue;
    const ids = new IdMap();
    const clocks: [number, number] = [ca.clockStart, cb.clockStart];
    const n = Math.min(ca.steps.length, cb.steps.length);
    for (let i = 0; i < n; i++) {
      const sa = ca.steps[i]!;
      const sb = cb.steps[i]!;
      const base = { check: ca.check, case: ca.index, step: i + 1, label: sa.label, a: sa, b: sb };
      // the kit sends the same requests to both, but for values made up per run (unknown ids, emails)
      const sent = differing(sa.request, sb.request, ids, clocks, AUTH_PARAMS, true);
      // labels may name what each target picked (a buyer's email): the requests decide
      if (sent.length) {
        out.push({ ...base, kind: 'diverged', fields: sent });
        break;
      }
      const answered = differing(answerFields(sa.answer), answerFields(sb.answer), ids, clocks, AUTH_PARAMS);
      if (answered.length) out.push({ ...base, kind: classify(sa, sb), fields: answered });
      else if (sa.allowed !== sb.allowed) out.push({ ...base, kind: classify(sa, sb), fields: ['(verdict)'] });
    }
  }
  return out;
}

/**
 * Differences that fail a comparison: an answer the model allows on one side only, or on neither. A
 * divergence is where an earlier difference led, never a verdict of its own.
 */
export function failingDifferences(diffs: readonly Difference[]): Difference[] {
  return diffs.filter((d) => d.kind === 'only-a' || d.kind === 'only-b' || d.kind === 'neither');
}
