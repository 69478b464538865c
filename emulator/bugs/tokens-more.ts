// More injected bugs in token rules (R-TOK-3..10), one per firm clause (emulator/bugs/clauses.ts):
// limits read the naive way, validity forgotten, wrong codes for right refusals.
import { parsePeriod } from '../../spec/model/time.ts';
import type { Outcome } from '../../spec/model/api.ts';
import type { ApiStep } from '../hooks.ts';
import { cents, fabricate, fakeCharge, refusedFor, withMemory, type Bug, type Memory, type TokenSeen } from './kit.ts';
import { renderBug, wrongCode, wrongRefusal, type BugHead } from './recipes.ts';
import { ERROR_CODE } from '../../spec/catalogue/errors.ts';

const CHARGE = ['Pay', 'Reserve'];
const isCharge = (step: ApiStep): boolean => CHARGE.includes(step.input.action);
const amountOf = (step: ApiStep): number => cents(step.input.params['TransactionAmount.Value']);
const pipeline = (t: TokenSeen | undefined): string => t?.pipeline.toLowerCase() ?? '';
const timeOf = (v: string | undefined): number => (v === undefined ? NaN : /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v));
const HOUR = 3_600_000;
const DAY = 86_400_000;
const periodMs = (p: string | undefined): number | undefined => {
  const q = parsePeriod(p ?? '');
  return q === undefined ? undefined : q.n * (q.unit === 'Hour' ? HOUR : q.unit === 'Day' ? DAY : q.unit === 'Month' ? 28 * DAY : 7 * DAY);
};
const charged = (step: ApiStep): Outcome => fabricate(fakeCharge(step, step.input.action), step.state, 'token rule forgotten');

/** A token-rule bug: where the model refuses a charge on the sender token citing `rule`, `accept` says whether the emulator takes it. */
function tokenRule(head: BugHead, rule: string, accept: (t: TokenSeen, step: ApiStep, m: Memory) => boolean): Bug {
  return {
    ...head,
    make: withMemory((m) => ({
      outcome(o, step) {
        const t = m.senderToken(step);
        return t !== undefined && isCharge(step) && refusedFor(o, rule) && accept(t, step, m) ? charged(step) : o;
      },
    })),
  };
}

/** The first usage limit of a MultiUse token with `type` (Count or Amount). */
function limitOf(t: TokenSeen, type: 'count' | 'amount'): { value: number; period: number | undefined } | undefined {
  for (const i of ['1', '2']) {
    if ((t.params[`usagelimittype${i}`] ?? '').toLowerCase() !== type) continue;
    const raw = t.params[`usagelimitvalue${i}`];
    return { value: type === 'count' ? Number(raw ?? '1') : cents(raw), period: periodMs(t.params[`usagelimitperiod${i}`]) };
  }
  return undefined;
}

export const MORE_TOKEN_BUGS: readonly Bug[] = [
  tokenRule(
    { name: 'tok-ignores-validity-start', area: 'tokens', clause: 'R-TOK-4.validity-start', rules: ['R-TOK-4'], description: 'Checks validityExpiry but not validityStart: a token pays before it is valid.' },
    'R-TOK-4',
    (t, step) => timeOf(t.params.validitystart) > step.now,
  ),
  tokenRule(
    { name: 'tok-multiuse-no-default-expiry', area: 'tokens', clause: 'R-TOK-4.multiuse-default-year', rules: ['R-TOK-4'], description: 'A MultiUse token without validityExpiry never expires (no one-year default).' },
    'R-TOK-4',
    (t, step) => pipeline(t) === 'multiuse' && t.params.validityexpiry === undefined && !(timeOf(t.params.validitystart) > step.now),
  ),
  {
    name: 'tok-recipient-ignores-expiry',
    area: 'tokens',
    clause: 'R-TOK-4.recipient-token',
    description: 'Checks the validity of the sender token only: a Pay naming a Recipient token past its validityExpiry goes through.',
    rules: ['R-TOK-4'],
    make: withMemory((m) => ({
      outcome(o, step) {
        const r = m.tokens.get(step.input.params.RecipientTokenId ?? '');
        if (step.input.action !== 'Pay' || r === undefined || !refusedFor(o, 'R-TOK-4') || !(timeOf(r.params.validityexpiry) <= step.now)) return o;
        const s = m.senderToken(step);
        return s !== undefined && timeOf(s.params.validityexpiry) <= step.now ? o : charged(step);
      },
    })),
  },
  tokenRule(
    { name: 'tok-single-use-amount-unchecked', area: 'tokens', clause: 'R-TOK-5.single-use-at-most', rules: ['R-TOK-5'], description: 'A SingleUse token pays any amount, not at most its transactionAmount.' },
    'R-TOK-5',
    (t) => pipeline(t) === 'singleuse',
  ),
  tokenRule(
    { name: 'tok-exact-as-maximum', area: 'tokens', clause: 'R-TOK-5.multiuse-exact', rules: ['R-TOK-5'], description: 'Reads a MultiUse amountType Exact (the default) as Maximum: a smaller payment goes through.' },
    'R-TOK-5',
    (t, step) => pipeline(t) === 'multiuse' && (t.params.amounttype ?? 'exact').toLowerCase() === 'exact' && amountOf(step) < cents(t.params.transactionamount),
  ),
  {
    name: 'tok-minimum-as-maximum',
    area: 'tokens',
    clause: 'R-TOK-5.multiuse-minimum',
    description: 'Swaps the comparison of amountType Minimum: a payment below the transactionAmount goes through, one above it is IncompatibleTokens.',
    rules: ['R-TOK-5'],
    make: withMemory((m) => ({
      outcome(o, step) {
        const t = m.senderToken(step);
        if (t === undefined || !isCharge(step) || pipeline(t) !== 'multiuse' || (t.params.amounttype ?? '').toLowerCase() !== 'minimum') return o;
        const limit = cents(t.params.transactionamount);
        if (refusedFor(o, 'R-TOK-5') && amountOf(step) < limit) return charged(step);
        if (o.answer.kind === 'result' && amountOf(step) > limit) return fabricate({ kind: 'error', code: ERROR_CODE.IncompatibleTokens }, step.state, 'Minimum read as Maximum');
        return o;
      },
    })),
  },
  tokenRule(
    { name: 'tok-recurring-amount-maximum', area: 'tokens', clause: 'R-TOK-5.recurring-exact', rules: ['R-TOK-5'], description: 'Reads a Recurring token\'s transactionAmount as a maximum: a smaller charge goes through.' },
    'R-TOK-5',
    (t, step) => pipeline(t) === 'recurring' && amountOf(step) < cents(t.params.transactionamount),
  ),
  tokenRule(
    { name: 'tok-count-off-by-one', area: 'tokens', clause: 'R-TOK-6.multiuse-count', rules: ['R-TOK-6'], description: 'Compares the count of charges in the window with <= instead of <: one charge more than usageLimitValue goes through.' },
    'R-TOK-6',
    (t, step) => {
      const l = pipeline(t) === 'multiuse' ? limitOf(t, 'count') : undefined;
      if (l === undefined) return false;
      const inWindow = t.charges.filter((c) => l.period === undefined || step.now - c < l.period).length;
      return inWindow === l.value;
    },
  ),
  {
    name: 'tok-amount-limit-exclusive',
    area: 'tokens',
    clause: 'R-TOK-6.multiuse-amount',
    description: 'Compares used + amount with the Amount usage limit using <, so a charge that reaches the limit exactly is TokenUsageError.',
    rules: ['R-TOK-6'],
    make: withMemory((m) => ({
      outcome(o, step) {
        const t = m.senderToken(step);
        const l = t && pipeline(t) === 'multiuse' ? limitOf(t, 'amount') : undefined;
        if (t === undefined || l === undefined || !isCharge(step) || o.answer.kind !== 'result') return o;
        const used = t.charges.reduce((sum, c, i) => (l.period === undefined || step.now - c < l.period ? sum + (t.chargeCents[i] ?? 0) : sum), 0);
        return used + amountOf(step) === l.value ? fabricate({ kind: 'error', code: ERROR_CODE.TokenUsageError }, step.state, 'limit reached exactly') : o;
      },
    })),
  },
  tokenRule(
    { name: 'tok-global-limit-ignored', area: 'tokens', clause: 'R-TOK-6.global-amount-limit', rules: ['R-TOK-6'], description: 'Enforces the usage limits but not globalAmountLimit over the token\'s lifetime.' },
    'R-TOK-6',
    (t) => pipeline(t) === 'multiuse' && limitOf(t, 'count') === undefined && limitOf(t, 'amount') === undefined,
  ),
  tokenRule(
    { name: 'tok-no-period-daily', area: 'tokens', clause: 'R-TOK-6.no-period-is-lifetime', rules: ['R-TOK-6'], description: 'A usage limit without usageLimitPeriod resets every day instead of holding for the token\'s lifetime.' },
    'R-TOK-6',
    (t, step) => {
      const l = pipeline(t) === 'multiuse' ? limitOf(t, 'count') : undefined;
      return l !== undefined && l.period === undefined && t.charges.filter((c) => step.now - c < DAY).length < l.value;
    },
  ),
  tokenRule(
    { name: 'tok-calendar-day-windows', area: 'tokens', clause: 'R-TOK-7.windows-from-anchor', rules: ['R-TOK-7', 'R-TOK-6'], description: 'Cuts day windows at UTC midnight instead of from the token\'s anchor: charges at 23:00 and 01:00 count in two windows.' },
    'R-TOK-6',
    (t, step) => {
      const l = pipeline(t) === 'multiuse' ? limitOf(t, 'count') : undefined;
      if (l === undefined || l.period !== DAY) return false;
      const today = Math.floor(step.now / DAY);
      return t.charges.filter((c) => Math.floor(c / DAY) === today).length < l.value;
    },
  ),
  tokenRule(
    {
      name: 'tok-install-band-uncounted',
      area: 'tokens',
      clause: 'R-TOK-7.first-window-at-install',
      rules: ['R-TOK-7', 'R-TOK-6'],
      description: 'Opens the 60 s tolerance band before the first window: charges in the first minute after install do not count, so a Count-2-per-day token pays 3 times at install and a monthly Recurring token twice in its first month.',
    },
    'R-TOK-6',
    (t) => {
      if (t.params.validitystart !== undefined) return false;
      const limit = pipeline(t) === 'recurring' ? 1 : pipeline(t) === 'multiuse' ? limitOf(t, 'count')?.value : undefined;
      return limit !== undefined && t.charges.filter((c) => c - t.installedAt > 60_000).length < limit && t.charges.some((c) => c - t.installedAt <= 60_000);
    },
  ),
  tokenRule(
    { name: 'tok-use-on-completion', area: 'tokens', clause: 'R-TOK-8.pending-charge-uses', rules: ['R-TOK-8', 'R-TOK-6'], description: 'Counts a MultiUse token\'s use when the charge completes, so while a CC or ACH charge is Pending the token pays again.' },
    'R-TOK-6',
    // a use counted only once its charge completed: while one is still Pending, the token pays again
    (t, _step, m) => pipeline(t) === 'multiuse' && t.status !== 'SA' && t.chargeIds.some((id) => !m.completed.has(id)),
  ),
  tokenRule(
    { name: 'tok-cancel-not-enforced', area: 'tokens', clause: 'R-TOK-9.pay-after-cancel', rules: ['R-TOK-9'], description: 'CancelToken answers success but Pay and Reserve never look at the token\'s status.' },
    'R-TOK-9',
    () => true,
  ),
  renderBug(
    { name: 'tok-cancelled-shows-active', area: 'tokens', clause: 'R-TOK-9.inactive-after-cancel', rules: ['R-TOK-9', 'R-TOK-3'], description: 'GetTokenByCaller shows a cancelled token as Active (the status column is never written).' },
    ['GetTokenByCaller'],
    (f) => (f['Token.TokenStatus'] === 'Inactive' ? { ...f, 'Token.TokenStatus': 'Active' } : f),
  ),
  wrongCode(
    { name: 'tok-cancelled-recipient-sender-code', area: 'tokens', clause: 'R-TOK-9.recipient-code', rules: ['R-TOK-9'], description: 'Answers TokenNotActive_Sender for a cancelled recipient token too.' },
    { actions: ['Pay'], from: [ERROR_CODE.TokenNotActive_Recipient], to: ERROR_CODE.TokenNotActive_Sender },
  ),
  wrongCode(
    { name: 'tok-unknown-sender-generic', area: 'tokens', clause: 'R-TOK-10.unknown-sender', rules: ['R-TOK-10'], description: 'Answers an unknown SenderTokenId with the generic InvalidTokenId.' },
    { actions: CHARGE, from: [ERROR_CODE.InvalidTokenId_Sender], to: ERROR_CODE.InvalidTokenId },
  ),
  wrongCode(
    { name: 'tok-unknown-recipient-as-sender', area: 'tokens', clause: 'R-TOK-10.unknown-recipient', rules: ['R-TOK-10'], description: 'Looks both token ids up with one helper: an unknown RecipientTokenId is InvalidTokenId_Sender.' },
    { actions: ['Pay'], from: [ERROR_CODE.InvalidTokenId_Recipient], to: ERROR_CODE.InvalidTokenId_Sender },
  ),
  wrongCode(
    { name: 'tok-by-reference-unknown-generic', area: 'tokens', clause: 'R-TOK-3.unknown-caller-reference', rules: ['R-TOK-3'], description: 'GetTokenByCaller answers an unknown CallerReference with InvalidTokenId instead of InvalidCallerReference.' },
    { actions: ['GetTokenByCaller'], from: [ERROR_CODE.InvalidCallerReference], to: ERROR_CODE.InvalidTokenId },
  ),
  wrongCode(
    { name: 'tok-by-caller-neither-code', area: 'tokens', clause: 'R-TOK-3.neither-given', rules: ['R-TOK-3'], description: 'GetTokenByCaller with neither TokenId nor CallerReference looks up the empty id: InvalidTokenId, not InvalidParams.' },
    { actions: ['GetTokenByCaller'], from: [ERROR_CODE.InvalidParams], to: ERROR_CODE.InvalidTokenId, when: (step) => step.input.params.TokenId === undefined && step.input.params.CallerReference === undefined },
  ),
  renderBug(
    { name: 'tok-by-caller-no-date-installed', area: 'tokens', clause: 'R-TOK-3.token-fields', rules: ['R-TOK-3'], description: 'GetTokenByCaller leaves out Token.DateInstalled.' },
    ['GetTokenByCaller'],
    (f) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'Token.DateInstalled')),
  ),
  wrongRefusal(
    { name: 'tok-by-caller-token-id-only', area: 'tokens', clause: 'R-TOK-3.by-caller-reference', rules: ['R-TOK-3'], description: 'GetTokenByCaller looks tokens up by TokenId only: by CallerReference it answers InvalidTokenId.' },
    { actions: ['GetTokenByCaller'], code: ERROR_CODE.InvalidTokenId, when: (_o, step) => step.input.params.TokenId === undefined && step.input.params.CallerReference !== undefined },
  ),
];
