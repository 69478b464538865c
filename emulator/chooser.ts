// Where the model allows several outcomes, the emulator needs one: `nominal` always takes the
// first (the reference behaviour), `random` takes a seeded pick so the kit's own tests can show the
// checker accepts every allowed choice ("set" rules, fps-rulings.md).
import type { Chooser } from '../spec/model/api.ts';
import type { Rng } from './random.ts';

export type ChoiceMode = 'nominal' | 'random';

export function createChooser(mode: ChoiceMode, rng: Rng): Chooser {
  if (mode === 'nominal') return () => 0;
  return (n) => (n <= 1 ? 0 : rng.int(n));
}
