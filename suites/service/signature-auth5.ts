// R-AUTH-5: "A request that fails authentication changes nothing: no transaction, no token use, no
// CallerReference consumed." A Pay refused for a bad Signature, a stale Timestamp or SignatureVersion
// 1, then a good Pay with the same CallerReference (other amount) on the same SingleUse token: the
// good one must be processed as new (not DuplicateRequest, R-IDEM-3; not TokenUsageError, R-TOK-6).
import { randomBytes } from 'node:crypto';
import { signCbuiUrl } from '../../spec/sigv2/index.ts';
import type { CheckOutcome } from '../../core/property.ts';
import type { SuiteContext } from '../../core/suite.ts';
import { withParam } from '../../spec/wire/request-params.ts';
import type { ErrorCode } from '../../spec/catalogue/errors.ts';
import type { WireRequest } from '../../core/wire.ts';
import { BAD_SIGNATURE_SCHEME, creds, describeCall, DUPLICATE_REQUEST, judgeRejected, STALE_TIMESTAMP, TOKEN_USAGE_ERROR, WRONG_SIGNATURE } from './stateless-common.ts';

/** What the good Pay answers if the refused one was wrongly processed (R-IDEM-3, R-TOK-6). */
const CONSUMED: readonly ErrorCode[] = [...DUPLICATE_REQUEST, ...TOKEN_USAGE_ERROR];

/** A SingleUse token through the Co-Branded UI, the buyer approving with ABT (R-TOK-1, R-TOK-2). */
export async function singleUseToken(ctx: SuiteContext, amount: string): Promise<{ tokenId: string } | { notTestable: string }> {
  const sandbox = ctx.sandbox!;
  const keys = creds(ctx);
  if (!ctx.discovery?.cbui) return { notTestable: 'the target declares no Co-Branded UI endpoint in /_sandbox' };
  const sender = await sandbox.createAccount('sender', ['ABT', 'CC', 'ACH']);
  const url = signCbuiUrl(
    ctx.discovery.cbui,
    {
      callerKey: keys.accessKeyId,
      pipelineName: 'SingleUse',
      returnURL: 'http://127.0.0.1/fps-conformance/return',
      callerReference: `fpsck-token-${randomBytes(8).toString('hex')}`,
      transactionAmount: amount,
    },
    keys.secretAccessKey,
  );
  const answer = await sandbox.cbui(url, { email: sender.email, decision: 'approve', instrument: 'ABT' });
  const location = answer.location;
  if (answer.status !== 302 || !location) return { notTestable: `the Co-Branded UI answered HTTP ${answer.status} without a redirect, so no token could be made` };
  const q = new URL(location, ctx.target.baseUrl).searchParams;
  const tokenId = [...q.entries()].find(([n]) => n.toLowerCase() === 'tokenid')?.[1];
  if (!tokenId) return { notTestable: `the Co-Branded UI redirect carries no tokenID (status ${[...q.entries()].find(([n]) => n.toLowerCase() === 'status')?.[1] ?? 'absent'})` };
  return { tokenId };
}

/** Ways a Pay fails authentication (R-AUTH-2, R-AUTH-3, R-AUTH-4), each with the codes that refuse it. */
interface Refusal {
  label: string;
  rule: string;
  codes: readonly ErrorCode[];
  /** the CallOptions that make the Pay fail authentication, given the target clock (epoch ms) */
  options(now: number | undefined): { tamper?: (req: WireRequest) => WireRequest; timestamp?: string; params?: Record<string, string> } | undefined;
}

const MINUTE = 60_000;
const REFUSALS: readonly Refusal[] = [
  { label: 'a bad Signature', rule: 'R-AUTH-2', codes: WRONG_SIGNATURE, options: () => ({ tamper: (req) => withParam(req, 'Signature', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=') }) },
  // 17 minutes: clear of the 60 s band around 15 minutes
  { label: 'a Timestamp 17 minutes old', rule: 'R-AUTH-4', codes: STALE_TIMESTAMP, options: (now) => (now === undefined ? undefined : { timestamp: new Date(now - 17 * MINUTE).toISOString() }) },
  { label: 'SignatureVersion 1', rule: 'R-AUTH-3', codes: BAD_SIGNATURE_SCHEME, options: () => ({ params: { SignatureVersion: '1' } }) },
];

/** One refusal: a refused Pay, then a good one with the same CallerReference on the same SingleUse token. */
async function afterRefusal(ctx: SuiteContext, r: Refusal): Promise<CheckOutcome> {
  const token = await singleUseToken(ctx, '5.00');
  if ('notTestable' in token) return { status: 'not-tested', message: `not testable: ${token.notTestable}` };
  const callerReference = `fpsck-auth5-${randomBytes(8).toString('hex')}`;
  const pay = (value: string) => ({
    SenderTokenId: token.tokenId,
    'TransactionAmount.Value': value,
    'TransactionAmount.CurrencyCode': 'USD',
    CallerReference: callerReference,
  });
  const keys = creds(ctx);
  const now = ctx.sandbox && ctx.discovery?.clock ? await ctx.sandbox.now() : undefined;
  const how = r.options(now);
  if (!how) return { status: 'not-tested', message: `not testable: ${r.label} needs the target clock (no sandbox clock)` };
  const refused = await ctx.fps.call('Pay', { ...pay('1.00'), ...(how.params ?? {}) }, keys, {
    label: `Pay 1.00 with ${r.label}`,
    ...(how.tamper ? { tamper: how.tamper } : {}),
    ...(how.timestamp ? { timestamp: how.timestamp } : {}),
  });
  const firstProblem = judgeRejected(refused, r.codes, r.rule, `a Pay with ${r.label}`);
  if (firstProblem) return { status: 'fail', message: firstProblem };
  const good = await ctx.fps.call('Pay', pay('2.00'), keys, { label: 'Pay 2.00, same CallerReference, correctly signed' });
  const d = good.decoded;
  if (d?.kind === 'malformed') return { status: 'fail', requirements: ['R-WIRE-3'], message: `R-WIRE-3: the correctly signed Pay was answered with a malformed document: ${d.problems.join('; ')}` };
  if (d?.kind === 'result') return { status: 'pass', message: `R-AUTH-5: after a Pay refused for ${r.label}, a good Pay with the same CallerReference and token was processed as new` };
  if (d?.kind === 'error' && CONSUMED.includes(d.code as ErrorCode)) {
    return {
      status: 'fail',
      message: `R-AUTH-5: a Pay refused for ${r.label} must change nothing, yet the next Pay with the same CallerReference and token answered ${d.code}: the refused request ${DUPLICATE_REQUEST.includes(d.code as ErrorCode) ? 'consumed its CallerReference' : 'used the token'}`,
    };
  }
  return { status: 'not-tested', message: `not testable: the correctly signed Pay was answered ${describeCall(good)}, so whether the refused one changed anything cannot be seen` };
}

/** R-AUTH-5 for each way to fail authentication: the worst outcome stands, the others are counted. */
export async function rejectedRequestChangesNothing(ctx: SuiteContext): Promise<CheckOutcome> {
  const outcomes: CheckOutcome[] = [];
  for (const r of REFUSALS) {
    const o = await afterRefusal(ctx, r);
    if (o.status === 'fail') return o;
    outcomes.push(o);
  }
  const passed = outcomes.filter((o) => o.status === 'pass');
  if (passed.length === outcomes.length) return { status: 'pass', message: `R-AUTH-5: after a Pay refused for ${REFUSALS.map((r) => r.label).join(', ')}, a good Pay with the same CallerReference and token was processed as new each time` };
  const open = outcomes.find((o) => o.status !== 'pass')!;
  return passed.length > 0 ? { ...open, message: `${open.message ?? ''} (${passed.length} of ${outcomes.length} refusals checked and held)` } : open;
}
