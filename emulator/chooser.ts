// Where the model allows several outcomes, the emulator needs one: `nominal` always takes the
// first (the reference behaviour), `random` takes a seeded pick so the kit's own tests can show the
// checker accepts every allowed choice ("set" rules, fps-rulings.md), and `contrary` takes the last,
// the member least like the nominal one (PE instead of another instrument, IT instead of A, Failure
// instead of Success, the error side of every band): an independent implementation that reads every
// open point the other way. Every choice point lists its options nominal first, so "last" is that.
import type { Chooser } from '../spec/model/api.ts';
import type { Rng } from './random.ts';

export const CHOICE_MODES = ['nominal', 'random', 'contrary'] as const;
export type ChoiceMode = (typeof CHOICE_MODES)[number];

export function isChoiceMode(s: string): s is ChoiceMode {
  return (CHOICE_MODES as readonly string[]).includes(s);
}

export function createChooser(mode: ChoiceMode, rng: Rng): Chooser {
  if (mode === 'nominal') return () => 0;
  if (mode === 'contrary') return (n) => (n <= 1 ? 0 : n - 1);
  return (n) => (n <= 1 ? 0 : rng.int(n));
}
