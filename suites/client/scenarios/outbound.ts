// Return URLs and IPNs the kit signs itself in every way a conforming FPS may (suites/client/outbound.ts):
// RSA-SHA1 with a certificateUrl as the seed's samples, Hmac with and without certificateUrl. The SDK
// must accept each genuine one and reject each changed one (R-IPN-3). The kit's service answers
// VerifySignature for them. An SDK that verifies locally may reject the RSA-SHA1 one (the seed does
// not publish what FPS signed, so the kit's string is its own): a warning; rejecting an Hmac one
// without asking VerifySignature refuses a signature R-IPN-3 allows: a failure.
import { RSA_SHA1 } from '../../../spec/sigv2/rsa.ts';
import type { SdkRunContext } from '../context.ts';
import { OUTBOUND_VARIANTS, OutboundSigner, type OutboundVariant } from '../outbound.ts';
import type { SdkOutcome } from '../../../clients/driver-protocol.ts';
import { fixtures, returnUrl } from './fixtures.ts';
import { tamper } from './verify.ts';
import { SDK_CHECK } from '../checks.ts';

const signers = new WeakMap<object, OutboundSigner>();

function signerFor(ctx: SdkRunContext): OutboundSigner {
  let s = signers.get(ctx.service);
  if (s === undefined) {
    s = new OutboundSigner(ctx.endpoint);
    signers.set(ctx.service, s);
    ctx.service.outbound = s;
  }
  return s;
}

const enc = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

async function judge(ctx: SdkRunContext, v: OutboundVariant, what: string, want: boolean, run: () => Promise<SdkOutcome>): Promise<void> {
  const mark = ctx.service.mark();
  const outcome = await run();
  const asked = ctx.service.since(mark).some((s) => s.kind === 'api');
  const label = `[variant ${v.name}] ${what}`;
  if (outcome.kind === 'unsupported') return ctx.rec.unsupported(SDK_CHECK.sdkVerifyHelpers, `${label}: ${outcome.why}`);
  if (outcome.kind === 'broken') return ctx.rec.fail(SDK_CHECK.driverProtocol, `${label}: ${outcome.what}`);
  const valid = outcome.kind === 'ok' && typeof outcome.answer.valid === 'boolean' ? outcome.answer.valid : undefined;
  if (valid === want) return ctx.rec.pass(v.check);
  if (!want && outcome.kind === 'error') return ctx.rec.pass(v.check, `${label}: rejected with an error`);
  const said = valid === undefined ? `answered ${outcome.kind === 'crash' ? `a crash: ${outcome.what}` : outcome.kind === 'error' ? `an error ${JSON.stringify(outcome.error)}` : 'no boolean "valid"'}` : `said ${valid ? 'valid' : 'invalid'}`;
  if (want && !asked && v.method === RSA_SHA1) {
    return ctx.rec.warn(v.check, `${label}: ${said} without asking VerifySignature; the kit's RSA-SHA1 string to sign is its own (the seed publishes none), so only VerifySignature judges it (R-IPN-3)`);
  }
  const how = asked ? '' : ' without asking the service\'s VerifySignature (R-IPN-3 allows this signatureMethod; an SDK that cannot check it locally must ask)';
  ctx.rec.fail(v.check, `${label}: ${said} for a ${want ? 'genuine' : 'changed'} message${how}`);
}

export async function runOutboundVariants(ctx: SdkRunContext): Promise<void> {
  if (!ctx.supports.verifyReturnUrl && !ctx.supports.verifyIpn) {
    for (const c of new Set(OUTBOUND_VARIANTS.map((v) => v.check))) ctx.rec.unsupported(c, 'the SDK has no return-URL or IPN verification helper');
    return;
  }
  const f = await fixtures(ctx);
  const signer = signerFor(ctx);
  for (const v of OUTBOUND_VARIANTS) {
    ctx.progress(`  outbound ${v.name}`);
    if (ctx.supports.verifyReturnUrl) {
      const endpoint = returnUrl(ctx);
      const signed = signer.sign(v, endpoint, { tokenID: f.abt.tokenId, status: 'SC', callerReference: f.abt.callerReference, expiry: '10/2030' });
      const url = (p: Record<string, string>) => `${endpoint}?${Object.entries(p).map(([n, x]) => `${enc(n)}=${enc(x)}`).join('&')}`;
      await judge(ctx, v, 'verifyReturnUrl, genuine', true, () => ctx.sdk.send({ type: 'verifyReturnUrl', url: url(signed) }, ctx.timeoutMs));
      await judge(ctx, v, 'verifyReturnUrl, tokenID changed', false, () => ctx.sdk.send({ type: 'verifyReturnUrl', url: url({ ...signed, tokenID: tamper(signed.tokenID!) }) }, ctx.timeoutMs));
    }
    if (ctx.supports.verifyIpn) {
      const ipn = signer.sign(v, ctx.ipnUrl, {
        notificationType: 'TransactionStatus',
        transactionId: '14GK6BGKA7U6OU6SUTNLBI5SBBV9PGDJ6UL',
        transactionStatus: 'SUCCESS',
        operation: 'PAY',
        transactionAmount: 'USD 1.00',
        callerReference: ctx.ref('ipn'),
        statusCode: 'Success',
        transactionDate: String(Math.floor(Date.now() / 1000)),
      });
      await judge(ctx, v, 'verifyIpn, genuine', true, () => ctx.sdk.send({ type: 'verifyIpn', endpoint: ctx.ipnUrl, params: ipn }, ctx.timeoutMs));
      await judge(ctx, v, 'verifyIpn, transactionStatus changed', false, () => ctx.sdk.send({ type: 'verifyIpn', endpoint: ctx.ipnUrl, params: { ...ipn, transactionStatus: 'FAILURE' } }, ctx.timeoutMs));
    }
  }
}
