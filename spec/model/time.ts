// Time rules: periods, usage windows (R-TOK-7) and the 60-second tolerance band around every
// boundary (rulings preamble). Pure arithmetic on epoch milliseconds, UTC calendar.
import type { Millis } from './api.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** the rulings' tolerance band around every time boundary */
export const BAND = 60 * SECOND;
/** R-IDEM-2, R-PAY-5 */
export const SEVEN_DAYS = 7 * DAY;

export type PeriodUnit = 'Hour' | 'Day' | 'Month';
export interface Period {
  n: number;
  unit: PeriodUnit;
}

/** "N Hour[s]|Day[s]|Month[s]" (R-TOK-6); anything else (Week, Year, junk) is malformed: undefined. */
export function parsePeriod(text: string): Period | undefined {
  const m = /^\s*(\d{1,4})\s*(hour|day|month)s?\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n < 1) return undefined;
  const unit = (m[2]!.charAt(0).toUpperCase() + m[2]!.slice(1).toLowerCase()) as PeriodUnit;
  return { n, unit };
}

/** Add calendar months to an anchor, clamping the ANCHOR's day to the target month's end (R-TOK-7). */
export function addMonths(anchor: Millis, months: number): Millis {
  const d = new Date(anchor);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const day = d.getUTCDate();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(day, last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** Start of window k (k ≥ 0) for a period anchored at `anchor`. */
export function windowStart(anchor: Millis, p: Period, k: number): Millis {
  if (p.unit === 'Month') return addMonths(anchor, k * p.n);
  return anchor + k * p.n * (p.unit === 'Hour' ? HOUR : DAY);
}

/** Index of the window holding `t` (negative before the anchor). */
export function windowIndex(anchor: Millis, p: Period, t: Millis): number {
  if (p.unit !== 'Month') {
    const len = p.n * (p.unit === 'Hour' ? HOUR : DAY);
    return Math.floor((t - anchor) / len);
  }
  // estimate then correct: months vary in length
  let k = Math.floor((t - anchor) / (p.n * 28 * DAY));
  while (k > 0 && windowStart(anchor, p, k) > t) k--;
  while (windowStart(anchor, p, k + 1) <= t) k++;
  return k;
}

/** The window indexes `t` may be read in, given the band around window edges: one or two. */
export function windowCandidates(anchor: Millis, p: Period, t: Millis): number[] {
  const k = windowIndex(anchor, p, t);
  const out = [k];
  if (t - windowStart(anchor, p, k) < BAND && k > 0) out.push(k - 1);
  if (windowStart(anchor, p, k + 1) - t <= BAND) out.push(k + 1);
  return out;
}

/** Which side of a boundary `t` is on: 'before', 'after', or 'either' inside the band. */
export function side(t: Millis, boundary: Millis): 'before' | 'after' | 'either' {
  if (t < boundary - BAND) return 'before';
  if (t > boundary + BAND) return 'after';
  return 'either';
}
