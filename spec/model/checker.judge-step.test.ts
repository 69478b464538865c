// judgeStep: the checker's one call per model step, over every candidate state at once.
import { describe, expect, it } from 'vitest';
import type { Answer, Outcome } from './api.ts';
import { judgeStep } from './checker.ts';

const outcome = (answer: Answer, rules: string[], why: string): Outcome => ({ answer, rules, why, next: (bound) => ({ bound }) as never });
const invalidState = outcome({ kind: 'error', code: 'InvalidTransactionState' }, ['R-PAY-4'], 'already settled');
const settled = outcome({ kind: 'result', action: 'Settle', fields: { TransactionId: { fresh: 'TransactionId', bind: 't' } } }, ['R-PAY-4'], 'settles');

describe('judgeStep', () => {
  it('matches the answer against the outcomes of every candidate state, in order, with the values bound', () => {
    const v = judgeStep([[invalidState], [settled]], { kind: 'result', action: 'Settle', version: '2010-08-28', fields: { TransactionId: 'T9' } });
    expect(v.mismatch).toBeUndefined();
    expect(v.matches.map((m) => [m.outcome, m.bound])).toEqual([[settled, { t: 'T9' }]]);
    expect(v.allowed).toEqual([invalidState, settled]);
  });

  it('says what was allowed, by which rules and why not, when no state allows the answer', () => {
    const v = judgeStep([[invalidState]], { kind: 'error', code: 'InvalidParams', message: 'bad' });
    expect(v.matches).toEqual([]);
    expect(v.mismatch).toEqual({
      observed: 'error InvalidParams',
      allowed: ['error InvalidTransactionState'],
      rules: ['R-PAY-4'],
      reasons: ['error InvalidTransactionState: got error InvalidParams', 'model: already settled'],
    });
  });
});
