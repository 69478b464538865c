// Emulator-side worlds without a whole-world copy per step. One mutable world per history; a
// transition runs on it in place through write traps that journal each (object, key, old, new),
// and is rolled back as soon as its outcome is known. `commit` replays the forward writes (ids
// substituted in written values and keys only) and makes a new version. Versions stay values:
// every version but the current one keeps the diff to its successor, and reading an older version
// reverses the diffs on the way (Baker's "rerooting" of persistent arrays). A linear history (the
// emulator) costs what each step touches; going back costs the writes in between.
//
// World nodes are proxies with write traps only, so reads are plain property reads (no wrapping).
// A write outside a transition throws: states stay immutable to their callers.

/** One write: set `target[key] = value` (`had` false: delete it). Targets are raw objects. */
interface Write {
  target: Record<string, unknown>;
  key: string;
  had: boolean;
  value: unknown;
}

/** A write made by a transition: the value before it, and the value it wrote (`now` false: deleted). */
export interface Journaled {
  target: Record<string, unknown>;
  key: string;
  oldHad: boolean;
  old: unknown;
  now: boolean;
  value: unknown;
}

export interface Version {
  /** non-current versions: how to get here from `next` */
  diff: Write[] | null;
  next: Version | null;
}

/** Told of every change to a node: `target` raw, `committed` when a commit applied it. */
export type WriteListener = (target: object, key: string, committed: boolean) => void;

const PH = /⟦\d+:[A-Za-z]+⟧/g;
const NO_MAP: Readonly<Record<string, string>> = Object.freeze({});
function substituteString(s: string, map: Readonly<Record<string, string>>): string {
  return s.includes('⟦') ? s.replace(PH, (ph) => map[ph] ?? ph) : s;
}

export class LiveWorld<W extends object> {
  /** the world as model code sees it (a node proxy) */
  readonly root: W;
  current: Version = { diff: null, next: null };
  listener: WriteListener | undefined;
  #journal: Journaled[] | null = null;
  /**
   * Each node's raw object, under a symbol of this world only: a non-enumerable property of the raw
   * object, read through the trap-less proxy (and answering the raw object itself). Cheaper than a
   * WeakMap entry per node, which the GC also has to walk: a world gains several nodes per Pay.
   */
  readonly #rawKey: symbol = Symbol('raw');
  readonly #handler: ProxyHandler<Record<string, unknown>>;

  constructor(plain: W) {
    this.#handler = {
      set: (target, key, value) => {
        if (typeof key === 'symbol') return Reflect.set(target, key, value);
        this.#record(target, key, true, value);
        return true;
      },
      deleteProperty: (target, key) => {
        if (typeof key === 'symbol') return Reflect.deleteProperty(target, key);
        if (Object.hasOwn(target, key)) this.#record(target, key, false, undefined);
        return true;
      },
      defineProperty: (target, key, desc) => {
        if (typeof key === 'symbol' || !('value' in desc)) return Reflect.defineProperty(target, key, desc);
        this.#record(target, key, true, desc.value);
        return true;
      },
    };
    this.root = this.#adopt(plain, new Map()) as W;
  }

  /** the raw object behind a node proxy (a raw object gives itself; undefined for anything else) */
  rawOf(value: unknown): Record<string, unknown> | undefined {
    return typeof value === 'object' && value !== null ? (value as { [k: symbol]: Record<string, unknown> | undefined })[this.#rawKey] : undefined;
  }

  /** Runs `fn` with writes journaled, then undoes them; returns its result and the writes. */
  tentative<R>(fn: () => R): { result: R; writes: Journaled[] } {
    if (this.#journal) throw new Error('fpsModel: a step inside a step');
    const writes: Journaled[] = [];
    this.#journal = writes;
    try {
      return { result: fn(), writes };
    } finally {
      this.#journal = null;
      for (let i = writes.length - 1; i >= 0; i--) {
        const w = writes[i]!;
        this.#apply(w.target, w.key, w.oldHad, w.old, false);
      }
    }
  }

  /** Replays `writes` (made from version `from`) with placeholders substituted; the new version. */
  commit(from: Version, writes: readonly Journaled[], map: Readonly<Record<string, string>>): Version {
    this.reroot(from);
    const copies = new Map<object, unknown>();
    const inverse: Write[] = [];
    for (const w of writes) {
      const key = Array.isArray(w.target) ? w.key : substituteString(w.key, map);
      inverse.push({ target: w.target, key, had: Object.hasOwn(w.target, key), value: w.target[key] });
      this.#apply(w.target, key, w.now, w.now ? this.#adopt(w.value, copies, map) : undefined, true);
    }
    const next: Version = { diff: null, next: null };
    from.diff = inverse.reverse();
    from.next = next;
    this.current = next;
    return next;
  }

  /** Makes `v` the version the world shows. */
  reroot(v: Version): void {
    if (v === this.current) return;
    const path: Version[] = [];
    for (let u: Version | null = v; u !== this.current; u = u.next) {
      if (!u) throw new Error('fpsModel: a state of another emulator world');
      path.push(u);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const u = path[i]!;
      const inverse: Write[] = [];
      for (const w of u.diff!) {
        inverse.push({ target: w.target, key: w.key, had: Object.hasOwn(w.target, w.key), value: w.target[w.key] });
        this.#apply(w.target, w.key, w.had, w.value, false);
      }
      const was = u.next!;
      was.diff = inverse.reverse();
      was.next = u;
      u.diff = null;
      u.next = null;
      this.current = u;
    }
  }

  #record(target: Record<string, unknown>, key: string, now: boolean, value: unknown): void {
    const journal = this.#journal;
    if (!journal) throw new TypeError('fpsModel: an emulator state is immutable (it changes only through a step)');
    // an array's length changes implicitly: journal it explicitly so every entry inverts exactly
    // (a shrink drops its tail first, an element past the end grows the length first)
    if (Array.isArray(target)) {
      if (now && key === 'length') {
        for (let i = target.length - 1; i >= Number(value); i--) this.#record(target, String(i), false, undefined);
      } else if (now && /^\d+$/.test(key) && Number(key) >= target.length) {
        this.#record(target, 'length', true, Number(key) + 1);
      }
    }
    journal.push({ target, key, oldHad: Object.hasOwn(target, key), old: target[key], now, value });
    this.#apply(target, key, now, value, false);
  }

  #apply(target: Record<string, unknown>, key: string, had: boolean, value: unknown, committed: boolean): void {
    if (had) target[key] = value;
    else delete target[key];
    this.listener?.(target, key, committed);
  }

  /**
   * A written value as world nodes: nodes stay as they are; new objects are copied into nodes
   * (once each, so shared new objects stay shared) with placeholders substituted.
   */
  #adopt(value: unknown, copies: Map<object, unknown>, map: Readonly<Record<string, string>> = NO_MAP): unknown {
    if (typeof value === 'string') return substituteString(value, map);
    if (typeof value !== 'object' || value === null || (value as { [k: symbol]: unknown })[this.#rawKey] !== undefined) return value;
    const seen = copies.get(value);
    if (seen !== undefined) return seen;
    const isArray = Array.isArray(value);
    const raw: Record<string, unknown> = isArray ? ([] as unknown as Record<string, unknown>) : {};
    const node = new Proxy(raw, this.#handler);
    Object.defineProperty(raw, this.#rawKey, { value: raw });
    copies.set(value, node);
    const from = value as Record<string, unknown>;
    // Object.keys, not entries: the same own enumerable keys in the same order, no pair per key
    for (const k of Object.keys(from)) {
      const v = from[k];
      if (v === undefined && !isArray) continue;
      raw[isArray ? k : substituteString(k, map)] = this.#adopt(v, copies, map);
    }
    return node;
  }
}
