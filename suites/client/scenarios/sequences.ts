// Model-based sequences through the SDK: fast-check picks Pay, Reserve→Settle, Refund, idempotent
// resends and status reads; the served answers come from the model (the reference emulator), and
// every step is held to the request and answer checks. The property: no step breaks a check.
import fc from 'fast-check';
import { callSdk, type CallRecord } from '../call.ts';
import { supportsAction, type SdkRunContext } from '../context.ts';
import { SDK_CHECK, sdkRecorder } from '../checks.ts';
import type { CallParams } from '../../../clients/driver-protocol.ts';
import { RESULT_VARIANTS } from '../variants.ts';
import { seededPick } from './answers.ts';
import { fixtures, returnUrl, servedField, usd } from './fixtures.ts';

/** Request deviations are their own root causes: a sequence is judged on what the SDK makes of the answers. */
const behaviour = (id: string): boolean => !id.startsWith('request/');
const CHECK = SDK_CHECK.sequences;
/** At most this many shrink steps: each one drives the SDK through a whole sequence again. */
const MAX_SHRINK_RUNS = 40;

type Cmd =
  | { kind: 'Pay'; cents: number }
  | { kind: 'ReserveSettle'; cents: number; settleAll: boolean }
  | { kind: 'Refund'; of: number; all: boolean }
  | { kind: 'Resend'; of: number }
  | { kind: 'Status'; of: number };

const money = (cents: number): string => (cents / 100).toFixed(2);

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ kind: fc.constant('Pay' as const), cents: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ kind: fc.constant('ReserveSettle' as const), cents: fc.integer({ min: 2, max: 2000 }), settleAll: fc.boolean() }),
  fc.record({ kind: fc.constant('Refund' as const), of: fc.nat(), all: fc.boolean() }),
  fc.record({ kind: fc.constant('Resend' as const), of: fc.nat() }),
  fc.record({ kind: fc.constant('Status' as const), of: fc.nat() }),
);

interface Done {
  action: 'Pay' | 'Settle';
  params: CallParams;
  transactionId: string;
  cents: number;
  refunded: number;
}

export async function runSequences(ctx: SdkRunContext): Promise<void> {
  const needed = ['Pay', 'Reserve', 'Settle', 'Refund', 'GetTransactionStatus'].filter((a) => !supportsAction(ctx, a));
  if (!supportsAction(ctx, 'Pay')) {
    ctx.rec.notApplicable(CHECK, 'the SDK does not offer Pay');
    return;
  }
  const f = await fixtures(ctx);
  const { tokenId: sdkTokenId, note: tokenNote } = await tokenThroughSdk(ctx);
  let lastLines: string[] = [];
  let lastTranscript: CallRecord['transcript'] = [];
  const started = Date.now();

  // every answer in a seeded conforming dress (recorded on each exchange as its variant)
  const pick = seededPick(ctx.seed ^ 0x5eed);
  ctx.service.restyleWith((action) => pick([undefined, ...RESULT_VARIANTS.filter((v) => v.actions.includes(action as never))]));
  try {
    await property();
  } finally {
    ctx.service.restyleWith(undefined);
  }

  async function property(): Promise<void> {
  // After the first failing sequence fast-check shrinks it. The verdicts of the other checks come from
  // the sequences as generated: what a shrink step observes goes to a scratch recorder, and only its
  // sequence and transcript (the shrunk counterexample) are kept.
  let failures = 0;
  let shrinkRuns = 0;
  const prop = fc.asyncProperty(fc.array(cmdArb, { minLength: 1, maxLength: 6 }), async (cmds) => {
    const shrinking = failures > 0;
    if (shrinking && ++shrinkRuns > MAX_SHRINK_RUNS) return true;
    const run1 = shrinking ? { ...ctx, rec: sdkRecorder() } : ctx;
    const failsBefore = run1.rec.failCount(behaviour);
    const done: Done[] = [];
    const lines: string[] = [];
    const transcript: CallRecord['transcript'] = [];
    const run = async (action: string, params: CallParams, label: string): Promise<CallRecord> => {
      const r = await callSdk(run1, action, params, label);
      transcript.push(...r.transcript);
      return r;
    };
    for (const cmd of cmds) {
      const n = lines.length + 1;
      if (cmd.kind === 'Pay') {
        const params = { SenderTokenId: sdkTokenId ?? f.abt.tokenId, TransactionAmount: usd(money(cmd.cents)), CallerReference: ctx.ref('seq-pay') };
        lines.push(`#${n} Pay(${money(cmd.cents)} USD)`);
        const r = await run('Pay', params, lines[lines.length - 1]!);
        const id = servedField(r.served, 'TransactionId');
        if (id !== undefined) done.push({ action: 'Pay', params, transactionId: id, cents: cmd.cents, refunded: 0 });
      } else if (cmd.kind === 'ReserveSettle') {
        if (!supportsAction(ctx, 'Reserve') || !supportsAction(ctx, 'Settle')) continue;
        lines.push(`#${n} Reserve(${money(cmd.cents)} USD) then Settle(${cmd.settleAll ? 'all' : 'half'})`);
        const r = await run('Reserve', { SenderTokenId: f.cc.tokenId, TransactionAmount: usd(money(cmd.cents)), CallerReference: ctx.ref('seq-reserve') }, lines[lines.length - 1]!);
        const id = servedField(r.served, 'TransactionId');
        if (id === undefined) continue;
        await ctx.sandbox.process();
        const settleCents = cmd.settleAll ? cmd.cents : Math.max(1, Math.floor(cmd.cents / 2));
        const params: CallParams = cmd.settleAll ? { ReserveTransactionId: id } : { ReserveTransactionId: id, TransactionAmount: usd(money(settleCents)) };
        const s = await run('Settle', params, `#${n} Settle`);
        await ctx.sandbox.process();
        if (servedField(s.served, 'TransactionId') !== undefined) done.push({ action: 'Settle', params, transactionId: id, cents: settleCents, refunded: 0 });
      } else if (cmd.kind === 'Refund') {
        const target = done.filter((d) => d.refunded < d.cents)[cmd.of % Math.max(1, done.length)];
        if (target === undefined || !supportsAction(ctx, 'Refund')) continue;
        const cents = cmd.all ? target.cents - target.refunded : Math.max(1, Math.floor((target.cents - target.refunded) / 2));
        lines.push(`#${n} Refund(${target.transactionId}, ${cmd.all ? 'all that remains' : `${money(cents)} USD`})`);
        const params: CallParams = cmd.all ? { TransactionId: target.transactionId, CallerReference: ctx.ref('seq-refund') } : { TransactionId: target.transactionId, CallerReference: ctx.ref('seq-refund'), RefundAmount: usd(money(cents)) };
        const r = await run('Refund', params, lines[lines.length - 1]!);
        if (servedField(r.served, 'TransactionId') !== undefined) target.refunded += cents;
        await ctx.sandbox.process();
      } else if (cmd.kind === 'Resend') {
        const pays = done.filter((d) => d.action === 'Pay');
        const original = pays[cmd.of % Math.max(1, pays.length)];
        if (original === undefined) continue;
        lines.push(`#${n} Pay again with the same CallerReference and parameters (R-IDEM-2)`);
        const r = await run('Pay', original.params, lines[lines.length - 1]!);
        const again = servedField(r.served, 'TransactionId');
        if (again !== undefined && again !== original.transactionId) run1.rec.fail(CHECK, `${lines[lines.length - 1]}: served TransactionId ${again}, the original was ${original.transactionId}`, r.transcript, ['R-IDEM-2']);
      } else if (cmd.kind === 'Status') {
        const target = done[cmd.of % Math.max(1, done.length)];
        if (target === undefined || !supportsAction(ctx, 'GetTransactionStatus')) continue;
        lines.push(`#${n} GetTransactionStatus(${target.transactionId})`);
        await run('GetTransactionStatus', { TransactionId: target.transactionId }, lines[lines.length - 1]!);
      }
    }
    const ok = run1.rec.failCount(behaviour) === failsBefore;
    if (!ok) {
      failures++;
      lastLines = lines;
      lastTranscript = transcript;
    }
    return ok;
  });

  // a replay runs exactly the case its path names, without shrinking it again
  const replayPath = ctx.replay?.checkId === CHECK ? ctx.replay.path : undefined;
  // only a real --time-limit interrupts (an unbounded deadline is not a time to pass to timers)
  const limit = replayPath === undefined && ctx.deadline < Number.MAX_SAFE_INTEGER ? { interruptAfterTimeLimit: Math.max(1, ctx.deadline - Date.now()), markInterruptAsFailure: false } : {};
  const result = await fc.check(prop, { seed: ctx.seed, numRuns: ctx.runs, ...limit, ...(replayPath !== undefined ? { path: replayPath, endOnFailure: true } : {}) });
  ctx.rec.numRuns(CHECK, result.numRuns);
  ctx.rec.time(CHECK, Date.now() - started);
  if (result.failed) {
    const shrunk = result.numShrinks > 0 ? ` (shrunk in ${result.numShrinks} step${result.numShrinks === 1 ? '' : 's'})` : '';
    ctx.rec.fail(CHECK, `a sequence broke a check (see the other failures)${shrunk}: ${lastLines.join('; ')}`, lastTranscript.slice(-8));
    ctx.rec.counterexample(CHECK, lastLines, { seed: ctx.seed, ...(result.counterexamplePath ? { path: result.counterexamplePath } : {}) });
  } else if (result.interrupted && result.numRuns === 0) {
    // nothing was checked: never a pass
    ctx.rec.notTested(CHECK, 'time limit reached before the first case');
  } else {
    const stopped = result.interrupted ? ` (stopped by the time limit after ${result.numRuns} runs)` : '';
    const token = sdkTokenId !== undefined ? `; Pay used a MultiUse token installed through the SDK's own Co-Branded URL` : `; Pay used a token the kit installed (${tokenNote})`;
    ctx.rec.pass(CHECK, `${result.numRuns} sequences${stopped}${needed.length > 0 ? ` (the SDK does not offer ${needed.join(', ')})` : ''}${token}`);
  }
  }
}

/**
 * When the SDK builds Co-Branded URLs for the configured endpoint, the sequences pay with a token
 * installed through one of them (the kit opens it as the buyer). Otherwise the kit's own token is used.
 */
async function tokenThroughSdk(ctx: SdkRunContext): Promise<{ tokenId?: string; note: string }> {
  if (!ctx.supports.pipelines.includes('MultiUse')) return { note: 'the SDK builds no MultiUse Co-Branded URL' };
  const out = await ctx.sdk.send({ type: 'cbuiUrl', pipeline: 'MultiUse', params: { callerReference: ctx.ref('seq-token'), globalAmountLimit: '100000.00', paymentMethod: 'ABT', returnURL: returnUrl(ctx) } }, ctx.timeoutMs);
  if (out.kind !== 'ok' || typeof out.answer.url !== 'string') return { note: `the SDK built no MultiUse Co-Branded URL (${out.kind})` };
  const url = new URL(out.answer.url);
  const want = new URL(ctx.cbuiEndpoint);
  if (url.host !== want.host || url.pathname !== want.pathname) return { note: `the SDK's Co-Branded URL goes to ${url.host}` };
  try {
    const grant = await ctx.sandbox.openCbui(url.href, { email: ctx.sender.email, instrument: 'ABT' });
    return grant.tokenId !== undefined ? { tokenId: grant.tokenId, note: '' } : { note: `the SDK's Co-Branded URL returned status ${grant.status}` };
  } catch (err) {
    return { note: `the SDK's Co-Branded URL could not be opened: ${err instanceof Error ? err.message : String(err)}` };
  }
}
