// R-AUTH-5: "A request that fails authentication changes nothing: no transaction, no token use, no
// CallerReference consumed." A Pay with a bad Signature, then a good Pay with the same
// CallerReference (other amount) on the same SingleUse token: the good one must be processed as new
// (not DuplicateRequest, R-IDEM-3; not TokenUsageError, R-TOK-6).
import { randomBytes } from 'node:crypto';
import { signCbuiUrl } from '../spec/sigv2/index.ts';
import type { CheckOutcome } from '../harness/property.ts';
import type { SuiteContext } from '../harness/suite.ts';
import { withParam } from '../harness/wire-edit.ts';
import type { ErrorCode } from '../spec/catalogue/errors.ts';
import { creds, describeCall, DUPLICATE_REQUEST, judgeRejected, TOKEN_USAGE_ERROR, WRONG_SIGNATURE } from './stateless-common.ts';

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

export async function rejectedRequestChangesNothing(ctx: SuiteContext): Promise<CheckOutcome> {
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
  const refused = await ctx.fps.call('Pay', pay('1.00'), keys, {
    label: 'Pay 1.00 with a bad Signature',
    tamper: (req) => withParam(req, 'Signature', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='),
  });
  const firstProblem = judgeRejected(refused, WRONG_SIGNATURE, 'R-AUTH-2', 'a Pay with a bad Signature');
  if (firstProblem) return { status: 'fail', message: firstProblem };
  const good = await ctx.fps.call('Pay', pay('2.00'), keys, { label: 'Pay 2.00, same CallerReference, correctly signed' });
  const d = good.decoded;
  if (d?.kind === 'malformed') return { status: 'fail', requirements: ['R-WIRE-3'], message: `R-WIRE-3: the correctly signed Pay was answered with a malformed document: ${d.problems.join('; ')}` };
  if (d?.kind === 'result') return { status: 'pass', message: 'R-AUTH-5: after a Pay refused for its signature, a good Pay with the same CallerReference and token was processed as new' };
  if (d?.kind === 'error' && CONSUMED.includes(d.code as ErrorCode)) {
    return {
      status: 'fail',
      message: `R-AUTH-5: a Pay refused with SignatureDoesNotMatch must change nothing, yet the next Pay with the same CallerReference and token answered ${d.code}: the refused request ${DUPLICATE_REQUEST.includes(d.code as ErrorCode) ? 'consumed its CallerReference' : 'used the token'}`,
    };
  }
  return { status: 'not-tested', message: `not testable: the correctly signed Pay was answered ${describeCall(good)}, so whether the refused one changed anything cannot be seen` };
}
