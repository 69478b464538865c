// Emulator-side running totals of each token's uses (R-TOK-6..8), so a usage check costs what the
// request touches, not the token's history. Per token: every use's give-back class (usage.ts
// `giveBackClass`, the same function the walk calls), its cents and its lowest countable cents, in
// Fenwick trees over the use positions; uses are pushed in time order, so a time range is a position
// range found by binary search. Kept lazily like world-index.ts: writes mark uses, transactions
// and refunds dirty; a token is brought up to date when it is asked about. Checker worlds have none.
import { setTag, tagOf } from './world-index.ts';
import type { Token, Use, World } from './worlds.ts';

/** give-back classes: counted as such, Pending, Failure, Cancelled, refunded */
export const CLASSES = ['counts', 'pending', 'failure', 'cancel', 'refund'] as const;
export type UseClass = (typeof CLASSES)[number];
/** per class: count, cents, lowest countable cents */
const Q = 3;
const WIDTH = CLASSES.length * Q;

/** what usage.ts tells the index about one use (its own rules, so the walk and the index agree) */
export interface UseFacts {
  cls: UseClass;
  /** Math.min(cents, a settle's cents) */
  lo: number;
  /** the transaction a `observe` may change (Pending, or a Reserved reserve that may expire) */
  observable: boolean;
  /** the transaction's settle, if any: its writes change `lo` (the index tags it) */
  settle: object | undefined;
}
export type Classify = (w: World, use: Use) => UseFacts;

/** Sums over a range of uses: `get(cls, 'count' | 'cents' | 'lo')`. */
export class UseSums {
  constructor(private readonly v: readonly number[]) {}
  get(cls: UseClass, q: 'count' | 'cents' | 'lo'): number {
    return this.v[CLASSES.indexOf(cls) * Q + (q === 'count' ? 0 : q === 'cents' ? 1 : 2)]!;
  }
}

const zeros = (): number[] => new Array<number>(WIDTH).fill(0);

interface Slot {
  at: number;
  cls: number;
  cents: number;
  lo: number;
  txn: string;
}

interface Ref {
  token: TokenUses;
  pos: number;
}

class TokenUses {
  /** raw uses array this state was read from */
  usesRaw: object | undefined;
  slots: Slot[] = [];
  /** per position, the entry naming it in the index's uses-of-transaction map */
  refs: Ref[] = [];
  tree = new Float64Array(WIDTH * 17);
  cap = 16;
  /** positions whose `at` is below the one before (then the walk is used: ranges need sorted times) */
  unsorted = 0;
  observable = new Set<number>();
  dirty = new Set<number>();
  resync = true;

  add(pos: number, sign: number, s: Slot): void {
    const base = s.cls * Q;
    for (let i = pos + 1; i <= this.cap; i += i & -i) {
      const o = i * WIDTH + base;
      const tree = this.tree;
      tree[o] = tree[o]! + sign;
      tree[o + 1] = tree[o + 1]! + sign * s.cents;
      tree[o + 2] = tree[o + 2]! + sign * s.lo;
    }
  }

  /** sums of positions [0, n) into `out` (added with `sign`) */
  prefix(n: number, out: number[], sign: number): void {
    for (let i = n; i > 0; i -= i & -i) {
      const o = i * WIDTH;
      for (let k = 0; k < WIDTH; k++) out[k] = out[k]! + sign * this.tree[o + k]!;
    }
  }

  grow(to: number): void {
    if (to <= this.cap) return;
    let cap = this.cap;
    while (cap < to) cap *= 2;
    this.cap = cap;
    this.tree = new Float64Array(WIDTH * (cap + 1));
    this.slots.forEach((s, i) => this.add(i, 1, s));
  }

  /** first position of class `cls`, or undefined */
  first(cls: number): number | undefined {
    const o = cls * Q;
    let total = 0;
    for (let i = this.cap; i > 0; i -= i & -i) total += this.tree[i * WIDTH + o]!;
    if (total < 1) return undefined;
    // Fenwick descent: the smallest prefix holding one use of the class
    let pos = 0;
    for (let step = this.cap; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.cap && this.tree[next * WIDTH + o]! < 1) pos = next;
      // counts in a node are integers; < 1 means none under it
    }
    return pos;
  }

  /** first position whose `at` is >= t */
  lowerBound(t: number): number {
    let lo = 0, hi = this.slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.slots[mid]!.at < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class UsageIndex {
  readonly #w: World;
  readonly #rawOf: (v: unknown) => object | undefined;
  readonly #classify: Classify;
  #tokens = new Map<string, TokenUses>();
  /** raw uses array → token id; raw settle (or other nested txn part) → txn id: tags under this
   *  index's own symbols (world-index.ts setTag), read on every write to a nested part */
  readonly #usesOwner = Symbol('uses of');
  readonly #txnPart = Symbol('part of');
  /** txn id → the token uses naming it */
  /** (an array, not a Set: nearly always one use, and one per transaction stays in memory) */
  #usesOfTxn = new Map<string, Ref[]>();
  /** refund → its parent, as last read (a refund's change changes its parent's class) */
  #parentOf = new Map<string, string>();
  #dirtyTxns = new Set<string>();
  /** uses (re)read so far: what a step cost the index (the tests hold it to what the step touched) */
  usesRead = 0;

  constructor(w: World, rawOf: (v: unknown) => object | undefined, classify: Classify) {
    this.#w = w;
    this.#rawOf = rawOf;
    this.#classify = classify;
    this.rebuild();
  }

  /** A record's raw object: nodes have write traps only, so it reads the same, without a proxy's look-up per read. */
  #raw<T extends object>(node: T): T {
    return (this.#rawOf(node) as T | undefined) ?? node;
  }

  /** Forget everything (a record was replaced); parents re-read from every transaction. */
  rebuild(): void {
    this.#tokens.clear();
    this.#usesOfTxn.clear();
    this.#parentOf.clear();
    this.#dirtyTxns.clear();
    for (const [id, t] of Object.entries(this.#w.txns ?? {})) if (t.parentTransactionId !== undefined) this.#parentOf.set(id, t.parentTransactionId);
  }

  /** a write to the txns record (key: a txn id) or to a txn entity */
  txnTouched(id: string): void {
    this.#dirtyTxns.add(id);
  }

  /** a write to the tokens record (key: a token id) or a token's `uses` replaced */
  tokenTouched(id: string): void {
    const t = this.#tokens.get(id);
    if (t) t.resync = true;
  }

  /** a write to an object that is none of the records' entities: maybe a uses array or a txn's part */
  otherTouched(target: object, key: string): void {
    const token = tagOf(target, this.#usesOwner);
    if (token !== undefined) {
      const t = this.#tokens.get(token);
      if (!t || t.usesRaw !== target) return;
      if (/^\d+$/.test(key)) t.dirty.add(Number(key));
      else if (key !== 'length') t.resync = true; // a length change is seen by comparing lengths
      return;
    }
    const txn = tagOf(target, this.#txnPart);
    if (txn !== undefined) this.#dirtyTxns.add(txn);
  }

  /** The token's uses, up to date; undefined when their times are not in order (use the walk). */
  of(token: Token): TokenView | undefined {
    const tokens = this.#raw(this.#w.tokens);
    if (!Object.hasOwn(tokens, token.tokenId) || tokens[token.tokenId] !== token) return undefined; // not this world's token
    this.#flushTxns();
    let t = this.#tokens.get(token.tokenId);
    if (!t) {
      t = new TokenUses();
      this.#tokens.set(token.tokenId, t);
    }
    this.#sync(t, token);
    // out of time order, or a hole in the array (never made by the model): the walk answers
    return t.unsorted > 0 || t.slots.length !== token.uses.length ? undefined : new TokenView(t);
  }

  #flushTxns(): void {
    if (this.#dirtyTxns.size === 0) return;
    const txns = this.#raw(this.#w.txns);
    for (const id of this.#dirtyTxns) {
      this.#mark(id);
      const was = this.#parentOf.get(id);
      const now = Object.hasOwn(txns, id) ? txns[id]!.parentTransactionId : undefined;
      if (was !== undefined) this.#mark(was);
      if (now !== undefined) {
        this.#mark(now);
        this.#parentOf.set(id, now);
      } else this.#parentOf.delete(id);
    }
    this.#dirtyTxns.clear();
  }

  /** the uses naming transaction `id` are re-read when next asked about */
  #mark(id: string): void {
    const refs = this.#usesOfTxn.get(id);
    if (refs !== undefined) for (const ref of refs) ref.token.dirty.add(ref.pos);
  }

  #sync(t: TokenUses, token: Token): void {
    const uses = token.uses;
    const raw = this.#rawOf(uses) ?? uses;
    if (t.resync || t.usesRaw !== raw) {
      // re-read every position (a new token, or its uses array replaced)
      for (let i = t.slots.length - 1; i >= 0; i--) this.#set(t, i, undefined);
      t.usesRaw = raw;
      setTag(raw, this.#usesOwner, token.tokenId);
      t.resync = false;
      t.dirty.clear();
      for (let i = 0; i < uses.length; i++) this.#set(t, i, uses[i]);
      return;
    }
    // a shorter array (a rollback) drops its tail; positions written are re-read; a longer one adds positions
    for (let i = t.slots.length - 1; i >= uses.length; i--) this.#set(t, i, undefined);
    for (const i of t.dirty) if (i < t.slots.length) this.#set(t, i, uses[i]);
    t.dirty.clear();
    for (let i = t.slots.length; i < uses.length; i++) this.#set(t, i, uses[i]);
  }

  /** position `pos` becomes `use` (undefined: past the end; only the last position is removed) */
  #set(t: TokenUses, pos: number, use: Use | undefined): void {
    if (use !== undefined) t.grow(pos + 1);
    const old = t.slots[pos];
    if (old) {
      t.add(pos, -1, old);
      t.observable.delete(pos);
      const list = this.#usesOfTxn.get(old.txn);
      if (list) {
        const i = list.indexOf(t.refs[pos]!);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) this.#usesOfTxn.delete(old.txn);
      }
      if (pos > 0 && old.at < t.slots[pos - 1]!.at) t.unsorted--;
      if (pos + 1 < t.slots.length && t.slots[pos + 1]!.at < old.at) t.unsorted--;
    }
    if (use === undefined) {
      if (old) t.slots.length = pos;
      return;
    }
    this.usesRead++;
    const facts = this.#classify(this.#w, use);
    const part = facts.settle;
    if (typeof part === 'object' && part !== null) setTag(this.#rawOf(part) ?? part, this.#txnPart, use.transactionId);
    const s: Slot = { at: use.at, cls: CLASSES.indexOf(facts.cls), cents: use.cents, lo: facts.lo, txn: use.transactionId };
    t.slots[pos] = s;
    t.add(pos, 1, s);
    if (facts.observable) t.observable.add(pos);
    const ref = (t.refs[pos] ??= { token: t, pos });
    const list = this.#usesOfTxn.get(s.txn);
    if (!list) this.#usesOfTxn.set(s.txn, [ref]);
    else if (!list.includes(ref)) list.push(ref);
    if (pos > 0 && s.at < t.slots[pos - 1]!.at) t.unsorted++;
    if (pos + 1 < t.slots.length && t.slots[pos + 1]!.at < s.at) t.unsorted++;
  }
}

/** One token's uses as the usage check reads them. */
export class TokenView {
  constructor(private readonly t: TokenUses) {}

  /** sums over the uses with from <= at < to */
  sums(from: number, to: number): UseSums {
    // a plain array, not a Float64Array: the same doubles, without an array buffer per range read
    const out = zeros();
    const a = from === -Infinity ? 0 : this.t.lowerBound(from);
    const b = to === Infinity ? this.t.slots.length : this.t.lowerBound(to);
    if (b > a) {
      this.t.prefix(b, out, 1);
      this.t.prefix(a, out, -1);
    }
    return new UseSums(out);
  }

  /** positions of the uses whose transaction an observation may change, in order */
  observable(): number[] {
    return [...this.t.observable].sort((x, y) => x - y);
  }

  /** position of the first use of that class, or undefined */
  first(cls: UseClass): number | undefined {
    return this.t.first(CLASSES.indexOf(cls));
  }
}
