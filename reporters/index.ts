// The reporters as a library (`import { renderHtml } from 'fps-conformance/reporters'`): each render is
// pure, RunReport in, text out; writeReports and readReport are the only file I/O.
export { render as renderConsole } from './console.ts';
export { render as renderHtml } from './html.ts';
export { render as renderJson } from './json.ts';
export { render as renderJunit } from './junit.ts';
export { render as renderMarkdown } from './markdown.ts';
export { renderCompareHtml, renderCompareText } from './compare.ts';
export type { CompareView } from './compare.ts';
export { writeReports, DEFAULT_REPORT_DIR, REPORT_FILES } from './write.ts';
export type { WriteOptions, WrittenReports } from './write.ts';
export { readReport, validateResults } from './read.ts';
export { loadCatalogue } from '../run/catalogue.ts';
export type { RenderOptions, GateSummary } from './view.ts';
