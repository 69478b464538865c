// Citation builders shared by the catalogue files: one place spells the seed file names.
import type { Citation } from '../types.ts';

export const API_REF = '004_bb73d6732c95e35f.txt';
export const UC_RESERVE_SETTLE = '000_70958c7988ca10ab.txt';
export const UC_SINGLE_USE = '001_1e1ee1b2e54996ba.txt';
export const RULINGS = 'fps-rulings.md';

/** A section of the API reference (seed 004), with an optional quote. */
export function seed(section: string, quote?: string): Citation {
  return quote === undefined ? { source: API_REF, section } : { source: API_REF, section, quote };
}
/** A section of another seed file. */
export function seedFile(source: string, section: string, quote?: string): Citation {
  return quote === undefined ? { source, section } : { source, section, quote };
}
/** A rule of fps-rulings.md, by id. */
export function rule(id: string): Citation {
  return { source: RULINGS, section: id };
}
