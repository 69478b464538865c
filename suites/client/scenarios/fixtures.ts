// Tokens the scenarios pay with, installed by the kit as the buyer through the Co-Branded UI.
import type { SdkRunContext } from '../context.ts';
import type { TokenGrant } from '../../../clients/kit-sandbox.ts';
import type { AmountValue } from '../../../clients/driver-protocol.ts';
import type { Served } from '../service.ts';

export interface Fixtures {
  /** MultiUse, ABT: Pay completes synchronously (R-PAY-1) */
  abt: TokenGrant & { tokenId: string; callerReference: string };
  /** MultiUse, CC: Reserve needs a credit card (R-PAY-2) */
  cc: TokenGrant & { tokenId: string; callerReference: string };
}

export const usd = (value: string): AmountValue => ({ Value: value, CurrencyCode: 'USD' });

export function returnUrl(ctx: SdkRunContext): string {
  return `${new URL(ctx.endpoint).origin}/return`;
}

export async function multiUse(ctx: SdkRunContext, instrument: 'ABT' | 'CC', limit = '100000.00'): Promise<TokenGrant & { tokenId: string; callerReference: string }> {
  const callerReference = ctx.ref(`token-${instrument}`);
  const grant = await ctx.sandbox.token(
    ctx.caller,
    'MultiUse',
    { callerReference, globalAmountLimit: limit, paymentMethod: instrument, returnURL: returnUrl(ctx) },
    { email: ctx.sender.email, instrument },
  );
  if (grant.tokenId === undefined) throw new Error(`the Co-Branded UI made no ${instrument} token (status ${grant.status})`);
  return { ...grant, tokenId: grant.tokenId, callerReference };
}

/** one set per run (keyed by its context), installed on first use */
const cached = new WeakMap<SdkRunContext, Promise<Fixtures>>();

export function fixtures(ctx: SdkRunContext): Promise<Fixtures> {
  // first use in a run: replay lines carry the seed, and the service may re-sign deviating requests
  ctx.rec.seed = ctx.seed;
  ctx.service.trust(ctx.caller);
  let f = cached.get(ctx);
  if (f === undefined) {
    f = (async () => ({ abt: await multiUse(ctx, 'ABT'), cc: await multiUse(ctx, 'CC') }))();
    cached.set(ctx, f);
  }
  return f;
}

/** The id a successful call was served (the backend's word, not the SDK's). */
export function servedField(served: readonly Served[], name: string): string | undefined {
  for (let i = served.length - 1; i >= 0; i--) {
    const s = served[i]!;
    if (s.genuine && s.answer?.kind === 'result') return s.answer.fields[name];
  }
  return undefined;
}
