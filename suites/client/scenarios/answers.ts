// The whole space of conforming answers, served to the SDK by name (suites/client/variants.ts): result documents
// in the samples' dress, the sample root, optional elements absent and present, the 2008-09-17
// namespace; and every error code each action can return, a code no table lists, retriable errors as
// 4xx and 5xx, the sample's multi-line error document. Each variant's verdict is its own row.
import { encodeHttpParameters } from '../../../spec/sigv2/index.ts';
import { callSdk, type CallRecord } from '../call.ts';
import type { Served } from '../service.ts';
import { supportsAction, type SdkRunContext } from '../context.ts';
import type { CallParams } from '../../../clients/driver-protocol.ts';
import { ERROR_VARIANT_CHECKS, RESULT_VARIANTS, VERSION_VARIANT, errorVariantsFor, type ResultVariant } from '../variants.ts';
import { fixtures, returnUrl, servedField, usd } from './fixtures.ts';

/** A seeded chooser: the same seed serves the same variants (recorded on each exchange). */
export function seededPick(seed: number): <T>(items: readonly T[]) => T | undefined {
  let s = (seed >>> 0) || 1;
  return <T>(items: readonly T[]): T | undefined => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return items.length === 0 ? undefined : items[s % items.length];
  };
}

type Step = { action: string; params: (ids: Record<string, string>) => CallParams | undefined; keep?: string; process?: boolean };

/** Valid calls for every action, in an order that makes each one's prerequisites (ids kept by name). */
async function steps(ctx: SdkRunContext): Promise<Step[]> {
  const f = await fixtures(ctx);
  const recipient = await ctx.sandbox.createAccount('recipient', ['ABT', 'CC']);
  const rtoken = await ctx.sandbox.token(ctx.caller, 'Recipient', { callerReference: ctx.ref('v-recipient'), returnURL: returnUrl(ctx) }, { email: recipient.email });
  const spare = await ctx.sandbox.token(ctx.caller, 'MultiUse', { callerReference: ctx.ref('v-spare'), globalAmountLimit: '10.00', returnURL: returnUrl(ctx) }, { email: ctx.sender.email, instrument: 'ABT' });
  const back = new URL(f.abt.returnUrl);
  return [
    { action: 'Pay', params: () => ({ SenderTokenId: f.abt.tokenId, TransactionAmount: usd('1.00'), CallerReference: ctx.ref('v-pay') }), keep: 'pay' },
    { action: 'GetTransactionStatus', params: (ids) => (ids.pay ? { TransactionId: ids.pay } : undefined) },
    { action: 'Reserve', params: () => ({ SenderTokenId: f.cc.tokenId, TransactionAmount: usd('2.00'), CallerReference: ctx.ref('v-reserve') }), keep: 'reserve', process: true },
    { action: 'Settle', params: (ids) => (ids.reserve ? { ReserveTransactionId: ids.reserve, TransactionAmount: usd('2.00') } : undefined), process: true },
    { action: 'Reserve', params: () => ({ SenderTokenId: f.cc.tokenId, TransactionAmount: usd('1.50'), CallerReference: ctx.ref('v-reserve2') }), keep: 'reserve2', process: true },
    { action: 'Cancel', params: (ids) => (ids.reserve2 ? { TransactionId: ids.reserve2 } : undefined) },
    { action: 'Refund', params: (ids) => (ids.pay ? { TransactionId: ids.pay, CallerReference: ctx.ref('v-refund'), RefundAmount: usd('0.50') } : undefined) },
    { action: 'GetTokenByCaller', params: () => ({ TokenId: f.abt.tokenId }) },
    { action: 'GetRecipientVerificationStatus', params: () => (rtoken.tokenId ? { RecipientTokenId: rtoken.tokenId } : undefined) },
    { action: 'CancelToken', params: () => (spare.tokenId ? { TokenId: spare.tokenId } : undefined) },
    { action: 'VerifySignature', params: () => ({ UrlEndPoint: `${back.origin}${back.pathname}`, HttpParameters: encodeHttpParameters([...back.searchParams.entries()]) }) },
  ];
}

/** Runs the steps; an answer of `variantFor(action)` is judged on that variant's row. */
async function pass(ctx: SdkRunContext, list: Step[], variantFor: (action: string) => ResultVariant | undefined, tag: string): Promise<CallRecord[]> {
  const ids: Record<string, string> = {};
  const done: CallRecord[] = [];
  ctx.service.restyleWith((action) => variantFor(action));
  try {
    for (const step of list) {
      if (!supportsAction(ctx, step.action)) continue;
      const params = step.params(ids);
      if (params === undefined) continue;
      const v = variantFor(step.action);
      const r = await callSdk(ctx, step.action, params, `${step.action} [${v?.name ?? tag}]`, v !== undefined ? { variant: { check: v.check, name: v.name } } : {});
      done.push(r);
      const id = servedField(r.served, 'TransactionId');
      if (step.keep !== undefined && id !== undefined) ids[step.keep] = id;
      if (step.process) await ctx.sandbox.process();
    }
  } finally {
    ctx.service.restyleWith(undefined);
  }
  return done;
}

const variant = (name: string): ResultVariant => RESULT_VARIANTS.find((v) => v.name === name)!;

export async function runAnswerVariants(ctx: SdkRunContext): Promise<void> {
  const list = await steps(ctx);
  ctx.progress('  answers in the samples\' dress');
  await pass(ctx, list, (a) => (variant('sample-root').actions.includes(a as never) ? variant('sample-root') : variant('sample-shaped').actions.includes(a as never) ? variant('sample-shaped') : undefined), 'sample-shaped');
  for (const name of ['optional-absent', 'optional-present']) {
    const v = variant(name);
    ctx.progress(`  answers ${name}`);
    await pass(ctx, list.filter((s) => v.actions.includes(s.action as never)), (a) => (v.actions.includes(a as never) ? v : undefined), name);
  }
  for (const v of RESULT_VARIANTS) {
    if (!v.actions.some((a) => supportsAction(ctx, a))) ctx.rec.notApplicable(v.check, `the SDK offers none of ${v.actions.join(', ')}`);
  }
  await runVersionVariant(ctx, list);
}

/** R-WIRE-3: answers carry the request Version's namespace; configured for 2008-09-17, the SDK must read that one. */
async function runVersionVariant(ctx: SdkRunContext, list: Step[]): Promise<void> {
  const old = VERSION_VARIANT;
  const reconfigure = (version: string) =>
    ctx.sdk.send({ type: 'configure', endpoint: ctx.endpoint, cbuiEndpoint: ctx.cbuiEndpoint, accessKeyId: ctx.caller.accessKeyId, secretAccessKey: ctx.caller.secretAccessKey, version }, ctx.timeoutMs);
  ctx.progress(`  answers ${old.name}`);
  const set = await reconfigure('2008-09-17');
  if (set.kind !== 'ok') {
    ctx.rec.notTested(old.check, `the driver did not take configure with version 2008-09-17 (${set.kind})`);
    return;
  }
  try {
    const ids: Record<string, string> = {};
    const chosen = list.filter((s) => ['Pay', 'GetTransactionStatus', 'GetTokenByCaller'].includes(s.action) && supportsAction(ctx, s.action));
    const in2008 = (served: Served[]): boolean => versionsSent(served).includes('2008-09-17');
    let exercised = false;
    for (const step of chosen) {
      const params = step.params(ids);
      if (params === undefined) continue;
      const r = await callSdk(ctx, step.action, params, `${step.action} [${old.name}]`, { variant: { check: old.check, name: old.name, applies: in2008 } });
      exercised ||= in2008(r.served);
      const id = servedField(r.served, 'TransactionId');
      if (step.keep !== undefined && id !== undefined) ids[step.keep] = id;
    }
    // an SDK that sends its own Version whatever it is configured with cannot be served the other namespace
    if (!exercised) ctx.rec.notTested(old.check, 'configured with Version 2008-09-17, the SDK still sent another Version: the 2008-09-17 namespace cannot be served to it');
  } finally {
    await reconfigure('2010-08-28');
  }
}

/**
 * Params an SDK accepts for each action. The error is served before anything is processed, and the ids
 * exist nowhere: a resend that gets through to the backend (after the error's last serving) changes nothing.
 */
function errorCallParams(ctx: SdkRunContext): Record<string, CallParams> {
  const tx = 'ERRVARIANT00000000000000000000000';
  const tokenId = 'ERRVARIANTTOKEN0000000000000000000000000000000000000000000000000';
  return {
    Pay: { SenderTokenId: tokenId, TransactionAmount: usd('1.00'), CallerReference: ctx.ref('e-pay') },
    Reserve: { SenderTokenId: tokenId, TransactionAmount: usd('1.00'), CallerReference: ctx.ref('e-reserve') },
    Settle: { ReserveTransactionId: tx, TransactionAmount: usd('1.00') },
    Refund: { TransactionId: tx, CallerReference: ctx.ref('e-refund'), RefundAmount: usd('1.00') },
    Cancel: { TransactionId: tx },
    CancelToken: { TokenId: tokenId },
    GetTransactionStatus: { TransactionId: tx },
    GetTokenByCaller: { TokenId: tokenId },
    GetRecipientVerificationStatus: { RecipientTokenId: tokenId },
    VerifySignature: { UrlEndPoint: returnUrl(ctx), HttpParameters: 'signatureVersion=2&signatureMethod=HmacSHA256&signature=x' },
  };
}

export async function runErrorVariants(ctx: SdkRunContext): Promise<void> {
  await fixtures(ctx);
  const pick = seededPick(ctx.seed);
  const params = errorCallParams(ctx);
  let any = false;
  ctx.progress('  every error code each action can return, and more');
  for (const [action, p] of Object.entries(params)) {
    if (!supportsAction(ctx, action)) continue;
    for (const v of errorVariantsFor(action, pick)) {
      any = true;
      // served to the first requests of the call: a resend meets it again, a third attempt gets through
      ctx.service.serveError(v, v.status >= 500 ? 2 : 3);
      try {
        await callSdk(ctx, action, { ...p, ...(typeof p.CallerReference === 'string' ? { CallerReference: ctx.ref('e') } : {}) }, `${action} [variant ${v.name}]`, { variant: { check: v.check, name: v.name } });
      } finally {
        ctx.service.serveError(undefined);
      }
    }
  }
  if (!any) for (const c of ERROR_VARIANT_CHECKS) ctx.rec.notApplicable(c.check, 'the SDK offers no action');
}

/** The Version each API request carried (query or form body). */
function versionsSent(served: Served[]): string[] {
  return served.filter((s) => s.kind === 'api').map((s) => /(?:^|&)Version=([^&]*)/.exec(`${new URL(s.request.url).search.slice(1)}&${s.request.body ?? ''}`)?.[1] ?? '');
}
