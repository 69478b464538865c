// Writes the four report files into --report-dir (default fps-conformance-report/): the only file I/O
// of the reporters; each file's text comes from a pure render().
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunReport } from '../core/result.ts';
import { UsageError } from '../core/errors.ts';
import { loadCatalogue } from '../run/catalogue.ts';
import { render as renderHtml } from './html.ts';
import { render as renderJson } from './json.ts';
import { render as renderJunit } from './junit.ts';
import { render as renderMarkdown, REPORT_FILES } from './markdown.ts';
import type { GateSummary } from './view.ts';
import type { Requirement } from '../spec/types.ts';

export const DEFAULT_REPORT_DIR = 'fps-conformance-report';
export { REPORT_FILES };

export interface WriteOptions {
  /** default: spec/catalogue allRequirements(), loaded once */
  catalogue?: readonly Requirement[];
  gate?: GateSummary;
  /** --fail-on values (JUnit marks warnings as failures when they include "warn") */
  failOn?: readonly string[];
}

export interface WrittenReports {
  dir: string;
  json: string;
  junit: string;
  html: string;
  markdown: string;
}

export async function writeReports(report: RunReport, dir: string = DEFAULT_REPORT_DIR, options: WriteOptions = {}): Promise<WrittenReports> {
  const catalogue = options.catalogue ?? loadCatalogue();
  const renderOptions = { catalogue, ...(options.gate ? { gate: options.gate } : {}) };
  const files: [keyof typeof REPORT_FILES, string][] = [
    ['json', renderJson(report, renderOptions)],
    ['junit', renderJunit(report, { ...renderOptions, ...(options.failOn ? { failOn: options.failOn } : {}) })],
    ['html', renderHtml(report, renderOptions)],
    ['markdown', renderMarkdown(report, renderOptions)],
  ];
  const abs = resolve(dir);
  try {
    mkdirSync(abs, { recursive: true });
    for (const [kind, text] of files) writeFileSync(join(abs, REPORT_FILES[kind]), text);
  } catch (err) {
    throw new UsageError(`cannot write reports to "${dir}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return { dir: abs, json: join(abs, REPORT_FILES.json), junit: join(abs, REPORT_FILES.junit), html: join(abs, REPORT_FILES.html), markdown: join(abs, REPORT_FILES.markdown) };
}
