// Co-Branded UI URLs the SDK builds (R-TOK-1): signed correctly (names are not case-sensitive,
// R-WIRE-2), every required parameter present, and values arriving exactly as given.
import { CBUI_COMMON_PARAMS, PIPELINE_SPECS } from '../../../spec/catalogue/pipelines.ts';
import { verifyCbuiUrl } from '../../../spec/sigv2/index.ts';
import { PIPELINES, type PipelineName } from '../../../spec/types.ts';
import { parseForm } from '../../../spec/wire/form.ts';
import type { SdkRunContext } from '../context.ts';
import { cbuiHostForm, noteSigning, reportSigning } from '../signing.ts';
import { fixtures, returnUrl } from './fixtures.ts';
import { SDK_CHECK } from '../checks.ts';

const AWKWARD_REASON = 'Tea & cake for 2 ~ 50% off/now (café)';

/** Values for the parameters each pipeline requires (R-TOK-1), plus a reason that needs encoding. */
function paramsFor(ctx: SdkRunContext, pipeline: PipelineName, tokenId: string): Record<string, string> {
  const values: Record<string, string> = {
    callerReference: ctx.ref(`cbui-${pipeline}`),
    transactionAmount: '5.00',
    globalAmountLimit: '100.00',
    recurringPeriod: '1 Month',
    tokenID: tokenId,
  };
  const spec = PIPELINE_SPECS[pipeline];
  const out: Record<string, string> = { returnURL: `${returnUrl(ctx)}?from=sdk&order=7` };
  for (const p of spec.params) {
    if (p.required === 'yes' && values[p.name] !== undefined) out[p.name] = values[p.name]!;
    if (p.name === 'paymentReason') out.paymentReason = AWKWARD_REASON;
  }
  return out;
}

export async function runCbui(ctx: SdkRunContext): Promise<void> {
  try {
    await buildUrls(ctx);
  } finally {
    // API requests were measured by the calls; Co-Branded URLs here (request/signing-hosts)
    reportSigning(ctx.service, ctx.rec);
  }
}

async function buildUrls(ctx: SdkRunContext): Promise<void> {
  const offered = PIPELINES.filter((p) => ctx.supports.pipelines.includes(p));
  if (offered.length === 0) {
    for (const id of [SDK_CHECK.cbuiSignature, SDK_CHECK.cbuiRequiredParameters, SDK_CHECK.cbuiValuesAsGiven, SDK_CHECK.cbuiEndpoint]) ctx.rec.notApplicable(id, 'the SDK builds no Co-Branded URLs (hello.supports.pipelines is empty)');
    return;
  }
  const { abt } = await fixtures(ctx);
  for (const pipeline of offered) {
    const label = `cbuiUrl(${pipeline})`;
    ctx.progress(`  ${label}`);
    const given = paramsFor(ctx, pipeline, abt.tokenId);
    const outcome = await ctx.sdk.send({ type: 'cbuiUrl', pipeline, params: given }, ctx.timeoutMs);
    if (outcome.kind === 'broken') {
      ctx.rec.fail(SDK_CHECK.driverProtocol, `${label}: ${outcome.what}`);
      continue;
    }
    if (outcome.kind === 'unsupported') {
      ctx.rec.unsupported(`sdk/pipeline-${pipeline}`, `${label}: ${outcome.why}`, [`PIPELINE-${pipeline}`]);
      continue;
    }
    if (outcome.kind !== 'ok' || typeof outcome.answer.url !== 'string') {
      const what = outcome.kind === 'crash' ? outcome.what : outcome.kind === 'error' ? JSON.stringify(outcome.error) : 'no url in the answer';
      ctx.rec.fail(SDK_CHECK.callsComplete, `${label}: the SDK could not build the URL: ${what}`, undefined, [`PIPELINE-${pipeline}`]);
      continue;
    }
    const url = outcome.answer.url;
    ctx.rec.pass(`sdk/pipeline-${pipeline}`);
    checkCbuiUrl(ctx, pipeline, url, given, label);
  }
}

export function checkCbuiUrl(ctx: SdkRunContext, pipeline: PipelineName, url: string, given: Record<string, string>, label: string): void {
  const { rec } = ctx;
  const rules = [`PIPELINE-${pipeline}`];
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    rec.fail(SDK_CHECK.cbuiSignature, `${label}: not an absolute URL: ${url}`, undefined, rules);
    return;
  }
  const form = parseForm(u.search.replace(/^\?/, ''));
  if (!form.ok) {
    rec.fail(SDK_CHECK.cbuiValuesAsGiven, `${label}: the query cannot be read: ${form.problem}`, undefined, rules);
    return;
  }
  const lookup = (name: string): string | undefined => form.pairs.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

  const sig = verifyCbuiUrl(url, ctx.caller.secretAccessKey);
  if (sig.valid) noteSigning(ctx.service, 'cbui', cbuiHostForm(url, ctx.caller.secretAccessKey));
  if (sig.valid) rec.pass(SDK_CHECK.cbuiSignature);
  else if (!sig.signed) rec.info(SDK_CHECK.cbuiSignature, `${label}: unsigned (R-TOK-1: an unsigned Co-Branded request is served)`);
  else rec.fail(SDK_CHECK.cbuiSignature, `${label}: ${sig.problem ?? 'signature does not match'} — ${url}`, undefined, rules);

  const required = [...CBUI_COMMON_PARAMS, ...PIPELINE_SPECS[pipeline].params].filter((p) => p.required === 'yes').map((p) => p.name);
  const missing = required.filter((n) => lookup(n) === undefined);
  if (lookup('pipelineName') !== undefined && lookup('pipelineName') !== pipeline) missing.push(`pipelineName=${pipeline} (URL says ${lookup('pipelineName')})`);
  if (lookup('callerKey') !== undefined && lookup('callerKey') !== ctx.caller.accessKeyId) missing.push('callerKey = the configured AWSAccessKeyId');
  if (missing.length > 0) rec.fail(SDK_CHECK.cbuiRequiredParameters, `${label}: missing ${missing.join(', ')}`, undefined, rules);
  else rec.pass(SDK_CHECK.cbuiRequiredParameters);

  // R-WIRE-2: Co-Branded names are not case-sensitive, so two spellings of one name are one parameter twice
  const seen = new Map<string, string[]>();
  for (const [n] of form.pairs) seen.set(n.toLowerCase(), [...(seen.get(n.toLowerCase()) ?? []), n]);
  const twice = [...seen.values()].filter((names) => names.length > 1).map((names) => `${names.join(' and ')} (one parameter: names are not case-sensitive)`);
  const changed = Object.entries(given)
    .filter(([n, v]) => lookup(n) !== v)
    .map(([n, v]) => `${n}: gave ${JSON.stringify(v)}, URL carries ${JSON.stringify(lookup(n) ?? '(absent)')}`);
  if (changed.length + twice.length > 0) rec.fail(SDK_CHECK.cbuiValuesAsGiven, `${label}: ${[...twice.map((t) => `sent twice: ${t}`), ...changed].join('; ')}`, undefined, rules);
  else rec.pass(SDK_CHECK.cbuiValuesAsGiven);

  const want = new URL(ctx.cbuiEndpoint);
  if (u.host === want.host && u.pathname === want.pathname) rec.pass(SDK_CHECK.cbuiEndpoint);
  else rec.warn(SDK_CHECK.cbuiEndpoint, `${label}: the URL goes to ${u.host}${u.pathname}, not the configured ${want.host}${want.pathname}`);
}
