// Property: every action's answer, for both Versions, survives encodeResult → decodeAnswer unchanged,
// with arbitrary text (markup characters, entity look-alikes, unicode) in every element.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIONS, VERSIONS } from '../types.ts';
import { ACTION_SPECS, type ResponseElement } from '../catalogue/actions.ts';
import { decodeAnswer, encodeError, encodeResult } from './codec.ts';

// Characters XML 1.0 can carry (the encoder turns the rest into U+FFFD; tested apart below).
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const special = fc.constantFrom('<', '>', '&', '"', "'", ']]>', '&amp;', '&#60;', '&lt;', ' ', '\n', '\r\n', '\t', 'é', '😀', '\u00A0', '中', '<![CDATA[x]]>', '<!-- c -->');
/** Element text as the decoder gives it back: the decoder trims the ends (the seed wraps ids over lines). */
const text = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), special), { maxLength: 6 }).map((parts) => parts.join('').replace(NOT_XML, '').trim());

function valueOf(el: ResponseElement): fc.Arbitrary<unknown> {
  if (el.children === undefined) return text;
  return fc.record(Object.fromEntries(el.children.map((c) => [c.name, valueOf(c)])), {
    requiredKeys: el.children.filter((c) => c.optional !== true).map((c) => c.name),
  });
}

const answer = fc.constantFrom(...ACTIONS).chain((action) =>
  fc.record({
    action: fc.constant(action),
    version: fc.constantFrom(...VERSIONS),
    result: fc.record(Object.fromEntries(ACTION_SPECS[action].response.map((e) => [e.name, valueOf(e)])), {
      requiredKeys: ACTION_SPECS[action].response.filter((e) => e.optional !== true).map((e) => e.name),
    }),
    requestId: text,
  }),
);

describe('codec round trip', () => {
  it('decodeAnswer(encodeResult(...)) gives back every action, version, value and RequestId', () => {
    fc.assert(
      fc.property(answer, ({ action, version, result, requestId }) => {
        const decoded = decodeAnswer(encodeResult(action, version, result, requestId));
        expect(decoded).toEqual({ kind: 'result', action, version, result, fields: expect.any(Object), requestId });
      }),
      { numRuns: 400 },
    );
  });

  it('flattens nested elements into dotted fields', () => {
    fc.assert(
      fc.property(text, text, (id, ref) => {
        const decoded = decodeAnswer(encodeResult('GetTokenByCaller', '2010-08-28', { Token: { TokenId: id, CallerReference: ref } }, 'r'));
        expect(decoded).toMatchObject({ kind: 'result', fields: { 'Token.TokenId': id, 'Token.CallerReference': ref } });
      }),
      { numRuns: 100 },
    );
  });

  it('round-trips the error document', () => {
    fc.assert(
      fc.property(text.filter((s) => s !== ''), text, text.filter((s) => s !== ''), (code, message, requestId) => {
        expect(decodeAnswer(encodeError(code, message, requestId))).toEqual({ kind: 'error', code, message, requestId });
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the document well-formed when a value holds characters XML cannot carry', () => {
    const decoded = decodeAnswer(encodeResult('Pay', '2008-09-17', { TransactionId: 'a\u0000b\uFFFEc\uD800', TransactionStatus: 'Pending' }, 'r'));
    expect(decoded).toMatchObject({ kind: 'result', fields: { TransactionId: 'a\uFFFDb\uFFFDc\uFFFD' } });
  });

  it('names the action by its root element: {Action}Response, the alias, the bare action; anything else is malformed', () => {
    const ns = 'http://fps.amazonaws.com/doc/2010-08-28/';
    const doc = (root: string, inner = '') => `<${root} xmlns="${ns}">${inner}<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${root}>`;
    expect(decodeAnswer(doc('GetRecipientVerificationResponse', '<GetRecipientVerificationResult><RecipientVerificationStatus>VerificationComplete</RecipientVerificationStatus></GetRecipientVerificationResult>'))).toMatchObject({ kind: 'result', action: 'GetRecipientVerificationStatus' });
    expect(decodeAnswer(doc('CancelResponse', '<CancelResult><TransactionStatus>Cancelled</TransactionStatus></CancelResult>'))).toMatchObject({ kind: 'result', action: 'Cancel' });
    expect(decodeAnswer(doc('Cancel', '<CancelResult><TransactionStatus>Cancelled</TransactionStatus></CancelResult>'))).toMatchObject({ kind: 'result', action: 'Cancel' });
    for (const root of ['CancelResponseResponse', 'PayResult', 'cancelResponse', 'Response2', 'Responses', 'constructorResponse']) {
      expect(decodeAnswer(doc(root))).toEqual({ kind: 'malformed', problems: [expect.stringMatching(new RegExp(`^R-WIRE-3: root element <${root}>`))] });
    }
    expect(decodeAnswer(doc('CancelResponse', '<CancelResult/>').replace(ns, 'http://fps.amazonaws.com/doc/2009-01-09/'))).toMatchObject({ kind: 'malformed', problems: [expect.stringContaining('namespace "http://fps.amazonaws.com/doc/2009-01-09/" is not that of a known Version')] });
  });
});
