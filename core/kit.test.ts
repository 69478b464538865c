// The kit's name and version come from the package's own package.json, above dist/'s stand-in.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findManifest, KIT_NAME, KIT_VERSION } from './kit.ts';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function tree(files: Record<string, unknown>): string {
  root = mkdtempSync(join(tmpdir(), 'kit-manifest-'));
  for (const [path, json] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), JSON.stringify(json));
  }
  mkdirSync(join(root, 'pkg/dist/core'), { recursive: true });
  return root;
}

describe('findManifest', () => {
  it('skips the stand-in of dist/ for the manifest that declares exports', () => {
    const r = tree({ 'pkg/package.json': { name: 'fps-conformance', version: '2.0.0', exports: {} }, 'pkg/dist/package.json': { name: 'fps-conformance', version: '1.0.0', type: 'module' } });
    expect(findManifest(pathToFileURL(join(r, 'pkg/dist/core/kit.js')))).toEqual({ name: 'fps-conformance', version: '2.0.0' });
  });
  it('falls back to the nearest named manifest', () => {
    const r = tree({ 'pkg/dist/package.json': { name: 'x', version: '1.0.0' }, 'package.json': { name: 'outer', version: '9.9.9' } });
    expect(findManifest(pathToFileURL(join(r, 'pkg/dist/core/kit.js')))).toEqual({ name: 'x', version: '1.0.0' });
  });
  it('reads this package', () => {
    const own = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect([KIT_NAME, KIT_VERSION]).toEqual([own.name, own.version]);
  });
});
