// CI gating: --fail-on chooses what fails the run; --baseline lists known failures by check id AND
// requirement id, so one known failure of a check never hides a new failure of the same requirement
// elsewhere. A baseline entry that now passes, or whose check no longer exists, is stale: always
// reported, and failing the gate under --fail-on stale-baseline.
import { readFileSync, writeFileSync } from 'node:fs';
import type { CheckResult, RunReport } from '../core/result.ts';
import { UsageError } from '../core/errors.ts';

/**
 * fail: a failing check the baseline does not excuse (the default). fail-new: the same (kept for old
 * command lines). warn: also warnings. not-tested: also checks or requirements that did not run.
 * unsupported: also checks an SDK cannot express. stale-baseline: also baseline entries that now pass
 * or no longer exist. A new failure always fails the gate, whatever the list says.
 */
export const FAIL_ON = ['fail', 'fail-new', 'warn', 'not-tested', 'unsupported', 'stale-baseline'] as const;
export type FailOn = (typeof FAIL_ON)[number];
export const DEFAULT_FAIL_ON: readonly FailOn[] = ['fail'];

export const BASELINE_KEY = 'fps-conformance-baseline';

/** One known failure: this check breaking this requirement (or, for a check naming none, the check alone). */
export interface BaselineEntry {
  check: string;
  requirement?: string;
}

export interface Baseline {
  [BASELINE_KEY]: 1;
  /**
   * entries by check and requirement; a bare string is the older form (a requirement id, or a check id),
   * which excuses every check failing that requirement
   */
  failures: (BaselineEntry | string)[];
  /** why each is known to fail, by entry key (`<check> <requirement>`, or the bare string) */
  notes?: Record<string, string>;
}

export interface GateOptions {
  baseline?: Baseline;
  failOn?: readonly FailOn[];
}

export interface GateResult {
  exitCode: 0 | 1;
  /** failing `<check> <requirement>` keys the baseline does not excuse: these fail the gate */
  newFailures: string[];
  /** failing keys the baseline excuses */
  knownFailures: string[];
  /** baseline entries whose check ran and now passes: "now passing, remove from baseline" */
  fixed: string[];
  /** fixed entries, and entries whose check (or its requirement) no longer exists in a suite that ran */
  stale: string[];
  /** baseline entries this run did not check (not tested, or their suite did not run) */
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

/** The key of an entry, as the gate lines and notes name it. */
export const entryKey = (e: BaselineEntry | string): string => (typeof e === 'string' ? e : e.requirement ? `${e.check} ${e.requirement}` : e.check);

/** The entries a failing check stands for: one per requirement it names, or its id alone. */
export function entriesOf(check: Pick<CheckResult, 'id' | 'requirements'>): BaselineEntry[] {
  return check.requirements.length ? check.requirements.map((requirement) => ({ check: check.id, requirement })) : [{ check: check.id }];
}

/** True when the baseline excuses this entry: the same check and requirement, or an older bare id naming either. */
function excuses(baseline: Baseline | undefined, e: BaselineEntry): boolean {
  return (baseline?.failures ?? []).some((f) =>
    typeof f === 'string' ? f === e.check || f === e.requirement : f.check === e.check && (f.requirement ?? '') === (e.requirement ?? ''),
  );
}

/** Every entry of a failing check is excused (vitest integration: a known failure is skipped, not failed). */
export function isKnownFailure(baseline: Baseline | undefined, check: Pick<CheckResult, 'id' | 'requirements'>): boolean {
  return entriesOf(check).every((e) => excuses(baseline, e));
}

/** Ids a check stands for in --fail-on warn / not-tested listings: its requirements, or its own id. */
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

/** The failing entries of a run, sorted by key. */
export function failingEntries(report: RunReport): BaselineEntry[] {
  return report.checks
    .filter((c) => c.status === 'fail')
    .flatMap(entriesOf)
    .sort((a, b) => entryKey(a).localeCompare(entryKey(b)));
}

type EntryState = 'failing' | 'fixed' | 'gone' | 'unconfirmed';

/** What became of one baseline entry in this run. */
function stateOf(report: RunReport, f: BaselineEntry | string, failing: readonly BaselineEntry[]): EntryState {
  if (typeof f === 'string') {
    // the older form: a requirement id, or the id of a check naming none
    if (failing.some((e) => e.requirement === f || e.check === f)) return 'failing';
    const req = report.requirements.find((r) => r.id === f);
    const check = report.checks.find((c) => c.id === f);
    if (req?.status === 'pass' || check?.status === 'pass') return 'fixed';
    return 'unconfirmed';
  }
  if (failing.some((e) => e.check === f.check && (e.requirement ?? '') === (f.requirement ?? ''))) return 'failing';
  const check = report.checks.find((c) => c.id === f.check);
  if (!check) return report.suites.includes(f.check.split('/')[0] ?? '') ? 'gone' : 'unconfirmed';
  if (f.requirement !== undefined && !check.requirements.includes(f.requirement)) return 'gone';
  return check.status === 'pass' ? 'fixed' : 'unconfirmed';
}

export function applyGate(report: RunReport, options: GateOptions = {}): GateResult {
  const failOn = new Set(options.failOn?.length ? options.failOn : DEFAULT_FAIL_ON);
  const baseline = options.baseline;
  const failing = failingEntries(report);
  const newFailures = failing.filter((e) => !excuses(baseline, e)).map(entryKey);
  const knownFailures = failing.filter((e) => excuses(baseline, e)).map(entryKey);
  const states = (baseline?.failures ?? []).map((f) => [entryKey(f), stateOf(report, f, failing)] as const);
  const pick = (s: EntryState): string[] => states.filter(([, st]) => st === s).map(([k]) => k).sort();
  const fixed = pick('fixed');
  const gone = pick('gone');
  const stale = [...fixed, ...gone].sort();
  const unconfirmed = pick('unconfirmed');
  const listedIds = new Set((baseline?.failures ?? []).flatMap((f) => (typeof f === 'string' ? [f] : [f.check, f.requirement ?? f.check])));
  const failingIdSet = new Set(failingIds(report));
  const warnings = [...idsWithStatus(report, 'warn')].filter((id) => !listedIds.has(id) && !failingIdSet.has(id)).sort();
  const notTested = [...idsWithStatus(report, 'not-tested')].filter((id) => !listedIds.has(id)).sort();
  const unsupported = [...idsWithStatus(report, 'unsupported')].filter((id) => !listedIds.has(id)).sort();

  const gatedWarnings = failOn.has('warn') ? warnings : [];
  const gatedNotTested = failOn.has('not-tested') ? notTested : [];
  const gatedUnsupported = failOn.has('unsupported') ? unsupported : [];
  const gatedStale = failOn.has('stale-baseline') ? stale : [];
  const failed = newFailures.length > 0 || gatedStale.length > 0 || gatedWarnings.length > 0 || gatedNotTested.length > 0 || gatedUnsupported.length > 0;

  const notes = baseline?.notes ?? {};
  const list = (ids: string[]): string => ids.join(', ');
  const lines: string[] = [];
  if (newFailures.length) lines.push(`${newFailures.length} new failure${newFailures.length > 1 ? 's' : ''}${baseline ? ' (not in the baseline)' : ''}: ${list(newFailures)}`);
  for (const key of knownFailures) {
    const entry = failing.find((e) => entryKey(e) === key)!;
    const note = notes[key] ?? notes[entry.requirement ?? ''] ?? notes[entry.check];
    lines.push(`known failure (baseline): ${key}${note ? ` (${note})` : ''}`);
  }
  const staleNote = failOn.has('stale-baseline') ? ' (fails the gate: --fail-on stale-baseline)' : ' (--fail-on stale-baseline fails the gate on these)';
  if (fixed.length) lines.push(`now passing, remove from baseline: ${list(fixed)}${staleNote}`);
  if (gone.length) lines.push(`baseline entries that no longer exist (check or requirement gone), remove from baseline: ${list(gone)}${staleNote}`);
  if (unconfirmed.length) lines.push(`baseline entries not checked in this run: ${list(unconfirmed)}`);
  if (gatedWarnings.length) lines.push(`warnings (--fail-on warn): ${list(gatedWarnings)}`);
  if (gatedNotTested.length) lines.push(`not tested (--fail-on not-tested): ${list(gatedNotTested)}`);
  if (gatedUnsupported.length) lines.push(`not supported by the SDK (--fail-on unsupported): ${list(gatedUnsupported)}`);
  lines.push(`gate: ${failed ? 'FAIL' : 'pass'} (--fail-on ${[...failOn].join(',')}${baseline ? `, baseline of ${baseline.failures.length}` : ''})`);
  return { exitCode: failed ? 1 : 0, newFailures, knownFailures, fixed, stale, unconfirmed, gatedWarnings, gatedNotTested, lines };
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
  const isEntry = (f: unknown): f is BaselineEntry | string =>
    (typeof f === 'string' && f.length > 0) ||
    (typeof f === 'object' && f !== null && typeof (f as BaselineEntry).check === 'string' && (f as BaselineEntry).check !== '' &&
      ((f as BaselineEntry).requirement === undefined || typeof (f as BaselineEntry).requirement === 'string'));
  if (!Array.isArray(v.failures) || !v.failures.every(isEntry)) {
    throw new UsageError(`baseline "${source}": "failures" must be a list of {"check": "<check id>", "requirement": "<requirement id>"} (or requirement ids)`);
  }
  if (v.notes !== undefined && (typeof v.notes !== 'object' || v.notes === null || Array.isArray(v.notes) || !Object.values(v.notes).every((n) => typeof n === 'string'))) {
    throw new UsageError(`baseline "${source}": "notes" must map ids to strings`);
  }
  const unique = new Map(v.failures.map((f) => [entryKey(f), typeof f === 'string' ? f : { check: f.check, ...(f.requirement ? { requirement: f.requirement } : {}) }]));
  return { [BASELINE_KEY]: 1, failures: [...unique.values()], ...(v.notes ? { notes: v.notes } : {}) };
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
  const failures = failingEntries(report);
  const keys = new Set(failures.flatMap((e) => [entryKey(e), e.check, e.requirement ?? e.check]));
  const notes = Object.fromEntries(Object.entries(previous?.notes ?? {}).filter(([id]) => keys.has(id)));
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
