// escapeXml returns text with nothing to escape as it is, without its regexps: the same string as
// the regexp path on any input (the shortcut only skips work).
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { escapeXml, escapeXmlAll } from './xml.ts';

const unit = fc.oneof(
  fc.constantFrom('a', 'Z', '0', ' ', '\t', '\n', '\r', '\u0000', '\u001f', '&', '<', '>', '"', "'", '\ud7ff', '\ud800', '\udc00', '\ue000', '\ufffe', '\uffff', '😀', 'é'),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);

describe('escapeXml', () => {
  it('equals the regexp path', () => {
    fc.assert(fc.property(fc.string({ unit, maxLength: 24 }), (s) => escapeXml(s) === escapeXmlAll(s)), { numRuns: 5000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 24 }), (s) => escapeXml(s) === escapeXmlAll(s)), { numRuns: 2000 });
  });
});
