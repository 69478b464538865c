// The summary leads with root causes: a failed request check (what the SDK sent) stands on its own;
// a check blocked by it is listed under it, not as a failure of its own; the other failures (what
// the SDK made of what it was served) follow. Each line ends with the command that replays it.
import type { CheckResult, RunReport } from '../core/result.ts';

export interface RootCause {
  check: CheckResult;
  /** checks that could not be judged because of this one */
  blocked: CheckResult[];
}

/** Request checks first (they are what every later exchange rests on), then answers, faults and the rest. */
const ORDER = [/^request\//, /^cbui\//, /^answer\//, /^verify\//, /^faults\//, /^sequences\//, /^sdk\//, /^driver\//];
const rank = (id: string): number => {
  const i = ORDER.findIndex((r) => r.test(id));
  return i < 0 ? ORDER.length : i;
};

export function rootCauses(checks: readonly CheckResult[]): RootCause[] {
  const failed = checks.filter((c) => c.status === 'fail').sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  return failed.map((check) => ({ check, blocked: checks.filter((c) => c.status === 'blocked' && (c.blockedBy ?? []).includes(check.id)) }));
}

/** Lines for the console summary (printed before the deviations). */
export function renderRootCauses(report: RunReport): string {
  const causes = rootCauses(report.checks);
  const unsupported = report.checks.filter((c) => c.status === 'unsupported');
  if (causes.length === 0 && unsupported.length === 0) return '';
  const lines: string[] = [];
  if (causes.length > 0) {
    lines.push('', `Root causes (${causes.length}), what the SDK sends first:`);
    for (const { check, blocked } of causes) {
      lines.push(`- ${check.id} [${check.requirements.join(', ')}]: ${(check.message ?? '').split('\n')[0]}`);
      if (blocked.length > 0) lines.push(`    blocked by it: ${blocked.map((b) => b.id).join(', ')}`);
      if (check.replay !== undefined) lines.push(`    replay: ${check.replay.command}`);
    }
  }
  const orphans = report.checks.filter((c) => c.status === 'blocked' && !(c.blockedBy ?? []).some((id) => causes.some((r) => r.check.id === id)));
  for (const b of orphans) lines.push(`- ${b.id}: blocked by ${(b.blockedBy ?? []).join(', ') || 'a check that did not run'}`);
  if (unsupported.length > 0) {
    lines.push('', `Not supported by the SDK (${unsupported.length}; --fail-on unsupported gates on these):`);
    for (const c of unsupported) lines.push(`- ${c.id}: ${(c.message ?? '').split('\n')[0]}`);
  }
  return `${lines.join('\n')}\n`;
}
