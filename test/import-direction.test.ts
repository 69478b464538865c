// The import directions the layout already keeps (docs/architecture.md): spec/ is the pure core,
// generators/ read only the spec, the reference emulator and the reporters never reach into the
// suites, the SDK side or the CLI, and no product code imports the kit's own tests or benches.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const PRODUCT = ['spec', 'generators', 'suites', 'harness', 'emulator', 'sdk', 'adapters', 'reporters', 'bin'];

/** May `from` (a top folder) import `to`? Absent: any. */
const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  spec: ['generators', 'suites', 'harness', 'emulator', 'sdk', 'adapters', 'reporters', 'bin', 'test', 'bench', 'fixtures'],
  generators: ['suites', 'harness', 'emulator', 'sdk', 'adapters', 'reporters', 'bin', 'test', 'bench'],
  emulator: ['suites', 'sdk', 'adapters', 'reporters', 'bin', 'test', 'bench'],
  reporters: ['suites', 'emulator', 'sdk', 'adapters', 'bin', 'test', 'bench'],
  suites: ['sdk', 'adapters', 'reporters', 'bin', 'test', 'bench'],
  harness: ['sdk', 'adapters', 'bin', 'test', 'bench', 'emulator'],
  sdk: ['bin', 'test', 'bench'],
  adapters: ['bin', 'test', 'bench'],
  bin: ['test', 'bench'],
};

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) yield p;
  }
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function edges(): { file: string; from: string; to: string }[] {
  const out: { file: string; from: string; to: string }[] = [];
  for (const top of PRODUCT) {
    for (const file of sources(join(ROOT, top))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const target = relative(ROOT, resolve(dirname(file), m[1] ?? m[2]!)).split(sep)[0]!;
        if (target !== top) out.push({ file: relative(ROOT, file), from: top, to: target });
      }
    }
  }
  return out;
}

describe('import direction', () => {
  const all = edges();

  it('finds the imports it judges (the scan works)', () => {
    expect(all.some((e) => e.from === 'suites' && e.to === 'spec')).toBe(true);
    expect(all.some((e) => e.from === 'bin' && e.to === 'harness')).toBe(true);
  });

  it('keeps every product folder off the folders it must not import', () => {
    const broken = all.filter((e) => FORBIDDEN[e.from]?.includes(e.to)).map((e) => `${e.file} → ${e.to}/`);
    expect(broken).toEqual([]);
  });
});
