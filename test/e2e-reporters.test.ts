// Real reports: the runner against the in-process reference emulator, rendered by every reporter and
// checked against the published JSON Schema and the JUnit schema.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator/core.ts';
import { runConformance } from '../run/service-runner.ts';
import type { RunReport } from '../core/result.ts';
import { render as renderJson } from '../reporters/json.ts';
import { render as renderJunit } from '../reporters/junit.ts';
import { render as renderHtml } from '../reporters/html.ts';
import { render as renderMarkdown } from '../reporters/markdown.ts';
import { validateResults } from '../reporters/read.ts';
import { applyGate, baselineFromReport } from '../run/gate.ts';

const XSD = new URL('../fixtures/junit/junit.xsd', import.meta.url).pathname;

describe('reports of a real run', () => {
  // one run read by both tests, made before either (each test passes alone and in any order)
  let report: RunReport;
  beforeAll(async () => {
    const emulator = createEmulator({ seed: 5 });
    try {
      report = (await runConformance({ handler: (r) => emulator.handle(r), suites: ['signature', 'wire'], runs: 2, seed: 11 })).report;
    } finally {
      await emulator.close();
    }
  }, 60_000);

  it('the runner against the reference emulator gives a report every reporter renders validly', () => {
    expect(report.checks.length).toBeGreaterThan(5);
    expect(validateResults(JSON.parse(renderJson(report)))).toEqual([]);
    const file = join(mkdtempSync(join(tmpdir(), 'fps-live-')), 'junit.xml');
    writeFileSync(file, renderJunit(report));
    expect(() => execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' })).not.toThrow();
    const html = renderHtml(report);
    for (const check of report.checks) expect(html).toContain(check.id);
    expect(renderMarkdown(report).split('\n')[0]).toMatch(/^## (✅|❌|⚠️) FPS conformance: /);
  });

  it('a baseline written from the run makes the gate pass on the same run', () => {
    expect(applyGate(report, { baseline: baselineFromReport(report) }).exitCode).toBe(0);
  });
});
