// CallerReference idempotency (R-IDEM-1..5): per caller, across Pay, Reserve and Refund, 7 days.
import type { Expect } from './api.ts';
import type { ErrorCode } from '../catalogue/errors.ts';
import { pick } from './choose.ts';
import { idExpect, REQUEST_ID, type Ctx, type StepResult } from './ctx.ts';
import { SEVEN_DAYS, side } from './time.ts';
import { observe } from './txns.ts';
import type { IdemEntry, World } from './worlds.ts';

/** R-IDEM-2: compared on every parameter but these */
const IGNORED = new Set(['Signature', 'SignatureMethod', 'SignatureVersion', 'Timestamp']);

export function idemParams(action: string, params: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { Action: action };
  for (const [k, val] of Object.entries(params)) if (!IGNORED.has(k)) out[k] = val;
  return out;
}

export const idemKey = (caller: string, callerReference: string): string => `${caller} ${callerReference}`;

const same = (a: Record<string, string>, b: Record<string, string>): boolean => {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
};

/** undefined: handle the request as new; otherwise the answer the CallerReference dictates. */
export function idempotentAnswer(w: World, ctx: Ctx, caller: string, action: string, params: Readonly<Record<string, string>>, callerReference: string): StepResult | undefined {
  const entry = w.idem[idemKey(caller, callerReference)];
  if (!entry) return undefined;
  const s = side(w.now, entry.at + SEVEN_DAYS);
  // R-IDEM-4: after the window the request is new again (band: either)
  if (s === 'after' || (s === 'either' && pick(ctx.choose, [true, false], 'is the CallerReference still within its 7 days?') === false)) return undefined;
  const sameParams = same(entry.params, idemParams(action, params));
  if (entry.error !== undefined) return afterError(ctx, entry, sameParams);
  if (!sameParams) return dup('R-IDEM-3', 'the CallerReference was used with other parameters');
  return replay(w, ctx, entry);
}

const dup = (rule: string, why: string): StepResult => ({ answer: { kind: 'error', code: 'DuplicateRequest' }, rules: [rule], why });

/** R-IDEM-5 (set): the same error again, DuplicateRequest, or processed as new */
function afterError(ctx: Ctx, entry: IdemEntry, sameParams: boolean): StepResult | undefined {
  const options: ('same' | 'dup' | 'new')[] = sameParams ? ['same', 'dup', 'new'] : ['dup', 'new'];
  const o = pick(ctx.choose, options, 'after an error answer, the same CallerReference gives (R-IDEM-5)');
  if (o === 'new') return undefined;
  if (o === 'dup') return dup('R-IDEM-5', 'the CallerReference got an error before');
  return { answer: { kind: 'error', code: entry.error as ErrorCode }, rules: ['R-IDEM-5'], why: 'the same error again' };
}

/** R-IDEM-2: the original TransactionId; TransactionStatus the original answer's or the current one */
function replay(w: World, ctx: Ctx, entry: IdemEntry): StepResult {
  const txn = entry.transactionId !== undefined ? w.txns[entry.transactionId] : undefined;
  if (txn) observe(w, ctx, txn);
  const statuses = [...new Set([entry.firstStatus, txn?.status].filter((x): x is string => x !== undefined))];
  const status: Expect = statuses.length === 1 ? statuses[0]! : statuses.length === 0 ? { present: true } : { oneOf: statuses };
  const fields: Record<string, Expect> = {
    TransactionId: idExpect(ctx, entry.transactionId ?? '', 'TransactionId', 'TransactionId'),
    TransactionStatus: status,
    RequestId: REQUEST_ID,
  };
  return { answer: { kind: 'result', action: entry.params['Action'] ?? '', fields }, rules: ['R-IDEM-2'], why: 'a resend returns the original transaction' };
}

export function recordIdem(w: World, caller: string, action: string, params: Readonly<Record<string, string>>, callerReference: string, result: { transactionId: string; status: string } | { error: string }): void {
  const entry: IdemEntry = { at: w.now, action, params: idemParams(action, params) };
  if ('error' in result) entry.error = result.error;
  else { entry.transactionId = result.transactionId; entry.firstStatus = result.status; }
  w.idem[idemKey(caller, callerReference)] = entry;
}
