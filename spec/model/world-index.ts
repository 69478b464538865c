// Emulator-side indexes, so no step walks every transaction, token, account or owed IPN: the
// transactions each step looks at (Pending ones for `process`, processed ones for their final
// notification, Reserved reserves for the 7-day expiry, R-PAY-5; refunds by original, R-REF-2),
// accounts by email, tokens by CallerReference, outbound messages by UrlEndPoint (R-IPN-3), and
// the notifications committed. Kept lazily from
// the world's write traps (journal.ts): a touched entity is re-read when an index is next asked, so
// no call is needed where entities are created or change. Checker worlds have none (they are small).
import type { Account, Token, Txn, World } from './worlds.ts';

type RecordName = 'txns' | 'accounts' | 'tokens';
type Entity<R extends RecordName> = World[R][string];

/** index name → the record it indexes and each entity's key(s) in it (undefined: not indexed) */
const KEYS = {
  /** the predicates the walks of txns.ts applied to every transaction */
  pending: { record: 'txns', key: (t: Txn) => (t.status === 'Pending' && !t.done ? '' : undefined) },
  done: { record: 'txns', key: (t: Txn) => (t.done ? '' : undefined) },
  expirable: { record: 'txns', key: (t: Txn) => (t.kind === 'Reserve' && t.status === 'Reserved' && !t.settle ? '' : undefined) },
  refundsOf: { record: 'txns', key: (t: Txn) => t.parentTransactionId },
  accountsByEmail: { record: 'accounts', key: (a: Account) => a.email },
  tokensByCallerReference: { record: 'tokens', key: (t: Token) => t.callerReference },
  tokensByRefundReference: { record: 'tokens', key: (t: Token) => t.callerReferenceRefund },
} as const;
export type IndexName = keyof typeof KEYS;
const NAMES = Object.keys(KEYS) as IndexName[];
const RECORDS: readonly RecordName[] = ['txns', 'accounts', 'tokens'];
/** each record's indexes and their key functions, in NAMES order */
const NAMES_OF = new Map(RECORDS.map((r) => [r, NAMES.filter((n) => KEYS[n].record === r).map((name) => ({ name, key: KEYS[name].key as (e: Entity<RecordName>) => string | undefined }))]));
/** root records no index reads, nor holds anything an index part reads (their writes need no look-up) */
const UNREAD = ['idem', 'keys', 'giveBack'] as const;
/** root keys whose objects the index tells apart */
const ROLE_KEYS: ReadonlySet<string> = new Set([...RECORDS, 'ipns', 'outbound', ...UNREAD]);
/** an entity in no index */
const NO_KEYS: Readonly<Partial<Record<IndexName, string>>> = Object.freeze({});

const INDEXES = new WeakMap<object, WorldIndex>();

type Role = 'root' | 'ipns' | 'outbound' | 'unread' | RecordName;

/** An index kept by another module (usage-index.ts), told of the writes that concern it. */
export interface IndexPart {
  /** a write to the txns record at this key, or to that transaction */
  txnTouched(id: string): void;
  /** a write to the tokens record at this key, or to that token's `uses` */
  tokenTouched(id: string): void;
  /** a write to an object that is no record and no entity (nested parts: a token's uses array, a settle) */
  otherTouched(target: object, key: string): void;
  /** the txns or tokens record was replaced */
  rebuild(): void;
}

/** A string an index keeps on a (raw) object under its own symbol: non-enumerable, so JSON, keys and
 *  spreads never see it, and set beside the journal (never a write of the world). */
export function setTag(target: object, key: symbol, value: string): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}
/** (a plain read: the only objects tagged are world objects, never the prototype of one) */
export function tagOf(target: object, key: symbol): string | undefined {
  return (target as Record<symbol, string | undefined>)[key];
}

/** The index of `w`, when it is an emulator-side world. */
export function worldIndexOf(w: World): WorldIndex | undefined {
  return INDEXES.get(w);
}

interface Tracked {
  dirty: Set<string>;
  /** under this symbol a raw entity object carries its id in the record: a non-enumerable property the
   *  index sets, read on every write where a WeakMap of every entity was probed (one per Tracked, so a
   *  rebuilt record starts with none, as a new WeakMap would) */
  idKey: symbol;
  /** id → insertion rank, so answers keep the record's own (insertion) order */
  rank: Map<string, number>;
  /** id → its key in each index of this record (absent: in none) */
  keys: Map<string, Partial<Record<IndexName, string>>>;
}

export class WorldIndex {
  readonly #w: World;
  readonly #rawOf: (v: unknown) => object | undefined;
  #tracked = new Map<RecordName, Tracked>();
  #entries = new Map<IndexName, Map<string, Set<string>>>();
  #next = 0;
  /** keys of the notifications commits wrote, in order; readers keep a cursor into it */
  readonly ipnLog: string[] = [];
  /** outbound messages by UrlEndPoint (R-IPN-3 VerifySignature): positions in w.outbound */
  #outbound = { dirty: new Set<number>(), urlAt: new Map<number, string>(), byUrl: new Map<string, Set<number>>() };

  #parts = new Map<string, IndexPart>();

  /** The part named `name`, made on first use (it reads the world then, and is told of writes after). */
  part<P extends IndexPart>(name: string, make: (w: World, rawOf: (v: unknown) => object | undefined) => P): P {
    let p = this.#parts.get(name);
    if (p === undefined) this.#parts.set(name, (p = make(this.#w, this.#rawOf)));
    return p as P;
  }

  /** `w` as model code sees it; `rawOf` maps a node to the raw object write traps report */
  constructor(w: World, rawOf: (v: unknown) => object | undefined) {
    this.#w = w;
    this.#rawOf = rawOf;
    INDEXES.set(w, this);
    this.#refreshRoles();
    for (const r of RECORDS) this.#rebuild(r);
    this.#rebuildOutbound();
  }

  /** Positions in w.outbound of the messages sent to `url`, ascending. */
  outboundTo(url: string): number[] {
    const o = this.#outbound;
    for (const i of o.dirty) {
      const was = o.urlAt.get(i);
      const e = this.#w.outbound[i];
      const now = e === undefined ? undefined : e.urlEndPoint;
      if (was === now) continue;
      if (was !== undefined) o.byUrl.get(was)?.delete(i);
      if (now === undefined) o.urlAt.delete(i);
      else {
        o.urlAt.set(i, now);
        if (!o.byUrl.has(now)) o.byUrl.set(now, new Set());
        o.byUrl.get(now)!.add(i);
      }
    }
    o.dirty.clear();
    return [...(o.byUrl.get(url) ?? [])].sort((a, b) => a - b);
  }

  #rebuildOutbound(): void {
    this.#outbound = { dirty: new Set((this.#w.outbound ?? []).map((_, i) => i)), urlAt: new Map(), byUrl: new Map() };
  }

  /** A write happened to `target[key]` (raw objects, as journal.ts reports them). */
  touch(target: object, key: string, committed: boolean): void {
    // which part of the world `target` is, from a cache (every write of every step comes here)
    const role = this.#roles.get(target);
    if (role === 'unread') return;
    if (role === 'ipns') {
      if (committed && Object.hasOwn(target, key)) this.ipnLog.push(key);
      return;
    }
    if (role === 'outbound') {
      // positions only: a push writes one, a rollback deletes it (journal.ts journals both)
      if (/^\d+$/.test(key)) this.#outbound.dirty.add(Number(key));
      return;
    }
    if (role === 'root') {
      if (!ROLE_KEYS.has(key)) return;
      this.#refreshRoles();
      if ((RECORDS as readonly string[]).includes(key)) this.#rebuild(key as RecordName);
      if (key === 'outbound') this.#rebuildOutbound();
      if (key === 'txns' || key === 'tokens') for (const p of this.#parts.values()) p.rebuild();
      return;
    }
    if (role !== undefined) {
      const t = this.#tracked.get(role)!;
      const e = (target as Record<string, unknown>)[key];
      // only nodes: a plain object (written inside a step, copied into a node by the commit) is never a write's target
      const raw = typeof e === 'object' && e !== null ? this.#rawOf(e) : undefined;
      if (raw !== undefined) setTag(raw, t.idKey, key);
      t.dirty.add(key);
      if (role === 'txns') for (const p of this.#parts.values()) p.txnTouched(key);
      else if (role === 'tokens') for (const p of this.#parts.values()) p.tokenTouched(key);
      return;
    }
    let entity = false;
    for (const r of RECORDS) {
      const t = this.#tracked.get(r)!;
      const id = tagOf(target, t.idKey);
      if (id === undefined) continue;
      entity = true;
      t.dirty.add(id);
      if (r === 'txns') for (const p of this.#parts.values()) p.txnTouched(id);
      else if (r === 'tokens' && key === 'uses') for (const p of this.#parts.values()) p.tokenTouched(id);
    }
    if (!entity) for (const p of this.#parts.values()) p.otherTouched(target, key);
  }

  /** raw object → the world part it is; re-read when the root's parts are replaced */
  #roles = new Map<object, Role>();

  #refreshRoles(): void {
    const w = this.#w;
    this.#roles.clear();
    const set = (v: unknown, role: Role): void => {
      const raw = this.#rawOf(v);
      if (raw !== undefined) this.#roles.set(raw, role);
    };
    for (const u of UNREAD) set(w[u], 'unread');
    set(w, 'root');
    set(w.ipns, 'ipns');
    set(w.outbound, 'outbound');
    for (const r of RECORDS) set(w[r], r);
  }

  /** Ids under `key` in index `name`, in the record's insertion order. */
  ids(name: IndexName, key = ''): string[] {
    const record = KEYS[name].record;
    this.#refresh(record);
    const found = this.#entries.get(name)?.get(key);
    // most look-ups (refunds of a charge) find none or one: no sort
    if (found === undefined || found.size === 0) return [];
    if (found.size === 1) return [...found];
    const rank = this.#tracked.get(record)!.rank;
    return [...found].sort((a, b) => rank.get(a)! - rank.get(b)!);
  }

  #refresh(record: RecordName): void {
    const t = this.#tracked.get(record)!;
    if (t.dirty.size === 0) return;
    // read through the raw record: a node has write traps only, so it reads the same, without a proxy's look-up per read
    const node = this.#w[record] as Record<string, Entity<RecordName>>;
    const rec = (this.#rawOf(node) ?? node) as Record<string, Entity<RecordName>>;
    for (const id of t.dirty) {
      const e = Object.hasOwn(rec, id) ? rec[id] : undefined;
      if (e === undefined) t.rank.delete(id);
      else if (!t.rank.has(id)) t.rank.set(id, this.#next++);
      const was = t.keys.get(id) ?? NO_KEYS;
      let now: Partial<Record<IndexName, string>> | undefined;
      for (const { name, key } of NAMES_OF.get(record)!) {
        const k = e === undefined ? undefined : key(e);
        if (k !== undefined) (now ??= {})[name] = k;
        if (was[name] === k) continue;
        let entries = this.#entries.get(name);
        if (entries === undefined) this.#entries.set(name, (entries = new Map<string, Set<string>>()));
        if (was[name] !== undefined) entries.get(was[name]!)?.delete(id);
        if (k !== undefined) {
          if (!entries.has(k)) entries.set(k, new Set());
          entries.get(k)!.add(id);
        }
      }
      // an entity in no index keeps no entry (most transactions: Success, no refund)
      if (now === undefined) t.keys.delete(id);
      else t.keys.set(id, now);
    }
    t.dirty.clear();
  }

  #rebuild(record: RecordName): void {
    const t: Tracked = { dirty: new Set(), idKey: Symbol(record), rank: new Map(), keys: new Map() };
    this.#tracked.set(record, t);
    for (const name of NAMES) if (KEYS[name].record === record) this.#entries.set(name, new Map());
    for (const [id, e] of Object.entries(this.#w[record] ?? {})) {
      setTag(this.#rawOf(e) ?? e, t.idKey, id);
      t.dirty.add(id);
    }
  }
}
