// The one request-parameter reader (R-WIRE-1, R-WIRE-5): the strict reading a service judges by,
// the lenient one transcripts show, and the rewriting tamper functions use.
import { describe, expect, it } from 'vitest';
import type { WireRequest } from './message.ts';
import { paramSources, readPairs, readParamsLenient, readParamsStrict, withParam, type ParamSources } from './request-params.ts';

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const src = (over: Partial<ParamSources>): ParamSources => ({ method: 'GET', query: '', contentType: undefined, body: '', ...over });

describe('readParamsStrict (R-WIRE-1: three placements, one meaning)', () => {
  it('reads GET, POST-form and POST-query alike, + as a space', () => {
    const q = 'Action=Pay&CallerReference=a+b%2Bc';
    const reads = [src({ query: q }), src({ method: 'POST', body: q, contentType: FORM }), src({ method: 'POST', query: q })].map((s) => readParamsStrict(s));
    expect(reads.map((r) => (r.ok ? [r.style, r.params.CallerReference] : r.problem))).toEqual([['GET', 'a b+c'], ['POST-form', 'a b+c'], ['POST-query', 'a b+c']]);
  });

  it('counts where the pairs came from (a POST may carry both parts; a client judge refuses that)', () => {
    const r = readParamsStrict(src({ method: 'POST', query: 'A=1', body: 'B=2', contentType: FORM }));
    expect(r).toMatchObject({ ok: true, counts: { query: 1, body: 1 }, pairs: [['A', '1'], ['B', '2']] });
  });

  it('a GET body is not read (R-WIRE-1: GET carries a query string)', () => {
    expect(readParamsStrict(src({ query: 'A=1', body: 'B=%zz' }))).toMatchObject({ ok: true, counts: { query: 1, body: 0 } });
  });

  it.each([
    ['another method', src({ method: 'PUT', query: 'A=1' }), 'method', 'R-WIRE-1'],
    ['a body that is not a form', src({ method: 'POST', body: '{"A":1}', contentType: 'application/json' }), 'content-type', 'R-WIRE-1'],
    ['a body without Content-Type', src({ method: 'POST', body: 'A=1' }), 'content-type', 'R-WIRE-1'],
    ['a charset that is not UTF-8', src({ method: 'POST', body: 'A=1', contentType: `${FORM.split(';')[0]}; charset=iso-8859-1` }), 'content-type', 'R-WIRE-5'],
    ['a bad percent-escape', src({ query: 'A=%zz' }), 'query', 'R-WIRE-5'],
    ['bytes that are not UTF-8', src({ method: 'POST', body: 'A=%FF', contentType: FORM }), 'body', 'R-WIRE-5'],
    ['a duplicate name in one part', src({ query: 'A=1&A=2' }), 'query', 'R-WIRE-5'],
    ['a duplicate name across the parts', src({ method: 'POST', query: 'A=1', body: 'A=2', contentType: FORM }), 'body', 'R-WIRE-5'],
  ] as const)('reports %s as a problem, never a guess (R-WIRE-5)', (_what, s, where, rule) => {
    const r = readParamsStrict(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.problem.where, r.problem.rule]).toEqual([where, rule]);
  });

  it('calls beforeParse with each non-empty part, in order, before parsing it', () => {
    const seen: string[] = [];
    readParamsStrict(src({ method: 'POST', query: 'A=1', body: 'B=%zz', contentType: FORM }), { beforeParse: (raw) => seen.push(raw) });
    expect(seen).toEqual(['A=1', 'B=%zz']);
  });

  it('a name like constructor reads nothing inherited', () => {
    const r = readParamsStrict(src({ query: 'constructor=x' }));
    expect(r.ok && r.params.constructor).toBe('x');
    expect(r.ok && r.params.toString).toBeUndefined();
  });
});

describe('readParamsLenient (transcripts, rewriting)', () => {
  it('keeps what does not decode as sent and never fails', () => {
    expect(readParamsLenient(src({ method: 'POST', query: 'A=1%2B1', body: 'B=two+words&C=%zz', contentType: FORM }))).toEqual({ query: [['A', '1+1']], body: [['B', 'two words'], ['C', '%zz']] });
  });

  it('reads an untyped body only when asked to guess, and never one that is not name=value', () => {
    expect(readParamsLenient(src({ method: 'POST', body: 'A=1' })).body).toBeUndefined();
    expect(readParamsLenient(src({ method: 'POST', body: 'A=1' }), { guessUntyped: true }).body).toEqual([['A', '1']]);
    expect(readParamsLenient(src({ method: 'POST', body: '<xml a="1"/>' }), { guessUntyped: true }).body).toBeUndefined();
  });
});

describe('paramSources and rewriting', () => {
  const post: WireRequest = { method: 'post', url: 'http://127.0.0.1:1/?x=1#frag', headers: { 'Content-Type': FORM }, body: 'A=1' };
  it('splits a WireRequest into its parts (header names in any case, no fragment)', () => {
    expect(paramSources(post)).toEqual({ method: 'POST', query: 'x=1', contentType: FORM, body: 'A=1' });
  });
  it('reads and writes the pairs where they travel: the form body when there is one', () => {
    expect(readPairs(post)).toEqual([['A', '1']]);
    expect(withParam(post, 'B', 'two words').body).toBe('A=1&B=two%20words');
    const get: WireRequest = { method: 'GET', url: 'http://127.0.0.1:1/?A=1', headers: {} };
    expect(withParam(get, 'A', '2').url).toBe('http://127.0.0.1:1/?A=2');
  });
});
