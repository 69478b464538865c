// Instant Payment Notifications and outbound signatures (R-IPN-1..3): every notification the model
// says is owed arrives at OverrideIPNURL (at least once, any order, duplicates allowed), and the
// target's own VerifySignature accepts exactly what it sent: IPN bodies and return-URL queries.
import { matchRecord } from '../../spec/model/checker.ts';
import type { Suite } from '../../core/suite.ts';
import { commandsArb, type Command } from '../../generators/commands.ts';
import type { ExpectedIpn } from '../../spec/model/api.ts';
import { encodeHttpParameters } from '../../spec/sigv2/index.ts';
import { CheckFailure, modelCheck, type RunParts } from './model-run/property.ts';
import { abs, cancel, cancelToken, pay, processAll, refund, reserve, runsFor, settle, token } from './model-run/scenario.ts';

/** How long notifications get to arrive after /_sandbox/process (delivery may be asynchronous). */
export const IPN_WAIT_MS = 3_000;
const POLL_MS = 25;
/** Messages put to VerifySignature per run (each genuine, then tampered). */
const MAX_VERIFIED = 3;

type Received = { path: string; params: Record<string, string>; at: number };

function receivedAt(parts: RunParts): Received[] {
  const path = new URL(parts.ipnUrl!).pathname;
  return (parts.ctx.ipnReceiver?.received() ?? []).filter((r) => r.path === path || r.path.startsWith(`${path}?`));
}

/** Owed in every state the run may be in (the model's owedIpns already takes every world of a state). */
function owedNow(parts: RunParts): ExpectedIpn[] {
  const lists = parts.session.states.map((s) => parts.session.model.owedIpns(s).filter((i) => i.url === parts.ipnUrl));
  const [first, ...rest] = lists;
  return (first ?? []).filter((i) => rest.every((l) => l.some((j) => j.key === i.key)));
}

function missing(owed: readonly ExpectedIpn[], got: readonly Received[]): ExpectedIpn[] {
  return owed.filter((i) => !got.some((r) => matchRecord(i.fields, r.params).ok));
}

/** Process, then wait (bounded) until every owed notification has arrived. */
async function settleAndWait(parts: RunParts): Promise<{ owed: ExpectedIpn[]; got: Received[] }> {
  await parts.session.process('final Process()');
  const until = Date.now() + IPN_WAIT_MS;
  for (;;) {
    const owed = owedNow(parts);
    const got = receivedAt(parts);
    if (missing(owed, got).length === 0 || Date.now() >= until) return { owed, got };
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function notificationsArrive(parts: RunParts): Promise<void> {
  const { owed, got } = await settleAndWait(parts);
  const lost = missing(owed, got);
  if (lost.length === 0) return;
  const first = lost[0]!;
  const closest = got
    .filter((r) => (['transactionId', 'tokenId'] as const).some((k) => typeof first.fields[k] === 'string' && r.params[k] === first.fields[k]))
    .map((r) => matchRecord(first.fields, r.params))
    .map((m) => (m.ok ? '' : m.reason))
    .filter(Boolean);
  throw new CheckFailure(
    `${lost.length} owed notification(s) never arrived at ${parts.ipnUrl} within ${IPN_WAIT_MS} ms of /_sandbox/process, e.g. ${first.key}` +
      (closest.length ? ` (a notification for it arrived but ${closest[0]})` : '') +
      ` (${first.rules.join(', ')})`,
    [...new Set(lost.flatMap((i) => i.rules))],
  );
}

/** Ways to change a message the target sent; VerifySignature must answer Failure for each (R-IPN-3). */
const TAMPERS: readonly { name: string; apply(url: string, p: Record<string, string>): [string, Record<string, string>] }[] = [
  {
    name: 'a value changed',
    apply: (url, p) => {
      const k = Object.keys(p).find((n) => !/^signature/i.test(n) && n !== 'certificateUrl') ?? Object.keys(p)[0]!;
      return [url, { ...p, [k]: `${p[k]}0` }];
    },
  },
  { name: 'a parameter added', apply: (url, p) => [url, { ...p, addedByTheKit: '1' }] },
  {
    name: 'a parameter removed',
    apply: (url, p) => {
      const k = Object.keys(p).find((n) => !/^signature/i.test(n) && n !== 'certificateUrl');
      const q = { ...p };
      if (k) delete q[k];
      return [url, q];
    },
  },
];

/** The genuine parameters at another path of the same host: a target that compares origins only shows here (R-IPN-3). */
const OTHER_ENDPOINT = { name: 'another UrlEndPoint', apply: (url: string, p: Record<string, string>): [string, Record<string, string>] => [`${url.replace(/\/$/, '')}-other`, p] };

async function verify(parts: RunParts, what: string, urlEndPoint: string, params: Record<string, string>, n: number): Promise<void> {
  const { session, exec } = parts;
  session.recordOutbound(`${what} (as received)`, urlEndPoint, params);
  const caller = exec.caller(0);
  await session.api(`VerifySignature(${what}, genuine)`, 'VerifySignature', { UrlEndPoint: urlEndPoint, HttpParameters: encodeHttpParameters(params) }, caller);
  // one change of the parameters in turn, and always another UrlEndPoint (runs verify at most MAX_VERIFIED messages)
  for (const t of [TAMPERS[n % TAMPERS.length]!, OTHER_ENDPOINT]) {
    const [url, changed] = t.apply(urlEndPoint, params);
    await session.api(`VerifySignature(${what}, ${t.name})`, 'VerifySignature', { UrlEndPoint: url, HttpParameters: encodeHttpParameters(changed) }, caller);
  }
}

async function verifyNotifications(parts: RunParts): Promise<void> {
  const { got } = await settleAndWait(parts);
  let n = 0;
  for (const r of got.slice(0, MAX_VERIFIED)) await verify(parts, `notification ${r.params.notificationType ?? ''} ${r.params.transactionStatus ?? ''}`.trim(), parts.ipnUrl!, r.params, n++);
}

async function verifyReturnUrls(parts: RunParts): Promise<void> {
  let n = 0;
  for (const r of parts.exec.redirects.slice(0, MAX_VERIFIED)) {
    const u = new URL(r.location);
    const params: Record<string, string> = {};
    for (const [k, v] of u.searchParams) if (!(k in params)) params[k] = v;
    await verify(parts, `return URL status=${params.status ?? '?'}`, r.returnURL, params, n++);
  }
  // R-IPN-3: empty inputs → InvalidParams (set: also InvalidParam), not a verdict
  parts.exec.lines.push('VerifySignature(empty UrlEndPoint and HttpParameters)');
  await parts.session.api('VerifySignature(empty UrlEndPoint and HttpParameters)', 'VerifySignature', { UrlEndPoint: '', HttpParameters: '' }, parts.exec.caller(0));
}

/**
 * Cancel every transaction and then every token of the run, each request carrying this run's
 * OverrideIPNURL (the seed lists it for Cancel and CancelToken): a successful one owes its CANCELLED
 * or TokenCancellation notification there (R-IPN-1, R-IPN-2); the model says which succeed. Sent
 * from here because the commands' Cancel and CancelToken carry no OverrideIPNURL.
 */
async function cancelEverythingWithIpn(parts: RunParts): Promise<void> {
  const { session, exec, ipnUrl } = parts;
  for (const t of exec.txns) {
    const label = `Cancel(${t.name}) with OverrideIPNURL`;
    exec.lines.push(label);
    await session.api(label, 'Cancel', { TransactionId: t.id, OverrideIPNURL: ipnUrl! }, exec.caller(t.caller));
  }
  for (const t of exec.tokens) {
    const label = `CancelToken(${t.name}) with OverrideIPNURL`;
    exec.lines.push(label);
    await session.api(label, 'CancelToken', { TokenId: t.id, OverrideIPNURL: ipnUrl! }, exec.caller(t.caller));
  }
  await notificationsArrive(parts);
}

const withIpn = (c: Command): Command => ({ ...c, ipn: true }) as Command;
const ABT = token('MultiUse', { globalAmountLimit: '100.00' }, 'ABT');
const CC = token('MultiUse', { globalAmountLimit: '100.00' }, 'CC');
const IPN_SEQUENCES: Command[][] = [
  [ABT, withIpn(pay(0, abs('5.00'))), processAll, withIpn(refund(0, abs('2.00'))), processAll],
  [CC, withIpn(pay(0, abs('5.00'))), withIpn(reserve(0, abs('7.00'))), processAll, withIpn(settle(1)), processAll, withIpn(refund(1))],
  [CC, withIpn(reserve(0, abs('3.00'))), cancel(0), withIpn(pay(0, abs('2.00'))), cancel(1), cancelToken(0)],
];

/** What the cancels act on: a Pending reserve, a Reserved one, a Pending CC payment; tokens of every pipeline (TokenType differs). */
const CANCEL_SEQUENCES: Command[][] = [
  [CC, withIpn(reserve(0, abs('3.00')))],
  [token('SingleUse', { transactionAmount: '4.00' }, 'CC'), reserve(0), processAll, token('Recipient', { maxFixedFee: '1.00' }, 'ABT')],
  [token('Recurring', { transactionAmount: '2.00', recurringPeriod: '1 Month' }, 'CC'), withIpn(pay(0))],
];

const generated = commandsArb({
  weights: { GetToken: 2, Pay: 3, Reserve: 2, Settle: 2, Refund: 2, Cancel: 1, CancelToken: 1, Process: 2 },
  pipelines: ['MultiUse', 'SingleUse'],
  instruments: ['ABT', 'CC', 'ACH'],
  ipn: true,
  maxLength: 10,
});

export const ipnSuite: Suite = {
  name: 'ipn',
  title: 'Instant Payment Notification and outbound signatures (R-IPN-*)',
  checks: [
    modelCheck({
      id: 'ipn/owed-notifications-arrive',
      title: 'Every notification owed for payments, reserves, settles, refunds and cancels with OverrideIPNURL arrives with the documented fields, in any order (R-IPN-1, R-IPN-2)',
      requirements: ['R-IPN-1', 'R-IPN-2'],
      needs: ['sandbox', 'ipn'],
      ipn: true,
      maxRuns: runsFor(IPN_SEQUENCES.length),
      sequences: IPN_SEQUENCES,
      after: notificationsArrive,
    }),
    modelCheck({
      id: 'ipn/cancel-notifications-arrive',
      title: 'Cancel and CancelToken with OverrideIPNURL: the CANCELLED and TokenCancellation notifications arrive, the latter with tokenId and tokenType (R-IPN-1, R-IPN-2)',
      requirements: ['R-IPN-1', 'R-IPN-2'],
      needs: ['sandbox', 'ipn'],
      ipn: true,
      maxRuns: runsFor(CANCEL_SEQUENCES.length),
      sequences: CANCEL_SEQUENCES,
      after: cancelEverythingWithIpn,
    }),
    modelCheck({
      id: 'ipn/generated-notifications',
      title: 'Generated sequences with OverrideIPNURL: every notification the model says is owed arrives (R-IPN-1, R-IPN-2)',
      requirements: ['R-IPN-1', 'R-IPN-2'],
      needs: ['sandbox', 'ipn'],
      generated: true,
      ipn: true,
      commands: generated,
      after: notificationsArrive,
    }),
    modelCheck({
      id: 'ipn/verify-signature-of-notifications',
      title: 'VerifySignature answers Success for a notification as received and Failure once a value is changed, a parameter added or removed, or the UrlEndPoint differs (R-IPN-3)',
      // R-IPN-4 (set): the kit signs VerifySignature as the seed says, which every target must accept
      requirements: ['R-IPN-3', 'R-IPN-4'],
      needs: ['sandbox', 'ipn'],
      ipn: true,
      maxRuns: runsFor(IPN_SEQUENCES.length),
      sequences: IPN_SEQUENCES,
      after: verifyNotifications,
    }),
    modelCheck({
      id: 'ipn/verify-signature-of-return-urls',
      title: 'VerifySignature answers Success for a Co-Branded return-URL query as received, Failure for a changed one, InvalidParams for empty inputs (R-IPN-3)',
      // R-IPN-4 (set): signed VerifySignature, the member every target must accept
      requirements: ['R-IPN-3', 'R-IPN-4', 'R-TOK-2'],
      maxRuns: runsFor(2),
      sequences: [
        [token('SingleUse', { transactionAmount: '4.00' }, 'CC'), token('Recurring', { transactionAmount: '4.00', recurringPeriod: '1 Month' }, 'ABT'), token('MultiUse', { globalAmountLimit: '50.00' }, 'ACH')],
        [token('Recipient', { maxFixedFee: '1.00', maxVariableFee: '5' }, 'ABT'), token('MultiUse', { globalAmountLimit: '50.00' }, 'CC', { decision: 'abandon' }), token('SingleUse', { transactionAmount: '4.00' }, 'ABT')],
      ],
      after: verifyReturnUrls,
    }),
  ],
};
