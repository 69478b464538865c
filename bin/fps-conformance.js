#!/usr/bin/env node
// The CLI. Runs the compiled JavaScript in dist/ (`npm run build`, run by `prepare`), so a start
// compiles nothing. Falls back to the TypeScript sources through tsx when dist/ is absent or older
// than any source (a working tree being edited, or tests run right after a change), so nothing
// silently runs stale code. FPS_CONFORMANCE_SOURCES=1 forces the sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url);
// every folder compiled into dist/ (tsconfig.build.json "include"; test/guard-import-direction holds the two equal)
const SOURCE_DIRS = ['spec', 'core', 'transports', 'clients', 'generators', 'suites', 'emulator', 'run', 'reporters', 'bin', 'vitest', 'adapters'];

function mtime(url) {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return undefined;
  }
}

/** true when dist/ was built after every .ts source and package.json changed (a packed tarball
 *  stamps every file with one date: equal times count as fresh) */
function distIsFresh() {
  const built = mtime(new URL('dist/.build-stamp', root));
  if (built === undefined) return false;
  if ((mtime(new URL('package.json', root)) ?? 0) > built) return false;
  for (const dir of SOURCE_DIRS) {
    let entries;
    try {
      entries = readdirSync(new URL(`${dir}/`, root), { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (!e.isFile() || !e.name.endsWith('.ts') || e.name.endsWith('.d.ts')) continue;
      if ((mtime(`${e.parentPath ?? e.path}/${e.name}`) ?? 0) > built) return false;
    }
  }
  return true;
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // what commander prints for --version, without loading the kit
  process.stdout.write(`${JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).version}\n`);
} else if (process.env.FPS_CONFORMANCE_SOURCES !== '1' && distIsFresh()) {
  await import('../dist/bin/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
