// Runs one check under the run's rules: prerequisites (`needs`) missing → not-tested with the reason
// (never pass), the time limit → not-tested "time limit", an exception → not-tested with what went
// wrong (a check asserts through its result, never by throwing). Failures get a transcript and a
// replay command.
import { toCurl } from '../core/curl.ts';
import { UsageError } from '../core/errors.ts';
import type { CheckResult } from '../core/result.ts';
import { timeLimited, type InternalError } from '../core/outcome.ts';
import { SandboxError } from '../clients/sandbox-client.ts';
import type { Check, SuiteContext } from '../core/suite.ts';
import { TransportError } from '../core/target.ts';

type Need = NonNullable<Check['needs']>[number];

/** Why a prerequisite is missing, or undefined when it is there. */
export function missingNeed(need: Need, ctx: SuiteContext): { status: 'not-tested' | 'not-applicable'; reason: string } | undefined {
  switch (need) {
    case 'sandbox':
      return ctx.sandbox ? undefined : { status: 'not-tested', reason: 'needs the /_sandbox test hooks (shared/sandbox-protocol.md), which the target does not offer' };
    case 'clock':
      return ctx.sandbox && ctx.discovery?.clock ? undefined : { status: 'not-tested', reason: 'needs the sandbox clock hook (/_sandbox/clock)' };
    case 'ipn':
      return ctx.discovery?.ipn && ctx.ipnReceiver ? undefined : { status: 'not-tested', reason: 'needs IPN delivery (the target does not declare "ipn": true in /_sandbox)' };
    case 'sandbox-simulation':
      return ctx.profile === 'sandbox-simulation' ? undefined : { status: 'not-applicable', reason: 'the target does not use the sandbox-simulation profile (R-SBX rules)' };
    case 'credentials':
      return ctx.credentials
        ? undefined
        : { status: 'not-tested', reason: 'needs API credentials: pass --access-key-id/--secret-access-key (or FPS_ACCESS_KEY_ID/FPS_SECRET_ACCESS_KEY), or use a target with /_sandbox' };
  }
}

export interface ExecuteOptions {
  suite: string;
  /** reason a selected check is not run (e.g. not selected by --grep) */
  skipReason?: string;
  replayCommand(spec: { checkId: string; seed: number; path?: string }): string;
  /** kit errors (not the target's fault) are collected here */
  internalErrors: InternalError[];
}

export async function executeCheck(check: Check, ctx: SuiteContext, o: ExecuteOptions): Promise<CheckResult> {
  const base = { id: check.id, suite: o.suite, title: check.title, requirements: [...check.requirements] };
  const t0 = performance.now();
  const done = (r: Omit<CheckResult, 'id' | 'suite' | 'title' | 'requirements' | 'durationMs'> & Partial<Pick<CheckResult, 'requirements'>>): CheckResult => ({
    ...base,
    ...r,
    durationMs: Math.round(performance.now() - t0),
  });
  if (o.skipReason) return done({ status: 'not-tested', message: o.skipReason });
  if (Date.now() >= ctx.deadline) return timeLimited(done({ status: 'not-tested', message: 'time limit: the run reached --time-limit before this check started' }));
  for (const need of check.needs ?? []) {
    const missing = missingNeed(need, ctx);
    if (missing) return done({ status: missing.status, message: missing.reason });
  }
  ctx.markTranscript();
  const exercised = new Set<string>();
  ctx.exercised = (ids) => ids.forEach((id) => exercised.add(id));
  let result: CheckResult;
  try {
    result = done(await check.run(ctx));
  } catch (err) {
    const transcript = ctx.transcript();
    const why = describeThrow(err);
    if (why.internal) o.internalErrors.push({ checkId: check.id, text: why.text });
    return done({ status: 'not-tested', message: why.text, ...(transcript.length ? { transcript } : {}) });
  }
  if (result.status === 'not-tested' && !result.message) result.message = 'the check did not say why it did not run';
  // catalogue ids the check exercised count only when it held (a failure names the rules it broke)
  if (result.status === 'pass' && exercised.size) result.requirements = [...new Set([...result.requirements, ...exercised])];
  if (result.status === 'fail') {
    if (!result.transcript) result.transcript = ctx.transcript();
    result.transcript = result.transcript.map((e) => (e.curl ? e : { ...e, curl: toCurl(e.request) }));
    const seed = result.replay?.seed ?? ctx.seed;
    const path = result.replay?.path;
    result.replay = { seed, ...(path ? { path } : {}), command: o.replayCommand({ checkId: check.id, seed, ...(path ? { path } : {}) }) };
  }
  return result;
}

function describeThrow(err: unknown): { text: string; internal: boolean } {
  const msg = (err as Error)?.message ?? String(err);
  if (err instanceof TransportError) return { text: `not testable: a request got no answer (${err.kind}: ${msg})`, internal: false };
  if (err instanceof SandboxError) return { text: `not testable: a sandbox hook failed: ${msg}`, internal: false };
  if (err instanceof UsageError) return { text: `not testable: ${msg}`, internal: false };
  return { text: `internal error in the kit: ${msg.split('\n')[0]}`, internal: true };
}
