// Injected bugs in token rules, reserve and settle, and refunds: a rule the emulator forgets, so it
// accepts what the model refuses (answers fabricated, or the model stepped with the check dodged).
import { parsePeriod, type Period } from '../../spec/model/time.ts';
import { fabricate, fakeCharge, refusedFor, withMemory, type Bug, type TokenSeen } from './kit.ts';

/** Month windows the naive way: JS Date month overflow, no day clamping (Jan 31 + 1 month = Mar 3). */
function naiveWindow(anchor: number, p: Period, t: number): number {
  if (p.unit !== 'Month') return Math.floor((t - anchor) / (p.n * (p.unit === 'Hour' ? 3_600_000 : 86_400_000)));
  const start = (k: number): number => {
    const d = new Date(anchor);
    d.setUTCMonth(d.getUTCMonth() + k * p.n);
    return d.getTime();
  };
  let k = 0;
  while (start(k + 1) <= t) k++;
  return k;
}

/** The token's period and per-period count, where it has a Month one (Recurring: one per recurringPeriod). */
function monthlyCount(token: TokenSeen): { period: Period; limit: number } | undefined {
  const p = token.params;
  if (token.pipeline.toLowerCase() === 'recurring') {
    const period = parsePeriod(p.recurringperiod ?? '');
    return period?.unit === 'Month' ? { period, limit: 1 } : undefined;
  }
  for (const i of ['1', '2']) {
    const period = parsePeriod(p[`usagelimitperiod${i}`] ?? '');
    if (period?.unit === 'Month' && (p[`usagelimittype${i}`] ?? '').toLowerCase() === 'count') {
      return { period, limit: Number(p[`usagelimitvalue${i}`] ?? '1') };
    }
  }
  return undefined;
}

const anchorOf = (token: TokenSeen): number => {
  const v = token.params.validitystart;
  const n = v !== undefined && /^\d+$/.test(v) ? Number(v) * 1000 : v !== undefined ? Date.parse(v) : NaN;
  return Number.isFinite(n) ? n : token.installedAt;
};

const isAction = (step: { input: { action: string } }, ...names: string[]): boolean => names.includes(step.input.action);

export const TOKEN_BUGS: readonly Bug[] = [
  {
    name: 'tok-month-no-clamp',
    clause: 'R-TOK-7.month-clamp',
    area: 'tokens',
    description: 'Month usage windows use Date month overflow without clamping (Jan 31 + 1 month = Mar 3), so two charges in one true window (Mar 1 and Mar 4) are both accepted.',
    rules: ['R-TOK-7', 'R-TOK-6'],
    make: withMemory((m) => ({
      outcome(outcome, step) {
        const token = m.senderToken(step);
        const monthly = token && monthlyCount(token);
        if (!token || !monthly || !isAction(step, 'Pay', 'Reserve') || !refusedFor(outcome, 'R-TOK-6')) return outcome;
        const anchor = anchorOf(token);
        const k = naiveWindow(anchor, monthly.period, step.now);
        const inWindow = token.charges.filter((t) => naiveWindow(anchor, monthly.period, t) === k).length;
        return inWindow < monthly.limit ? fabricate(fakeCharge(step, step.input.action), step.state, 'naive month window') : outcome;
      },
    })),
  },
  {
    name: 'tok-single-use-twice',
    clause: 'R-TOK-6.single-use-once',
    area: 'tokens',
    description: 'Marks a SingleUse token used only when the payment completes, so a second Pay while the first is Pending (or after) goes through.',
    rules: ['R-TOK-6', 'R-TOK-8'],
    make: withMemory((m) => ({
      outcome(outcome, step) {
        const token = m.senderToken(step);
        if (token?.pipeline.toLowerCase() !== 'singleuse' || !isAction(step, 'Pay', 'Reserve') || !refusedFor(outcome, 'R-TOK-6')) return outcome;
        return fabricate(fakeCharge(step, step.input.action), step.state, 'SingleUse reused');
      },
    })),
  },
  {
    name: 'tok-ignores-expiry',
    clause: 'R-TOK-4.expiry',
    area: 'tokens',
    description: 'Never compares validityExpiry (or validityStart) with the clock: an expired token still pays.',
    rules: ['R-TOK-4'],
    make: () => ({
      outcome: (outcome, step) =>
        isAction(step, 'Pay', 'Reserve') && refusedFor(outcome, 'R-TOK-4') ? fabricate(fakeCharge(step, step.input.action), step.state, 'expired token used') : outcome,
    }),
  },
  {
    name: 'tok-recurring-twice',
    clause: 'R-TOK-6.recurring-once-per-period',
    area: 'tokens',
    description: 'Counts Recurring charges per calendar day instead of per recurringPeriod, so a second charge in the same period is accepted.',
    rules: ['R-TOK-6'],
    make: withMemory((m) => ({
      outcome(outcome, step) {
        const token = m.senderToken(step);
        if (token?.pipeline.toLowerCase() !== 'recurring' || !isAction(step, 'Pay', 'Reserve') || !refusedFor(outcome, 'R-TOK-6')) return outcome;
        const today = Math.floor(step.now / 86_400_000);
        if (token.charges.some((t) => Math.floor(t / 86_400_000) === today)) return outcome;
        return fabricate(fakeCharge(step, step.input.action), step.state, 'Recurring charged twice in a period');
      },
    })),
  },
];

export const RESERVE_BUGS: readonly Bug[] = [
  {
    name: 'settle-more-than-reserved',
    clause: 'R-PAY-3.amount-at-most-reserved',
    area: 'reserve-settle',
    description: 'Does not compare the Settle TransactionAmount with the reserved amount; it settles (the reserved amount) and says nothing.',
    rules: ['R-PAY-3'],
    make: () => ({
      outcome(outcome, step) {
        if (!isAction(step, 'Settle') || !refusedFor(outcome, 'R-PAY-3')) return outcome;
        const params = { ...step.input.params };
        delete params['TransactionAmount.Value'];
        delete params['TransactionAmount.CurrencyCode'];
        const again = step.step({ ...step.input, params });
        return again.answer.kind === 'result' ? again : outcome;
      },
    }),
  },
  {
    name: 'settle-twice',
    clause: 'R-PAY-4.settle-once',
    area: 'reserve-settle',
    description: 'Checks only that the transaction is a Reserve, not that it is still Reserved: a reserve settles again.',
    rules: ['R-PAY-4'],
    make: () => ({
      outcome: (outcome, step) =>
        isAction(step, 'Settle') && refusedFor(outcome, 'R-PAY-4')
          ? fabricate(fakeCharge(step, 'Settle', step.input.params.ReserveTransactionId), step.state, 'settled twice')
          : outcome,
    }),
  },
  {
    name: 'reserve-never-expires',
    clause: 'R-PAY-5.expires-after-7-days',
    area: 'reserve-settle',
    description: 'Has no 7-day reserve timeout: an old reserve still shows Reserved and can be settled.',
    rules: ['R-PAY-5'],
    make: () => ({
      outcome(outcome, step) {
        if (isAction(step, 'Settle') && refusedFor(outcome, 'R-PAY-5')) {
          return fabricate(fakeCharge(step, 'Settle', step.input.params.ReserveTransactionId), step.state, 'expired reserve settled');
        }
        return outcome;
      },
      render(fields, step) {
        if (!isAction(step, 'GetTransactionStatus') || fields.StatusCode !== 'Expired') return fields;
        return { ...fields, TransactionStatus: 'Reserved', StatusCode: 'Success' };
      },
    }),
  },
];

export const REFUND_BUGS: readonly Bug[] = [
  {
    name: 'refund-ignores-pending',
    clause: 'R-REF-2.pending-refunds-count',
    area: 'refunds',
    description: 'Computes the refundable remainder from completed refunds only, so Pending refunds do not count and refunds pass the original.',
    rules: ['R-REF-2'],
    make: () => {
      const pending = new Map<string, number>();
      return {
        outcome(outcome, step) {
          const original = step.input.params.TransactionId ?? '';
          if (!isAction(step, 'Refund') || !refusedFor(outcome, 'R-REF-2') || (pending.get(original) ?? 0) === 0) return outcome;
          return fabricate(fakeCharge(step, 'Refund'), step.state, 'pending refunds not counted');
        },
        observe(e) {
          if (e.kind === 'process' || e.kind === 'reset') pending.clear();
          if (e.kind === 'api' && e.input.action === 'Refund' && e.answer.kind === 'result' && e.answer.fields.TransactionStatus === 'Pending') {
            const original = e.input.params.TransactionId ?? '';
            pending.set(original, (pending.get(original) ?? 0) + 1);
          }
        },
      };
    },
  },
  {
    name: 'refund-reuses-original-id',
    clause: 'R-REF-3.new-transaction-id',
    area: 'refunds',
    description: 'Answers a Refund with the original transaction\'s TransactionId instead of a new one.',
    rules: ['R-REF-3'],
    make: () => ({
      render: (fields, step) => (isAction(step, 'Refund') && fields.TransactionId !== undefined && step.input.params.TransactionId ? { ...fields, TransactionId: step.input.params.TransactionId } : fields),
    }),
  },
];
