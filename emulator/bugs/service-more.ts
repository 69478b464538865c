// More injected bugs in idempotency, notifications, authorization, marketplace fees and concurrency,
// one per firm clause (emulator/bugs/clauses.ts).
import type { Expect, ModelInput, Outcome } from '../../spec/model/api.ts';
import type { ApiStep } from '../hooks.ts';
import { fabricate, refusedFor, withMemory, type Bug, type Memory } from './kit.ts';
import { answerOneDoOther, ipnBug, type BugHead } from './recipes.ts';

const CHARGES = ['Pay', 'Reserve', 'Refund'];
const DAY = 86_400_000;

/** The transaction a charge's answer names when the model answered it as a resend (R-IDEM-2): a literal id, not a fresh one. */
function resendOf(o: Outcome, step: ApiStep, m: Memory) {
  const id = o.answer.kind === 'result' && CHARGES.includes(step.input.action) ? o.answer.fields.TransactionId : undefined;
  return typeof id === 'string' ? m.txns.get(id) : undefined;
}

const withCallerReference = (step: ApiStep, suffix: string): ModelInput => ({ ...step.input, params: { ...step.input.params, CallerReference: `${step.input.params.CallerReference ?? ''}~${suffix}` } });

function remembering(head: BugHead, outcome: (o: Outcome, step: ApiStep, m: Memory) => Outcome): Bug {
  return { ...head, make: withMemory((m) => ({ outcome: (o, step) => outcome(o, step, m) })) };
}

/** Same caller, same parameters but the signature's (R-IDEM-2). */
const sameRequest = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const keep = (p: Readonly<Record<string, string>>) => Object.entries(p).filter(([k]) => !['Signature', 'SignatureMethod', 'SignatureVersion', 'Timestamp'].includes(k)).sort(([x], [y]) => (x < y ? -1 : 1));
  return JSON.stringify(keep(a)) === JSON.stringify(keep(b));
};

export const MORE_IDEMPOTENCY_BUGS: readonly Bug[] = [
  remembering(
    { name: 'idem-resend-charges-again', area: 'idempotency', clause: 'R-IDEM-2.charges-nothing', rules: ['R-IDEM-2'], description: 'Answers a resend with the original TransactionId but runs the charge again (the lookup happens after the charge).' },
    (o, step, m) => {
      if (resendOf(o, step, m) === undefined) return o;
      const done = step.step(withCallerReference(step, step.fresh('RequestId')));
      return done.answer.kind === 'result' ? answerOneDoOther(o, done, step, 'resend charged again') : o;
    },
  ),
  remembering(
    { name: 'idem-window-one-day', area: 'idempotency', clause: 'R-IDEM-2.seven-day-window', rules: ['R-IDEM-2', 'R-IDEM-4'], description: 'Keeps CallerReferences for 24 hours, not 7 days: a resend three days later is a new transaction.' },
    (o, step, m) => {
      const original = resendOf(o, step, m);
      if (original === undefined || step.now - original.at <= DAY + 3_600_000) return o;
      const again = step.step(withCallerReference(step, step.fresh('RequestId')));
      return again.answer.kind === 'result' ? again : o;
    },
  ),
  remembering(
    { name: 'idem-key-per-action', area: 'idempotency', clause: 'R-IDEM-3.other-action', rules: ['R-IDEM-3'], description: 'Keys CallerReference per action: a Reserve reusing a Pay\'s CallerReference is a new request, not DuplicateRequest.' },
    (o, step, m) => {
      if (!refusedFor(o, 'R-IDEM-3')) return o;
      const ref = step.input.params.CallerReference;
      const first = [...m.txns.values()].find((t) => t.params.CallerReference === ref && t.accessKeyId === step.input.auth.accessKeyId);
      if (first === undefined || first.action === step.input.action) return o;
      const again = step.step(withCallerReference(step, step.fresh('RequestId')));
      return again.answer.kind === 'result' ? again : o;
    },
  ),
  remembering(
    { name: 'idem-window-forever', area: 'idempotency', clause: 'R-IDEM-4.new-after-window', rules: ['R-IDEM-4'], description: 'Never forgets a CallerReference: the same request after 7 days still answers the original transaction.' },
    (o, step, m) => {
      const a = o.answer;
      if (a.kind !== 'result' || !CHARGES.includes(step.input.action) || typeof a.fields.TransactionId === 'string') return o;
      const ref = step.input.params.CallerReference;
      const old = [...m.txns.values()].find((t) => t.params.CallerReference === ref && t.accessKeyId === step.input.auth.accessKeyId && t.action === step.input.action && step.now - t.at > 7 * DAY && sameRequest(t.params, step.input.params));
      if (old === undefined) return o;
      const fields: Record<string, Expect> = { ...a.fields, TransactionId: old.transactionId };
      return fabricate({ ...a, fields }, step.state, 'CallerReference kept for ever');
    },
  ),
];

export const MORE_IPN_BUGS: readonly Bug[] = [
  ipnBug(
    { name: 'ipn-none-for-token-cancel', area: 'ipn', clause: 'R-IPN-1.token-cancel', rules: ['R-IPN-1'], description: 'Sends no TokenCancellation notification.' },
    (n) => (n.fields.notificationType === 'TokenCancellation' ? undefined : n),
  ),
  ipnBug(
    { name: 'ipn-none-for-cancel', area: 'ipn', clause: 'R-IPN-1.transaction-cancel', rules: ['R-IPN-1'], description: 'Sends no notification when a transaction is cancelled.' },
    (n) => (n.fields.transactionStatus === 'CANCELLED' ? undefined : n),
  ),
  ipnBug(
    { name: 'ipn-none-for-settle', area: 'ipn', clause: 'R-IPN-1.settle', rules: ['R-IPN-1'], description: 'Sends no notification for Settle.' },
    (n) => (n.fields.operation === 'SETTLE' ? undefined : n),
  ),
  ipnBug(
    { name: 'ipn-final-only', area: 'ipn', clause: 'R-IPN-1.pending', rules: ['R-IPN-1'], description: 'Notifies only final statuses: no PENDING notification.' },
    (n) => (n.fields.transactionStatus === 'PENDING' ? undefined : n),
  ),
  ipnBug(
    { name: 'ipn-amount-present', area: 'ipn', clause: 'R-IPN-2.transaction-amount', rules: ['R-IPN-2'], description: 'Writes the literal "present" as transactionAmount (a placeholder never filled in), not "USD 1.00".' },
    (n) => (n.fields.transactionAmount !== undefined ? { ...n, fields: { ...n.fields, transactionAmount: 'present' } } : n),
  ),
  ipnBug(
    { name: 'ipn-status-capitalized', area: 'ipn', clause: 'R-IPN-2.transaction-status', rules: ['R-IPN-2'], description: 'Writes transactionStatus as the API spells it (Success), not upper case (SUCCESS).' },
    (n) => {
      const s = n.fields.transactionStatus;
      return typeof s === 'string' ? { ...n, fields: { ...n.fields, transactionStatus: s.charAt(0) + s.slice(1).toLowerCase() } } : n;
    },
  ),
  ipnBug(
    { name: 'ipn-no-caller-reference', area: 'ipn', clause: 'R-IPN-2.caller-reference', rules: ['R-IPN-2'], description: 'Leaves callerReference out of transaction notifications.' },
    (n) => {
      if (n.fields.callerReference === undefined) return n;
      const { callerReference: _drop, ...fields } = n.fields;
      return { ...n, fields: { ...fields, callerReference: { optional: true } } };
    },
  ),
  ipnBug(
    { name: 'ipn-refund-no-parent', area: 'ipn', clause: 'R-IPN-2.parent-transaction-id', rules: ['R-IPN-2', 'R-REF-3'], description: 'Refund notifications leave out parentTransactionId.' },
    (n) => {
      if (n.fields.parentTransactionId === undefined) return n;
      const { parentTransactionId: _drop, ...fields } = n.fields;
      return { ...n, fields: { ...fields, parentTransactionId: { optional: true } } };
    },
  ),
  ipnBug(
    { name: 'ipn-token-cancel-no-type', area: 'ipn', clause: 'R-IPN-2.token-fields', rules: ['R-IPN-2'], description: 'TokenCancellation notifications leave out tokenType.' },
    (n) => {
      if (n.fields.tokenType === undefined) return n;
      const { tokenType: _drop, ...fields } = n.fields;
      return { ...n, fields: { ...fields, tokenType: { optional: true } } };
    },
  ),
  remembering(
    { name: 'verify-signature-ipn-only', area: 'ipn', clause: 'R-IPN-3.genuine-success', rules: ['R-IPN-3'], description: 'VerifySignature knows only the IPN bodies it sent: a genuine return-URL query is Failure.' },
    (o, step) => {
      const a = o.answer;
      return step.input.action === 'VerifySignature' && a.kind === 'result' && a.fields.VerificationStatus === 'Success' && /(^|&)tokenID=/.test(step.input.params.HttpParameters ?? '')
        ? fabricate({ ...a, fields: { ...a.fields, VerificationStatus: 'Failure' } }, step.state, 'return URLs not recorded')
        : o;
    },
  ),
  {
    name: 'verify-signature-origin-only',
    area: 'ipn',
    clause: 'R-IPN-3.url-endpoint',
    description: 'VerifySignature compares UrlEndPoint by origin only: the genuine parameters with another path on the same host are Success.',
    rules: ['R-IPN-3'],
    make: () => {
      const endpoints = new Set<string>();
      const origin = (u: string): string | undefined => {
        try {
          return new URL(u).origin;
        } catch {
          return undefined;
        }
      };
      return {
        observe(e) {
          if (e.kind === 'reset') endpoints.clear();
          if (e.kind === 'api' && e.input.params.OverrideIPNURL) endpoints.add(e.input.params.OverrideIPNURL);
          if (e.kind === 'cbui') for (const [k, v] of Object.entries(e.params)) if (k.toLowerCase() === 'returnurl') endpoints.add(v);
        },
        outcome(o, step) {
          const a = o.answer;
          const url = step.input.params.UrlEndPoint ?? '';
          if (step.input.action !== 'VerifySignature' || a.kind !== 'result' || a.fields.VerificationStatus !== 'Failure' || origin(url) === undefined) return o;
          for (const e of endpoints) {
            if (e === url || origin(e) !== origin(url)) continue;
            const again = step.step({ ...step.input, params: { ...step.input.params, UrlEndPoint: e } });
            if (again.answer.kind === 'result' && again.answer.fields.VerificationStatus === 'Success') return again;
          }
          return o;
        },
      };
    },
  },
  {
    name: 'verify-signature-empty-failure',
    area: 'ipn',
    clause: 'R-IPN-3.empty-inputs-invalid',
    description: 'VerifySignature with empty UrlEndPoint and HttpParameters answers VerificationStatus Failure instead of InvalidParams.',
    rules: ['R-IPN-3'],
    make: () => ({
      outcome: (o, step) =>
        step.input.action === 'VerifySignature' && refusedFor(o, 'R-IPN-3') && step.input.params.UrlEndPoint === '' && step.input.params.HttpParameters === ''
          ? fabricate({ kind: 'result', action: 'VerifySignature', fields: { VerificationStatus: 'Failure', RequestId: { fresh: 'RequestId', bind: 'RequestId' } } }, step.state, 'empty inputs read as a forgery')
          : o,
    }),
  },
];

/** Acts as the owner of what `idOf` names (the lookup by id alone, R-AUTH-6). */
function asOwner(head: BugHead, actions: readonly string[], owner: (step: ApiStep, m: Memory) => string | undefined): Bug {
  return remembering(head, (o, step, m) => {
    if (!actions.includes(step.input.action) || !refusedFor(o, 'R-AUTH-6')) return o;
    const key = owner(step, m);
    if (key === undefined || key === step.input.auth.accessKeyId) return o;
    const again = step.step({ ...step.input, auth: { ...step.input.auth, accessKeyId: key, signature: 'valid' } });
    return again.answer.kind === 'result' ? again : o;
  });
}
const txnOwner = (param: string) => (step: ApiStep, m: Memory) => m.txns.get(step.input.params[param] ?? '')?.accessKeyId;
const tokenOwner = (param: string) => (step: ApiStep, m: Memory) => m.tokens.get(step.input.params[param] ?? '')?.callerKey;

export const MORE_AUTHZ_BUGS: readonly Bug[] = [
  asOwner({ name: 'authz-foreign-token-pays', area: 'authorization', clause: 'R-AUTH-6.foreign-token-pay', rules: ['R-AUTH-6'], description: 'Pay and Reserve look the sender token up by id alone: another caller\'s token pays.' }, ['Pay', 'Reserve'], tokenOwner('SenderTokenId')),
  asOwner({ name: 'authz-foreign-refund', area: 'authorization', clause: 'R-AUTH-6.foreign-transaction-refund', rules: ['R-AUTH-6'], description: 'Refund looks the original up by id alone: another caller\'s payment is refunded.' }, ['Refund'], txnOwner('TransactionId')),
  asOwner({ name: 'authz-foreign-settle', area: 'authorization', clause: 'R-AUTH-6.foreign-transaction-settle', rules: ['R-AUTH-6'], description: 'Settle looks the reserve up by id alone: another caller\'s reserve is settled.' }, ['Settle'], txnOwner('ReserveTransactionId')),
  asOwner({ name: 'authz-foreign-cancel', area: 'authorization', clause: 'R-AUTH-6.foreign-transaction-cancel', rules: ['R-AUTH-6'], description: 'Cancel looks the transaction up by id alone: another caller\'s transaction is cancelled.' }, ['Cancel'], txnOwner('TransactionId')),
  asOwner({ name: 'authz-foreign-token-visible', area: 'authorization', clause: 'R-AUTH-6.foreign-token-read', rules: ['R-AUTH-6'], description: 'GetTokenByCaller finds another caller\'s token by its TokenId.' }, ['GetTokenByCaller'], tokenOwner('TokenId')),
];

/** Drops parameters and asks the model again (a fee check forgotten). */
function withoutParams(step: ApiStep, names: readonly string[]): ModelInput | undefined {
  const params = { ...step.input.params };
  const present = names.filter((n) => n in params);
  if (present.length === 0) return undefined;
  for (const n of present) delete params[n];
  return { ...step.input, params };
}

function feeForgotten(head: BugHead, names: readonly string[]): Bug {
  return {
    ...head,
    make: () => ({
      outcome(o, step) {
        if (step.input.action !== 'Pay' || !refusedFor(o, 'R-MKT-1')) return o;
        const input = withoutParams(step, names);
        const again = input && step.step(input);
        // the fee the emulator did not check is still charged as sent: only the answer is the model's without it
        return again?.answer.kind === 'result' ? again : o;
      },
    }),
  };
}

export const MARKETPLACE_BUGS: readonly Bug[] = [
  feeForgotten({ name: 'mkt-fixed-fee-unchecked', area: 'marketplace', clause: 'R-MKT-1.fixed-fee-max', rules: ['R-MKT-1'], description: 'Never compares MarketplaceFixedFee with the recipient token\'s maxFixedFee.' }, ['MarketplaceFixedFee.Value', 'MarketplaceFixedFee.CurrencyCode', 'MarketplaceFixedFee']),
  feeForgotten({ name: 'mkt-variable-fee-unchecked', area: 'marketplace', clause: 'R-MKT-1.variable-fee-max', rules: ['R-MKT-1'], description: 'Never compares MarketplaceVariableFee with the recipient token\'s maxVariableFee.' }, ['MarketplaceVariableFee']),
];

export const MORE_CONCURRENCY_BUGS: readonly Bug[] = [
  {
    name: 'race-settle',
    area: 'concurrency',
    clause: 'R-PAY-4.concurrent-settles',
    description: 'Settle and Cancel read the reserve\'s status, await storage, then write: concurrent ones both go through.',
    rules: ['R-PAY-4', 'R-PAY-6'],
    make: () => ({ race: (input) => input.action === 'Settle' || input.action === 'Cancel' }),
  },
];
