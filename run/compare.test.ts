import { describe, expect, it } from 'vitest';
import { compareCases, failingDifferences, type CaseRecord, type StepRecord } from './compare.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const U0 = Date.parse('2031-06-01T12:00:00Z');

function pay(id: string, reqId: string, status = 'Pending', allowed = true): StepRecord {
  return { label: '#1 Pay(#0, 1.00 USD)', request: { Action: 'Pay', SenderTokenId: 'TOK', CallerReference: 'r1', Signature: 'x' }, answer: { kind: 'result', fields: { TransactionId: id, TransactionStatus: status, RequestId: reqId } }, allowed };
}
function status(id: string, at: number, allowed = true): StepRecord {
  return { label: '#2 GetTransactionStatus(#1)', request: { Action: 'GetTransactionStatus', TransactionId: id, Timestamp: new Date(at).toISOString() }, answer: { kind: 'result', fields: { TransactionId: id, DateReceived: new Date(at).toISOString() } }, allowed };
}
const one = (clockStart: number, ...steps: StepRecord[]): CaseRecord[] => [{ check: 'payments/generated', index: 0, clockStart, steps }];

describe('compareCases', () => {
  it('finds nothing between two targets that differ only in their own ids, keys and clocks', () => {
    const a = one(T0, pay('A1', 'ra'), status('A1', T0 + 5000));
    const b = one(U0, pay('B7', 'rb'), status('B7', U0 + 5000));
    expect(compareCases(a, b)).toEqual([]);
  });

  it('maps ids one to one: the same id of A answered as two different ids of B is a difference', () => {
    const a = one(T0, pay('A1', 'ra'), status('A1', T0));
    const b = one(T0, pay('B1', 'rb'), { ...status('B2', T0), request: status('B1', T0).request });
    const diffs = compareCases(a, b);
    expect(diffs.map((d) => [d.step, d.kind, d.fields])).toEqual([[2, 'allowed-choice', ['TransactionId']]]);
  });

  it('classifies an answer difference by what the model allowed on each side', () => {
    const open = compareCases(one(T0, pay('A1', 'r', 'Pending')), one(T0, pay('B1', 'r', 'Success')));
    expect(open.map((d) => d.kind)).toEqual(['allowed-choice']);
    expect(failingDifferences(open)).toEqual([]);
    const bBroken = compareCases(one(T0, pay('A1', 'r', 'Pending')), one(T0, pay('B1', 'r', 'Reserved', false)));
    expect(bBroken.map((d) => [d.kind, d.fields])).toEqual([['only-a', ['TransactionStatus']]]);
    expect(failingDifferences(bBroken)).toHaveLength(1);
  });

  it('sees a date that is later on one target than the other, relative to its own clock', () => {
    const diffs = compareCases(one(T0, pay('A1', 'r'), status('A1', T0 + 1000)), one(U0, pay('B1', 'r'), { ...status('B1', U0 + 1000), answer: { kind: 'result', fields: { TransactionId: 'B1', DateReceived: new Date(U0 + 9000).toISOString() } } }));
    expect(diffs.map((d) => d.fields)).toEqual([['DateReceived']]);
  });

  it('stops a case where the requests part ways, and reports that as a divergence, never a failure', () => {
    const a = one(T0, pay('A1', 'r', 'Pending'), status('A1', T0));
    const b = one(T0, pay('B1', 'r', 'Success'), { ...status('B1', T0), label: '#2 Refund(#1)', request: { Action: 'Refund' } });
    const diffs = compareCases(a, b);
    expect(diffs.map((d) => d.kind)).toEqual(['allowed-choice', 'diverged']);
    expect(failingDifferences(diffs)).toEqual([]);
  });

  it('flags a verdict difference even when the answers look alike', () => {
    const diffs = compareCases(one(T0, pay('A1', 'r')), one(T0, pay('B1', 'r', 'Pending', false)));
    expect(diffs.map((d) => [d.kind, d.fields])).toEqual([['only-a', ['(verdict)']]]);
  });
});

describe('values made of each run\'s own content', () => {
  it('maps URLs and echoed outbound messages one to one, like ids', () => {
    const step = (url: string, hp: string): StepRecord => ({ label: '#1 VerifySignature', request: { Action: 'VerifySignature', UrlEndPoint: url, HttpParameters: hp }, answer: { kind: 'result', fields: { VerificationStatus: 'Success' } }, allowed: true });
    const a = one(T0, step('http://127.0.0.1:4000/ipn/1', 'x=1'), step('http://127.0.0.1:4000/ipn/1', 'x=2'));
    const b = one(T0, step('http://127.0.0.1:5000/ipn/9', 'y=1'), step('http://127.0.0.1:5000/ipn/9', 'y=2'));
    expect(compareCases(a, b)).toEqual([]);
    const crossed = one(T0, step('http://127.0.0.1:5000/ipn/9', 'y=1'), step('http://127.0.0.1:5000/ipn/8', 'y=2'));
    expect(compareCases(a, crossed).map((d) => [d.kind, d.fields])).toEqual([['diverged', ['UrlEndPoint']]]);
  });
});
