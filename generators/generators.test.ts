import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAD_AMOUNTS, amountSpecArb, formatCents, parseCents, resolveAmount, showAmount } from './amounts.ts';
import { FOREIGN_INPUTS, REQUIRED_INPUTS, UNKNOWN_CALLER_KEY, cbuiParams, cbuiVariantArb, showCbui, validCbuiArb, type CbuiSpec } from './cbui.ts';
import { OVERSIZE, commandsArb, type Command } from './commands.ts';
import { PIPELINE_SPECS, CBUI_COMMON_PARAMS } from '../spec/catalogue/pipelines.ts';
import { PIPELINES } from '../spec/types.ts';
import { nextJan31, nextMonthEnd } from '../suites/service/tokens.ts';
import { permutations } from '../suites/service/model-run/wire-input.ts';

const CTX = { callerKey: 'AKIDEXAMPLE', returnURL: 'http://127.0.0.1/r', callerReference: 't1', now: Date.UTC(2026, 0, 1), tokenID: 'TOKEN1' };

describe('amounts (R-WIRE-6)', () => {
  it('formatCents and parseCents are inverse on every non-negative amount', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), (c) => parseCents(formatCents(c)) === c));
    expect(formatCents(1)).toBe('0.01');
    expect(formatCents(1234)).toBe('12.34');
  });

  it('every bad amount is not a positive FPS amount', () => {
    for (const a of BAD_AMOUNTS) expect(parseCents(a) ?? 0).toBe(0);
  });

  it('a relative amount is measured against the reference and never goes below 0.01', () => {
    expect(resolveAmount({ rel: 1 }, 1000)).toBe('10.01');
    expect(resolveAmount({ rel: -1 }, 1000)).toBe('9.99');
    expect(resolveAmount({ rel: -5000 }, 1000)).toBe('0.01');
    expect(resolveAmount({ abs: '1.00x' }, 1000)).toBe('1.00x');
    expect(showAmount({ rel: -100 })).toBe('limit-1.00');
  });

  it('generates the boundaries and the bad formats', () => {
    const seen = fc.sample(amountSpecArb, { seed: 1, numRuns: 400 });
    expect(seen).toContainEqual({ rel: 1 });
    expect(seen).toContainEqual({ rel: -1 });
    expect(seen.some((s) => 'abs' in s && (BAD_AMOUNTS as readonly string[]).includes(s.abs))).toBe(true);
  });
});

describe('Co-Branded requests (R-TOK-1, R-TOK-2)', () => {
  it('required inputs come from the catalogue', () => {
    expect(REQUIRED_INPUTS.SingleUse).toEqual(['transactionAmount']);
    expect([...REQUIRED_INPUTS.Recurring].sort()).toEqual(['recurringPeriod', 'transactionAmount']);
    expect(REQUIRED_INPUTS.MultiUse).toEqual(['globalAmountLimit']);
    expect(REQUIRED_INPUTS.EditToken).toEqual(['tokenID']);
  });

  it('a foreign input belongs to another pipeline and not to this one', () => {
    for (const p of PIPELINES) {
      const own = new Set([...PIPELINE_SPECS[p].params, ...CBUI_COMMON_PARAMS].map((q) => q.name.toLowerCase()));
      expect(FOREIGN_INPUTS[p].length).toBeGreaterThan(0);
      for (const [name] of FOREIGN_INPUTS[p]) {
        expect(own.has(name.toLowerCase())).toBe(false);
        expect(PIPELINES.some((o) => o !== p && PIPELINE_SPECS[o].params.some((q) => q.name === name))).toBe(true);
      }
    }
  });

  it('a valid request carries the common and the pipeline-required inputs', () => {
    fc.assert(
      fc.property(validCbuiArb([...PIPELINES]), (spec) => {
        const p = cbuiParams(spec, CTX);
        for (const k of ['callerKey', 'pipelineName', 'returnURL', 'callerReference', ...REQUIRED_INPUTS[spec.pipeline]]) expect(p[k]).toBeDefined();
        if (spec.inputs.paymentMethod && spec.instrument && spec.pipeline !== 'Recipient') expect(typeof p.paymentMethod).toBe('string');
      }),
      { numRuns: 200 },
    );
  });

  it('each defect changes exactly what it says', () => {
    const base: CbuiSpec = { pipeline: 'SingleUse', inputs: { transactionAmount: '5.00' }, buyer: 0, decision: 'approve', instrument: 'CC' };
    expect(cbuiParams({ ...base, defect: { kind: 'missing', input: 'transactionAmount' } }, CTX).transactionAmount).toBeUndefined();
    expect(cbuiParams({ ...base, defect: { kind: 'malformed-amount', input: 'transactionAmount', value: '1.234' } }, CTX).transactionAmount).toBe('1.234');
    expect(cbuiParams({ ...base, defect: { kind: 'foreign', input: 'recurringPeriod', value: '1 Month' } }, CTX).recurringPeriod).toBe('1 Month');
    expect(showCbui({ ...base, defect: { kind: 'missing', input: 'callerReference' } })).toMatch(/\[missing callerReference\]/);
    expect(Object.keys(cbuiParams({ ...base, defect: { kind: 'recased', style: 'lower' } }, CTX)).sort()).toEqual(['callerkey', 'callerreference', 'pipelinename', 'returnurl', 'transactionamount']);
  });

  it('validity offsets become epoch seconds from the target clock', () => {
    const p = cbuiParams({ pipeline: 'MultiUse', inputs: { globalAmountLimit: '1.00' }, buyer: 0, decision: 'approve', validity: { startOffsetS: 3600, expiryOffsetS: 86400 } }, CTX);
    expect(Number(p.validityStart)).toBe(CTX.now / 1000 + 3600);
    expect(Number(p.validityExpiry)).toBe(CTX.now / 1000 + 3600 + 86400);
  });

  it('variants cover every kind of invalid request', () => {
    const kinds = new Set(fc.sample(cbuiVariantArb(), { seed: 7, numRuns: 500 }).map((s) => s.defect?.kind ?? (s.decision === 'abandon' ? 'abandon' : 'valid')));
    for (const k of ['valid', 'abandon', 'missing', 'malformed-amount', 'foreign', 'bad-signature', 'unsigned', 'recased', 'unknown-caller-key']) expect(kinds).toContain(k);
  });

  it('variants also leave out or replace callerKey, break a request the buyer abandons, and give Recipient tokens a validity', () => {
    const specs = fc.sample(cbuiVariantArb(), { seed: 11, numRuns: 1000 });
    expect(specs.some((s) => s.defect?.kind === 'missing' && s.defect.input === 'callerKey')).toBe(true);
    expect(specs.some((s) => s.defect?.kind === 'missing' && s.decision === 'abandon')).toBe(true);
    expect(specs.some((s) => s.pipeline === 'Recipient' && s.validity?.expiryOffsetS !== undefined)).toBe(true);
    const base: CbuiSpec = { pipeline: 'SingleUse', inputs: { transactionAmount: '5.00' }, buyer: 0, decision: 'approve' };
    expect(cbuiParams({ ...base, defect: { kind: 'unknown-caller-key' } }, CTX).callerKey).toBe(UNKNOWN_CALLER_KEY);
    expect(cbuiParams({ ...base, defect: { kind: 'missing', input: 'callerKey' } }, CTX).callerKey).toBeUndefined();
  });
});

describe('command sequences', () => {
  const o = { weights: { GetToken: 1, Pay: 3, Refund: 1, Resend: 1, Advance: 1, Process: 1 }, invalid: true } as const;

  it('start by getting a valid token and are the same for the same seed', () => {
    const a = fc.sample(commandsArb(o), { seed: 42, numRuns: 20 });
    const b = fc.sample(commandsArb(o), { seed: 42, numRuns: 20 });
    expect(a).toEqual(b);
    for (const seq of a) {
      const first = seq[0]!;
      expect(first.op).toBe('GetToken');
      if (first.op === 'GetToken') expect(first.cbui.defect).toBeUndefined();
    }
  });

  it('only generate the weighted operations (plus bursts and lost answers when asked)', () => {
    const ops = new Set(fc.sample(commandsArb({ weights: { GetToken: 1, Pay: 1 }, burst: { weight: 1, ops: ['Pay'] } }), { seed: 3, numRuns: 100 }).flat().map((c: Command) => c.op));
    expect([...ops].sort()).toEqual(['Burst', 'GetToken', 'Pay']);
  });

  it('a burst holds 2 to 4 requests, so at most 24 serial orders', () => {
    const bursts = fc.sample(commandsArb({ weights: { GetToken: 1 }, burst: { weight: 5, ops: ['Pay', 'Refund'] } }), { seed: 5, numRuns: 100 }).flat().filter((c) => c.op === 'Burst');
    expect(bursts.length).toBeGreaterThan(0);
    for (const b of bursts) if (b.op === 'Burst') expect(b.commands.length).toBeGreaterThanOrEqual(2), expect(b.commands.length).toBeLessThanOrEqual(4);
    expect(permutations(4)).toHaveLength(24);
    expect(new Set(permutations(3).map((p) => p.join())).size).toBe(6);
  });

  it('over-long values are one character past the R-WIRE-7 limits', () => {
    const limits: Record<string, number> = { CallerReference: 128, CallerDescription: 160, SenderDescription: 160 };
    for (const t of OVERSIZE) if ('set' in t) expect(t.value.length).toBe(limits[t.set]! + 1);
  });
});

describe('clock targets', () => {
  it('the next Jan 31 noon, this year when still ahead, else next year', () => {
    expect(new Date(nextJan31(Date.UTC(2026, 0, 1))).toISOString()).toBe('2026-01-31T12:00:00.000Z');
    expect(new Date(nextJan31(Date.UTC(2026, 1, 1))).toISOString()).toBe('2027-01-31T12:00:00.000Z');
  });

  it('the next month end noon (clamped: February has 28 or 29 days)', () => {
    expect(new Date(nextMonthEnd(Date.UTC(2026, 1, 3))).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(new Date(nextMonthEnd(Date.UTC(2028, 1, 29, 13))).toISOString()).toBe('2028-03-31T12:00:00.000Z');
    expect(new Date(nextMonthEnd(Date.UTC(2026, 0, 1))).toISOString()).toBe('2026-01-31T12:00:00.000Z');
  });
});
