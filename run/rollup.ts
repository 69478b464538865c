// The requirement roll-up: every requirement of the catalogue gets a status from the checks that
// cite it. fail if any failed; pass only when every covering check ran and passed; not-applicable
// when the profile or the target kind excludes it; otherwise not-tested, with the reason.
import type { Requirement } from '../spec/types.ts';
import type { CheckResult, RequirementStatus } from '../core/result.ts';

export interface RollupContext {
  profile: 'core' | 'sandbox-simulation';
  /** an emulator run judges service requirements; an SDK run judges client ones */
  kind: 'emulator' | 'sdk';
  /** requirement ids that only the sandbox-simulation profile holds (R-SBX-*) */
  profileOnly: ReadonlySet<string>;
}

export function rollUp(catalogue: readonly Requirement[], checks: readonly CheckResult[], ctx: RollupContext): RequirementStatus[] {
  const covering = new Map<string, CheckResult[]>();
  for (const c of checks) for (const id of c.requirements) covering.set(id, [...(covering.get(id) ?? []), c]);
  const ids = [...new Set([...catalogue.map((r) => r.id), ...covering.keys()])];
  const byId = new Map(catalogue.map((r) => [r.id, r]));
  return ids.map((id) => statusOf(id, byId.get(id), covering.get(id) ?? [], ctx));
}

function statusOf(id: string, req: Requirement | undefined, checks: readonly CheckResult[], ctx: RollupContext): RequirementStatus {
  const ids = checks.map((c) => c.id);
  const out = (status: RequirementStatus['status'], reason?: string): RequirementStatus => ({ id, status, ...(reason ? { reason } : {}), checks: ids });
  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.length) return out('fail');
  if (ctx.profile === 'core' && ctx.profileOnly.has(id)) return out('not-applicable', 'the sandbox-simulation profile is not in use (R-SBX rules apply only when a target declares it)');
  const wrongSide = ctx.kind === 'emulator' ? 'client' : 'service';
  if (req?.appliesTo === wrongSide) return out('not-applicable', `applies to ${wrongSide === 'client' ? 'SDKs (clients)' : 'services'} only`);
  if (checks.length === 0) return out('not-tested', 'no check in this run covers it');
  const ran = checks.filter((c) => c.status === 'pass');
  const notApplicable = checks.filter((c) => c.status === 'not-applicable');
  if (ran.length === checks.length) return out('pass');
  if (notApplicable.length === checks.length) return out('not-applicable', notApplicable[0]?.message ?? 'the target declares it does not do this');
  const open = checks.filter((c) => c.status !== 'pass' && c.status !== 'not-applicable' && c.status !== 'info');
  if (open.length === 0 && ran.length > 0) return out('pass');
  const first = open[0]!;
  const verb: Partial<Record<CheckResult['status'], string>> = {
    warn: 'warned',
    unsupported: 'is not supported by the SDK',
    blocked: `is blocked by ${(first.blockedBy ?? []).join(', ') || 'another check'}`,
  };
  const why = `${first.id} ${verb[first.status] ?? 'did not run'}${first.message ? `: ${first.message.split('\n')[0]}` : ''}`;
  return out('not-tested', open.length > 1 ? `${why} (and ${open.length - 1} more check${open.length > 2 ? 's' : ''})` : why);
}

/** Sandbox-simulation rules (R-SBX-*): not-applicable under the core profile. */
const PROFILE_ONLY = /^R-SBX-/;

/** The roll-up of one run's checks over the whole catalogue (what a RunReport's `requirements` holds). */
export function rollUpRun(catalogue: readonly Requirement[], checks: readonly CheckResult[], profile: RollupContext['profile'], kind: RollupContext['kind']): RequirementStatus[] {
  const profileOnly = new Set([...catalogue.map((r) => r.id), ...checks.flatMap((c) => c.requirements)].filter((id) => PROFILE_ONLY.test(id)));
  return rollUp(catalogue, checks, { profile, kind, profileOnly });
}
