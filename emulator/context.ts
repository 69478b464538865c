// The emulator's mutable parts in one place: the model state, the queue that serialises steps,
// ids, credentials it issued, outbound signing key, IPN delivery. Routes receive this; only the
// queue's jobs change `state`.
import type { Chooser, FreshKind, Model, ModelState } from '../spec/model/api.ts';
import type { IpnCursor } from '../spec/model/index.ts';
import type { Hooks } from './hooks.ts';
import type { IdGenerator } from './ids.ts';
import type { IpnDeliverer } from './ipn.ts';
import type { SerialQueue } from './queue.ts';

export type Profile = 'core' | 'sandbox-simulation';

export interface EmulatorContext {
  readonly model: Model;
  readonly profile: Profile;
  readonly start: number;
  /** the clock follows the wall clock; reset then goes back to the wall clock's now */
  readonly realtime: boolean;
  /** where the emulator is reached, ending in "/" (for discovery and certificateUrl) */
  baseUrl: string | undefined;
  state: ModelState;
  readonly queue: SerialQueue;
  readonly ids: IdGenerator;
  readonly choose: Chooser;
  readonly hooks: Required<Hooks>;
  /** AWSAccessKeyId → secret of every account this emulator created */
  readonly secrets: Map<string, string>;
  /** emails of those accounts (as the model compares them, exactly): who may sign in at the Co-Branded UI */
  readonly emails: Set<string>;
  /** tokenID → when the Co-Branded UI made it (the model leaves DateInstalled to the target) */
  readonly tokensInstalled: Map<string, number>;
  /** the key that signs return URLs and IPNs (R-IPN-3); never leaves the emulator */
  readonly outboundSecret: string;
  readonly ipn: IpnDeliverer;
  /** keys of the notifications already signed and handed to delivery */
  readonly ipnOffered: Set<string>;
  /** the signed form of each owed notification, by key */
  readonly ipnBodies: Map<string, Record<string, string>>;
  /** how far afterStep has read the notifications the model's states owe (steps.ts) */
  ipnCursor?: IpnCursor;
  /** bumped by reset, so delivery keys of a new life never collide with old ones */
  epoch: number;
  readonly log: (line: string) => void;
  /** true once close() ran */
  closed: boolean;
}

/** A fresh id through the freshId hook (the wire bugs lengthen ids there). */
export function freshId(ctx: EmulatorContext, kind: FreshKind, maxLength?: number): string {
  return ctx.hooks.freshId(kind, ctx.ids.fresh(kind, maxLength));
}

/** The base URL for a request: the configured one, else the request's own origin. */
export function baseFor(ctx: EmulatorContext, request: Request): string {
  if (ctx.baseUrl !== undefined) return ctx.baseUrl;
  const url = new URL(request.url);
  const host = request.headers.get('host') ?? url.host;
  return `${url.protocol}//${host}/`;
}

export function certificateUrl(ctx: EmulatorContext): string {
  return `${ctx.baseUrl ?? 'http://127.0.0.1/'}_sandbox/certificate`;
}
