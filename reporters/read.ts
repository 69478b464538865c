// Reads a results.json back (baseline --from, CI tooling): a file or a report directory, checked against
// the published schema; a bad file is one clear UsageError line, never a stack trace.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule, { type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { RunReport } from '../core/result.ts';
import { UsageError } from '../core/errors.ts';
import { RESULTS_FORMAT } from './json.ts';

export const RESULTS_SCHEMA: object = JSON.parse(readFileSync(new URL('./schema/results.schema.json', import.meta.url), 'utf8'));

let validate: ValidateFunction | undefined;
/** Compiled on first use (100-200 ms): commands that never read a results.json do not pay for it. */
function resultsValidator(): ValidateFunction {
  if (!validate) {
    // strict: the published schema must compile for consumers who run ajv in strict mode
    const ajv = new AjvModule.default({ allErrors: true, strict: true });
    ajvFormats.default(ajv);
    validate = ajv.compile(RESULTS_SCHEMA);
  }
  return validate;
}

/** Schema problems of a parsed results.json, as "path: message" lines; [] when it conforms. */
export function validateResults(value: unknown): string[] {
  const v = resultsValidator();
  if (v(value)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

/** The RunReport inside a results.json file, or inside `<dir>/results.json`. */
export function readReport(path: string): RunReport {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, 'results.json');
  } catch {
    throw new UsageError(`cannot read report "${path}": no such file or directory`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read report "${file}": ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`"${file}" is not JSON (expected an fps-conformance results.json)`);
  }
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== RESULTS_FORMAT) {
    throw new UsageError(`"${file}" is not an fps-conformance results.json (no "format": "${RESULTS_FORMAT}")`);
  }
  const problems = validateResults(value);
  if (problems.length > 0) {
    throw new UsageError(`"${file}" does not match results.schema.json: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ''}`);
  }
  const { format: _format, summary: _summary, gate: _gate, ...report } = value as RunReport & { format: string; summary: unknown; gate?: unknown };
  return report;
}
