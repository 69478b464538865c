// Fixed sequences aimed at one usage or validity rule each (R-TOK-3, R-TOK-4, R-TOK-6..10), where
// generated runs rarely reach: the global limit alone, a limit without period, charges at the install
// instant, a day window that crosses UTC midnight, a Pending charge's use, the recipient token of a
// Pay, and token ids nobody issued.
import type { Command } from '../../generators/commands.ts';
import { modelCheck, type RunParts } from './model-run/property.ts';
import { unknownId } from './stateless-common.ts';
import { DAY_S, HOUR_S, abs, advance, cancelToken, pay, processAll, runsFor, status, token } from './model-run/scenario.ts';

/** 23:00 UTC next (strictly after now): a token installed then has its day windows cross UTC midnight (R-TOK-7). */
export function next2300(now: number): number {
  const d = new Date(now);
  const today = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23);
  return today > now ? today : today + DAY_S * 1000;
}

async function to2300({ session }: RunParts): Promise<void> {
  await session.advanceTo('clock to 23:00 UTC', next2300(session.now));
}

const COUNT_2_PER_DAY = token('MultiUse', { globalAmountLimit: '100.00', usageLimitType1: 'Count', usageLimitValue1: '2', usageLimitPeriod1: '1 Day' }, 'ABT');
const COUNT_1_PER_DAY = token('MultiUse', { globalAmountLimit: '100.00', usageLimitType1: 'Count', usageLimitValue1: '1', usageLimitPeriod1: '1 Day' }, 'ABT');
const MONTHLY = token('Recurring', { transactionAmount: '5.00', recurringPeriod: '1 Month' }, 'ABT');
const ONE = abs('1.00');

/** A Pay naming the run's Recipient token `recipient` (no fees: only RecipientTokenId is sent, R-WIRE-9's spelling). */
const payTo = (recipient: number, sender = 0): Command => ({ op: 'Pay', token: sender, amount: ONE, as: 'owner', market: { recipient } });
/** An id no target issued (the kit's prefix and a fixed tail, within R-WIRE-7's 65 characters). */
const UNKNOWN_RECIPIENT = 'FPSCKUNKNOWNRECIPIENTTOKEN000000000000000000000000000000000000000';
const UNKNOWN_SENDER = 'FPSCKUNKNOWNSENDERTOKEN000000000000000000000000000000000000000000';

/**
 * GetTokenByCaller of a CallerReference nobody used, and with neither TokenId nor CallerReference
 * (R-TOK-3: InvalidCallerReference, InvalidParams): the commands only read back the run's own tokens.
 */
async function readUnknownTokens({ session, exec }: RunParts): Promise<void> {
  const caller = exec.caller(0);
  for (const [label, params] of [
    ['GetTokenByCaller(an unknown CallerReference)', { CallerReference: unknownId('fpsck-ref-') }],
    ['GetTokenByCaller(neither TokenId nor CallerReference)', {}],
  ] as const) {
    exec.lines.push(label);
    await session.api(label, 'GetTokenByCaller', { ...params }, caller);
  }
}

const RECIPIENT = token('Recipient', { maxFixedFee: '1.00', maxVariableFee: '5' }, 'ABT');
const SENDER = token('MultiUse', { globalAmountLimit: '100.00' }, 'ABT');

export const TOKEN_USAGE_CHECKS = [
  modelCheck({
    id: 'tokens/global-amount-limit',
    title: 'A MultiUse token with no usage limit pays up to its globalAmountLimit exactly and no further: TokenUsageError (R-TOK-6)',
    requirements: ['R-TOK-6'],
    maxRuns: runsFor(1),
    sequences: [[token('MultiUse', { globalAmountLimit: '10.00' }, 'ABT'), pay(0, abs('6.00')), pay(0, abs('4.01')), pay(0, abs('4.00')), pay(0, abs('1.00'))]],
  }),
  modelCheck({
    id: 'tokens/first-window-at-install',
    title: 'Charges right after the install count in the first window (no band before it): Count 2 per day pays twice at the install instant, a monthly Recurring token once (R-TOK-7, R-TOK-6)',
    // rulings preamble: "A token's install time is not such a boundary when validityStart is absent"
    requirements: ['R-TOK-7', 'R-TOK-6'],
    needs: ['sandbox', 'clock'],
    maxRuns: runsFor(4),
    sequences: [
      [COUNT_2_PER_DAY, pay(0, ONE), pay(0, ONE), pay(0, ONE)],
      [COUNT_2_PER_DAY, pay(0, ONE), advance(HOUR_S), pay(0, ONE), pay(0, ONE)],
      [MONTHLY, pay(0), pay(0)],
      [MONTHLY, pay(0), advance(DAY_S), pay(0)],
    ],
  }),
  modelCheck({
    id: 'tokens/day-windows-from-anchor',
    title: 'Day windows run from the install time, not from UTC midnight: a Count 1 per day token installed at 23:00 pays once until 23:00 the next day (R-TOK-7, R-TOK-6)',
    requirements: ['R-TOK-7', 'R-TOK-6'],
    needs: ['sandbox', 'clock'],
    before: to2300,
    maxRuns: runsFor(1),
    // 01:00 and 22:00 are far from the window's edges (23:00), so each verdict is sharp
    sequences: [[COUNT_1_PER_DAY, pay(0, ONE), advance(2 * HOUR_S), pay(0, ONE), advance(21 * HOUR_S), pay(0, ONE), advance(2 * HOUR_S), pay(0, ONE)]],
  }),
  modelCheck({
    id: 'tokens/pending-charge-uses',
    title: 'A CC or ACH charge uses its token while still Pending: a Count 1 MultiUse token pays once, before and after processing (R-TOK-8, R-TOK-6)',
    requirements: ['R-TOK-8', 'R-TOK-6'],
    maxRuns: runsFor(2),
    // a second charge may go through only if the first already failed and the target gives failed uses
    // back (R-PAY-1, R-TOK-8 set): the first's status, read after it, tells that apart (the failure is
    // then reported on that read: the model had to adopt "the first failed" to allow the second charge)
    sequences: (['CC', 'ACH'] as const).map((i) => [
      token('MultiUse', { globalAmountLimit: '100.00', usageLimitType1: 'Count', usageLimitValue1: '1' }, i),
      pay(0, ONE),
      pay(0, ONE),
      status(0),
      processAll,
      status(0),
      pay(0, ONE),
    ]),
  }),
  modelCheck({
    id: 'tokens/recipient-token',
    title: 'A Pay\'s recipient token must be valid and active: past its validityExpiry IncompatibleTokens, cancelled TokenNotActive_Recipient (R-TOK-4, R-TOK-9)',
    requirements: ['R-TOK-4', 'R-TOK-9'],
    needs: ['sandbox', 'clock'],
    maxRuns: runsFor(2),
    sequences: [
      [token('Recipient', { maxFixedFee: '1.00' }, 'ABT', { validity: { expiryOffsetS: 2 * DAY_S } }), SENDER, payTo(0), advance(2 * DAY_S + HOUR_S), payTo(0)],
      [RECIPIENT, SENDER, payTo(0), cancelToken(0), payTo(0)],
    ],
  }),
  modelCheck({
    id: 'tokens/unknown-token-ids',
    title: 'Unknown token ids get the ruled codes: SenderTokenId InvalidTokenId_Sender, RecipientTokenId InvalidTokenId_Recipient; GetTokenByCaller of an unknown CallerReference InvalidCallerReference, with neither InvalidParams (R-TOK-10, R-TOK-3)',
    requirements: ['R-TOK-10', 'R-TOK-3'],
    maxRuns: runsFor(1),
    sequences: [[SENDER, { op: 'Pay', token: 0, amount: ONE, as: 'owner', senderTokenId: UNKNOWN_SENDER }, { op: 'Pay', token: 0, amount: ONE, as: 'owner', recipientTokenId: UNKNOWN_RECIPIENT }, pay(0, ONE)]],
    after: readUnknownTokens,
  }),
  modelCheck({
    id: 'tokens/usage-limit-without-period',
    title: 'A usage limit without usageLimitPeriod holds for the token\'s lifetime: Count 1 pays once, also days later (R-TOK-6)',
    requirements: ['R-TOK-6'],
    needs: ['sandbox', 'clock'],
    maxRuns: runsFor(1),
    sequences: [[token('MultiUse', { globalAmountLimit: '100.00', usageLimitType1: 'Count', usageLimitValue1: '1' }, 'ABT'), pay(0, ONE), advance(DAY_S + HOUR_S), pay(0, ONE), advance(40 * DAY_S), pay(0, ONE)]],
  }),
];
