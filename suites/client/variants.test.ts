// The answer variants as data: every code of an action's list, an unknown one, retriable at 4xx and 5xx.
import { describe, expect, it } from 'vitest';
import { ACTION_SPECS } from '../../spec/catalogue/actions.ts';
import { errorEntry } from '../../spec/catalogue/errors.ts';
import { decodeAnswer } from '../../spec/wire/codec.ts';
import { seededPick } from './scenarios/answers.ts';
import { UNKNOWN_CODE, errorBody, errorVariantsFor } from './variants.ts';

describe('error variants', () => {
  it("cover every code of the action's list, a code no table lists, and a retriable code at 4xx and at 5xx", () => {
    const vs = errorVariantsFor('Pay', seededPick(1));
    expect(vs.filter((v) => v.check === 'answer/error-every-code').map((v) => v.code)).toEqual([...ACTION_SPECS.Pay.errors]);
    expect(errorEntry(UNKNOWN_CODE)).toBeUndefined();
    expect(vs.find((v) => v.check === 'answer/error-unknown-code')?.code).toBe(UNKNOWN_CODE);
    const five = vs.find((v) => v.check === 'answer/error-retriable-5xx')!;
    expect(errorEntry(five.code)?.retriable).toBe(true);
    expect([500, 503]).toContain(five.status);
    expect(vs.find((v) => v.check === 'answer/error-retriable-4xx')?.status).toBe(400);
  });
  it('the same seed picks the same variants; every body decodes to the code it names', () => {
    expect(errorVariantsFor('Reserve', seededPick(5)).map((v) => v.name)).toEqual(errorVariantsFor('Reserve', seededPick(5)).map((v) => v.name));
    for (const v of errorVariantsFor('Refund', seededPick(2))) expect(decodeAnswer(errorBody(v, 'R'))).toMatchObject({ kind: 'error', code: v.code, requestId: 'R' });
  });
});
