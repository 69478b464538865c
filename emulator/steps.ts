// What follows every committed step: sign and hand over the notifications newly owed (R-IPN-1,
// R-IPN-2), and record every outbound message so VerifySignature answers through the model (R-IPN-3).
import { signOutbound } from '../spec/sigv2/index.ts';
import { encodeForm } from '../spec/wire/form.ts';
import { fpsModel, owedIpnsSince } from '../spec/model/index.ts';
import type { ExpectedIpn } from '../spec/model/api.ts';
import { certificateUrl, freshId, type EmulatorContext } from './context.ts';
import { materialize, SIGNATURE_FIELDS, type MaterializeContext } from './materialize.ts';

export function ctxMaterialize(ctx: EmulatorContext, requestId: string): MaterializeContext {
  return { choose: ctx.choose, fresh: fresherOf(ctx), requestId, now: ctx.state.now, tokenInstalled: installedOf(ctx) };
}
// anonymous arrows from module-level makers: under tsx a named closure costs a defineProperty per call
const fresherOf = (ctx: EmulatorContext): MaterializeContext['fresh'] => (kind, max) => freshId(ctx, kind, max);
const installedOf = (ctx: EmulatorContext): NonNullable<MaterializeContext['tokenInstalled']> => (id) => ctx.tokensInstalled.get(id);

/** Outbound methods the emulator may sign with (R-IPN-3 allows an Hmac method; nominal first). */
const OUTBOUND_METHODS = ['HmacSHA256', 'HmacSHA1'] as const;

/**
 * Signs `params` for `url` with the emulator's outbound key (an Hmac method through the chooser,
 * signatureVersion 2, certificateUrl of the emulator) and tells the model it sent them, so its
 * VerifySignature answer says Success for exactly these (R-IPN-3).
 */
export function signAndRecord(ctx: EmulatorContext, url: string, params: Record<string, string>): Record<string, string> {
  const method = OUTBOUND_METHODS[ctx.choose(OUTBOUND_METHODS.length, 'which Hmac method signs an outbound message (R-IPN-3)')] ?? 'HmacSHA256';
  const signed = signOutbound(url, params, ctx.outboundSecret, method, certificateUrl(ctx));
  recordOutbound(ctx, url, signed);
  return signed;
}

/** Feeds an outbound message to the model (input kind `outbound`). */
function recordOutbound(ctx: EmulatorContext, urlEndPoint: string, params: Record<string, string>): void {
  const outcome = ctx.model.stepConcrete(ctx.state, { kind: 'outbound', at: ctx.state.now, urlEndPoint, params }, ctx.choose);
  ctx.state = outcome.next({});
}

/**
 * The notifications owed that may not have been offered yet: with the reference model's emulator
 * states, only those written since the last look (so a step does not walk every notification
 * owed so far); with another model, all of them.
 */
function owedSince(ctx: EmulatorContext): readonly ExpectedIpn[] {
  const since = ctx.model.owedIpns === fpsModel.owedIpns ? owedIpnsSince(ctx.state, ctx.ipnCursor) : undefined;
  if (!since) return ctx.model.owedIpns(ctx.state);
  ctx.ipnCursor = since.cursor;
  return since.owed;
}

/** After a step: every owed notification not yet handed over is signed, recorded and queued for delivery. */
export function afterStep(ctx: EmulatorContext): void {
  if (ctx.closed) return;
  const owed = ctx.hooks.ipns(owedSince(ctx));
  const fresh = owed.filter((n) => !ctx.ipnOffered.has(n.key));
  if (fresh.length === 0) return;
  const out = [];
  for (const n of fresh) {
    ctx.ipnOffered.add(n.key);
    const fields = materialize(n.fields, ctxMaterialize(ctx, ''), {}, { skip: SIGNATURE_FIELDS });
    const signed = signAndRecord(ctx, n.url, fields);
    ctx.ipnBodies.set(n.key, signed);
    out.push({ key: `${ctx.epoch}:${n.key}`, url: n.url, body: encodeForm(Object.entries(signed)) });
  }
  ctx.ipn.offer(out);
}

/** /_sandbox/reset: forget everything, clock back to its start (shared/sandbox-protocol.md). */
export function resetState(ctx: EmulatorContext): void {
  ctx.state = ctx.model.initial(ctx.realtime ? Math.floor(Date.now() / 1000) * 1000 : ctx.start, { profile: ctx.profile });
  ctx.secrets.clear();
  ctx.emails.clear();
  ctx.tokensInstalled.clear();
  ctx.ipnOffered.clear();
  ctx.ipnBodies.clear();
  ctx.epoch++;
  ctx.hooks.observe({ kind: 'reset' });
}
