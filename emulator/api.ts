// The FPS API at "/" (R-WIRE-1): GET with a query string, POST with a form body, or POST with the
// query string and an empty body, all read the same way. Strict parsing (R-WIRE-5), SigV2
// verification into an AuthVerdict (R-AUTH-1, R-AUTH-1b), one model step in the queue, rendering.
import type { AuthVerdict, ModelState, Outcome } from '../spec/model/api.ts';
import { verify } from '../spec/sigv2/index.ts';
import { VERSIONS, type Version } from '../spec/types.ts';
import { DEFAULT_FORM_LIMITS } from '../spec/wire/form.ts';
import { readParamsStrict } from '../spec/wire/request-params.ts';
import { freshId, type EmulatorContext } from './context.ts';
import { readBody } from './http.ts';
import type { ApiInput, ApiStep, AuthRequest } from './hooks.ts';
import { materialize } from './materialize.ts';
import { errorMeaning, INVALID_PARAMS, renderError, renderResult, type Rendered } from './render.ts';
import { afterStep, ctxMaterialize } from './steps.ts';

/** Largest request body read (R-WIRE-5 "absurd lengths"); the node adapter enforces it too. */
export const MAX_BODY_BYTES = DEFAULT_FORM_LIMITS.maxLength;

type Params = Record<string, string>;
/** `status`: the HTTP status when it is not the error table's (413 too large, 405 another method). */
type Parsed = { ok: true; params: Params; pairs: readonly (readonly [string, string])[] } | { ok: false; problem: string; status?: 405 | 413 };

/** An API request as the emulator reads it, and its answer: the node adapter builds the request from
 *  node:http directly and `handle(Request)` from a Fetch Request, so both answer through the same code. */
export type { ApiAnswer, ApiRequest } from '../transports/api-message.ts';
import type { ApiAnswer, ApiRequest } from '../transports/api-message.ts';

/** The ApiRequest of a Fetch Request (its body read up to MAX_BODY_BYTES). */
export async function apiRequestOf(request: Request, url: URL): Promise<ApiRequest> {
  const query = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  let body: ApiRequest['body'] = { ok: true, bytes: new Uint8Array(0) };
  if (request.method === 'POST') {
    const read = await readBody(request, MAX_BODY_BYTES);
    body = read.ok ? read : { ok: false, problem: read.detail, tooLarge: read.problem === 'too-large' };
  }
  return { method: request.method, host: request.headers.get('host') ?? url.host, path: url.pathname, query, contentType: request.headers.get('content-type') ?? undefined, body };
}

/** Collects the request's parameters from the query string and the body (R-WIRE-1) with the kit's one
 *  strict reader (spec/wire/request-params.ts, R-WIRE-5). Never throws on bad input. */
export function readParams(ctx: EmulatorContext, request: ApiRequest): Parsed {
  let body = '';
  if (request.method === 'POST') {
    const read = request.body;
    if (!read.ok) return { ok: false, problem: read.problem, ...(read.tooLarge ? { status: 413 as const } : {}) };
    try {
      body = UTF8.decode(read.bytes);
    } catch {
      return { ok: false, problem: 'body is not UTF-8' };
    }
  }
  const read = readParamsStrict({ method: request.method, query: request.query, contentType: request.contentType, body }, { beforeParse: ctx.hooks.beforeParse });
  // R-WIRE-1: the API is GET or POST; any other method is a 405 naming them (R-WIRE-5: a 4xx error document)
  if (!read.ok) return { ok: false, problem: read.problem.detail, ...(read.problem.where === 'method' ? { status: 405 as const } : {}) };
  return { ok: true, params: read.params, pairs: read.pairs };
}

/**
 * `{ ...params }` built from the pairs (the same own keys in the same order: the reader refuses
 * duplicate names): spreading the reader's prototype-less dictionary costs more than the model's
 * reads of the copy. A `__proto__` name is left to the spread, which keeps it an own property.
 */
export function plainCopy(params: Readonly<Params>, pairs: readonly (readonly [string, string])[]): Params {
  const out: Params = {};
  for (const [name, value] of pairs) {
    if (name === '__proto__') return { ...params };
    out[name] = unsliced(value);
  }
  return out;
}

/** V8 cuts a string of 13 or more characters out of the one it was read from as a slice holding all of it */
const SLICED_FROM = 13;

/**
 * `s` as a string of its own: the model keeps parameter values (a transaction's CallerReference, an
 * idempotency record's parameters), and a slice would keep the whole request body alive with them.
 * A join writes its parts into one new flat string (one object; slicing a concatenation gives two,
 * interning costs a string-table entry each).
 */
export function unsliced(s: string): string {
  return s.length < SLICED_FROM ? s : [s.slice(0, 1), s.slice(1)].join('');
}
/** fatal: a body that is not UTF-8 is refused, not repaired (R-WIRE-5) */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** R-AUTH-1, R-AUTH-1b: the HMAC over the Host header with its port, or without it. `copy`: the same
 *  parameters as a plain object (plainCopy), which verify lists faster. */
export function authVerdict(ctx: EmulatorContext, request: ApiRequest, params: Readonly<Params>, copy: Readonly<Params>): AuthVerdict {
  // read from the copy: the same own parameters, in a faster object than the reader's dictionary
  const accessKeyId = ownParam(copy, 'AWSAccessKeyId');
  const secret = accessKeyId !== undefined ? ctx.secrets.get(accessKeyId) : undefined;
  const { method, host, path } = request;
  const verdict: AuthVerdict = {
    accessKeyId,
    signatureVersion: ownParam(copy, 'SignatureVersion'),
    signatureMethod: ownParam(copy, 'SignatureMethod'),
    timestamp: ownParam(copy, 'Timestamp'),
    signature: ownParam(copy, 'Signature') === undefined ? 'missing' : secret !== undefined && verify({ method, host, path, params: copy, secret }).valid ? 'valid' : 'invalid',
  };
  const req: AuthRequest = { method, host, path, params, secret };
  return ctx.hooks.auth(verdict, req);
}

// Functions here are module-level or anonymous, not named closures per request: under tsx (the
// benches, the CLI) every named closure costs a defineProperty of its name on each call.

const ownParam = (params: Readonly<Params>, n: string): string | undefined => (Object.prototype.hasOwnProperty.call(params, n) ? params[n] : undefined);

const apiInput = (ctx: EmulatorContext, version: Version, action: string, params: Params, auth: AuthVerdict): ApiInput => ({ kind: 'api', at: ctx.state.now, version, action, params, auth });

export async function handleApi(ctx: EmulatorContext, request: ApiRequest): Promise<{ answer: ApiAnswer; action?: string }> {
  const requestId = freshId(ctx, 'RequestId');
  const parsed = readParams(ctx, request);
  if (!parsed.ok) {
    const rendered = renderError(INVALID_PARAMS, parsed.problem, requestId, ctx.choose);
    const answer = toAnswer(ctx, parsed.status ? { ...rendered, status: parsed.status } : rendered, undefined);
    if (parsed.status === 405) answer.headers.allow = 'GET, POST';
    return { answer };
  }
  const params = parsed.params;
  const action = params.Action ?? '';
  const version: Version = (VERSIONS as readonly string[]).includes(params.Version ?? '') ? (params.Version as Version) : VERSIONS[VERSIONS.length - 1]!;
  // one copy for both inputs (no hook writes to an input's params; `at` is read when each is made),
  // also what verify reads (the same pairs as the dictionary, cheaper to list)
  const copy = plainCopy(params, parsed.pairs);
  const auth = authVerdict(ctx, request, params, copy);
  const race = ctx.hooks.race(apiInput(ctx, version, action, copy, auth));
  const answer = race ? await stepApi(ctx, apiInput(ctx, version, action, copy, auth), requestId) : await ctx.queue.run(() => stepApi(ctx, apiInput(ctx, version, action, copy, auth), requestId));
  return { answer, action };
}

const stepperFrom = (ctx: EmulatorContext, state: ModelState): ApiStep['step'] => (i) => ctx.model.stepConcrete(state, i, ctx.choose);
const fresher = (ctx: EmulatorContext): ApiStep['fresh'] => (kind) => freshId(ctx, kind);

/** One API step: the model's outcome (through the hooks), ids bound, rendered, state committed. */
async function stepApi(ctx: EmulatorContext, input: ApiInput, requestId: string): Promise<ApiAnswer> {
  const state = ctx.state;
  const step: ApiStep = { input, state, now: state.now, step: stepperFrom(ctx, state), fresh: fresher(ctx) };
  const outcome: Outcome = ctx.hooks.outcome(ctx.model.stepConcrete(state, input, ctx.choose), step);
  // the request's RequestId is picked up front (error documents need it too) and bound here
  const bound: Record<string, string> = { RequestId: requestId };
  let rendered: Rendered;
  const answer = outcome.answer;
  let observed: { kind: 'result'; fields: Record<string, string> } | { kind: 'error'; code: string };
  if (answer.kind === 'result') {
    const fields = ctx.hooks.render(withoutRequestId(materialize(answer.fields, ctxMaterialize(ctx, requestId), bound)), step);
    rendered = renderResult(answer.action, input.version, fields, requestId);
    observed = { kind: 'result', fields };
  } else if (answer.kind === 'error') {
    // the table's meaning, and the model's reason so a person sees which parameter is at fault
    rendered = renderError(answer.code, outcome.why ? `${errorMeaning(answer.code)} (${outcome.why})` : undefined, requestId, ctx.choose);
    observed = { kind: 'error', code: answer.code };
  } else {
    throw new Error(`model answered ${answer.kind} to an API request`);
  }
  if (ctx.hooks.race(input)) {
    // the concurrency bugs: another request may run between reading the state and committing
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  ctx.state = outcome.next(bound);
  ctx.hooks.observe({ kind: 'api', at: input.at, input, answer: observed });
  afterStep(ctx);
  return toAnswer(ctx, rendered, step);
}

function toAnswer(ctx: EmulatorContext, rendered: Rendered, step: ApiStep | undefined): ApiAnswer {
  const r = ctx.hooks.response({ status: rendered.status, body: rendered.body }, step);
  return { status: r.status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: r.body };
}

/** RequestId goes in ResponseMetadata (the codec writes it), not in the Result element (R-WIRE-3). */
function withoutRequestId(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  // keys, not entries: no pair per field (the same own enumerable keys in the same order)
  for (const k of Object.keys(fields)) if (k !== 'RequestId' && !k.startsWith('ResponseMetadata.')) out[k] = fields[k]!;
  return out;
}
