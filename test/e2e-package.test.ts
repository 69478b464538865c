// The package as published: `npm pack` (which runs the build through `prepare`), unpacked from the
// tarball into an empty project's node_modules, imported with plain node (no tsx, no TypeScript): the exports
// point at compiled JavaScript with declarations, and the CLI answers from dist/.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'fps-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });

/** Not copied into the scratch checkout: history, installed modules, build and run outputs. */
const NOT_SOURCES = new Set(['.git', 'node_modules', 'dist', 'test-artifacts', 'fps-conformance-report']);

/**
 * A copy of the checkout to pack. `npm pack` runs `prepare`, which builds dist/ with its stamp: in
 * the checkout itself that dist/ would then serve every later `bin/fps-conformance.js` of any test
 * file (the launcher prefers a fresh dist/), so those tests would run compiled code of whenever this
 * test ran, and pass or fail by the order the files ran in.
 */
function scratchCheckout(): string {
  const src = join(dir, 'src');
  mkdirSync(src);
  for (const e of readdirSync(ROOT)) if (!NOT_SOURCES.has(e)) cpSync(join(ROOT, e), join(src, e), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'));
  return src;
}

describe('the packed tarball (npm pack)', () => {
  it('installs and imports under plain node, with type declarations and a compiled CLI', () => {
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], scratchCheckout())) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/run/index.js');
    expect(files).toContain('dist/run/index.d.ts');
    expect(files).toContain('dist/bin/cli.js');
    // the stamp that lets bin/fps-conformance.js run dist/ rather than the sources
    expect(files).toContain('dist/.build-stamp');
    // unit tests sit beside the sources, and test/ holds the kit's own runs: none of them ships
    expect(files.filter((f) => /\.test\.(ts|js|d\.ts)$/.test(f) || f.startsWith('test/') || f.includes('/test/support/'))).toEqual([]);
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', type: 'module', private: true }));
    // installed as npm lays a tarball out (node_modules/fps-conformance), its dependencies linked
    // from this checkout's node_modules: the test needs no registry (network: loopback only)
    const modules = join(app, 'node_modules');
    mkdirSync(join(modules, 'fps-conformance'), { recursive: true });
    execFileSync('tar', ['-xzf', join(dir, packed[0]!.filename), '-C', join(modules, 'fps-conformance'), '--strip-components=1']);
    for (const dep of readdirSync(join(ROOT, 'node_modules'))) {
      if (!dep.startsWith('.') && dep !== 'fps-conformance') symlinkSync(join(ROOT, 'node_modules', dep), join(modules, dep));
    }
    const pkgDir = join(app, 'node_modules', 'fps-conformance');
    expect(existsSync(join(pkgDir, 'dist', 'run', 'index.js'))).toBe(true);
    const script = "const m = await import('fps-conformance'); console.log(JSON.stringify([typeof m.runConformance, typeof m.createHttpTarget, typeof m.recordingTarget]));";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8', timeout: 30_000 });
    expect(JSON.parse(out.trim())).toEqual(['function', 'function', 'function']);
    expect(existsSync(join(pkgDir, 'dist', 'vitest', 'index.d.ts'))).toBe(true);
    // the programmatic API end to end: run a check set, get the results, render the reports
    const api = [
      "const { runConformance } = await import('fps-conformance');",
      "const { renderHtml, renderMarkdown, renderJunit } = await import('fps-conformance/reporters');",
      "const { report } = await runConformance({ suites: ['wire'], seed: 5 });",
      "console.log(JSON.stringify([report.checks.length > 0, renderHtml(report).startsWith('<!doctype html>'), renderMarkdown(report).length > 0, renderJunit(report).includes('<testsuites')]));",
    ].join('\n');
    const rendered = execFileSync(process.execPath, ['--input-type=module', '-e', api], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    expect(JSON.parse(rendered.trim().split('\n').pop()!)).toEqual([true, true, true, true]);
    expect(existsSync(join(pkgDir, 'dist', 'reporters', 'index.d.ts'))).toBe(true);
    // plain node, and no TypeScript loader was needed: the CLI runs from dist
    const version = execFileSync(process.execPath, [join(pkgDir, 'bin', 'fps-conformance.js'), 'vectors', '--help'], { cwd: app, encoding: 'utf8', timeout: 30_000 });
    expect(version).toMatch(/vectors/);
    expect(readdirSync(join(pkgDir, 'dist', 'reporters', 'schema'))).toContain('results.schema.json');
  }, 180_000);
});
