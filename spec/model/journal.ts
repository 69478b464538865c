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
const WHOLE_PH = /^⟦\d+:[A-Za-z]+⟧$/;
const NO_MAP: Readonly<Record<string, string>> = Object.freeze({});
export function substituteString(s: string, map: Readonly<Record<string, string>>): string {
  if (!s.includes('⟦')) return s;
  // one placeholder and nothing else (an id as a key or value): a look-up, what the replace gives
  if (s.charCodeAt(0) === 0x27e6 && s.indexOf('⟦', 1) === -1 && s.indexOf('⟧') === s.length - 1) {
    const id = map[s];
    return id !== undefined && WHOLE_PH.test(s) ? id : s;
  }
  return s.replace(PH, (ph) => map[ph] ?? ph);
}
/** substituteString by the replace alone: the reference of its test */
export const substituteByReplace = (s: string, map: Readonly<Record<string, string>>): string => (s.includes('⟦') ? s.replace(PH, (ph) => map[ph] ?? ph) : s);

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

  /**
   * Runs `fn` with writes journaled, then undoes them; returns its result and the writes. `keep`:
   * the writes stay applied until this world is next used (reroot, tentative, commit), so a commit
   * of them right away replaces them in place instead of undoing and replaying them (the emulator's
   * every step); whoever reads `root` directly must not pass it.
   */
  tentative<R>(fn: () => R, keep = false): { result: R; writes: Journaled[] } {
    if (this.#journal) throw new Error('fpsModel: a step inside a step');
    this.#settle();
    const writes: Journaled[] = [];
    this.#journal = writes;
    let done = false;
    try {
      const result = fn();
      done = true;
      return { result, writes };
    } finally {
      this.#journal = null;
      if (done && keep) this.#kept = writes;
      else this.#undo(writes);
    }
  }

  /** the writes of the last `keep` tentative run, still applied */
  #kept: readonly Journaled[] | null = null;

  /** Undoes the kept writes, if any: the world shows `current` again. */
  #settle(): void {
    const kept = this.#kept;
    if (kept === null) return;
    this.#kept = null;
    this.#undo(kept);
  }

  #undo(writes: readonly Journaled[]): void {
    for (let i = writes.length - 1; i >= 0; i--) {
      const w = writes[i]!;
      this.#apply(w.target, w.key, w.oldHad, w.old, false);
    }
  }

  /** Replays `writes` (made from version `from`) with placeholders substituted; the new version. */
  commit(from: Version, writes: readonly Journaled[], map: Readonly<Record<string, string>>): Version {
    const keys = this.#kept === writes && from === this.current ? inPlaceKeys(writes, map) : undefined;
    if (keys !== undefined) return this.#commitInPlace(from, writes, keys, map);
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

  /**
   * `commit` of the kept writes of `from` (inPlaceable): each written key gets its written value as
   * a node, a placeholder key gives way to its id, and the diff back to `from` is the journal's own
   * old values, so the world ends as the replay leaves it (keys in the same order) without undoing
   * and redoing every write. The listener hears what the replay tells it, minus the undo of keys
   * the commit writes again.
   */
  #commitInPlace(from: Version, writes: readonly Journaled[], keys: readonly string[], map: Readonly<Record<string, string>>): Version {
    this.#kept = null;
    const copies = new Map<object, unknown>();
    const inverse: Write[] = [];
    for (let i = 0; i < writes.length; i++) {
      const w = writes[i]!;
      const target = w.target;
      const key = keys[i]!;
      if (key !== w.key) {
        // the placeholder key never was in the world the replay starts from
        if (Object.hasOwn(target, w.key)) this.#apply(target, w.key, false, undefined, false);
        inverse.push({ target, key, had: false, value: undefined });
      } else {
        // before this write: the journal's old value, or what an earlier write of the key left (as a node)
        const e = earlier(writes, i);
        inverse.push(e === undefined ? { target, key, had: w.oldHad, value: w.old } : { target, key, had: e.now, value: e.now ? copies.get(e.value as object) ?? this.#adopt(e.value, copies, map) : undefined });
      }
      this.#apply(target, key, w.now, w.now ? this.#adopt(w.value, copies, map) : undefined, true);
    }
    const next: Version = { diff: null, next: null };
    from.diff = inverse.reverse();
    from.next = next;
    this.current = next;
    return next;
  }

  /** Makes `v` the version the world shows. */
  reroot(v: Version): void {
    this.#settle();
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
    if (Array.isArray(value)) return this.#adoptByKeys(value, true, copies, map);
    // the usual object (no placeholder or __proto__ key, no undefined value): one spread copies it, then
    // only its placeholder strings and objects are replaced, in place (a key at a time costs more)
    const raw = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(raw);
    for (const k of keys) if (k === '__proto__' || k.includes('⟦') || raw[k] === undefined) return this.#adoptByKeys(value, false, copies, map);
    const node = this.#node(raw, value, copies);
    for (const k of keys) {
      const v = raw[k];
      if (typeof v === 'string' ? v.includes('⟦') : typeof v === 'object' && v !== null) raw[k] = this.#adopt(v, copies, map);
    }
    return node;
  }

  /** `raw` as the world node that stands for `value` (copies of `value` elsewhere become it too) */
  #node(raw: Record<string, unknown>, value: object, copies: Map<object, unknown>): unknown {
    const node = new Proxy(raw, this.#handler);
    Object.defineProperty(raw, this.#rawKey, { value: raw });
    copies.set(value, node);
    return node;
  }

  /** #adopt's copy a key at a time: arrays, and objects with a key to substitute (or to leave out) */
  #adoptByKeys(value: object, isArray: boolean, copies: Map<object, unknown>, map: Readonly<Record<string, string>>): unknown {
    const raw: Record<string, unknown> = isArray ? ([] as unknown as Record<string, unknown>) : {};
    const node = this.#node(raw, value, copies);
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

/** the last write before `i` to the same key of the same object, if any (journals are short) */
function earlier(writes: readonly Journaled[], i: number): Journaled | undefined {
  const w = writes[i]!;
  for (let j = i - 1; j >= 0; j--) {
    const e = writes[j]!;
    if (e.target === w.target && e.key === w.key) return e;
  }
  return undefined;
}

/** Longest journal committed in place (earlier() is quadratic in it). */
const MAX_IN_PLACE = 64;

/**
 * The written keys (placeholders substituted; an array's as they are) when replacing kept writes in
 * place leaves the world exactly as the replay does; undefined otherwise. Key order is the one risk:
 * no key of an object is deleted (a delete and a later set move it to the end), and a placeholder
 * key, new to its object, is inserted after every other new key of that object and its id is not a
 * key there yet (the id takes the placeholder's place at the end). Arrays order their indexes by
 * number: any writes.
 */
function inPlaceKeys(writes: readonly Journaled[], map: Readonly<Record<string, string>>): string[] | undefined {
  if (writes.length > MAX_IN_PLACE) return undefined;
  const keys: string[] = [];
  for (const w of writes) keys.push(Array.isArray(w.target) ? w.key : substituteString(w.key, map));
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i]!;
    if (Array.isArray(w.target)) continue;
    if (!w.now) return undefined;
    if (keys[i] === w.key) continue;
    if (Object.hasOwn(w.target, keys[i]!)) return undefined;
    if (w.oldHad && earlier(writes, i) === undefined) return undefined;
    // a plain key new to the object after the placeholder one would come before the id in the replay
    for (let j = i + 1; j < writes.length; j++) {
      const x = writes[j]!;
      if (x.target === w.target && !x.oldHad && keys[j] === x.key && earlier(writes, j) === undefined) return undefined;
    }
  }
  return keys;
}
