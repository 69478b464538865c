// fpsModel: the executable reference model of FPS. `step` (checker) and `stepConcrete` (emulator)
// both run the one transition of transition.ts; see README.md. The checker side copies its (small)
// worlds per choice path; the emulator side runs in place on one journaled world (journal.ts), so a
// step costs what it touches, not what the world holds.
import type { Chooser, ExpectedIpn, Model, ModelInput, ModelOptions, ModelState, Outcome } from './api.ts';
import { enumeratePaths } from './choose.ts';
import type { Ctx, StepResult } from './ctx.ts';
import { transition } from './transition.ts';
import { LiveWorld, type Journaled, type Version } from './journal.ts';
import { WorldIndex, worldIndexOf } from './world-index.ts';
import { pendingFinalIpns } from './txns.ts';
import { canonical, clone, emptyWorld, hasPlaceholder, own, substitute, type World } from './worlds.ts';

/** Beyond this many worlds the model keeps the first ones and records a warning (never throws). */
export const MAX_WORLDS = 256;

export interface FpsState extends ModelState {
  readonly profile: ModelOptions['profile'];
  readonly worlds: readonly World[];
  readonly warnings: readonly string[];
}

interface Run {
  world: World;
  result: StepResult;
  binds: Record<string, string>;
}

/** An emulator-side state: a version of one live world. */
interface LiveRef {
  live: LiveWorld<World>;
  version: Version;
}
/** an emulator-side state's live world, under a module-private symbol: non-enumerable, so a copy of
 *  the state is not live (as with the WeakMap it replaced, a probe per read and an entry per step) */
const LIVE = Symbol('live world');
const liveRefOf = (s: unknown): LiveRef | undefined => (typeof s === 'object' && s !== null ? (s as { [LIVE]?: LiveRef })[LIVE] : undefined);

/** A state over a live world's version; `worlds` shows that version (rerooting to it when read). */
function liveState(profile: FpsState['profile'], ref: LiveRef, warnings: readonly string[]): FpsState {
  ref.live.reroot(ref.version);
  const state: FpsState = {
    now: ref.live.root.now,
    profile,
    warnings,
    get worlds(): readonly World[] {
      ref.live.reroot(ref.version);
      return [ref.live.root];
    },
  };
  Object.defineProperty(state, LIVE, { value: ref });
  return state;
}

/** The live world of an emulator-side state, or a new one holding a copy of a plain state's world. */
function liveOf(s: FpsState): LiveRef {
  const ref = liveRefOf(s);
  if (ref) {
    ref.live.reroot(ref.version);
    return ref;
  }
  const live = new LiveWorld<World>(s.worlds[0]!);
  const index = new WorldIndex(live.root, (v) => live.rawOf(v));
  live.listener = (target, key, committed) => index.touch(target, key, committed);
  return { live, version: live.current };
}

function asFps(state: ModelState): FpsState {
  if (liveRefOf(state) !== undefined) return state as FpsState;
  const s = state as Partial<FpsState>;
  if (!Array.isArray(s.worlds) || s.worlds.length === 0 || typeof s.profile !== 'string') {
    throw new TypeError('fpsModel: not a state made by fpsModel.initial/step');
  }
  return s as FpsState;
}

function makeState(profile: FpsState['profile'], worlds: World[], warnings: readonly string[]): FpsState {
  const seen = new Set<string>();
  let unique: World[] = [];
  for (const w of worlds) {
    // plain JSON: worlds from one transition share key order; a miss only keeps a duplicate
    const key = worlds.length === 1 ? '' : JSON.stringify(w);
    if (!seen.has(key)) { seen.add(key); unique.push(w); }
  }
  let warn = warnings;
  if (unique.length > MAX_WORLDS) {
    warn = [...warnings, `kept ${MAX_WORLDS} of ${unique.length} possible worlds: later verdicts may be too strict`];
    unique = unique.slice(0, MAX_WORLDS);
  }
  const now = unique.reduce((m, w) => Math.max(m, w.now), 0);
  return { now, profile, worlds: unique, warnings: warn };
}

/** Run the transition on a copy of `world` with `choose`. */
function runOnce(world: World, input: ModelInput, profile: FpsState['profile'], choose: Chooser, eager = false): Run {
  const w = clone(world);
  const ctx: Ctx = { choose, profile, binds: {}, eager };
  const result = transition(w, input, ctx);
  return { world: w, result, binds: ctx.binds };
}

/** placeholder → bound value, for the binds a run made */
function bindingMap(binds: Readonly<Record<string, string>>, bound: Readonly<Record<string, string>>): Record<string, string> {
  // no prototype (a dictionary from the start): its keys are new placeholders every step, and a plain
  // {} would grow a new hidden class per key (past V8's transition limit, a new map per step)
  const map: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, ph] of Object.entries(binds)) {
    const value = bound[name];
    if (value !== undefined) map[ph] = value;
  }
  return map;
}

function allRuns(state: FpsState, input: ModelInput): { runs: Run[]; warnings: string[] } {
  const runs: Run[] = [];
  const warnings: string[] = [];
  for (const world of state.worlds) {
    const { results, truncated } = enumeratePaths((choose) => runOnce(world, input, state.profile, choose));
    if (truncated) warnings.push(`choice paths truncated for a ${input.kind} input`);
    runs.push(...results);
  }
  return { runs, warnings };
}

/** `next` of an emulator-side outcome (made here, not inline: under tsx a named closure costs a defineProperty per step) */
function committer(s: FpsState, ref: LiveRef, writes: Journaled[], ctx: Ctx): Outcome['next'] {
  return (bound) => liveState(s.profile, { live: ref.live, version: ref.live.commit(ref.version, writes, bindingMap(ctx.binds, bound)) }, s.warnings);
}

export const fpsModel: Model = {
  initial(start, options) {
    return makeState(options.profile, [emptyWorld(start)], []);
  },

  step(state, input) {
    const s = asFps(state);
    const { runs, warnings } = allRuns(s, input);
    const groups = new Map<string, Run[]>();
    for (const r of runs) {
      const key = canonical(r.result.answer);
      const g = groups.get(key);
      if (g) g.push(r);
      else groups.set(key, [r]);
    }
    const outcomes: Outcome[] = [];
    for (const g of groups.values()) {
      const first = g[0]!;
      outcomes.push({
        answer: first.result.answer,
        rules: [...new Set(g.flatMap((r) => r.result.rules))],
        why: first.result.why,
        next: (bound) => makeState(s.profile, g.map((r) => substitute(r.world, bindingMap(r.binds, bound))), [...s.warnings, ...warnings]),
      });
    }
    return outcomes;
  },

  // Linear use costs what a step touches: run in place, roll back, replay on `next`. `next` may be
  // called more than once, and on an older state (the race hooks do): each call is a new version.
  stepConcrete(state, input, choose) {
    const s = asFps(state);
    const ref = liveOf(s);
    const ctx: Ctx = { choose, profile: s.profile, binds: {}, eager: true };
    // kept applied: `next` right away commits them in place (every later read of the world reroots first)
    const { result, writes } = ref.live.tentative(() => transition(ref.live.root, input, ctx), true);
    return { answer: result.answer, rules: result.rules, why: result.why, next: committer(s, ref, writes, ctx) };
  },

  unknown(state, input) {
    const s = asFps(state);
    const { runs, warnings } = allRuns(s, input);
    // "never happened" stays possible, time having moved
    const untouched = s.worlds.map((w) => runOnce(w, { kind: 'clock', at: input.at, to: input.at }, s.profile, () => 0).world);
    return makeState(s.profile, [...untouched, ...runs.map((r) => r.world)], [...s.warnings, ...warnings]);
  },

  owedIpns(state) {
    const s = asFps(state);
    // owed in every possible world, with every value known
    const all = (w: World): Map<string, ExpectedIpn> => new Map([...Object.values(w.ipns), ...pendingFinalIpns(w)].map((x) => [x.key, x]));
    const [first, ...rest] = s.worlds.map(all);
    const owed: ExpectedIpn[] = [];
    for (const ipn of first!.values()) {
      const key = canonical(ipn);
      if (hasPlaceholder(key)) continue;
      if (rest.every((m) => m.get(ipn.key) !== undefined && canonical(m.get(ipn.key)) === key)) owed.push(ipn);
    }
    return owed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  },
};

/** Where a reader of `owedIpnsSince` got to. */
export interface IpnCursor {
  readonly index: WorldIndex;
  readonly at: number;
}

/**
 * Emulator side: the notifications owed (as `owedIpns` gives them) whose key a commit wrote since
 * `cursor`, plus those owed for processed transactions; `undefined` for a checker-side state (use
 * `owedIpns`). A deliverer that offers each key once offers what it would with `owedIpns`, without
 * walking every notification owed so far.
 */
export function owedIpnsSince(state: ModelState, cursor: IpnCursor | undefined): { owed: ExpectedIpn[]; cursor: IpnCursor } | undefined {
  const ref = liveRefOf(state);
  if (!ref) return undefined;
  ref.live.reroot(ref.version);
  const w = ref.live.root;
  const index = worldIndexOf(w)!;
  const found = new Map<string, ExpectedIpn>();
  for (let i = cursor?.index === index ? cursor.at : 0; i < index.ipnLog.length; i++) {
    const ipn = own(w.ipns, index.ipnLog[i]!);
    if (ipn) found.set(ipn.key, ipn);
  }
  for (const ipn of pendingFinalIpns(w)) found.set(ipn.key, ipn);
  const owed = [...found.values()].filter((ipn) => !hasPlaceholder(canonical(ipn)));
  owed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { owed, cursor: { index, at: index.ipnLog.length } };
}

/** Warnings the model recorded (world cap reached, choice paths truncated). */
export function modelWarnings(state: ModelState): readonly string[] {
  return asFps(state).warnings;
}

/** How many possible worlds the state holds (1 on the emulator side). */
export function worldCount(state: ModelState): number {
  return asFps(state).worlds.length;
}


/** The state's content without the clock: equal fingerprints mean nothing but time changed. */
export function fingerprint(state: ModelState): string {
  return canonical(asFps(state).worlds.map((w) => ({ ...w, now: 0 })));
}
