// The kit's own name and version, read once from the package's own package.json: the nearest one
// above this module that declares the package's `exports`. Compiled, this module is
// dist/core/kit.js, and dist/package.json (a stand-in the build writes, without `exports`) is
// skipped, so the version shown is the package's even when dist/ was built before a version bump.
import { readFileSync } from 'node:fs';

interface Manifest {
  name?: unknown;
  version?: unknown;
  exports?: unknown;
}

function readManifest(url: URL): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** The package's own manifest above `from`; else the nearest one with a name (a trimmed copy). */
export function findManifest(from: URL): { name: string; version: string } {
  let nearest: { name: string; version: string } | undefined;
  for (let dir = new URL('./', from); ; dir = new URL('../', dir)) {
    const m = readManifest(new URL('package.json', dir));
    if (m && typeof m.name === 'string' && typeof m.version === 'string') {
      const found = { name: m.name, version: m.version };
      if (m.exports !== undefined) return found;
      nearest ??= found;
    }
    if (new URL('../', dir).href === dir.href) break;
  }
  if (nearest) return nearest;
  throw new Error(`no package.json with a name and version above ${from.href}`);
}

const pkg = findManifest(new URL('.', import.meta.url));
export const KIT_NAME: string = pkg.name;
export const KIT_VERSION: string = pkg.version;
