// Token amount, validity and usage rules for a new charge (R-TOK-4..8), with the 60 s band.
// Each rule is evaluated twice: "lo" counts only uses that surely count and surely fall in the
// window, "hi" every use that may. A breach in lo is sure; a breach only in hi may go either way.
import type { Millis } from './api.ts';
import { maybe } from './choose.ts';
import type { Ctx } from './ctx.ts';
import { addMonths, BAND, DAY, side, windowIndex, windowStart, type Period } from './time.ts';
import { observe, refundsOf } from './txns.ts';
import { v, type Violation } from './violations.ts';
import type { GiveBackPolicy, Token, Use, World } from './worlds.ts';

const YEAR = 365 * DAY;

type Counted = 'yes' | 'no' | 'maybe';

/** R-TOK-8: a use counts from acceptance; whether Failure / Cancel / Refund give it back is the target's policy. */
function giveBackClass(w: World, use: Use): keyof GiveBackPolicy | 'pending' | undefined {
  const t = w.txns[use.transactionId];
  if (!t) return undefined;
  if (t.status === 'Failure') return 'failure';
  if (t.status === 'Cancelled') return 'cancel';
  // refunded: by a refund that is not Failure or Cancelled (only this charge's refunds, indexed on the emulator side)
  if (refundsOf(w, t.transactionId).some((r) => r.status !== 'Failure' && r.status !== 'Cancelled')) return 'refund';
  if (t.status === 'Pending') return 'pending';
  return undefined;
}

function counted(w: World, use: Use, pendingMaybe: boolean): Counted {
  const cls = giveBackClass(w, use);
  if (cls === undefined) return 'yes';
  // a Pending charge may have failed on its own, and the target may give failed uses back
  if (cls === 'pending') return pendingMaybe && w.giveBack.failure !== false ? 'maybe' : 'yes';
  const policy = w.giveBack[cls];
  return policy === undefined ? 'maybe' : policy ? 'no' : 'yes';
}

/** the validity window (R-TOK-4): MultiUse expiry defaults to one year */
export function validity(token: Token): { start: Millis; expiry: Millis | undefined } {
  const start = token.validityStart ?? token.installedAt;
  const expiry = token.validityExpiry ?? (token.pipeline === 'MultiUse' ? start + YEAR : undefined);
  return { start, expiry };
}

interface View {
  /** loCents/hiCents: a reserve settled for less may count either amount (the documents do not say) */
  uses: { at: Millis; loCents: number; hiCents: number; surely: boolean }[];
}

/**
 * uses within the window of `t` for period p: [surely-in (lo), maybe-in (hi)]. `bandAtAnchor`: the
 * anchor is an explicit validityStart, a band boundary; the install time is none (rulings preamble:
 * "there is no window before it"), so window 0 then starts exactly at the anchor.
 */
function inWindow(anchor: Millis, p: Period | undefined, t: Millis, use: { at: Millis }, bandAtAnchor: boolean): { lo: boolean; hi: boolean } {
  if (!p) return { lo: true, hi: true };
  const k = windowIndex(anchor, p, t);
  const s = windowStart(anchor, p, k);
  const e = windowStart(anchor, p, k + 1);
  const startBand = k === 0 && !bandAtAnchor ? 0 : BAND;
  // lo: t and the use both surely in window k; hi: either may be read in a neighbour window
  const lo = use.at >= s + startBand && use.at < e - BAND && t - s >= startBand && e - t > BAND;
  const hiStart = startBand > 0 && t - s <= BAND ? windowStart(anchor, p, k - 1) : s;
  const hiEnd = e - t <= BAND ? windowStart(anchor, p, k + 2) : e;
  const hi = use.at >= hiStart - startBand && use.at < hiEnd + BAND;
  return { lo, hi };
}

function sumIn(view: View, anchor: Millis, p: Period | undefined, t: Millis, bandAtAnchor: boolean): { loCount: number; hiCount: number; loCents: number; hiCents: number } {
  let loCount = 0, hiCount = 0, loCents = 0, hiCents = 0;
  for (const u of view.uses) {
    const m = inWindow(anchor, p, t, u, bandAtAnchor);
    if (m.hi) { hiCount++; hiCents += u.hiCents; }
    if (m.lo && u.surely) { loCount++; loCents += u.loCents; }
  }
  return { loCount, hiCount, loCents, hiCents };
}

function usageViolations(w: World, token: Token, t: Millis, cents: number, view: View): Violation[] {
  const out: Violation[] = [];
  const { start } = validity(token);
  const band = token.validityStart !== undefined;
  const breach = (lo: boolean, hi: boolean, why: string): void => {
    if (hi) out.push(v(['TokenUsageError'], ['R-TOK-6', 'R-TOK-7', 'R-TOK-8'], why, lo));
  };
  if (token.pipeline === 'SingleUse') {
    const s = sumIn(view, start, undefined, t, band);
    breach(s.loCount >= 1, s.hiCount >= 1, 'a SingleUse token pays once');
  }
  if (token.pipeline === 'Recurring' && token.recurringPeriod) {
    const s = sumIn(view, start, token.recurringPeriod, t, band);
    breach(s.loCount >= 1, s.hiCount >= 1, 'one charge per recurringPeriod');
  }
  if (token.pipeline === 'MultiUse') {
    if (token.globalAmountLimit !== undefined) {
      const s = sumIn(view, start, undefined, t, band);
      breach(s.loCents + cents > token.globalAmountLimit, s.hiCents + cents > token.globalAmountLimit, 'globalAmountLimit');
    }
    for (const l of token.limits) {
      const s = sumIn(view, start, l.period, t, band);
      if (l.type === 'Count') breach(s.loCount + 1 > l.value, s.hiCount + 1 > l.value, `usageLimit Count ${l.value}`);
      else breach(s.loCents + cents > l.value, s.hiCents + cents > l.value, `usageLimit Amount ${l.value}`);
    }
  }
  return out;
}

/** Validity (R-TOK-4: "A token can pay only while validityStart ≤ now < validityExpiry") of a sender or recipient token at `t`. */
export function validityViolations(token: Token, t: Millis): Violation[] {
  const out: Violation[] = [];
  // an explicit validityStart has a band; the install time itself does not (the token exists from then)
  if (token.validityStart !== undefined) {
    const a = side(t, token.validityStart);
    if (a !== 'after') out.push(v(['IncompatibleTokens'], ['R-TOK-4'], 'before validityStart', a === 'before'));
  }
  if (token.validityExpiry !== undefined) {
    const b = side(t, token.validityExpiry);
    if (b !== 'before') out.push(v(['IncompatibleTokens'], ['R-TOK-4'], 'at or after validityExpiry', b === 'after'));
  } else if (token.pipeline === 'MultiUse') {
    // "one year" from install or from validityStart, of 365 days or a calendar year: sure only past all
    const earliest = token.installedAt + YEAR;
    const latest = Math.max(addMonths(validity(token).start, 12), validity(token).start + YEAR + DAY);
    if (t >= earliest - BAND) out.push(v(['IncompatibleTokens'], ['R-TOK-4'], 'past the default one-year expiry', t > latest + BAND));
  }
  return out;
}

/** Amount rule (R-TOK-5) and validity (R-TOK-4) of a sender token for a charge of `cents` at `t`. */
export function amountAndValidity(token: Token, t: Millis, cents: number): Violation[] {
  const out = validityViolations(token, t);
  const ta = token.transactionAmount;
  if (ta !== undefined) {
    const rule = token.pipeline === 'SingleUse' ? 'Maximum' : token.pipeline === 'Recurring' ? 'Exact' : token.amountType ?? 'Exact';
    const bad = rule === 'Exact' ? cents !== ta : rule === 'Maximum' ? cents > ta : cents < ta;
    if (bad) out.push(v(['IncompatibleTokens'], ['R-TOK-5'], `amount breaks the token's transactionAmount (${rule})`));
  }
  return out;
}

/**
 * Usage violations of a charge, resolving the target's give-back policy (R-TOK-8) and Pending
 * charges that may have ended on their own only where they change the verdict.
 */
export function usageCheck(w: World, ctx: Ctx, token: Token, t: Millis, cents: number): Violation[] {
  const build = (pendingMaybe: boolean): { lo: Violation[]; hi: Violation[] } => {
    const uses = token.uses.map((u) => ({ u, c: counted(w, u, pendingMaybe), lo: Math.min(u.cents, w.txns[u.transactionId]?.settle?.cents ?? u.cents) })).filter((x) => x.c !== 'no');
    const hi = usageViolations(w, token, t, cents, { uses: uses.map((x) => ({ at: x.u.at, loCents: x.lo, hiCents: x.u.cents, surely: x.c === 'yes' })) });
    const lo = usageViolations(w, token, t, cents, { uses: uses.filter((x) => x.c === 'yes').map((x) => ({ at: x.u.at, loCents: x.lo, hiCents: x.lo, surely: true })) });
    return { lo, hi };
  };
  const first = build(true);
  const verdict = (vs: Violation[]) => vs.map((x) => `${x.why}:${x.sure}`).join(',');
  if (verdict(first.lo) === verdict(first.hi)) return first.hi;
  // the policy matters here: observe Pending charges, then adopt a give-back policy per class
  for (const u of token.uses) {
    const txn = w.txns[u.transactionId];
    if (txn) observe(w, ctx, txn);
  }
  for (const u of token.uses) {
    const cls = giveBackClass(w, u);
    if (cls && cls !== 'pending' && w.giveBack[cls] === undefined) {
      w.giveBack[cls] = maybe(ctx.choose, false, `does a ${cls} give its token use back (R-TOK-8)?`);
    }
  }
  return build(false).hi;
}
