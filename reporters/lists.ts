// The two lists every report carries besides the checks: open points the kit does not judge (where
// the contract leaves the outcome open, spec/catalogue/open-points.ts) and rule clauses the kit
// cannot check, with the reason. Rendered when present; absent or empty lists render nothing.
import type { CheckResult, RunReport } from '../core/result.ts';

export type OpenPointRow = NonNullable<RunReport['openPoints']>[number];
export type UncheckedClause = NonNullable<RunReport['uncheckedClauses']>[number];

export const TREATMENT_TEXT: Record<OpenPointRow['treatment'], string> = {
  'accept-set': 'the kit accepts each allowed outcome',
  'not-generated': 'the kit never sends this case',
  'not-judged': 'the kit asserts nothing about the answer',
};

export function openPointText(p: OpenPointRow): string {
  const accepted = p.treatment === 'accept-set' && p.accepted?.length ? `: ${p.accepted.join(' | ')}` : '';
  return `${p.id} (${p.rules.join(', ') || 'no ruling'}): ${p.title}; ${TREATMENT_TEXT[p.treatment]}${accepted}`;
}

export function uncheckedText(u: UncheckedClause): string {
  return `${u.rule} "${u.clause}": ${u.reason}`;
}

/** Checks that are not a verdict on the target: what an SDK cannot express, and what another failure blocked. */
export function notRunByStatus(report: RunReport): { unsupported: CheckResult[]; blocked: CheckResult[] } {
  return { unsupported: report.checks.filter((c) => c.status === 'unsupported'), blocked: report.checks.filter((c) => c.status === 'blocked') };
}

/** The console's summary lines for these lists (the files carry every entry). */
export function extraLists(report: RunReport): string[] {
  const out: string[] = [];
  const { unsupported, blocked } = notRunByStatus(report);
  for (const c of unsupported) out.push(`UNSUPPORTED ${c.id}: not supported by the SDK${c.message ? ` (${c.message.split('\n')[0]})` : ''}`);
  for (const c of blocked) out.push(`BLOCKED ${c.id}: blocked by ${(c.blockedBy ?? []).join(', ') || 'another check'}`);
  const open = report.openPoints ?? [];
  if (open.length) out.push(`open points the kit does not judge: ${open.length} (${open.map((p) => p.id).slice(0, 6).join(', ')}${open.length > 6 ? ', …' : ''}; listed in report.html and summary.md)`);
  const unchecked = report.uncheckedClauses ?? [];
  if (unchecked.length) out.push(`rule clauses the kit cannot check: ${unchecked.length} (with reasons in report.html and summary.md)`);
  if (out.length) out.push('');
  return out;
}
