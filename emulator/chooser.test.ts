// The choice modes: nominal takes the first allowed outcome, contrary the last (least like it),
// random a seeded pick; and the forms the renderer picks through them (R-WIRE-4, R-WIRE-5).
import { describe, expect, it } from 'vitest';
import { CHOICE_MODES, createChooser, isChoiceMode } from './chooser.ts';
import { createRng } from './random.ts';
import { renderError, statusOptions } from './render.ts';

describe('createChooser', () => {
  it('nominal picks 0, contrary n-1, random stays in range and varies', () => {
    const rng = createRng(1);
    const nominal = createChooser('nominal', rng);
    const contrary = createChooser('contrary', rng);
    const random = createChooser('random', rng);
    expect([1, 2, 5].map((n) => nominal(n, 'x'))).toEqual([0, 0, 0]);
    expect([1, 2, 5].map((n) => contrary(n, 'x'))).toEqual([0, 1, 4]);
    const picks = Array.from({ length: 50 }, () => random(3, 'x'));
    expect(picks.every((i) => i >= 0 && i < 3)).toBe(true);
    expect(new Set(picks).size).toBe(3);
    expect(CHOICE_MODES.every(isChoiceMode)).toBe(true);
    expect(isChoiceMode('other')).toBe(false);
  });
});

describe('render forms through the chooser', () => {
  it('a retriable error may be 4xx or 5xx (R-WIRE-4); AuthFailure and non-retriable codes stay 4xx', () => {
    expect(statusOptions('InternalError')).toEqual([500, 503, 400]);
    expect(statusOptions('InvalidAccountState_Sender')).toEqual([400, 500, 503]);
    expect(statusOptions('AuthFailure')).toEqual([400]);
    expect(statusOptions('InvalidParams')).toEqual([400]);
    const contrary = createChooser('contrary', createRng(1));
    expect(renderError('InternalError', undefined, 'r', contrary).status).toBe(400);
    expect(renderError('InternalError', undefined, 'r').status).toBe(500);
  });
  it("the model's 'any 4xx code' (R-WIRE-5) becomes a 4xx error document in every mode", () => {
    for (const mode of CHOICE_MODES) {
      const r = renderError('*', undefined, 'r', createChooser(mode, createRng(2)));
      expect(r.status).toBe(400);
      expect(r.body).toMatch(/<Code>\w+<\/Code>/);
    }
  });
});
