// Token amount, validity and usage rules for a new charge (R-TOK-4..8), with the 60 s band.
// Each rule is evaluated twice: "lo" counts only uses that surely count and surely fall in the
// window, "hi" every use that may. A breach in lo is sure; a breach only in hi may go either way.
import type { Millis } from './api.ts';
import { maybe } from './choose.ts';
import type { Ctx } from './ctx.ts';
import { addMonths, BAND, DAY, side, windowIndex, windowStart, type Period } from './time.ts';
import { observe, refundsOf } from './txns.ts';
import { UsageIndex, type TokenView, type UseClass, type UseFacts } from './usage-index.ts';
import { v, type Violation } from './violations.ts';
import { worldIndexOf } from './world-index.ts';
import type { GiveBackPolicy, Token, Txn, Use, World } from './worlds.ts';

const YEAR = 365 * DAY;

type Counted = 'yes' | 'no' | 'maybe';

/** R-TOK-8: a use counts from acceptance; whether Failure / Cancel / Refund give it back is the target's policy. */
export function giveBackClass(w: World, use: Use): keyof GiveBackPolicy | 'pending' | undefined {
  return txnClass(w, w.txns[use.transactionId]);
}

/** giveBackClass of a use whose transaction was read already */
function txnClass(w: World, t: Txn | undefined): keyof GiveBackPolicy | 'pending' | undefined {
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

interface Sums { loCount: number; hiCount: number; loCents: number; hiCents: number }
/** the uses' sums for a rule over period p (undefined: the token's lifetime) */
type SumFor = (p: Period | undefined) => Sums;

function sumIn(view: View, anchor: Millis, p: Period | undefined, t: Millis, bandAtAnchor: boolean): Sums {
  let loCount = 0, hiCount = 0, loCents = 0, hiCents = 0;
  for (const u of view.uses) {
    const m = inWindow(anchor, p, t, u, bandAtAnchor);
    if (m.hi) { hiCount++; hiCents += u.hiCents; }
    if (m.lo && u.surely) { loCount++; loCents += u.loCents; }
  }
  return { loCount, hiCount, loCents, hiCents };
}

/**
 * The time ranges of inWindow for period p at t: a use is in `lo` when lo.from <= at < lo.to, in
 * `hi` likewise (the same comparisons as inWindow, so the index reads exactly the uses the walk does).
 */
function windowRanges(anchor: Millis, p: Period | undefined, t: Millis, bandAtAnchor: boolean): { lo: [number, number]; hi: [number, number] } {
  if (!p) return { lo: [-Infinity, Infinity], hi: [-Infinity, Infinity] };
  const k = windowIndex(anchor, p, t);
  const s = windowStart(anchor, p, k);
  const e = windowStart(anchor, p, k + 1);
  const startBand = k === 0 && !bandAtAnchor ? 0 : BAND;
  const lo: [number, number] = t - s >= startBand && e - t > BAND ? [s + startBand, e - BAND] : [Infinity, -Infinity];
  const hiStart = startBand > 0 && t - s <= BAND ? windowStart(anchor, p, k - 1) : s;
  const hiEnd = e - t <= BAND ? windowStart(anchor, p, k + 2) : e;
  return { lo, hi: [hiStart - startBand, hiEnd + BAND] };
}

// Helpers here are module-level rather than named closures per call: under tsx (benches, CLI) each
// named closure costs a defineProperty of its name, and the usage check runs on every Pay.
function breach(out: Violation[], lo: boolean, hi: boolean, why: string): void {
  if (hi) out.push(v(['TokenUsageError'], ['R-TOK-6', 'R-TOK-7', 'R-TOK-8'], why, lo));
}

function usageViolations(token: Token, cents: number, sumFor: SumFor): Violation[] {
  const out: Violation[] = [];
  if (token.pipeline === 'SingleUse') {
    const s = sumFor(undefined);
    breach(out, s.loCount >= 1, s.hiCount >= 1, 'a SingleUse token pays once');
  }
  if (token.pipeline === 'Recurring' && token.recurringPeriod) {
    const s = sumFor(token.recurringPeriod);
    breach(out, s.loCount >= 1, s.hiCount >= 1, 'one charge per recurringPeriod');
  }
  if (token.pipeline === 'MultiUse') {
    if (token.globalAmountLimit !== undefined) {
      const s = sumFor(undefined);
      breach(out, s.loCents + cents > token.globalAmountLimit, s.hiCents + cents > token.globalAmountLimit, 'globalAmountLimit');
    }
    for (const l of token.limits) {
      const s = sumFor(l.period);
      if (l.type === 'Count') breach(out, s.loCount + 1 > l.value, s.hiCount + 1 > l.value, `usageLimit Count ${l.value}`);
      else breach(out, s.loCents + cents > l.value, s.hiCents + cents > l.value, `usageLimit Amount ${l.value}`);
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
    if (t >= earliest - BAND) {
      // the calendar arithmetic only near the expiry (every Pay on a MultiUse token comes here)
      const latest = Math.max(addMonths(validity(token).start, 12), validity(token).start + YEAR + DAY);
      out.push(v(['IncompatibleTokens'], ['R-TOK-4'], 'past the default one-year expiry', t > latest + BAND));
    }
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

/** What the usage index keeps of one use: the walk's class and lowest cents (counted and build below). */
function useFacts(w: World, use: Use): UseFacts {
  // the transaction read once (the class, the settle, what may change)
  const t = w.txns[use.transactionId];
  const cls = txnClass(w, t);
  return {
    settle: t?.settle,
    cls: cls ?? 'counts',
    lo: Math.min(use.cents, t?.settle?.cents ?? use.cents),
    // what observe() may change: a Pending transaction, a Reserved reserve that may expire (txns.ts)
    observable: t !== undefined && (t.status === 'Pending' || (t.kind === 'Reserve' && t.status === 'Reserved' && !t.settle)),
  };
}

/** The token's uses from the emulator world's usage index (undefined: a checker world, or out of order). */
export function indexedUses(w: World, token: Token): TokenView | undefined {
  return usageIndexOf(w)?.of(token);
}

/** The emulator world's usage index, made on first use. */
export function usageIndexOf(w: World): UsageIndex | undefined {
  return worldIndexOf(w)?.part('usage', (world, rawOf) => new UsageIndex(world, rawOf, useFacts));
}

type Build = (pendingMaybe: boolean) => { lo: Violation[]; hi: Violation[] };

/** The reference: every use read (checker worlds, and what the index must equal). */
export function buildByWalk(w: World, token: Token, t: Millis, cents: number): Build {
  const { start } = validity(token);
  const band = token.validityStart !== undefined;
  return (pendingMaybe) => {
    const uses = token.uses.map((u) => ({ u, c: counted(w, u, pendingMaybe), lo: Math.min(u.cents, w.txns[u.transactionId]?.settle?.cents ?? u.cents) })).filter((x) => x.c !== 'no');
    const hiView: View = { uses: uses.map((x) => ({ at: x.u.at, loCents: x.lo, hiCents: x.u.cents, surely: x.c === 'yes' })) };
    const loView: View = { uses: uses.filter((x) => x.c === 'yes').map((x) => ({ at: x.u.at, loCents: x.lo, hiCents: x.lo, surely: true })) };
    const hi = usageViolations(token, cents, (p) => sumIn(hiView, start, p, t, band));
    const lo = usageViolations(token, cents, (p) => sumIn(loView, start, p, t, band));
    return { lo, hi };
  };
}

function classCounted(w: World, cls: UseClass, pendingMaybe: boolean): Counted {
  if (cls === 'counts') return 'yes';
  if (cls === 'pending') return pendingMaybe && w.giveBack.failure !== false ? 'maybe' : 'yes';
  const policy = w.giveBack[cls];
  return policy === undefined ? 'maybe' : policy ? 'no' : 'yes';
}

type RangeSums = { lo: ReturnType<TokenView['sums']>; hi: ReturnType<TokenView['sums']> };

function total(s: ReturnType<TokenView['sums']>, classes: readonly UseClass[], q: 'count' | 'cents' | 'lo'): number {
  let a = 0;
  for (const cls of classes) a += s.get(cls, q);
  return a;
}

/** the lo and hi sums of period p, read once per build */
function sumsOf(ranges: Map<Period | undefined, RangeSums>, view: TokenView, start: Millis, p: Period | undefined, t: Millis, band: boolean): RangeSums {
  let r = ranges.get(p);
  if (!r) {
    const w = windowRanges(start, p, t, band);
    ranges.set(p, (r = { lo: view.sums(w.lo[0], w.lo[1]), hi: view.sums(w.hi[0], w.hi[1]) }));
  }
  return r;
}

/** The same verdicts from running totals per give-back class (counted() decides each class as a whole). */
export function buildByIndex(w: World, token: Token, t: Millis, cents: number, view: TokenView): Build {
  const { start } = validity(token);
  const band = token.validityStart !== undefined;
  return (pendingMaybe) => {
    const yes: UseClass[] = [], maybeIn: UseClass[] = [];
    for (const cls of ['counts', 'pending', 'failure', 'cancel', 'refund'] as const) {
      const c = classCounted(w, cls, pendingMaybe);
      if (c === 'yes') yes.push(cls);
      else if (c === 'maybe') maybeIn.push(cls);
    }
    const ranges = new Map<Period | undefined, RangeSums>();
    const all = [...yes, ...maybeIn];
    // the walk's hi view: uses counted yes or maybe (surely: yes); its lo view: yes only, at their lowest cents
    const hi = usageViolations(token, cents, (p) => {
      const r = sumsOf(ranges, view, start, p, t, band);
      return { loCount: total(r.lo, yes, 'count'), loCents: total(r.lo, yes, 'lo'), hiCount: total(r.hi, all, 'count'), hiCents: total(r.hi, all, 'cents') };
    });
    const lo = usageViolations(token, cents, (p) => {
      const r = sumsOf(ranges, view, start, p, t, band);
      return { loCount: total(r.lo, yes, 'count'), loCents: total(r.lo, yes, 'lo'), hiCount: total(r.hi, yes, 'count'), hiCents: total(r.hi, yes, 'lo') };
    });
    return { lo, hi };
  };
}

const verdict = (vs: Violation[]): string => vs.map((x) => `${x.why}:${x.sure}`).join(',');

/**
 * Usage violations of a charge, resolving the target's give-back policy (R-TOK-8) and Pending
 * charges that may have ended on their own only where they change the verdict. On the emulator
 * side it reads the usage index (usage-index.ts): the same verdicts and the same choices in the
 * same order as the walk, at a cost that does not grow with the token's history.
 */
export function usageCheck(w: World, ctx: Ctx, token: Token, t: Millis, cents: number): Violation[] {
  const view = indexedUses(w, token);
  const build = view ? buildByIndex(w, token, t, cents, view) : buildByWalk(w, token, t, cents);
  const first = build(true);
  if (verdict(first.lo) === verdict(first.hi)) return first.hi;
  // the policy matters here: observe Pending charges, then adopt a give-back policy per class
  if (view) {
    // only the uses an observation may change, in the uses' order (observe changes only its own transaction)
    for (const pos of view.observable()) {
      const txn = w.txns[token.uses[pos]!.transactionId];
      if (txn) observe(w, ctx, txn);
    }
    // the classes in the order of their first use, as the walk meets them
    const after = indexedUses(w, token);
    const firsts = after ? (['failure', 'cancel', 'refund'] as const).map((cls) => ({ cls, at: after.first(cls) })).filter((x) => x.at !== undefined).sort((a, b) => a.at! - b.at!) : undefined;
    if (after && firsts) {
      for (const { cls } of firsts) {
        if (w.giveBack[cls] === undefined) w.giveBack[cls] = maybe(ctx.choose, false, `does a ${cls} give its token use back (R-TOK-8)?`);
      }
      return buildByIndex(w, token, t, cents, after)(false).hi;
    }
  } else {
    for (const u of token.uses) {
      const txn = w.txns[u.transactionId];
      if (txn) observe(w, ctx, txn);
    }
  }
  for (const u of token.uses) {
    const cls = giveBackClass(w, u);
    if (cls && cls !== 'pending' && w.giveBack[cls] === undefined) {
      w.giveBack[cls] = maybe(ctx.choose, false, `does a ${cls} give its token use back (R-TOK-8)?`);
    }
  }
  return buildByWalk(w, token, t, cents)(false).hi;
}
