// decodeBody: schema problems read "RULE: path: message", labelled with the rule the schema names for
// that path, and every error answer (even one with an empty RequestID) is checked against R-WIRE-4.
import { describe, expect, it } from 'vitest';
import { decodeBody, formatProblem } from './decode.ts';
import { encodeError, encodeResult } from './codec.ts';

const problemsOf = (body: string, action: string): string[] => {
  const d = decodeBody(body, action);
  return d.kind === 'malformed' ? d.problems : [];
};

describe('formatProblem', () => {
  it('labels with the ruling ids the message cites, keeps seed citations, falls back otherwise', () => {
    expect(formatProblem({ path: 'TransactionId', message: 'must NOT have more than 35 characters (R-WIRE-7, seed 004 "Pay")' }, 'R-WIRE-3'))
      .toBe('R-WIRE-7: TransactionId: must NOT have more than 35 characters (seed 004 "Pay")');
    expect(formatProblem({ path: 'requestId', message: 'too long (R-WIRE-4, R-WIRE-7)' }, 'R-WIRE-4')).toBe('R-WIRE-4/R-WIRE-7: requestId: too long');
    expect(formatProblem({ path: 'X', message: 'bad (seed 004 "Pay")' }, 'R-WIRE-3')).toBe('R-WIRE-3: X: bad (seed 004 "Pay")');
    expect(formatProblem({ path: '', message: 'not an object' }, 'R-WIRE-4')).toBe('R-WIRE-4: not an object');
  });
});

describe('decodeBody: results (R-WIRE-3)', () => {
  it('passes a conforming answer through', () => {
    const d = decodeBody(encodeResult('Pay', '2008-09-17', { TransactionId: 't'.repeat(35), TransactionStatus: 'Pending' }, 'r'), 'Pay');
    expect(d.kind).toBe('result');
  });
  it('names the rule of each broken path, as path: message (no JSON)', () => {
    const problems = problemsOf(encodeResult('Pay', '2008-09-17', { TransactionId: 'x'.repeat(36), TransactionStatus: 'Bogus' }, 'r'), 'Pay');
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.includes('TransactionId'))).toMatch(/^R-WIRE-7: TransactionId: must NOT have more than 35 characters/);
    expect(problems.find((p) => p.includes('TransactionStatus'))).toMatch(/^R-WIRE-3: TransactionStatus: must be one of /);
    for (const p of problems) expect(p).not.toMatch(/[{}]/);
  });
  it('labels an over-long RequestId with R-WIRE-7', () => {
    const problems = problemsOf(encodeResult('Pay', '2008-09-17', { TransactionId: 't', TransactionStatus: 'Success' }, 'r'.repeat(65)), 'Pay');
    expect(problems).toEqual(['R-WIRE-7: ResponseMetadata.RequestId: must NOT have more than 64 characters']);
  });
});

describe('decodeBody: error answers (R-WIRE-4)', () => {
  it('accepts an error document with an empty RequestID', () => {
    const d = decodeBody(encodeError('InvalidParams', 'm', ''), 'Pay');
    expect(d).toMatchObject({ kind: 'error', code: 'InvalidParams' });
  });
  it('validates an error document even when its RequestID is empty', () => {
    expect(problemsOf(encodeError('Invalid Params', 'm', ''), 'Pay')).toEqual(['R-WIRE-4: code: must match pattern "^[A-Za-z0-9_.]+$"']);
  });
  it('rejects a RequestID over 64 characters, naming R-WIRE-4 and R-WIRE-7', () => {
    expect(problemsOf(encodeError('InvalidParams', 'm', 'r'.repeat(65)), 'Pay')).toEqual(['R-WIRE-4/R-WIRE-7: requestId: must NOT have more than 64 characters']);
  });
  it('rejects a document with two Errors (exactly one, R-WIRE-4)', () => {
    const two = encodeError('InvalidParams', 'm', 'r').replace('</Errors>', '<Error><Code>InternalError</Code><Message>m</Message></Error></Errors>');
    const problems = problemsOf(two, 'Pay');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^R-WIRE-4: /);
  });
  it('rejects an empty Code', () => {
    const problems = problemsOf(encodeError('', 'm', 'r'), 'Pay');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^R-WIRE-4: /);
  });
});
