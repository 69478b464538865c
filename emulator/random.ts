// A small seeded PRNG (mulberry32): the same seed gives the same ids and the same choices, so a
// run against the emulator can be replayed.

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform integer in [0, n) */
  int(n: number): number;
  /** `length` characters drawn from `alphabet` */
  chars(alphabet: string, length: number): string;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const chars = (alphabet: string, length: number): string => {
    // the same draws as appending alphabet[int(n)] one by one, built as one flat string
    const codes = new Array<number>(length);
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(int(alphabet.length));
    return String.fromCharCode(...codes);
  };
  return { next, int, chars };
}
