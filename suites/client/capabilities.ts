// Capability rows: every documented action and pipeline the driver's hello leaves out, and every
// `unsupported` answer, is a first-class "not supported by the SDK" row (status unsupported), in every
// report and in the coverage figures; `--fail-on unsupported` makes it gate. Plus reading hello's
// `sdk.notes`, which may be a string or a list.
import { ACTIONS, PIPELINES } from '../../spec/types.ts';
import type { SdkRunContext } from './context.ts';
import { SDK_CHECK } from './checks.ts';

/** Rows for what hello declares (actions, verify helpers); pipelines are recorded by the cbui scenario. */
export function recordDeclaredCapabilities(ctx: SdkRunContext): void {
  for (const a of ACTIONS) {
    if (!ctx.supports.actions.includes(a)) ctx.rec.unsupported(`sdk/action-${a}`, `${a}: left out of hello.supports.actions`, [`ACTION-${a}`]);
  }
  const helpers = [ctx.supports.verifyReturnUrl ? '' : 'return URLs', ctx.supports.verifyIpn ? '' : 'IPNs'].filter(Boolean);
  if (helpers.length > 0) ctx.rec.unsupported(SDK_CHECK.sdkVerifyHelpers, `the SDK cannot verify ${helpers.join(' or ')} (hello.supports)`);
  else ctx.rec.pass(SDK_CHECK.sdkVerifyHelpers, 'verifyReturnUrl and verifyIpn offered');
  const extra = ctx.supports.actions.filter((a) => !(ACTIONS as readonly string[]).includes(a));
  if (extra.length > 0) ctx.rec.info(SDK_CHECK.callsComplete, `hello lists actions the documents do not have: ${extra.join(', ')}`);
}

/** After the calls: an offered action the SDK performed passes its row (an unsupported answer already ranks above). */
export function recordActionOutcome(ctx: SdkRunContext, action: string, outcome: 'done' | 'unsupported', why = ''): void {
  if (!(ACTIONS as readonly string[]).includes(action)) return;
  if (outcome === 'done') ctx.rec.pass(`sdk/action-${action}`);
  else ctx.rec.unsupported(`sdk/action-${action}`, `${action}: ${why}`, [`ACTION-${action}`]);
}

export function recordPipelines(ctx: SdkRunContext): void {
  for (const p of PIPELINES) {
    if (!ctx.supports.pipelines.includes(p)) ctx.rec.unsupported(`sdk/pipeline-${p}`, `${p}: left out of hello.supports.pipelines`, [`PIPELINE-${p}`]);
  }
}

/** `sdk.notes` / `notes` in hello: a string or a list of strings (anything else is shown as JSON). */
export function helloNotes(answer: { notes?: unknown; sdk?: unknown }): string[] {
  const sdk = typeof answer.sdk === 'object' && answer.sdk !== null ? (answer.sdk as { notes?: unknown }).notes : undefined;
  const out: string[] = [];
  for (const n of [answer.notes, sdk]) {
    if (n === undefined || n === null) continue;
    if (typeof n === 'string') out.push(...n.split('\n').filter((l) => l.trim() !== ''));
    else if (Array.isArray(n)) out.push(...n.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))));
    else out.push(JSON.stringify(n));
  }
  return out;
}
