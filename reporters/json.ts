// results.json: the RunReport, redacted, with every catalogue requirement's status and a summary.
// Published schema: reporters/schema/results.schema.json (a test validates real and example reports).
import type { RunReport } from '../core/result.ts';
import { checkCounts, redactReport, requirementMatrix, score, verdictCounts, verdictLine, verdictOf, type RenderOptions } from './view.ts';

export const RESULTS_FORMAT = 'fps-conformance/results';

export function render(report: RunReport, options: RenderOptions = {}): string {
  const clean = redactReport(report);
  const matrix = requirementMatrix(clean, options.catalogue);
  const requirements = matrix.map((row) => ({
    id: row.id,
    status: row.status,
    ...(row.reason !== undefined ? { reason: row.reason } : {}),
    checks: row.checks,
    title: row.title,
    area: row.area,
  }));
  const out = {
    format: RESULTS_FORMAT,
    ...clean,
    requirements,
    summary: {
      verdict: verdictOf(clean),
      line: verdictLine({ ...clean, requirements }),
      score: score({ ...clean, requirements }),
      checks: checkCounts(clean),
      requirements: verdictCounts(requirements),
    },
    ...(options.gate ? { gate: options.gate } : {}),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
