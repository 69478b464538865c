// The fps-sandbox/1 test hooks (shared/sandbox-protocol.md): discovery, accounts, clock, process,
// reset. JSON in and out; errors are 4xx {"error": "..."}. Every state change goes through the
// model (kinds account, clock, process) inside the queue.
import type { Instrument, Role } from '../spec/model/api.ts';
import { VERSIONS } from '../spec/types.ts';
import { isoSeconds, parseIsoUtc } from './clock.ts';
import { baseFor, type EmulatorContext } from './context.ts';
import { json, jsonError, readJsonObject } from './http.ts';
import { freshKinds, materialize } from './materialize.ts';
import { afterStep, ctxMaterialize, resetState } from './steps.ts';

export const SANDBOX_PROTOCOL = 'fps-sandbox/1';
const ROLES: readonly Role[] = ['caller', 'sender', 'recipient'];
const INSTRUMENTS: readonly Instrument[] = ['CC', 'ACH', 'ABT'];

type Route = (ctx: EmulatorContext, request: Request) => Promise<Response>;

const routes: Readonly<Record<string, Partial<Record<'GET' | 'POST', Route>>>> = {
  '/_sandbox': { GET: discovery },
  '/_sandbox/accounts': { POST: createAccount },
  '/_sandbox/clock': { GET: getClock, POST: setClock },
  '/_sandbox/process': { POST: processPending },
  '/_sandbox/reset': { POST: reset },
  '/_sandbox/certificate': { GET: certificate },
};

export function isSandboxPath(path: string): boolean {
  return path === '/_sandbox' || path.startsWith('/_sandbox/');
}

export async function handleSandbox(ctx: EmulatorContext, request: Request, path: string): Promise<Response> {
  const byMethod = routes[path.replace(/\/+$/, '') || '/'];
  if (byMethod === undefined) return jsonError(404, `no sandbox hook at ${path}; see GET /_sandbox`);
  const route = byMethod[request.method as 'GET' | 'POST'];
  // every method gets a JSON answer ("errors are 4xx with {"error": "..."}"), with what is allowed
  if (route === undefined) return json(405, { error: `${request.method} is not allowed on ${path}; use ${Object.keys(byMethod).join(' or ')}` }, { allow: Object.keys(byMethod).join(', ') });
  return route(ctx, request);
}

async function discovery(ctx: EmulatorContext, request: Request): Promise<Response> {
  const base = baseFor(ctx, request);
  return json(200, {
    protocol: SANDBOX_PROTOCOL,
    versions: [...VERSIONS],
    cbui: `${base}cobranded-ui/actions/start`,
    profiles: ctx.profile === 'sandbox-simulation' ? ['core', 'sandbox-simulation'] : ['core'],
    clock: true,
    ipn: true,
  });
}

async function createAccount(ctx: EmulatorContext, request: Request): Promise<Response> {
  const body = await readJsonObject(request);
  if (!body.ok) return jsonError(body.status, body.problem);
  const { role, instruments, email } = body.value;
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) return jsonError(400, `role must be one of ${ROLES.join(', ')}`);
  const list = instruments === undefined ? [...INSTRUMENTS] : instruments;
  if (!Array.isArray(list) || !list.every((i) => typeof i === 'string' && INSTRUMENTS.includes(i as Instrument))) {
    return jsonError(400, `instruments must be an array of ${INSTRUMENTS.join(', ')}`);
  }
  if (email !== undefined && (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 128)) {
    return jsonError(400, 'email must be an email address');
  }
  const unique = [...new Set(list as Instrument[])];
  return ctx.queue.run(() => {
    const at = ctx.state.now;
    const outcome = ctx.model.stepConcrete(ctx.state, { kind: 'account', at, role: role as Role, instruments: unique, ...(email !== undefined ? { email } : {}) }, ctx.choose);
    if (outcome.answer.kind !== 'account') {
      if (outcome.answer.kind === 'error') return jsonError(400, `account not created: ${outcome.answer.code}`);
      throw new Error(`model answered ${outcome.answer.kind} to an account request`);
    }
    const bound: Record<string, string> = {};
    const fields = materialize(outcome.answer.fields, ctxMaterialize(ctx, ''), bound);
    const kinds = freshKinds(outcome.answer.fields);
    const pick = (name: string, kind: Parameters<typeof kinds.get>[0]): string | undefined => fields[name] ?? (kinds.has(kind) ? fields[kinds.get(kind)!] : undefined);
    const account = {
      accountId: pick('accountId', 'AccountId'),
      email: pick('email', 'Email') ?? email,
      accessKeyId: pick('accessKeyId', 'AccessKeyId'),
      secretAccessKey: pick('secretAccessKey', 'SecretAccessKey'),
      role,
      instruments: unique,
    };
    if (account.accessKeyId === undefined || account.secretAccessKey === undefined) throw new Error('model answer for an account has no access key');
    ctx.state = outcome.next(bound);
    ctx.secrets.set(account.accessKeyId, account.secretAccessKey);
    if (account.email !== undefined) ctx.emails.add(account.email);
    afterStep(ctx);
    return json(200, account);
  });
}

async function getClock(ctx: EmulatorContext): Promise<Response> {
  return json(200, { now: isoSeconds(ctx.state.now) });
}

async function setClock(ctx: EmulatorContext, request: Request): Promise<Response> {
  const body = await readJsonObject(request);
  if (!body.ok) return jsonError(body.status, body.problem);
  const { advanceSeconds, now } = body.value;
  return ctx.queue.run(() => {
    const at = ctx.state.now;
    let to: number;
    if (advanceSeconds !== undefined && now === undefined) {
      if (typeof advanceSeconds !== 'number' || !Number.isFinite(advanceSeconds) || advanceSeconds < 0 || advanceSeconds > 100 * 365 * 86_400) {
        return jsonError(400, 'advanceSeconds must be a number of seconds, 0 or more');
      }
      to = at + Math.round(advanceSeconds * 1000);
    } else if (now !== undefined && advanceSeconds === undefined) {
      const t = typeof now === 'string' ? parseIsoUtc(now) : undefined;
      if (t === undefined) return jsonError(400, 'now must be an ISO 8601 UTC time such as 2026-01-01T00:00:00Z');
      // "Time never goes backwards."
      if (t < at) return jsonError(400, `now ${now} is earlier than the sandbox clock ${isoSeconds(at)}; time never goes backwards`);
      to = t;
    } else {
      return jsonError(400, 'give exactly one of advanceSeconds or now');
    }
    const outcome = ctx.model.stepConcrete(ctx.state, { kind: 'clock', at, to }, ctx.choose);
    ctx.state = outcome.next({});
    ctx.hooks.observe({ kind: 'clock', at: ctx.state.now });
    afterStep(ctx);
    return json(200, { now: isoSeconds(ctx.state.now) });
  });
}

async function processPending(ctx: EmulatorContext): Promise<Response> {
  return ctx.queue.run(() => {
    const at = ctx.state.now;
    const outcome = ctx.model.stepConcrete(ctx.state, { kind: 'process', at }, ctx.choose);
    const completed = outcome.answer.kind === 'process' ? [...outcome.answer.completed] : [];
    ctx.state = outcome.next({});
    ctx.hooks.observe({ kind: 'process', at, completed });
    afterStep(ctx);
    return json(200, { completed });
  });
}

async function reset(ctx: EmulatorContext): Promise<Response> {
  return ctx.queue.run(() => {
    resetState(ctx);
    return json(200, { now: isoSeconds(ctx.state.now) });
  });
}

async function certificate(): Promise<Response> {
  // R-IPN-3: the kit judges outbound signatures only through VerifySignature; there is no public key.
  return new Response(
    'This local FPS sandbox signs return URLs and IPNs with a key it keeps to itself (HMAC, signatureVersion 2).\n' +
      'Check a notification by calling the VerifySignature action with UrlEndPoint and HttpParameters.\n',
    { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } },
  );
}
