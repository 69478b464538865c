// The SDK's helpers for what FPS sends back: a return URL or an IPN the service signed must be
// accepted, and one with any value changed rejected (R-IPN-3). An SDK may check through the
// VerifySignature action; those requests are checked like any other.
import { parseForm } from '../../../spec/wire/form.ts';
import { checkApiRequest } from '../request-checks.ts';
import type { Served } from '../service.ts';
import { callSdk } from '../call.ts';
import { supportsAction, type SdkRunContext } from '../context.ts';
import { fixtures, usd } from './fixtures.ts';
import { SDK_CHECK } from '../checks.ts';

/** Changes one character of a value the service signed, keeping it plausible. */
export function tamper(value: string): string {
  if (value === '') return 'x';
  const last = value[value.length - 1]!;
  return value.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}

async function judge(ctx: SdkRunContext, ok: string, bad: string, kind: 'ReturnUrl' | 'Ipn', genuine: () => Promise<unknown>, tampered: () => Promise<unknown>): Promise<void> {
  for (const [id, run, want] of [[ok, genuine, true], [bad, tampered, false]] as const) {
    const mark = ctx.service.mark();
    const outcome = (await run()) as Awaited<ReturnType<SdkRunContext['sdk']['send']>>;
    const asked = ctx.service.since(mark).filter((s) => s.kind === 'api');
    const askedService = asked.length > 0;
    // under --strict the service refuses a deviating VerifySignature as a real FPS would: that says
    // nothing of how the SDK verifies (root cause: the request check that names the deviation)
    const blockers = refusedFor(ctx, asked);
    if (blockers.length > 0) {
      ctx.rec.blocked(id, `the service refused the SDK's VerifySignature for its deviation (${blockers.join(', ')}); how it verifies cannot be seen`, blockers);
      continue;
    }
    if (outcome.kind === 'ok' && typeof outcome.answer.valid === 'boolean') {
      const what = `verify${kind} said ${outcome.answer.valid ? 'valid' : 'invalid'} for a ${want ? 'genuine' : 'tampered'} ${kind === 'Ipn' ? 'IPN' : 'return URL'}`;
      if (outcome.answer.valid === want) ctx.rec.pass(id);
      // R-IPN-3: outbound signatures are judged only through the service's VerifySignature; an SDK that
      // checks locally (e.g. RSA-SHA1 against certificateUrl) cannot judge the kit's, so a rejection is a warning
      else if (want && !askedService) ctx.rec.warn(id, `${what} without asking the service's VerifySignature: it verifies locally, and the kit's outbound signatures are judged only through VerifySignature (R-IPN-3)`);
      else ctx.rec.fail(id, what);
    } else if (outcome.kind === 'unsupported') ctx.rec.notApplicable(id, `unsupported by the SDK: ${outcome.why}`);
    else if (outcome.kind === 'broken') ctx.rec.fail(SDK_CHECK.driverProtocol, `verify${kind}: ${outcome.what}`);
    else {
      const what = outcome.kind === 'crash' ? outcome.what : outcome.kind === 'error' ? JSON.stringify(outcome.error) : 'no boolean "valid"';
      // Rejecting a tampered message by raising is still a rejection; failing on a genuine one is not acceptance.
      if (!want && outcome.kind === 'error') ctx.rec.pass(id, `rejected with an error: ${what}`);
      else ctx.rec.fail(id, `verify${kind} did not answer valid/invalid: ${what}`);
    }
  }
}

/** The request checks whose deviation made the service refuse an answer (an error, not set right). */
function refusedFor(ctx: SdkRunContext, served: readonly Served[]): string[] {
  const secret = (key: string): string | undefined => (key === ctx.caller.accessKeyId ? ctx.caller.secretAccessKey : undefined);
  const refused = served.filter((s) => s.answer?.kind === 'error' && s.repaired === undefined && s.variant === undefined && s.fault === undefined);
  return [...new Set(refused.flatMap((s) => checkApiRequest(s.request, secret).violations.map((v) => v.check)))].sort();
}

/** What the backend itself signed (its return URLs and the IPNs it delivered); the kit's own outbound variants are a scenario of their own. */
export async function runVerify(ctx: SdkRunContext): Promise<void> {
  const f = await fixtures(ctx);
  if (ctx.supports.verifyReturnUrl) {
    ctx.progress('  verifyReturnUrl');
    const url = new URL(f.abt.returnUrl);
    const form = parseForm(url.search.slice(1));
    const pairs = form.ok ? form.pairs : [];
    const target = pairs.find(([n]) => n === 'tokenID') ?? pairs.find(([n]) => !/^signature/i.test(n));
    const changed = new URL(url.href);
    if (target !== undefined) changed.search = '?' + pairs.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(n === target[0] ? tamper(v) : v)}`).join('&');
    await judge(ctx, SDK_CHECK.verifyReturnUrlGenuine, SDK_CHECK.verifyReturnUrlTampered, 'ReturnUrl',
      () => ctx.sdk.send({ type: 'verifyReturnUrl', url: url.href }, ctx.timeoutMs),
      () => ctx.sdk.send({ type: 'verifyReturnUrl', url: changed.href }, ctx.timeoutMs));
  } else {
    for (const id of [SDK_CHECK.verifyReturnUrlGenuine, SDK_CHECK.verifyReturnUrlTampered]) ctx.rec.notApplicable(id, 'the SDK has no return-URL verification helper');
  }

  if (!ctx.supports.verifyIpn) {
    for (const id of [SDK_CHECK.verifyIpnGenuine, SDK_CHECK.verifyIpnTampered]) ctx.rec.notApplicable(id, 'the SDK has no IPN verification helper');
    return;
  }
  ctx.progress('  verifyIpn');
  let ipn = ctx.ipns().find((n) => n.url === ctx.ipnUrl);
  if (ipn === undefined && supportsAction(ctx, 'Pay')) {
    await callSdk(ctx, 'Pay', { SenderTokenId: f.abt.tokenId, TransactionAmount: usd('0.75'), CallerReference: ctx.ref('pay-ipn'), OverrideIPNURL: ctx.ipnUrl }, 'Pay(for an IPN)');
    await ctx.sandbox.process();
    ipn = ctx.ipns().find((n) => n.url === ctx.ipnUrl);
  }
  if (ipn === undefined) {
    for (const id of [SDK_CHECK.verifyIpnGenuine, SDK_CHECK.verifyIpnTampered]) ctx.rec.notTested(id, 'the service delivered no IPN to verify');
    return;
  }
  const params = ipn.params;
  const field = ['transactionStatus', 'transactionId', 'transactionAmount'].find((n) => params[n] !== undefined) ?? Object.keys(params).find((n) => !/^signature/i.test(n))!;
  const changed = { ...params, [field]: tamper(params[field] ?? '') };
  await judge(ctx, SDK_CHECK.verifyIpnGenuine, SDK_CHECK.verifyIpnTampered, 'Ipn',
    () => ctx.sdk.send({ type: 'verifyIpn', endpoint: ipn!.url, params }, ctx.timeoutMs),
    () => ctx.sdk.send({ type: 'verifyIpn', endpoint: ipn!.url, params: changed }, ctx.timeoutMs));
}
