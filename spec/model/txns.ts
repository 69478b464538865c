// Transaction life cycles: Pending → final (R-PAY-1/2/3, R-REF-3), completion on its own (lazy,
// chosen when observed), the 7-day reserve expiry (R-PAY-5), and `process`.
import type { Millis } from './api.ts';
import { pick } from './choose.ts';
import type { Ctx } from './ctx.ts';
import { oweTxnIpn, txnIpn, type IpnStatus } from './ipn.ts';
import type { ExpectedIpn } from './api.ts';
import { SEVEN_DAYS, side } from './time.ts';
import { worldIndexOf } from './world-index.ts';
import type { Txn, World } from './worlds.ts';

export type Final = 'Success' | 'Reserved' | 'Failure';

/**
 * Ids of the transactions a walk may act on, sorted: from the emulator world's index (world-index.ts),
 * or every id (checker worlds are small); the walks below still test each one themselves.
 */
function txnIds(w: World, set: 'pending' | 'done' | 'expirable'): string[] {
  return worldIndexOf(w)?.ids(set).sort() ?? Object.keys(w.txns).sort();
}

/**
 * The transactions whose parentTransactionId is `id` (its refunds, R-REF-2), in the record's order:
 * indexed on the emulator side, so a refund or usage check need not walk every transaction.
 */
export function refundsOf(w: World, id: string): Txn[] {
  const idx = worldIndexOf(w);
  if (!idx) return Object.values(w.txns).filter((t) => t.parentTransactionId === id);
  return idx.ids('refundsOf', id).map((k) => w.txns[k]!);
}

/** Still Pending and not yet processed (what `process` completes). */
export function isPending(t: Txn): boolean {
  return t.status === 'Pending' && !t.done;
}

/** The finals a Pending transaction may reach, nominal first. */
export function finals(t: Txn): Final[] {
  if (t.kind === 'Reserve' && t.settle) return t.settle.status === 'Pending' && t.mayFail ? ['Success', 'Failure'] : ['Success'];
  if (t.kind === 'Refund') return t.mayFail ? ['Success', 'Failure'] : ['Success'];
  if (t.forcedFailure) return ['Failure'];
  // R-PAY-1/2: later Success (Reserved) or Failure; nominally it works
  return t.kind === 'Reserve' ? ['Reserved', 'Failure'] : ['Success', 'Failure'];
}

/** Move a Pending transaction to `final`, owing its notification. */
export function complete(w: World, t: Txn, final: Final): void {
  delete t.done;
  if (t.kind === 'Reserve' && t.settle) {
    t.settle.status = final === 'Failure' ? 'Failure' : 'Success';
    t.status = final === 'Failure' ? 'Failure' : 'Success';
    oweTxnIpn(w, t.settleIpnUrl, t, final === 'Failure' ? 'FAILURE' : 'SUCCESS', 'SETTLE', t.settle.cents);
    return;
  }
  delete t.done;
  t.status = final;
  const op = t.kind === 'Pay' ? 'PAY' : t.kind === 'Reserve' ? 'RESERVE' : 'REFUND';
  oweTxnIpn(w, t.ipnUrl, t, final === 'Failure' ? 'FAILURE' : final === 'Reserved' ? 'RESERVED' : 'SUCCESS', op, t.cents);
}

/**
 * Before reading a Pending transaction: it may have completed on its own (sandbox-protocol
 * "Pending work may also complete on its own"). Nominal: still Pending.
 */
export function observe(w: World, ctx: Ctx, t: Txn): void {
  if (t.status === 'Pending') {
    // processed already: one of its finals; otherwise it may also still be Pending
    const options: (Final | 'Pending')[] = t.done ? finals(t) : ['Pending', ...finals(t)];
    const f = pick(ctx.choose, options, `did ${t.transactionId} complete on its own?`);
    if (f !== 'Pending') complete(w, t, f);
  }
  expireIfDue(w, ctx, t);
}

/** R-PAY-5: a Reserved reserve not settled within 7 days of the Reserve request is cancelled (band: either). */
export function expireIfDue(w: World, ctx: Ctx, t: Txn): void {
  if (t.kind !== 'Reserve' || t.status !== 'Reserved' || t.settle) return;
  const s = side(w.now, t.at + SEVEN_DAYS);
  if (s === 'before') return;
  if (s === 'either' && pick(ctx.choose, [false, true], `has reserve ${t.transactionId} expired (7-day band)?`) === false) return;
  t.status = 'Cancelled';
  t.cancelReason = 'Expired';
}

/**
 * Move the clock (never backwards) and run what falls due. Inside the band the emulator side
 * decides now; the checker side leaves it to the first observation (nothing tells them apart
 * before), so worlds do not multiply per reserve.
 */
export function advance(w: World, ctx: Ctx, to: Millis): void {
  if (to > w.now) w.now = to;
  for (const id of txnIds(w, 'expirable')) {
    const t = w.txns[id]!;
    if (ctx.eager || side(w.now, t.at + SEVEN_DAYS) === 'after') expireIfDue(w, ctx, t);
  }
}

/**
 * `process`: every Pending transaction completes (sandbox-protocol "Processing"). The checker side
 * records only that it is final (`done`); its final is chosen when first observed, which allows the
 * same outcomes without one world per combination of finals.
 */
export function processAll(w: World, ctx: Ctx): string[] {
  const done: string[] = [];
  for (const id of txnIds(w, 'pending')) {
    const t = w.txns[id]!;
    if (!isPending(t)) continue;
    if (ctx.eager) complete(w, t, pick(ctx.choose, finals(t), `how does ${id} complete?`));
    else t.done = true;
    done.push(t.transactionId);
  }
  return done;
}


const IPN_STATUS: Readonly<Record<Final, IpnStatus>> = { Success: 'SUCCESS', Reserved: 'RESERVED', Failure: 'FAILURE' };

/**
 * Checker side: a processed transaction whose final is not yet observed still owes its final
 * notification; the status is one of its finals (R-IPN-1 "The final status's notification always arrives").
 */
export function pendingFinalIpns(w: World): ExpectedIpn[] {
  const out: ExpectedIpn[] = [];
  for (const id of txnIds(w, 'done')) {
    const t = w.txns[id]!;
    if (!t.done) continue;
    const statuses = finals(t).map((f) => IPN_STATUS[f]);
    if (t.kind === 'Reserve' && t.settle) {
      if (t.settleIpnUrl) out.push(txnIpn(t.settleIpnUrl, t, statuses, 'SETTLE', t.settle.cents));
    } else if (t.ipnUrl) {
      out.push(txnIpn(t.ipnUrl, t, statuses, t.kind === 'Pay' ? 'PAY' : t.kind === 'Reserve' ? 'RESERVE' : 'REFUND', t.cents));
    }
  }
  return out;
}
