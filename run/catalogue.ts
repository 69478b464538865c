// The requirement catalogue for reports (rule texts, areas, citations), read once.
import { allRequirements } from '../spec/catalogue/index.ts';
import type { Requirement } from '../spec/types.ts';

let cached: readonly Requirement[] | undefined;

/** `allRequirements()` of spec/catalogue, cached. */
export function loadCatalogue(): readonly Requirement[] {
  cached ??= allRequirements();
  return cached;
}
