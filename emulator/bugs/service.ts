// Injected bugs in idempotency, notifications, authorization, concurrency and robustness.
import type { Expect } from '../../spec/model/api.ts';
import { fabricate, refusedFor, withMemory, type Bug } from './kit.ts';

const CHARGES = ['Pay', 'Reserve', 'Refund'];
const SEVEN_DAYS = 7 * 86_400_000;

export const IDEMPOTENCY_BUGS: readonly Bug[] = [
  {
    name: 'idem-resend-new-transaction',
    clause: 'R-IDEM-2.same-transaction-id',
    area: 'idempotency',
    description: 'Stores CallerReference but does not look it up: a resend answers a new TransactionId.',
    rules: ['R-IDEM-2'],
    make: () => ({
      outcome(outcome, step) {
        const a = outcome.answer;
        if (a.kind !== 'result' || !CHARGES.includes(step.input.action) || typeof a.fields.TransactionId !== 'string') return outcome;
        const fields: Record<string, Expect> = { ...a.fields, TransactionId: step.fresh('TransactionId') };
        return fabricate({ ...a, fields }, step.state, 'resend answered as new');
      },
    }),
  },
  {
    name: 'idem-altered-resend-accepted',
    clause: 'R-IDEM-3.other-values-duplicate',
    area: 'idempotency',
    description: 'Treats a CallerReference seen with different parameters as a new request instead of DuplicateRequest.',
    rules: ['R-IDEM-3'],
    make: () => ({
      outcome(outcome, step) {
        if (!refusedFor(outcome, 'R-IDEM-3')) return outcome;
        const again = step.step({ ...step.input, params: { ...step.input.params, CallerReference: `${step.input.params.CallerReference ?? ''}~${step.fresh('RequestId')}` } });
        return again.answer.kind === 'result' ? again : outcome;
      },
    }),
  },
  {
    name: 'idem-scope-across-callers',
    clause: 'R-IDEM-1.per-caller',
    area: 'idempotency',
    description: 'Keys idempotency on CallerReference alone: a second caller using a CallerReference the first one used is answered as the first caller\'s resend (its transaction, or DuplicateRequest).',
    rules: ['R-IDEM-1'],
    make: () => {
      const first = new Map<string, { key: string | undefined; at: number }>();
      return {
        outcome(outcome, step) {
          const ref = step.input.params.CallerReference;
          const seen = ref === undefined || !CHARGES.includes(step.input.action) ? undefined : first.get(ref);
          if (!seen || seen.key === step.input.auth.accessKeyId || step.now - seen.at > SEVEN_DAYS || step.input.auth.signature !== 'valid') return outcome;
          // the lookup finds the first caller's record: the model, asked as that caller, answers
          return step.step({ ...step.input, auth: { ...step.input.auth, accessKeyId: seen.key } });
        },
        observe(e) {
          if (e.kind === 'reset') first.clear();
          if (e.kind !== 'api' || e.answer.kind !== 'result' || !CHARGES.includes(e.input.action)) return;
          const ref = e.input.params.CallerReference;
          if (ref !== undefined && !first.has(ref)) first.set(ref, { key: e.input.auth.accessKeyId, at: e.at });
        },
      };
    },
  },
];

export const IPN_BUGS: readonly Bug[] = [
  {
    name: 'ipn-none-for-refunds',
    clause: 'R-IPN-1.refund',
    area: 'ipn',
    description: 'Sends notifications for payments but none for refunds.',
    rules: ['R-IPN-1'],
    make: () => ({ ipns: (owed) => owed.filter((n) => n.fields.operation !== 'REFUND') }),
  },
  {
    name: 'verify-signature-always-success',
    clause: 'R-IPN-3.tampered-failure',
    area: 'ipn',
    description: 'VerifySignature checks only that the parameters are present and answers Success, also for tampered messages.',
    rules: ['R-IPN-3'],
    make: () => ({
      outcome(outcome, step) {
        const a = outcome.answer;
        if (step.input.action !== 'VerifySignature' || a.kind !== 'result' || a.fields.VerificationStatus !== 'Failure') return outcome;
        return fabricate({ ...a, fields: { ...a.fields, VerificationStatus: 'Success' } }, step.state, 'tampered message verified');
      },
    }),
  },
];

export const AUTHZ_BUGS: readonly Bug[] = [
  {
    name: 'authz-foreign-transaction-visible',
    clause: 'R-AUTH-6.foreign-transaction-status',
    area: 'authorization',
    description: 'Looks transactions up by id alone: GetTransactionStatus shows another caller\'s transaction.',
    rules: ['R-AUTH-6'],
    make: withMemory((m) => ({
      outcome(outcome, step) {
        if (step.input.action !== 'GetTransactionStatus' || !refusedFor(outcome, 'R-AUTH-6')) return outcome;
        const owner = m.txns.get(step.input.params.TransactionId ?? '')?.accessKeyId;
        if (owner === undefined || owner === step.input.auth.accessKeyId) return outcome;
        const again = step.step({ ...step.input, auth: { ...step.input.auth, accessKeyId: owner, signature: 'valid' } });
        return again.answer.kind === 'result' ? again : outcome;
      },
    })),
  },
  {
    name: 'authz-foreign-token-cancellable',
    clause: 'R-AUTH-6.foreign-token-cancel',
    area: 'authorization',
    description: 'CancelToken checks that the token exists, not that the caller installed it: any caller can cancel it.',
    rules: ['R-AUTH-6', 'R-TOK-9'],
    make: withMemory((m) => ({
      outcome(outcome, step) {
        if (step.input.action !== 'CancelToken' || !refusedFor(outcome, 'R-AUTH-6')) return outcome;
        const owner = m.tokens.get(step.input.params.TokenId ?? '')?.callerKey;
        if (owner === undefined || owner === step.input.auth.accessKeyId) return outcome;
        const again = step.step({ ...step.input, auth: { ...step.input.auth, accessKeyId: owner, signature: 'valid' } });
        return again.answer.kind === 'result' ? again : outcome;
      },
    })),
  },
];

export const CONCURRENCY_BUGS: readonly Bug[] = [
  {
    name: 'race-pay',
    clause: 'R-TOK-8.concurrent-charges',
    area: 'concurrency',
    description: 'Pay and Reserve read the token\'s usage, await storage, then write: concurrent Pays on one SingleUse token all go through.',
    rules: ['R-TOK-6', 'R-TOK-8'],
    make: () => ({ race: (input) => input.action === 'Pay' || input.action === 'Reserve' }),
  },
  {
    name: 'race-refund',
    clause: 'R-REF-2.concurrent-refunds',
    area: 'concurrency',
    description: 'Refund reads the refundable remainder, awaits storage, then writes: concurrent refunds pass the original amount.',
    rules: ['R-REF-2'],
    make: () => ({ race: (input) => input.action === 'Refund' }),
  },
];

export const ROBUSTNESS_BUGS: readonly Bug[] = [
  {
    name: 'robust-bad-percent-500',
    clause: 'R-WIRE-5.bad-percent',
    area: 'robustness',
    description: 'Decodes parameters with decodeURIComponent and no try: bad percent-encoding ("%zz", "%E0%A4") throws and answers 500.',
    rules: ['R-WIRE-5'],
    make: () => ({
      beforeParse(raw) {
        for (const seg of raw.split('&')) decodeURIComponent(seg.replace(/\+/g, ' '));
      },
    }),
  },
  {
    name: 'robust-huge-value-500',
    clause: 'R-WIRE-5.absurd-length',
    area: 'robustness',
    description: 'Copies each value into a fixed 64 KiB buffer: a longer value throws and answers 500.',
    rules: ['R-WIRE-5'],
    make: () => ({
      beforeParse(raw) {
        for (const seg of raw.split('&')) if (seg.length > 65_536) throw new RangeError('value does not fit the 64 KiB parameter buffer');
      },
    }),
  },
];
