// The reference emulator as a Fetch `Request → Response` function over the pure model, so node:http
// (server.ts) and MSW are thin adapters. Every step runs through one queue (queue.ts).
import type { Model } from '../spec/model/api.ts';
import { fpsModel } from '../spec/model/index.ts';
import { apiRequestOf, handleApi, type ApiAnswer, type ApiRequest } from './api.ts';
import { CBUI_PATH, handleCbui } from './cbui.ts';
import { createChooser, type ChoiceMode } from './chooser.ts';
import { DEFAULT_START } from './clock.ts';
import type { EmulatorContext, Profile } from './context.ts';
import { freshId } from './context.ts';
import { composeHooks, type Hooks } from './hooks.ts';
import { jsonError } from './http.ts';
import { createIdGenerator } from './ids.ts';
import { createIpnDeliverer, type DeliveryRecord, type IpnOptions } from './ipn.ts';
import { SerialQueue } from './queue.ts';
import { createRng } from './random.ts';
import { INTERNAL_ERROR, renderError } from './render.ts';
import { handleSandbox, isSandboxPath } from './sandbox.ts';
import { afterStep } from './steps.ts';
import { bugHooks } from './bugs.ts';

export interface EmulatorOptions {
  /** seeds ids and random choices (default: a random seed) */
  seed?: number;
  /** nominal: always the first allowed outcome; random: a seeded pick among the allowed ones */
  choice?: ChoiceMode;
  profile?: Profile;
  /** where the emulator is reached, e.g. http://127.0.0.1:8080/ (discovery, certificateUrl) */
  baseUrl?: string;
  /** the sandbox clock's start (default 2026-01-01T00:00:00Z; with `realtime`, now) */
  start?: Date;
  /** the sandbox clock also moves with the wall clock (for people pointing real SDKs at it) */
  realtime?: boolean;
  /** names from the injected-bug corpus (bugs.ts) */
  bugs?: string[];
  /** IPN delivery: the sender, tries and backoff (ipn.ts) */
  ipn?: IpnOptions;
  /** one line per event worth telling (IPN give-ups, internal errors); default: silent */
  log?: (line: string) => void;
  /** the model to serve (default: the reference model of spec/model) */
  model?: Model;
  /** extra hooks, for the kit's own tests */
  hooks?: Hooks[];
}

export interface EmulatorInfo {
  /** the sandbox clock, epoch ms */
  now: number;
  /** accounts created since the last reset */
  accounts: number;
  /** notifications handed to delivery and what became of them */
  ipn: DeliveryRecord[];
  /** the signed body of each notification owed so far, by model key */
  ipnBodies: Record<string, Record<string, string>>;
}

export interface Emulator {
  handle(request: Request): Promise<Response>;
  /**
   * The FPS API at "/" without Fetch objects (what `handle` does for "/" underneath): the node
   * adapter's path, since undici's Request/Response cost more than the rest of a Pay.
   */
  handleApi(request: ApiRequest): Promise<{ answer: ApiAnswer; action?: string }>;
  /** the last Action handled by `handle` for this request (for log lines) */
  actionOf(request: Request): string | undefined;
  state(): EmulatorInfo;
  /** resolves when no IPN delivery is pending */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rng = createRng(seed);
  const model = options.model ?? fpsModel;
  const profile = options.profile ?? 'core';
  const start = options.start?.getTime() ?? (options.realtime ? Math.floor(Date.now() / 1000) * 1000 : DEFAULT_START);
  if (!Number.isFinite(start)) throw new TypeError('start is not a valid date');
  const log = options.log ?? (() => undefined);
  const hooks = composeHooks([...bugHooks(options.bugs ?? []), ...(options.hooks ?? [])]);
  const ctx: EmulatorContext = {
    model,
    profile,
    start,
    realtime: options.realtime === true,
    baseUrl: options.baseUrl === undefined ? undefined : options.baseUrl.endsWith('/') ? options.baseUrl : options.baseUrl + '/',
    state: model.initial(start, { profile }),
    queue: new SerialQueue(),
    ids: createIdGenerator(rng),
    choose: createChooser(options.choice ?? 'nominal', rng),
    hooks,
    secrets: new Map(),
    emails: new Set(),
    tokensInstalled: new Map(),
    // its own stream, so the key does not depend on how many ids were drawn before
    outboundSecret: createRng(seed ^ 0x5bd1e995).chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 40),
    ipn: createIpnDeliverer(options.ipn, log),
    ipnOffered: new Set(),
    ipnBodies: new Map(),
    epoch: 0,
    log,
    closed: false,
  };
  const actions = new WeakMap<Request, string>();
  // the sandbox clock stands still between most requests: its Date header is formatted once per instant
  let dateAt = NaN, dateText = '';
  const dateHeader = (): string => {
    const now = ctx.state.now;
    if (now !== dateAt) {
      dateText = new Date(now).toUTCString();
      dateAt = now;
    }
    return dateText;
  };
  let wall = Date.now();

  /** realtime: the wall-clock time passed since the last request moves the sandbox clock too */
  async function followWallClock(): Promise<void> {
    const elapsed = Date.now() - wall;
    wall += elapsed;
    if (elapsed <= 0) return;
    await ctx.queue.run(() => {
      const to = ctx.state.now + elapsed;
      ctx.state = model.stepConcrete(ctx.state, { kind: 'clock', at: ctx.state.now, to }, ctx.choose).next({});
      afterStep(ctx);
    });
  }

  async function route(request: Request): Promise<Response> {
    if (options.realtime) await followWallClock();
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === '/') {
      const { answer, action } = await handleApi(ctx, await apiRequestOf(request, url));
      if (action !== undefined) actions.set(request, action);
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    }
    if (path === CBUI_PATH) return handleCbui(ctx, request, url);
    if (isSandboxPath(path)) return handleSandbox(ctx, request, path);
    return jsonError(404, `nothing at ${path}: the FPS API is at /, the Co-Branded UI at ${CBUI_PATH}, the sandbox hooks at /_sandbox`);
  }

  /** never a crash: an internal failure is the retriable InternalError (R-WIRE-4, R-WIRE-5) */
  function internalError(): ApiAnswer {
    const r = renderError(INTERNAL_ERROR, undefined, freshId(ctx, 'RequestId'), ctx.choose);
    return { status: r.status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: r.body };
  }

  return {
    async handle(request) {
      try {
        const response = await route(request);
        // the Date header tells the sandbox clock, not the wall clock: clients that read it agree with every time rule
        response.headers.set('date', dateHeader());
        return response;
      } catch (err) {
        // never a crash: an internal failure is the retriable InternalError (R-WIRE-4, R-WIRE-5)
        log(`internal error on ${request.method} ${new URL(request.url).pathname}: ${err instanceof Error ? err.message : String(err)}`);
        const r = internalError();
        return new Response(r.body, { status: r.status, headers: r.headers });
      }
    },
    async handleApi(request) {
      try {
        if (options.realtime) await followWallClock();
        const out = await handleApi(ctx, request);
        out.answer.headers.date = dateHeader();
        return out;
      } catch (err) {
        log(`internal error on ${request.method} ${request.path}: ${err instanceof Error ? err.message : String(err)}`);
        return { answer: internalError() };
      }
    },
    actionOf: (request) => actions.get(request),
    state: () => ({
      now: ctx.state.now,
      accounts: ctx.secrets.size,
      ipn: ctx.ipn.records(),
      ipnBodies: Object.fromEntries(ctx.ipnBodies),
    }),
    idle: () => ctx.ipn.idle(),
    async close() {
      ctx.closed = true;
      await ctx.ipn.close();
    },
  };
}
