// The target's clock as the kit knows it. Every time rule reads the target's clock (R-AUTH-4 and
// shared/sandbox-protocol.md "Clock"), so Timestamps are stamped from it, never from the kit's own.
// Sources, best first: the sandbox clock hook, the HTTP Date header of the target's answers, the
// kit's wall clock (only when the target offers neither).

export type ClockSource = 'sandbox' | 'date-header' | 'wall';

/** A reading older than this is refreshed before use: a sandbox clock may tick or stand still, and
 *  either way the Timestamp stays well inside R-AUTH-4's 5 minutes. */
export const MAX_READING_AGE_MS = 20_000;

export class TargetClock {
  #value: number | undefined;
  #readAt = 0;
  #source: ClockSource = 'wall';
  /** the last Date header read and its time: the header changes once a second, answers come faster */
  #lastDate = '';
  #lastDateMs = NaN;
  /** re-reads the sandbox clock (set by the runner when the target has one) */
  refresher: (() => Promise<number>) | undefined;

  get source(): ClockSource {
    return this.#value === undefined ? 'wall' : this.#source;
  }

  /** a sandbox clock reading (GET or POST /_sandbox/clock) */
  observe(epochMs: number): void {
    this.#value = epochMs;
    this.#readAt = Date.now();
    this.#source = 'sandbox';
  }

  /** the Date header of an answer: used only while no sandbox clock is known */
  observeDateHeader(date: string | undefined): void {
    if (date === undefined || this.#source === 'sandbox' && this.#value !== undefined) return;
    const ms = date === this.#lastDate ? this.#lastDateMs : Date.parse(date);
    this.#lastDate = date;
    this.#lastDateMs = ms;
    if (!Number.isFinite(ms)) return;
    this.#value = ms;
    this.#readAt = Date.now();
    this.#source = 'date-header';
  }

  /** the target's time now, as last read (a Date header reading moves with the wall clock) */
  peek(): number {
    if (this.#value === undefined) return Date.now();
    return this.#source === 'date-header' ? this.#value + (Date.now() - this.#readAt) : this.#value;
  }

  /** the target's time, re-reading the sandbox clock when the last reading is stale */
  async now(): Promise<number> {
    return this.current() ?? (this.observe(await this.refresher!()), this.peek());
  }

  /** now() when it needs no re-reading (most calls), else undefined: the caller saves a promise per request */
  current(): number | undefined {
    return this.refresher && (this.#value === undefined || Date.now() - this.#readAt > MAX_READING_AGE_MS) ? undefined : this.peek();
  }

  /** the target's time read fresh now (for rules about the clock itself, R-AUTH-4) */
  async fresh(): Promise<number> {
    if (this.refresher) this.observe(await this.refresher());
    return this.peek();
  }

  isoOrUndefined(): string | undefined {
    if (this.#value === undefined) return undefined;
    // stamped on every exchange, while a sandbox clock mostly stands still: one string per reading
    const ms = this.peek();
    if (ms !== this.#isoMs) this.#iso = new Date((this.#isoMs = ms)).toISOString();
    return this.#iso;
  }
  #isoMs = NaN;
  #iso = '';
}

/** ISO 8601 UTC with milliseconds, as FPS samples show ("2009-10-07T08:46:37.156Z", R-WIRE-2). */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}
