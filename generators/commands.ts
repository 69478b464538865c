// Command descriptors for model-based runs: plain data whose arguments point at earlier results by
// index (resolved modulo what exists when the command runs, so shrinking never breaks a reference).
// Preconditions only ask whether something to point at exists; the model judges every answer.
import fc from 'fast-check';
import { amountSpecArb, nearAmountSpecArb, type AmountSpec } from './amounts.ts';
import { cbuiVariantArb, validCbuiArb, type CbuiSpec } from './cbui.ts';
import { paramSpec } from '../spec/catalogue/actions.ts';
import type { PipelineName } from '../spec/types.ts';
import type { Instrument } from '../spec/model/api.ts';

/** An earlier result, by position among the results of its kind. */
export type Ref = number;
/** owner: the caller that installed the token / made the transaction; other: the second caller (R-AUTH-6) */
export type Actor = 'owner' | 'other';

export interface MarketplaceFees {
  /** the recipient token (a Recipient-pipeline token) */
  recipient: Ref;
  fixed?: AmountSpec;
  /** percent, compared with the recipient token's maxVariableFee */
  variable?: number;
  chargeFeeTo?: 'Recipient' | 'Caller';
}

/**
 * A change to an otherwise well-formed request: a required parameter left out (R-WIRE-8) or a value
 * past its size limit (R-WIRE-7).
 */
export type Tweak = { drop: string } | { set: string; value: string };

/** A value one character past the size limit Pay's table gives `name` (R-WIRE-7). */
function oneOver(name: string, fill: string): Tweak {
  const limit = paramSpec('Pay', name)?.maxLength;
  if (limit === undefined) throw new Error(`the catalogue gives Pay's ${name} no size limit`);
  return { set: name, value: fill.repeat(limit + 1) };
}

/** Size limits of R-WIRE-7, one character over. */
export const OVERSIZE: readonly Tweak[] = [oneOver('CallerReference', 'r'), oneOver('CallerDescription', 'd'), oneOver('SenderDescription', 's')];

/**
 * Amounts a target must refuse although the token would pay their number (R-WIRE-6): another
 * currency, and a value with trailing text ("1.00x" is non-numeric, though a parseFloat reads 1.00).
 * Exponents ("1e0") are not here: the ruling leaves spellings the docs neither allow nor forbid open.
 */
export const AMOUNT_MISFITS: readonly Tweak[] = [
  { set: 'TransactionAmount.CurrencyCode', value: 'EUR' },
  { set: 'TransactionAmount.CurrencyCode', value: 'GBP' },
  { set: 'TransactionAmount.Value', value: '1.00x' },
];

/** R-WIRE-8: CallerReference is required for Pay, Reserve and Refund (not for Settle). */
export const NO_CALLER_REFERENCE: Tweak = { drop: 'CallerReference' };

export type Command =
  | { op: 'GetToken'; cbui: CbuiSpec; caller: 0 | 1 }
  | {
      op: 'Pay';
      token: Ref;
      amount: AmountSpec;
      as: Actor;
      market?: MarketplaceFees;
      ipn?: boolean;
      tweak?: Tweak;
      cr?: number;
      /** literal ids instead of the run's tokens (the seed's special sandbox token ids, R-SBX-2) */
      senderTokenId?: string;
      recipientTokenId?: string;
    }
  | { op: 'Reserve'; token: Ref; amount: AmountSpec; as: Actor; ipn?: boolean; tweak?: Tweak; cr?: number }
  | { op: 'Settle'; txn: Ref; amount?: AmountSpec; as: Actor; ipn?: boolean }
  | { op: 'Cancel'; txn: Ref; as: Actor }
  | { op: 'Refund'; txn: Ref; amount?: AmountSpec; as: Actor; ipn?: boolean; tweak?: Tweak; cr?: number }
  | { op: 'CancelToken'; token: Ref; as: Actor }
  | { op: 'GetTransactionStatus'; txn: Ref; as: Actor }
  | { op: 'GetTokenByCaller'; token: Ref; by: 'TokenId' | 'CallerReference'; as: Actor }
  /** the same request again (same CallerReference): unchanged (R-IDEM-2), with one value altered
   *  (R-IDEM-3), or unchanged from the other caller (R-IDEM-1: the scope is one caller) */
  | { op: 'Resend'; request: Ref; alter: 'none' | 'amount' | 'action' | 'caller' }
  | { op: 'Advance'; seconds: number }
  | { op: 'Process' }
  /** sent together; the answers must fit some serial order */
  | { op: 'Burst'; commands: Command[] }
  /** sent with a 1 ms timeout: the answer never arrives (unknown outcome) */
  | { op: 'Lost'; command: Command };

export type Op = Command['op'];

/**
 * Clock steps: past an hour, a day, a month, the 7-day idempotency and reserve windows (R-IDEM-4,
 * R-PAY-5), each at least two minutes clear of the edge it aims at so no step starts inside a band.
 */
export const ADVANCES_S: readonly number[] = [
  120, 3_600 + 120, 86_400 + 120, 3 * 86_400, 7 * 86_400 - 3_600, 7 * 86_400 + 3_600, 31 * 86_400 + 3_600,
];

export interface CommandOptions {
  /** relative weights; an op with no weight is never generated */
  weights: Partial<Record<Exclude<Op, 'Burst' | 'Lost'>, number>>;
  pipelines?: readonly PipelineName[];
  /** the buyer's instrument picks (repeat one to favour it); default CC, ACH, ABT */
  instruments?: readonly Instrument[];
  /** generate invalid Co-Branded requests and malformed amounts too */
  invalid?: boolean;
  /** the share of API commands sent as the other caller (R-AUTH-6); 0 by default */
  otherCaller?: number;
  /** attach OverrideIPNURL to Pay/Reserve */
  ipn?: boolean;
  marketplace?: boolean;
  /**
   * CallerReferences drawn from a pool of this many ("cr0", "cr1", ...) instead of one per request, so
   * requests collide: same or other parameters, action, caller, before or after the window (R-IDEM-*)
   */
  callerReferencePool?: number;
  /** bursts of 2..4 commands from these ops */
  burst?: { weight: number; ops: readonly Exclude<Op, 'Burst' | 'Lost' | 'GetToken'>[] };
  lost?: { weight: number; ops: readonly ('Pay' | 'Reserve' | 'Refund')[] };
  advances?: readonly number[];
  minLength?: number;
  maxLength?: number;
}

function actorArb(o: CommandOptions): fc.Arbitrary<Actor> {
  const share = o.otherCaller ?? 0;
  if (share <= 0) return fc.constant('owner');
  return fc.integer({ min: 1, max: 100 }).map((n) => (n <= share * 100 ? 'other' : 'owner'));
}

function opArbs(o: CommandOptions): Record<Exclude<Op, 'Burst' | 'Lost'>, fc.Arbitrary<Command>> {
  const amount = o.invalid ? amountSpecArb : nearAmountSpecArb;
  const as = actorArb(o);
  const ref = fc.nat(7);
  const cr = o.callerReferencePool ? fc.nat(o.callerReferencePool - 1) : fc.constant(undefined);
  const ipn = o.ipn ? fc.constant(true) : fc.constant(undefined);
  const tweak = (required: readonly string[], misfits: readonly Tweak[] = []): fc.Arbitrary<Tweak | undefined> =>
    o.invalid
      ? fc.oneof(
          // mostly well-formed: one request in eight is broken (R-WIRE-6, R-WIRE-7, R-WIRE-8)
          { weight: 7, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...required).map((drop): Tweak => ({ drop })), fc.constantFrom(...OVERSIZE, ...misfits)) },
        )
      : fc.constant(undefined);
  const market: fc.Arbitrary<MarketplaceFees | undefined> = o.marketplace
    ? fc.option(
        fc.record(
          {
            recipient: ref,
            fixed: fc.constantFrom(0, -1, 1, 50).map((rel): AmountSpec => ({ rel })),
            variable: fc.constantFrom(0, 1, 5, 10, 11),
            chargeFeeTo: fc.constantFrom('Recipient' as const, 'Caller' as const),
          },
          { requiredKeys: ['recipient'] },
        ),
        { nil: undefined, freq: 4 },
      )
    : fc.constant(undefined);
  const pipelines = o.pipelines ?? ['SingleUse', 'MultiUse', 'Recurring'];
  return {
    GetToken: fc.record({
      op: fc.constant('GetToken' as const),
      cbui: o.invalid ? cbuiVariantArb(pipelines, o.instruments) : validCbuiArb(pipelines, o.instruments),
      caller: o.otherCaller ? fc.constantFrom<0 | 1>(0, 0, 1) : fc.constant<0 | 1>(0),
    }),
    Pay: fc.record({ op: fc.constant('Pay' as const), token: ref, amount, as, market, ipn, tweak: tweak(PAY_REQUIRED, AMOUNT_MISFITS), cr }).map(strip),
    Reserve: fc.record({ op: fc.constant('Reserve' as const), token: ref, amount, as, ipn, tweak: tweak(PAY_REQUIRED, AMOUNT_MISFITS), cr }).map(strip),
    Settle: fc.record({ op: fc.constant('Settle' as const), txn: ref, amount: fc.option(amount, { nil: undefined }), as, ipn }).map(strip),
    Cancel: fc.record({ op: fc.constant('Cancel' as const), txn: ref, as }),
    Refund: fc.record({ op: fc.constant('Refund' as const), txn: ref, amount: fc.option(amount, { nil: undefined }), as, ipn, tweak: tweak(REFUND_REQUIRED), cr }).map(strip),
    CancelToken: fc.record({ op: fc.constant('CancelToken' as const), token: ref, as }),
    GetTransactionStatus: fc.record({ op: fc.constant('GetTransactionStatus' as const), txn: ref, as }),
    GetTokenByCaller: fc.record({ op: fc.constant('GetTokenByCaller' as const), token: ref, by: fc.constantFrom('TokenId' as const, 'CallerReference' as const), as }),
    Resend: fc.record({
      op: fc.constant('Resend' as const),
      request: ref,
      alter: o.otherCaller
        ? fc.constantFrom('none' as const, 'none' as const, 'amount' as const, 'action' as const, 'caller' as const)
        : fc.constantFrom('none' as const, 'none' as const, 'amount' as const, 'action' as const),
    }),
    Advance: fc.record({ op: fc.constant('Advance' as const), seconds: fc.constantFrom(...(o.advances ?? ADVANCES_S)) }),
    Process: fc.constant({ op: 'Process' as const }),
  };
}

/** Required parameters (R-WIRE-8: CallerReference is required for Pay, Reserve and Refund). */
const PAY_REQUIRED = ['SenderTokenId', 'TransactionAmount.Value', 'CallerReference'];
const REFUND_REQUIRED = ['TransactionId', 'CallerReference'];

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function commandArb(o: CommandOptions): fc.Arbitrary<Command> {
  const arbs = opArbs(o);
  const entries: fc.WeightedArbitrary<Command>[] = Object.entries(o.weights)
    .filter(([, w]) => (w ?? 0) > 0)
    .map(([op, w]) => ({ weight: w!, arbitrary: arbs[op as keyof typeof arbs] }));
  if (o.burst) {
    const inner = fc.oneof(...o.burst.ops.map((op) => arbs[op]));
    entries.push({ weight: o.burst.weight, arbitrary: fc.array(inner, { minLength: 2, maxLength: 4 }).map((commands): Command => ({ op: 'Burst', commands })) });
  }
  if (o.lost) {
    const inner = fc.oneof(...o.lost.ops.map((op) => arbs[op]));
    entries.push({ weight: o.lost.weight, arbitrary: inner.map((command): Command => ({ op: 'Lost', command })) });
  }
  return fc.oneof(...entries);
}

/** A command sequence that starts by getting a token (nothing else has anything to point at before). */
export function commandsArb(o: CommandOptions): fc.Arbitrary<Command[]> {
  const first = fc.record({ op: fc.constant('GetToken' as const), cbui: validCbuiArb(o.pipelines ?? ['SingleUse', 'MultiUse', 'Recurring'], o.instruments), caller: fc.constant<0 | 1>(0) });
  return fc
    .tuple(first, fc.array(commandArb(o), { minLength: o.minLength ?? 3, maxLength: o.maxLength ?? 12 }))
    .map(([f, rest]) => [f, ...rest]);
}
