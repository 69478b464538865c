// CI gating: --fail-on chooses what fails the run; --baseline lists known failures by requirement id,
// so a run fails only on new ones. A baseline entry that now passes fails the gate too (as the MCP
// conformance kit does), so a baseline never hides a fix; `--fail-on fail-new` relaxes that.
import { readFileSync, writeFileSync } from 'node:fs';
import type { RunReport } from './result.ts';
import { UsageError } from './errors.ts';

/**
 * fail: a failing check not in the baseline, or a baseline entry that now passes.
 * fail-new: only a failing check not in the baseline (stale entries are reported, not failed).
 * warn: also warnings. not-tested: also checks or requirements that did not run.
 * A new failure always fails the gate, whatever the list says: a gate that ignores a broken rule hides a defect.
 */
export const FAIL_ON = ['fail', 'fail-new', 'warn', 'not-tested', 'unsupported'] as const;
export type FailOn = (typeof FAIL_ON)[number];
export const DEFAULT_FAIL_ON: readonly FailOn[] = ['fail'];

export const BASELINE_KEY = 'fps-conformance-baseline';

export interface Baseline {
  [BASELINE_KEY]: 1;
  /** requirement ids (R-TOK-7, ACTION-Pay, ...) or, for a check that names no requirement, its check id */
  failures: string[];
  /** why each is known to fail, by id */
  notes?: Record<string, string>;
}

export interface GateOptions {
  baseline?: Baseline;
  failOn?: readonly FailOn[];
}

export interface GateResult {
  exitCode: 0 | 1;
  /** failing ids the baseline does not list: these fail the gate */
  newFailures: string[];
  /** failing ids the baseline lists */
  knownFailures: string[];
  /** baseline ids that now pass: "now passing, remove from baseline" */
  fixed: string[];
  /** baseline ids this run did not check (not tested, or not in the run): neither fixed nor failing */
  unconfirmed: string[];
  /** ids with warnings / not tested, not excused by the baseline, that fail the gate under --fail-on */
  gatedWarnings: string[];
  gatedNotTested: string[];
  lines: string[];
}

/** "fail,warn" → ['fail', 'warn']; unknown values are a UsageError naming the allowed ones. */
export function parseFailOn(value: string | readonly string[]): FailOn[] {
  const parts = (typeof value === 'string' ? value.split(',') : value.flatMap((v) => v.split(','))).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new UsageError(`--fail-on needs one or more of: ${FAIL_ON.join(', ')}`);
  for (const p of parts) {
    if (!(FAIL_ON as readonly string[]).includes(p)) throw new UsageError(`--fail-on: unknown value "${p}" (allowed: ${FAIL_ON.join(', ')})`);
  }
  return [...new Set(parts as FailOn[])];
}

/** Ids a check stands for in a baseline: its requirements, or its own id when it names none. */
const idsOf = (check: { id: string; requirements: string[] }): string[] => (check.requirements.length ? check.requirements : [check.id]);

function idsWithStatus(report: RunReport, status: 'fail' | 'warn' | 'not-tested' | 'unsupported'): Set<string> {
  const ids = new Set<string>();
  for (const r of report.requirements) if (r.status === status) ids.add(r.id);
  for (const c of report.checks) if (c.status === status) for (const id of idsOf(c)) ids.add(id);
  return ids;
}

/** Requirement and check ids that failed in this run, sorted. */
export function failingIds(report: RunReport): string[] {
  return [...idsWithStatus(report, 'fail')].sort();
}

/** An id counts as passing only when the run checked it and nothing about it failed. */
function passingIds(report: RunReport): Set<string> {
  const failing = idsWithStatus(report, 'fail');
  const ids = new Set<string>();
  for (const r of report.requirements) if (r.status === 'pass') ids.add(r.id);
  for (const c of report.checks) if (c.status === 'pass' && c.requirements.length === 0) ids.add(c.id);
  for (const id of failing) ids.delete(id);
  return ids;
}

export function applyGate(report: RunReport, options: GateOptions = {}): GateResult {
  const failOn = new Set(options.failOn?.length ? options.failOn : DEFAULT_FAIL_ON);
  const listed = new Set(options.baseline?.failures ?? []);
  const failing = failingIds(report);
  const newFailures = failing.filter((id) => !listed.has(id));
  const knownFailures = failing.filter((id) => listed.has(id));
  const passing = passingIds(report);
  const fixed = [...listed].filter((id) => passing.has(id)).sort();
  const unconfirmed = [...listed].filter((id) => !passing.has(id) && !failing.includes(id)).sort();
  const warnings = [...idsWithStatus(report, 'warn')].filter((id) => !listed.has(id) && !failing.includes(id)).sort();
  const notTested = [...idsWithStatus(report, 'not-tested')].filter((id) => !listed.has(id)).sort();
  const unsupported = [...idsWithStatus(report, 'unsupported')].filter((id) => !listed.has(id)).sort();

  const staleFails = !failOn.has('fail-new');
  const gatedWarnings = failOn.has('warn') ? warnings : [];
  const gatedNotTested = failOn.has('not-tested') ? notTested : [];
  const gatedUnsupported = failOn.has('unsupported') ? unsupported : [];
  const failed = newFailures.length > 0 || (staleFails && fixed.length > 0) || gatedWarnings.length > 0 || gatedNotTested.length > 0 || gatedUnsupported.length > 0;

  const notes = options.baseline?.notes ?? {};
  const list = (ids: string[]): string => ids.join(', ');
  const lines: string[] = [];
  if (newFailures.length) lines.push(`${newFailures.length} new failure${newFailures.length > 1 ? 's' : ''}${options.baseline ? ' (not in the baseline)' : ''}: ${list(newFailures)}`);
  for (const id of knownFailures) lines.push(`known failure (baseline): ${id}${notes[id] ? ` (${notes[id]})` : ''}`);
  if (fixed.length) lines.push(`now passing, remove from baseline: ${list(fixed)}${staleFails ? ' (fails the gate until removed; --fail-on fail-new only reports it)' : ''}`);
  if (unconfirmed.length) lines.push(`baseline entries not checked in this run: ${list(unconfirmed)}`);
  if (gatedWarnings.length) lines.push(`warnings (--fail-on warn): ${list(gatedWarnings)}`);
  if (gatedNotTested.length) lines.push(`not tested (--fail-on not-tested): ${list(gatedNotTested)}`);
  if (gatedUnsupported.length) lines.push(`not supported by the SDK (--fail-on unsupported): ${list(gatedUnsupported)}`);
  lines.push(`gate: ${failed ? 'FAIL' : 'pass'} (--fail-on ${[...failOn].join(',')}${options.baseline ? `, baseline of ${listed.size}` : ''})`);
  return { exitCode: failed ? 1 : 0, newFailures, knownFailures, fixed, unconfirmed, gatedWarnings, gatedNotTested, lines };
}

/**
 * `--baseline <file>` and `--fail-on <list>` as given on the command line → GateOptions. Call it before
 * the run, so a bad flag or an unreadable baseline is exit 2 before any request is sent.
 */
export function resolveGateOptions(flags: { baseline?: string; failOn?: string }): GateOptions {
  return {
    ...(flags.baseline !== undefined ? { baseline: readBaseline(flags.baseline) } : {}),
    ...(flags.failOn !== undefined ? { failOn: parseFailOn(flags.failOn) } : {}),
  };
}

/** The run's exit code under the gate: 2 (the kit itself failed) stays 2; otherwise the gate decides. */
export function gatedExitCode(runExitCode: 0 | 1 | 2, gate: GateResult): 0 | 1 | 2 {
  return runExitCode === 2 ? 2 : gate.exitCode;
}

/** Checks a parsed baseline file; `source` names it in the error. */
export function parseBaseline(text: string, source: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`baseline "${source}" is not JSON`);
  }
  const v = value as Partial<Baseline> | null;
  if (typeof v !== 'object' || v === null || v[BASELINE_KEY] !== 1) {
    throw new UsageError(`baseline "${source}" must be {"${BASELINE_KEY}": 1, "failures": [...]}`);
  }
  if (!Array.isArray(v.failures) || !v.failures.every((f) => typeof f === 'string' && f.length > 0)) {
    throw new UsageError(`baseline "${source}": "failures" must be a list of requirement ids`);
  }
  if (v.notes !== undefined && (typeof v.notes !== 'object' || v.notes === null || Array.isArray(v.notes) || !Object.values(v.notes).every((n) => typeof n === 'string'))) {
    throw new UsageError(`baseline "${source}": "notes" must map ids to strings`);
  }
  return { [BASELINE_KEY]: 1, failures: [...new Set(v.failures)], ...(v.notes ? { notes: v.notes } : {}) };
}

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read baseline "${file}": ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  return parseBaseline(text, file);
}

/** The current failures as a baseline; notes kept from `previous` for ids still failing. */
export function baselineFromReport(report: RunReport, previous?: Baseline): Baseline {
  const failures = failingIds(report);
  const notes = Object.fromEntries(Object.entries(previous?.notes ?? {}).filter(([id]) => failures.includes(id)));
  return { [BASELINE_KEY]: 1, failures, ...(Object.keys(notes).length ? { notes } : {}) };
}

export function formatBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

export function writeBaseline(file: string, baseline: Baseline): void {
  try {
    writeFileSync(file, formatBaseline(baseline));
  } catch (err) {
    throw new UsageError(`cannot write baseline "${file}": ${(err as NodeJS.ErrnoException).code ?? 'unwritable'}`);
  }
}
