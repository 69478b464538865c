// The layout's rule, read from docs/architecture.md ("may import" table), held against the real import
// graph of every product file: a folder imports only the folders its row names, so the doc and the
// code cannot drift apart. Imports are read from the sources (static `import`/`export ... from`,
// side-effect `import '...'` and dynamic `import('...')`).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/** `suites/service` and `suites/client` are layers of their own; every other layer is a top folder. */
function layerOf(path: string): string {
  const parts = path.split(sep);
  return parts[0] === 'suites' && parts.length > 2 ? `suites/${parts[1]}` : parts[0]!;
}

/** The "may import" table of docs/architecture.md: `| \`folder/\` | ... | \`a/\`, \`b/\` |`. */
function rules(): Map<string, Set<string>> {
  const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Layers'));
  const out = new Map<string, Set<string>>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const folder = /^`([a-z/-]+)\/`$/.exec(cells[1] ?? '')?.[1];
    if (!folder || cells.length < 5) continue;
    out.set(folder, new Set([...(cells[3] ?? '').matchAll(/`([a-z/-]+)\/`/g)].map((m) => m[1]!)));
  }
  return out;
}

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (/\.(ts|mjs|js)$/.test(e.name) && !e.name.endsWith('.test.ts')) yield p;
  }
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"](\.[^'"]+)['"]|(?:^|\n)\s*import\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

interface Edge { file: string; from: string; to: string }

function edges(tops: readonly string[]): Edge[] {
  const out: Edge[] = [];
  for (const top of tops) {
    for (const file of sources(join(ROOT, top))) {
      const from = layerOf(relative(ROOT, file));
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const to = layerOf(relative(ROOT, resolve(dirname(file), (m[1] ?? m[2] ?? m[3])!)));
        // bin/fps-conformance.js loads the compiled copy of bin/ from dist/ when it is fresh
        if (to !== from && to !== 'dist') out.push({ file: relative(ROOT, file), from, to });
      }
    }
  }
  return out;
}

describe('import direction (docs/architecture.md, "Layers")', () => {
  const table = rules();
  const tops = [...new Set([...table.keys()].map((l) => l.split('/')[0]!))];
  const all = edges(tops);

  it('reads a rule for every product folder, and every folder it names exists', () => {
    expect([...table.keys()]).toEqual(expect.arrayContaining(['spec', 'core', 'transports', 'clients', 'generators', 'suites/service', 'suites/client', 'emulator', 'run', 'reporters', 'bin', 'vitest']));
    for (const l of table.keys()) expect(existsSync(join(ROOT, l)), l).toBe(true);
    // a top folder with sources but no row would escape the rule
    const unruled = readdirSync(ROOT, { withFileTypes: true })
      .filter((e) => e.isDirectory() && ![...tops, 'test', 'bench', 'fixtures', 'docs', 'node_modules', 'dist'].includes(e.name) && !e.name.startsWith('.'))
      .filter((e) => [...sources(join(ROOT, e.name))].some((f) => f.endsWith('.ts')))
      .map((e) => e.name);
    expect(unruled).toEqual([]);
  });

  it('finds the imports it judges (the scan works)', () => {
    expect(all.some((e) => e.from === 'suites/service' && e.to === 'spec')).toBe(true);
    expect(all.some((e) => e.from === 'bin' && e.to === 'run')).toBe(true);
    expect(all.some((e) => e.from === 'run' && e.to === 'suites/client')).toBe(true);
  });

  it('keeps every import inside what its folder may import', () => {
    const broken = all.filter((e) => !table.get(e.from)?.has(e.to)).map((e) => `${e.file} → ${e.to}/ (${e.from}/ may import: ${[...table.get(e.from) ?? []].join(', ') || 'nothing'})`);
    expect(broken).toEqual([]);
  });

  it('has no cycle between folders (the table is an order)', () => {
    const seen = new Set<string>();
    const visit = (l: string, path: string[]): void => {
      expect(path, `cycle ${[...path, l].join(' → ')}`).not.toContain(l);
      if (seen.has(l)) return;
      for (const to of table.get(l) ?? []) visit(to, [...path, l]);
      seen.add(l);
    };
    for (const l of table.keys()) visit(l, []);
  });

  it('gives every top folder a README saying its job, what it may import and where to start', () => {
    for (const top of tops) {
      const readme = join(ROOT, top, 'README.md');
      expect(existsSync(readme), readme).toBe(true);
      expect(readFileSync(readme, 'utf8')).toMatch(/may import/i);
    }
  });
  it('compiles, ships and watches for staleness exactly the folders of the table', () => {
    const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
    const launcher = readFileSync(join(ROOT, 'bin/fps-conformance.js'), 'utf8');
    const watched = [.../SOURCE_DIRS = \[([^\]]*)\]/.exec(launcher)![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { include: string[] };
    const files = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
    expect(sorted(watched)).toEqual(sorted(tops));
    expect(sorted(build.include)).toEqual(sorted(tops));
    expect(files).toEqual(expect.arrayContaining(tops));
  });
});
