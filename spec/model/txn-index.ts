// Emulator-side index of the transactions each step looks at (Pending ones for `process`, processed
// ones for their final notification, Reserved reserves for the 7-day expiry, R-PAY-5), and of the
// notifications committed, so no step walks every transaction or every owed IPN. Kept lazily from
// the world's write traps (journal.ts): a touched transaction is re-read when the index is next
// asked, so it needs no call where transactions are created or change status.
import type { Txn, World } from './worlds.ts';

export type TxnSet = 'pending' | 'done' | 'expirable';

/** the predicates the walks of txns.ts applied to every transaction */
const MEMBER: Readonly<Record<TxnSet, (t: Txn) => boolean>> = {
  pending: (t) => t.status === 'Pending' && !t.done,
  done: (t) => Boolean(t.done),
  expirable: (t) => t.kind === 'Reserve' && t.status === 'Reserved' && !t.settle,
};
const SETS = Object.keys(MEMBER) as TxnSet[];

const INDEXES = new WeakMap<object, TxnIndex>();

/** The index of `w`, when it is an emulator-side world (checker worlds have none: they are small). */
export function txnIndexOf(w: World): TxnIndex | undefined {
  return INDEXES.get(w);
}

export class TxnIndex {
  readonly #w: World;
  readonly #rawOf: (v: unknown) => object | undefined;
  readonly #sets = new Map<TxnSet, Set<string>>(SETS.map((s) => [s, new Set<string>()]));
  readonly #dirty = new Set<string>();
  readonly #children = new Map<string, Set<string>>();
  readonly #parentOf = new Map<string, string>();
  /** raw transaction object → its key in `txns` */
  #idOf = new WeakMap<object, string>();
  /** keys of the notifications commits wrote, in order; readers keep a cursor into it */
  readonly ipnLog: string[] = [];

  /** `w` as model code sees it; `rawOf` maps a node to the raw object write traps report */
  constructor(w: World, rawOf: (v: unknown) => object | undefined) {
    this.#w = w;
    this.#rawOf = rawOf;
    INDEXES.set(w, this);
    this.#rebuild();
  }

  /** A write happened to `target[key]` (raw objects, as journal.ts reports them). */
  touch(target: object, key: string, committed: boolean): void {
    const w = this.#w;
    if (target === this.#rawOf(w.txns)) {
      const t = (target as Record<string, unknown>)[key];
      if (typeof t === 'object' && t !== null) this.#idOf.set(this.#rawOf(t) ?? t, key);
      this.#dirty.add(key);
    } else if (target === this.#rawOf(w.ipns)) {
      if (committed && Object.hasOwn(target, key)) this.ipnLog.push(key);
    } else if (target === this.#rawOf(w)) {
      if (key === 'txns') this.#rebuild();
    } else {
      const id = this.#idOf.get(target);
      if (id !== undefined) this.#dirty.add(id);
    }
  }

  /** Ids of the transactions in `set`, sorted (the order the full walks used). */
  ids(set: TxnSet): string[] {
    this.#refresh();
    return [...this.#sets.get(set)!].sort();
  }

  /** Ids of the transactions whose parentTransactionId is `id` (its refunds, R-REF-2), sorted. */
  children(id: string): string[] {
    this.#refresh();
    return [...(this.#children.get(id) ?? [])].sort();
  }

  #refresh(): void {
    if (this.#dirty.size === 0) return;
    for (const id of this.#dirty) {
      const t = Object.hasOwn(this.#w.txns, id) ? this.#w.txns[id] : undefined;
      for (const s of SETS) {
        if (t !== undefined && MEMBER[s](t)) this.#sets.get(s)!.add(id);
        else this.#sets.get(s)!.delete(id);
      }
      const was = this.#parentOf.get(id);
      const parent = t?.parentTransactionId;
      if (was !== parent) {
        if (was !== undefined) this.#children.get(was)?.delete(id);
        if (parent !== undefined) {
          if (!this.#children.has(parent)) this.#children.set(parent, new Set());
          this.#children.get(parent)!.add(id);
          this.#parentOf.set(id, parent);
        } else this.#parentOf.delete(id);
      }
    }
    this.#dirty.clear();
  }

  #rebuild(): void {
    this.#idOf = new WeakMap();
    for (const s of this.#sets.values()) s.clear();
    this.#children.clear();
    this.#parentOf.clear();
    for (const [id, t] of Object.entries(this.#w.txns)) {
      this.#idOf.set(this.#rawOf(t) ?? t, id);
      this.#dirty.add(id);
    }
  }
}
