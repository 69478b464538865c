// Which code the benches measure: the compiled dist/ the CLI ships (after `npm run build`), or the
// TypeScript sources through tsx with BENCH_CODE=src. dist/ is refused when older than a source.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['spec', 'core', 'transports', 'clients', 'generators', 'suites', 'emulator', 'run', 'reporters'];

const newest = (dir: string): number => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
};

/** The folder to import kit code from (no trailing slash): `<repo>/dist` or `<repo>`. */
export function codeRoot(): string {
  if (process.env.BENCH_CODE === 'src') return repo.replace(/\/$/, '');
  const stamp = join(repo, 'dist', '.build-stamp');
  if (!existsSync(stamp)) throw new Error('bench: no dist/ to measure; run `npm run build` first (or BENCH_CODE=src to measure the sources through tsx)');
  const built = statSync(stamp).mtimeMs;
  const stale = SOURCES.find((d) => newest(join(repo, d)) > built);
  if (stale) throw new Error(`bench: dist/ is older than ${stale}/; run \`npm run build\` (or BENCH_CODE=src)`);
  return join(repo, 'dist');
}

const root = codeRoot();
const ext = root.endsWith('dist') ? 'js' : 'ts';
/** Which code this process measures, for the bench's first line. */
export const measuring = root.endsWith('dist') ? 'dist/ (compiled, as the CLI ships)' : 'the TypeScript sources through tsx (BENCH_CODE=src)';
/** A kit module by its path without extension, from the measured code: `kit<typeof import('../x.ts')>('x')`. */
export const kit = <T>(path: string): Promise<T> => import(`${root}/${path}.${ext}`) as Promise<T>;
