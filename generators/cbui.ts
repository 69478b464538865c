// Co-Branded UI requests (R-TOK-1, R-TOK-2): the pipeline, its constraints, the buyer's choices, and
// the ways a request can be wrong. Descriptors are data; `cbuiParams` turns one into parameters when
// the run knows the caller, the clock and the earlier tokens.
import fc from 'fast-check';
import type { Instrument } from '../spec/model/api.ts';
import { PIPELINES, type PipelineName } from '../spec/types.ts';
import { CBUI_COMMON_PARAMS, PIPELINE_SPECS, type PipelineParamSpec } from '../spec/catalogue/pipelines.ts';
import { BAD_AMOUNTS, centsArb, formatCents, parseCents } from './amounts.ts';

export const INSTRUMENTS: readonly Instrument[] = ['CC', 'ACH', 'ABT'];

/** A well-formed value for a Co-Branded input of this type (used for foreign inputs, R-TOK-1). */
const SAMPLE_BY_TYPE: Readonly<Record<PipelineParamSpec['type'], string>> = {
  String: 'x',
  URL: 'http://127.0.0.1/x',
  Amount: '1.00',
  Boolean: 'True',
  Date: '2000000000',
  Integer: '1',
  Long: '1',
  Period: '1 Month',
  List: 'ABT',
};
const sample = (q: PipelineParamSpec): string => q.validValues?.[0] ?? SAMPLE_BY_TYPE[q.type];

/** Pipeline inputs the catalogue marks required, beside the common ones and callerReference (R-TOK-1). */
export const REQUIRED_INPUTS: Readonly<Record<PipelineName, readonly string[]>> = Object.fromEntries(
  PIPELINES.map((pl) => [pl, PIPELINE_SPECS[pl].params.filter((q) => q.required === 'yes' && q.name !== 'callerReference').map((q) => q.name)]),
) as unknown as Record<PipelineName, readonly string[]>;

/** Inputs that belong only to other pipelines, with a well-formed value: a "foreign input" (R-TOK-1). */
export const FOREIGN_INPUTS: Readonly<Record<PipelineName, readonly [string, string][]>> = Object.fromEntries(
  PIPELINES.map((pl) => {
    const own = new Set([...PIPELINE_SPECS[pl].params, ...CBUI_COMMON_PARAMS].map((q) => q.name.toLowerCase()));
    const foreign = new Map<string, string>();
    for (const other of PIPELINES)
      for (const q of PIPELINE_SPECS[other].params) if (!own.has(q.name.toLowerCase()) && !foreign.has(q.name)) foreign.set(q.name, sample(q));
    return [pl, [...foreign]];
  }),
) as unknown as Record<PipelineName, readonly [string, string][]>;

export type CbuiDefect =
  | { kind: 'missing'; input: string }
  | { kind: 'malformed-amount'; input: string; value: string }
  | { kind: 'foreign'; input: string; value: string }
  /** a well-formed AWS Access Key ID the target never issued (R-TOK-1: CE naming callerKey) */
  | { kind: 'unknown-caller-key' }
  | { kind: 'bad-signature' }
  | { kind: 'unsigned' }
  /** every name in another case (R-WIRE-2: Co-Branded names are not case-sensitive), signed as sent */
  | { kind: 'recased'; style: 'lower' | 'upper' };

/** Validity as offsets from the clock when the request is made (epoch seconds on the wire, seed: "UNIX epoch date format"). */
export interface Validity {
  startOffsetS?: number;
  expiryOffsetS?: number;
}

export interface CbuiSpec {
  pipeline: PipelineName;
  /** constraint inputs with literal values (amounts, limits, periods, paymentMethod, fees) */
  inputs: Readonly<Record<string, string>>;
  validity?: Validity;
  /** the buyer: index into the run's senders (recipients for the Recipient pipeline) */
  buyer: number;
  decision: 'approve' | 'abandon';
  instrument?: Instrument;
  defect?: CbuiDefect;
  /** EditToken: which earlier token (index into the run's tokens) */
  editOf?: number;
}

const period = (units: readonly string[]) =>
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom(...units)).map(([n, u]) => `${n} ${u}${n > 1 ? 's' : ''}`);
export const usagePeriodArb = period(['Hour', 'Day', 'Month']);
export const recurringPeriodArb = period(['Hour', 'Day', 'Month']);

const amount = (max?: number) => centsArb(max).map(formatCents);
const paymentMethodArb = fc.option(fc.subarray([...INSTRUMENTS], { minLength: 1 }).map((l) => l.join(',')), { nil: undefined, freq: 2 });

function withOptional(base: fc.Arbitrary<Record<string, string>>, extras: Record<string, fc.Arbitrary<string | undefined>>): fc.Arbitrary<Record<string, string>> {
  return fc.tuple(base, fc.record(extras)).map(([b, e]) => {
    const out = { ...b };
    for (const [k, v] of Object.entries(e)) if (v !== undefined) out[k] = v;
    return out;
  });
}

const opt = <T>(a: fc.Arbitrary<T>, freq = 2) => fc.option(a, { nil: undefined, freq });

/** One usage limit (usageLimitTypeN, usageLimitPeriodN, usageLimitValueN) or none. */
function usageLimit(n: 1 | 2): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    fc.constant({}),
    fc.tuple(fc.constantFrom('Count', 'Amount'), opt(usagePeriodArb, 3), fc.integer({ min: 1, max: 4 }), amount(5_000)).map(([type, p, count, amt]) => {
      const r: Record<string, string> = { [`usageLimitType${n}`]: type, [`usageLimitValue${n}`]: type === 'Count' ? String(count) : amt };
      if (p !== undefined) r[`usageLimitPeriod${n}`] = p;
      return r;
    }),
  );
}

/** Constraint inputs of every kind, per pipeline. */
export const inputsArb: Readonly<Record<PipelineName, fc.Arbitrary<Record<string, string>>>> = {
  SingleUse: withOptional(amount().map((a) => ({ transactionAmount: a })), { paymentMethod: paymentMethodArb }),
  MultiUse: withOptional(
    fc.tuple(amount(100_000), usageLimit(1), usageLimit(2)).map(([g, u1, u2]) => ({ globalAmountLimit: g, ...u1, ...u2 })),
    {
      paymentMethod: paymentMethodArb,
      amountType: opt(fc.constantFrom('Exact', 'Maximum', 'Minimum')),
      transactionAmount: opt(amount(5_000)),
    },
  ).map((r) =>
    // "Condition: Required if you have specified amountType": 10.00, or the whole limit when smaller
    r.amountType && !r.transactionAmount ? { ...r, transactionAmount: formatCents(Math.min(1000, parseCents(r.globalAmountLimit!) ?? 1000)) } : r,
  ),
  Recurring: withOptional(fc.tuple(amount(10_000), recurringPeriodArb).map(([a, p]) => ({ transactionAmount: a, recurringPeriod: p })), {
    paymentMethod: paymentMethodArb,
  }),
  Recipient: fc.record(
    {
      maxFixedFee: fc.constantFrom('0.50', '1.00', '2.00'),
      maxVariableFee: fc.constantFrom('0', '5', '10'),
      recipientPaysFee: fc.constantFrom('True', 'False'),
      paymentMethod: fc.constantFrom('CC,ACH,ABT', 'ABT', 'CC'),
    },
    { requiredKeys: ['maxFixedFee', 'maxVariableFee'] },
  ),
  EditToken: fc.constant({}),
};

export const validityArb: fc.Arbitrary<Validity | undefined> = fc.oneof(
  // absent in two runs of three
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        // the request's own time, an hour or two days ahead; never a start in the past (seed: "Date cannot be earlier than the current date")
        startOffsetS: fc.constantFrom(0, 3_600, 2 * 86_400),
        expiryOffsetS: fc.constantFrom(3_600, 86_400, 10 * 86_400),
      },
      { requiredKeys: [] },
    ),
  },
);

/** A valid Co-Branded request that the buyer approves (the common case). */
export function validCbuiArb(pipelines: readonly PipelineName[] = ['SingleUse', 'MultiUse', 'Recurring'], instruments: readonly Instrument[] = INSTRUMENTS): fc.Arbitrary<CbuiSpec> {
  return fc.constantFrom(...pipelines).chain((pipeline) =>
    fc.record({
      pipeline: fc.constant(pipeline),
      inputs: inputsArb[pipeline],
      // Recipient tokens have a validity too (R-TOK-4 "A token can pay only while ...")
      validity: pipeline === 'MultiUse' || pipeline === 'Recurring' || pipeline === 'Recipient' ? validityArb : fc.constant(undefined),
      buyer: fc.nat(3),
      decision: fc.constant<'approve' | 'abandon'>('approve'),
      instrument: fc.constantFrom<Instrument>(...instruments),
      editOf: pipeline === 'EditToken' ? fc.nat(5) : fc.constant(undefined),
      // mostly a paymentMethod that allows the buyer's pick; sometimes the default (ABT) or another list (R-TOK-2)
      allow: fc.constantFrom('with', 'with', 'with', 'as-generated'),
    }).map(({ allow, ...spec }) => stripUndefined(allow === 'with' && spec.pipeline !== 'Recipient' ? allowing(spec) : spec)),
  );
}

/** The spec with a paymentMethod that includes its instrument. */
export function allowing(spec: CbuiSpec): CbuiSpec {
  if (!spec.instrument) return spec;
  const listed = (spec.inputs.paymentMethod ?? '').split(',').filter(Boolean);
  const methods = listed.includes(spec.instrument) ? listed : [...listed, spec.instrument];
  return { ...spec, inputs: { ...spec.inputs, paymentMethod: methods.join(',') } };
}

/** Each kind of invalid Co-Branded request: missing required input, malformed amount, foreign input, bad signature; plus abandon, unsigned, and names in another case. */
export function cbuiVariantArb(pipelines: readonly PipelineName[] = ['SingleUse', 'MultiUse', 'Recurring', 'Recipient'], instruments: readonly Instrument[] = INSTRUMENTS): fc.Arbitrary<CbuiSpec> {
  return validCbuiArb(pipelines, instruments).chain((spec) => {
    // callerKey is required of every pipeline too (R-TOK-1)
    const required = ['callerKey', 'callerReference', ...REQUIRED_INPUTS[spec.pipeline]];
    const amounts = ['transactionAmount', 'globalAmountLimit'].filter((k) => k in spec.inputs);
    const missing = fc.constantFrom(...required).map((input): CbuiDefect => ({ kind: 'missing', input }));
    const defects: fc.Arbitrary<CbuiDefect | 'abandon' | undefined | { both: CbuiDefect }>[] = [
      fc.constant(undefined),
      fc.constant<'abandon'>('abandon'),
      missing,
      fc.constantFrom(...FOREIGN_INPUTS[spec.pipeline]).map(([input, value]): CbuiDefect => ({ kind: 'foreign', input, value })),
      fc.constant<CbuiDefect>({ kind: 'unknown-caller-key' }),
      fc.constant<CbuiDefect>({ kind: 'bad-signature' }),
      fc.constant<CbuiDefect>({ kind: 'unsigned' }),
      fc.constantFrom<CbuiDefect>({ kind: 'recased', style: 'lower' }, { kind: 'recased', style: 'upper' }),
      // a broken request the buyer also abandons: both statuses apply (R-TOK-11 "Where several apply")
      missing.map((both) => ({ both })),
    ];
    if (amounts.length > 0)
      defects.push(fc.tuple(fc.constantFrom(...amounts), fc.constantFrom(...BAD_AMOUNTS)).map(([input, value]): CbuiDefect => ({ kind: 'malformed-amount', input, value })));
    return fc.oneof(...defects).map((d): CbuiSpec =>
      d === undefined ? spec : d === 'abandon' ? { ...spec, decision: 'abandon' } : 'both' in d ? { ...spec, decision: 'abandon', defect: d.both } : { ...spec, defect: d },
    );
  });
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Shaped like an AWS Access Key ID; no target issues it (the kit's accounts get their keys from the target). */
export const UNKNOWN_CALLER_KEY = 'AKIAFPSCONFORMANCE00';

export interface CbuiContext {
  callerKey: string;
  returnURL: string;
  callerReference: string;
  /** the target clock, epoch ms */
  now: number;
  /** EditToken: the token being edited */
  tokenID?: string;
}

/** The Co-Branded request parameters (before signing) for a descriptor. */
export function cbuiParams(spec: CbuiSpec, c: CbuiContext): Record<string, string> {
  const p: Record<string, string> = {
    callerKey: c.callerKey,
    pipelineName: spec.pipeline,
    returnURL: c.returnURL,
    callerReference: c.callerReference,
    ...spec.inputs,
  };
  if (spec.pipeline === 'EditToken' && c.tokenID !== undefined) p.tokenID = c.tokenID;
  const nowS = Math.floor(c.now / 1000);
  if (spec.validity?.startOffsetS !== undefined) p.validityStart = String(nowS + spec.validity.startOffsetS);
  if (spec.validity?.expiryOffsetS !== undefined) p.validityExpiry = String(nowS + (spec.validity.startOffsetS ?? 0) + spec.validity.expiryOffsetS);
  const d = spec.defect;
  if (d?.kind === 'missing') delete p[d.input];
  if (d?.kind === 'malformed-amount' || d?.kind === 'foreign') p[d.input] = d.value;
  if (d?.kind === 'unknown-caller-key') p.callerKey = UNKNOWN_CALLER_KEY;
  if (d?.kind === 'recased') return Object.fromEntries(Object.entries(p).map(([k, v]) => [d.style === 'lower' ? k.toLowerCase() : k.toUpperCase(), v]));
  return p;
}

/** e.g. "MultiUse(globalAmountLimit=100.00, usageLimitType1=Count…) by sender#1 via CC [missing callerReference]" */
export function showCbui(spec: CbuiSpec, tokenLabel?: string): string {
  const inputs = Object.entries(spec.inputs).map(([k, v]) => `${k}=${v}`);
  if (spec.validity) inputs.push(`validity=${JSON.stringify(spec.validity)}`);
  if (tokenLabel) inputs.unshift(`tokenID=${tokenLabel}`);
  const d = spec.defect;
  const defect = !d
    ? ''
    : d.kind === 'missing'
      ? ` [missing ${d.input}]`
      : d.kind === 'bad-signature' || d.kind === 'unsigned' || d.kind === 'unknown-caller-key'
        ? ` [${d.kind}]`
        : d.kind === 'recased'
          ? ` [names in ${d.style} case]`
          : ` [${d.kind} ${d.input}=${d.value}]`;
  return `${spec.pipeline}(${inputs.join(', ')}) ${spec.decision === 'abandon' ? 'abandoned' : `via ${spec.instrument ?? 'any'}`}${defect}`;
}
