// One SDK call with everything the kit checks around it: the requests it caused (request checks),
// and what the SDK told its caller compared with what was served (answer checks).
import type { Exchange } from '../../core/wire.ts';
import type { SdkRunContext } from './context.ts';
import type { CallParams, SdkOutcome } from '../../clients/driver-protocol.ts';
import { checkApiRequest, checkSentAsCalled, type RequestFacts } from './request-checks.ts';
import { checkAnswer } from './answer-checks.ts';
import type { Served } from './service.ts';
import { noteSigning, noteSpaces } from './signing.ts';
import { SDK_CHECK } from './checks.ts';

export { describeServed, sameValue, servedSuccess } from './answer-checks.ts';

/** Per-request checks that pass when a request shows no violation of them. */
const REQUEST_CHECK_IDS = [
  SDK_CHECK.requestWireForm,
  SDK_CHECK.requestSignature,
  SDK_CHECK.requestCommonParameters,
  SDK_CHECK.requestVersion,
  SDK_CHECK.requestTimestamp,
  SDK_CHECK.requestActionDocumented,
  SDK_CHECK.requestParameterNames,
  SDK_CHECK.requestRequiredParameters,
  SDK_CHECK.requestAmounts,
  SDK_CHECK.requestParametersAsCalled,
] as const;

/** Checks answer-checks file observations under; a variant call files them under its own row. */
const ANSWER_SIDE = /^(answer\/(result-fields|error-surfaced|no-false-success)|sdk\/calls-complete)$/;

export interface CallRecord {
  action: string;
  params: CallParams;
  label: string;
  outcome: SdkOutcome;
  /** API exchanges this call caused, in order */
  served: Served[];
  facts: RequestFacts[];
  transcript: Exchange[];
}

export interface CallOptions {
  /** the kit expects a fault on the first request: a crash or transport error is then no defect */
  faulted?: boolean;
  /** the call leaves out optional parameters: a refusal is an optional-omittable failure */
  minimal?: boolean;
  /** the answer is a named variant (suites/client/variants.ts): what the SDK makes of it is judged on the variant's row */
  variant?: { check: string; name: string; /** judged on the variant's row only when the exchanges show it was served */ applies?: (served: Served[]) => boolean };
}

export async function callSdk(ctx: SdkRunContext, action: string, params: CallParams, label: string, options: CallOptions = {}): Promise<CallRecord> {
  // every exchange this call causes is recorded under its label
  const mark = ctx.service.mark(label);
  const outcome = await ctx.sdk.send({ type: 'call', action, params }, ctx.timeoutMs);
  ctx.service.mark();
  const served = ctx.service.since(mark).filter((s) => s.kind === 'api');
  const transcript = served.map((s) => ctx.service.exchangeOf(s));
  const record: CallRecord = { action, params, label, outcome, served, facts: [], transcript };
  checkRequests(ctx, record);
  // R-WIRE-8: a call with only the required parameters went on the wire
  if (options.minimal && served.length > 0) ctx.rec.pass(SDK_CHECK.requestOptionalOmittable);
  const v = options.variant !== undefined && (options.variant.applies?.(served) ?? true) ? options.variant : undefined;
  const answerCtx = v === undefined ? ctx : { ...ctx, rec: ctx.rec.redirect((id) => (ANSWER_SIDE.test(id) ? v.check : undefined), `[${describeVariant(record, v.name)}] `) };
  checkAnswer(answerCtx, record, options);
  return record;
}

/** The variant as served (the service records each answer's own variant name). */
function describeVariant(call: CallRecord, fallback: string): string {
  const names = [...new Set(call.served.map((s) => s.variant).filter((n): n is string => n !== undefined))];
  return names.length > 0 ? `variant ${names.join(', ')}` : `variant ${fallback}`;
}

const secretFor = (ctx: SdkRunContext) => (key: string): string | undefined => (key === ctx.caller.accessKeyId ? ctx.caller.secretAccessKey : undefined);

function checkRequests(ctx: SdkRunContext, call: CallRecord): void {
  const { rec } = ctx;
  const configured = new URL(ctx.endpoint);
  for (const s of call.served) {
    const facts = checkApiRequest(s.request, secretFor(ctx));
    if (facts.params !== undefined) facts.violations.push(...checkSentAsCalled(call.action, call.params, facts.params));
    call.facts.push(facts);
    const ex = [ctx.service.exchangeOf(s)];
    for (const id of REQUEST_CHECK_IDS) {
      const broken = facts.violations.filter((v) => v.check === id);
      if (broken.length === 0) {
        if (facts.params !== undefined || id === SDK_CHECK.requestWireForm) rec.pass(id);
      } else {
        for (const b of broken) rec.fail(id, `${call.label}: ${b.detail}`, ex, b.rules);
      }
    }
    if (call.action === 'VerifySignature' && facts.params !== undefined && !facts.violations.some((x) => x.check === SDK_CHECK.requestVerifySignatureSigned)) rec.pass(SDK_CHECK.requestVerifySignatureSigned);
    for (const b of facts.violations.filter((x) => x.check === SDK_CHECK.requestVerifySignatureSigned)) rec.fail(b.check, `${call.label}: ${b.detail}`, ex, b.rules);
    if (facts.params !== undefined && !facts.violations.some((x) => x.check === SDK_CHECK.requestSignature || x.check === SDK_CHECK.requestVerifySignatureSigned)) {
      noteSigning(ctx.service, 'api', facts.hostForm ?? 'no-port');
    }
    if (facts.spaces !== undefined) noteSpaces(ctx.service, facts.spaces.sent, facts.spaces.signed);
    if (facts.style !== undefined) rec.info(SDK_CHECK.requestStyle, `${facts.style} (R-WIRE-1 accepts GET, POST-form and POST-query)`);
    if (facts.hostForm !== undefined) {
      rec.info(SDK_CHECK.requestSignatureHost, `signs the Host ${facts.hostForm === 'without-port' ? 'without its port, while sending it (R-AUTH-1b: accepted)' : 'with its port, as sent'}`);
    }
    // The URL is where the request really went; the Host header is what the client wrote in it.
    const sentTo = new URL(s.request.url);
    const hostHeader = s.request.headers.host ?? sentTo.host;
    if (hostHeader !== sentTo.host && facts.hostForm === undefined && !facts.violations.some((x) => x.check === SDK_CHECK.requestSignature)) {
      rec.info(SDK_CHECK.requestSignatureHost, `sends Host ${JSON.stringify(hostHeader)} to ${sentTo.host} (no port in the header) and signs that header as sent (R-AUTH-1)`);
    }
    if (!/:\d+$/.test(hostHeader) && !/:\d+$/.test(sentTo.host)) rec.info(SDK_CHECK.requestSignatureHost, 'no port in the Host header or the URL: R-AUTH-1b does not arise');
    if (sentTo.host === configured.host && sentTo.pathname === configured.pathname) rec.pass(SDK_CHECK.requestEndpoint);
    else rec.warn(SDK_CHECK.requestEndpoint, `${call.label}: sent to ${sentTo.host}${sentTo.pathname}, configured ${configured.host}${configured.pathname}`, ex);
  }
}
