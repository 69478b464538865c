// What a standalone repro script needs to replay one failing check against a target: its exchanges as
// steps, each with how it was signed in the failing run (judged here, while the run still knows the
// keys), the clock it was sent at, what the target answered, and the accounts the steps refer to that
// were made before the failing case began. No secret goes in: the script makes its own accounts and
// re-signs (reporters/repro-script.ts renders it).
import { verify, verifyCbuiUrl } from '../spec/sigv2/index.ts';
import { parseForm } from '../spec/wire/form.ts';
import type { MadeAccount } from '../clients/account-tap.ts';
import type { CheckResult } from '../core/result.ts';
import type { Exchange } from '../core/wire.ts';

export type StepSignature = 'valid' | 'valid-without-port' | 'invalid' | 'unknown-key' | 'unsigned';

export interface ReproStep {
  label?: string;
  /** sandbox: a /_sandbox hook; api: an FPS action; cbui: a Co-Branded UI request; other: sent as recorded */
  kind: 'sandbox' | 'api' | 'cbui' | 'other';
  method: string;
  /** the URL relative to the target's base URL (absolute when it was elsewhere) */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** the body is raw bytes, one per character */
  latin1?: boolean;
  /** api: where the parameters went */
  paramsIn?: 'query' | 'body';
  signature?: StepSignature;
  /** the Timestamp sent minus the clock at sending, in ms (a deliberate skew is kept when re-signing) */
  timestampSkewMs?: number;
  /** the target's sandbox clock when the step was sent (ISO), else the wall clock */
  clock: string;
  /** what the target answered in the failing run */
  was: { status?: number; error?: string; body?: string; location?: string };
  /** the step broke a rule: what the model allowed instead */
  expected?: string;
  rules?: string[];
}

export interface ReproData {
  check: string;
  title: string;
  requirements: string[];
  message: string;
  /** the target's base URL in the failing run (the script takes another as its first argument) */
  target: string;
  replayCommand?: string;
  /** the run's own key when it was given (flags or environment), not made: the script reads FPS_ACCESS_KEY_ID/FPS_SECRET_ACCESS_KEY for it */
  givenKeyId?: string;
  /** accounts the steps refer to, made before the failing case began (remade first, with fresh keys) */
  accounts: MadeAccount[];
  steps: ReproStep[];
  /** indexes of the steps that broke a rule (the last step when none is marked) */
  failing: number[];
}

export interface ReproContext {
  baseUrl: string;
  accounts: readonly MadeAccount[];
  secretOf(accessKeyId: string): string | undefined;
  givenKeyId?: string;
}

const find = (pairs: readonly [string, string][], name: string, anyCase = false): string | undefined =>
  pairs.find(([n]) => (anyCase ? n.toLowerCase() === name.toLowerCase() : n === name))?.[1];

function formPairs(text: string): [string, string][] {
  const f = parseForm(text);
  return f.ok ? f.pairs : [];
}

/** A step for one exchange; undefined when nothing was sent over HTTP (no request URL). */
export function reproStep(ex: Exchange, ctx: ReproContext): ReproStep | undefined {
  let url: URL;
  try {
    url = new URL(ex.request.url);
  } catch {
    return undefined;
  }
  const base = new URL(ctx.baseUrl);
  const under = url.origin === base.origin && url.pathname.startsWith(base.pathname);
  const path = under ? `${url.pathname.slice(base.pathname.length)}${url.search}` : url.href;
  const query = formPairs(url.search.slice(1));
  const isForm = ex.request.body !== undefined && ex.request.body !== '' && ex.request.bodyEncoding !== 'latin1';
  const bodyPairs = isForm ? formPairs(ex.request.body!) : [];
  const step: ReproStep = {
    ...(ex.label !== undefined ? { label: ex.label } : {}),
    kind: 'other',
    method: ex.request.method,
    path,
    headers: { ...ex.request.headers },
    ...(ex.request.body !== undefined ? { body: ex.request.body } : {}),
    ...(ex.request.bodyEncoding === 'latin1' ? { latin1: true } : {}),
    clock: ex.sandboxNow ?? ex.sentAt,
    was: {
      ...(ex.response ? { status: ex.response.status, body: ex.response.body } : {}),
      ...(ex.response?.headers.location !== undefined ? { location: ex.response.headers.location } : {}),
      ...(ex.error !== undefined ? { error: ex.error } : {}),
    },
    ...(ex.expected !== undefined ? { expected: ex.expected } : {}),
    ...(ex.rules?.length ? { rules: [...ex.rules] } : {}),
  };
  if (under && /^_sandbox(\/|$)/.test(path)) return { ...step, kind: 'sandbox' };
  const pairs = find(query, 'Action') !== undefined ? query : find(bodyPairs, 'Action') !== undefined ? bodyPairs : undefined;
  if (pairs !== undefined) {
    const keyId = find(pairs, 'AWSAccessKeyId');
    const secret = keyId !== undefined ? ctx.secretOf(keyId) : undefined;
    let signature: StepSignature = 'unsigned';
    if (find(pairs, 'Signature') !== undefined) {
      if (secret === undefined) signature = 'unknown-key';
      else {
        // SigV2 over the request as sent (R-AUTH-1, R-AUTH-1b): judged now, while the run knows the key
        const v = verify({ method: ex.request.method, host: url.host, path: url.pathname, params: Object.fromEntries(pairs), secret });
        signature = !v.valid ? 'invalid' : v.hostForm === 'without-port' ? 'valid-without-port' : 'valid';
      }
    }
    const sent = Date.parse(find(pairs, 'Timestamp') ?? '');
    const skew = Number.isFinite(sent) ? sent - Date.parse(step.clock) : undefined;
    return { ...step, kind: 'api', paramsIn: pairs === query ? 'query' : 'body', signature, ...(skew !== undefined && Number.isFinite(skew) ? { timestampSkewMs: skew } : {}) };
  }
  const callerKey = find(query, 'callerKey', true);
  if (callerKey !== undefined) {
    const secret = ctx.secretOf(callerKey);
    const v = secret !== undefined ? verifyCbuiUrl(url.href, secret) : undefined;
    const signature: StepSignature = v === undefined ? 'unknown-key' : !v.signed ? 'unsigned' : v.valid ? 'valid' : 'invalid';
    return { ...step, kind: 'cbui', signature };
  }
  return step;
}

/** The repro of a failing check, or undefined when it has no HTTP exchange to replay. */
export function buildRepro(check: CheckResult, ctx: ReproContext): ReproData | undefined {
  const steps = (check.transcript ?? []).map((ex) => reproStep(ex, ctx)).filter((s): s is ReproStep => s !== undefined);
  if (steps.length === 0) return undefined;
  const text = steps.map((s) => `${s.path}\n${JSON.stringify(s.headers)}\n${s.body ?? ''}`).join('\n');
  const madeHere = new Set(steps.filter((s) => s.kind === 'sandbox' && s.path.startsWith('_sandbox/accounts')).map((s) => s.was.body ?? ''));
  const before = ctx.accounts.filter((a) => ![...madeHere].some((b) => b.includes(a.accessKeyId)) && [a.accessKeyId, a.email, a.accountId].some((v) => v.length >= 6 && text.includes(v)));
  const failing = steps.flatMap((s, i) => (s.expected !== undefined || s.rules?.length ? [i] : []));
  return {
    check: check.id,
    title: check.title,
    requirements: [...check.requirements],
    message: check.message ?? '',
    target: ctx.baseUrl,
    ...(check.replay?.command ? { replayCommand: check.replay.command } : {}),
    ...(ctx.givenKeyId !== undefined && text.includes(ctx.givenKeyId) ? { givenKeyId: ctx.givenKeyId } : {}),
    accounts: before.map((a) => ({ request: a.request, accountId: a.accountId, email: a.email, accessKeyId: a.accessKeyId })),
    steps,
    failing: failing.length > 0 ? failing : [steps.length - 1],
  };
}
