// Faults at the HTTP layer during a Pay. A resend must repeat the request (same CallerReference,
// same parameters: R-IDEM-2); a non-retriable error must not be resent (error table, R-WIRE-10);
// nothing may be reported as success that was not one (checked in call.ts for every call).
import { callSdk, describeServed, servedSuccess } from '../call.ts';
import { faultCheckId } from '../checks.ts';
import { supportsAction, type SdkRunContext } from '../context.ts';
import { FAULTS } from '../faults.ts';
import { readParams } from '../request-checks.ts';
import { fixtures, usd } from './fixtures.ts';

/** R-IDEM-2: "the same parameters (all but Signature, SignatureMethod, SignatureVersion, Timestamp)". */
const MAY_CHANGE = new Set(['Signature', 'SignatureMethod', 'SignatureVersion', 'Timestamp']);

export function resendDifferences(first: Record<string, string>, again: Record<string, string>): string[] {
  const names = new Set([...Object.keys(first), ...Object.keys(again)]);
  const out: string[] = [];
  for (const n of [...names].sort()) {
    if (MAY_CHANGE.has(n) || first[n] === again[n]) continue;
    out.push(`${n}: ${JSON.stringify(first[n] ?? '(absent)')} → ${JSON.stringify(again[n] ?? '(absent)')}`);
  }
  return out;
}

export async function runFaults(ctx: SdkRunContext): Promise<void> {
  if (!supportsAction(ctx, 'Pay')) {
    for (const f of FAULTS) ctx.rec.notApplicable(faultCheckId(f.name), 'the SDK does not offer Pay');
    return;
  }
  const { abt } = await fixtures(ctx);
  for (const fault of FAULTS) {
    const id = faultCheckId(fault.name);
    ctx.progress(`  fault ${fault.name}`);
    const started = Date.now();
    ctx.service.arm(fault.name);
    const label = `Pay under ${fault.name}`;
    const call = await callSdk(ctx, 'Pay', { SenderTokenId: abt.tokenId, TransactionAmount: usd('1.25'), CallerReference: ctx.ref(`fault-${fault.name}`) }, label, { faulted: true });
    ctx.service.arm(undefined);
    ctx.rec.time(id, Date.now() - started);
    if (call.outcome.kind === 'broken') {
      ctx.rec.notTested(id, `the driver failed: ${call.outcome.what}`);
      continue;
    }
    if (call.served.length === 0) {
      ctx.rec.notTested(id, `the SDK sent no request (${call.outcome.kind})`);
      continue;
    }
    const sent = call.served.map((s) => readParams(s.request));
    const first = sent[0];
    const problems: string[] = [];
    if (!fault.retriable && call.served.length > 1) {
      problems.push(`resent ${call.served.length - 1} time(s) after a non-retriable ${fault.error?.code ?? fault.name} (the error table marks it not retriable)`);
    }
    if (first?.ok) {
      sent.slice(1).forEach((again, i) => {
        if (!again.ok) return;
        const diff = resendDifferences(first.params, again.params);
        if (diff.length > 0) problems.push(`resend #${i + 1} changed ${diff.join(', ')} (R-IDEM-2: a resend repeats CallerReference and every parameter)`);
      });
    }
    if (call.outcome.kind === 'ok' && !call.served.some(servedSuccess)) {
      problems.push('reported success although no genuine success was served');
    }
    // The SDK must keep working after the fault: an ordinary Pay right after it (checked like any call).
    const probe = await callSdk(ctx, 'Pay', { SenderTokenId: abt.tokenId, TransactionAmount: usd('0.10'), CallerReference: ctx.ref(`after-${fault.name}`) }, `Pay after ${fault.name}`);
    const probeServedOk = probe.served.some(servedSuccess);
    if (probeServedOk && probe.outcome.kind !== 'ok') {
      const what = probe.outcome.kind === 'crash' ? probe.outcome.what : probe.outcome.kind === 'error' ? JSON.stringify(probe.outcome.error) : probe.outcome.kind;
      problems.push(`the next Pay was served a success, but the SDK reported ${probe.outcome.kind}: ${what} (it does not recover from this fault)`);
    }
    const story = `${call.served.map(describeServed).join(' → ')}; the SDK reported ${call.outcome.kind === 'ok' ? 'success' : call.outcome.kind}`;
    if (problems.length > 0) ctx.rec.fail(id, `${problems.join('; ')} [${story}]`, [...call.transcript, ...probe.transcript]);
    else ctx.rec.pass(id, story);
  }
}
