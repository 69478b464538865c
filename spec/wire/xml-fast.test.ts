// The one-pass reader (xml-fast.ts) never judges: whenever it answers, fast-xml-parser's path
// (validate, then parse) accepts the same document and builds the same tree; everything else is left
// to that path. Checked on the seed's samples, the encoder's documents, token soups and mutations.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTIONS, VERSIONS } from '../types.ts';
import { encodeError, encodeResult } from './codec.ts';
import { parsePlainXml } from './xml-fast.ts';
import { parseXml, parseXmlByLibrary } from './xml.ts';

const samplesDir = new URL('../../fixtures/samples/', import.meta.url);
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.xml')).map((f) => readFileSync(new URL(f, samplesDir), 'utf8'));

/** the property: the fast reader answers only what the library path accepts, with the same tree */
function agrees(xml: string): boolean {
  const fast = parsePlainXml(xml);
  if (fast === undefined) return false;
  const lib = parseXmlByLibrary(xml);
  expect(lib).toEqual({ ok: true, root: fast });
  return true;
}

const anyText = fc.string({ unit: 'binary', maxLength: 16 });
const asciiText = fc.string({ unit: fc.constantFrom(...' \t\n\rab<>&;#x0123456789AZ"\'=/!?[]-:._'.split('')), maxLength: 16 });
const TOKENS = [
  '<a>', '</a>', '<a/>', '<b>', '</b>', '<b/>', '<a x="1">', "<a x='&amp;'>", '<a x="1" x="2">', '<a  x = "1" >', '<a x="<">', '<a x="\t">', '<a x=" v ">',
  '<f:a xmlns:f="u">', '</f:a>', '<a:b:c>', '<_a>', '</_a>', '<a.b-c>', '</a.b-c>', '<1a>', '< a>', '</a >', '</ a>', '<a/ >', '<a / >',
  'x', ' ', '\n', '\r\n', '\t', 'text', '&amp;', '&lt;', '&#60;', '&#x3C;', '&#0;', '&#xD800;', '&#x10FFFF;', '&#x110000;', '&foo;', '&', '&#;', ';',
  ']]>', ']]', '>', '"', "'", '=', '<!-- c -->', '<![CDATA[x<y]]>', '<?pi x?>', '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-8"?>\n',
  "<?xml version='1.0' standalone='yes'?>", '<?xml version="1.1"?>', '\uFEFF', '\u00e9', '\u00a0', '\uD83D\uDE00', '\uD800', '\u0000', '\u0001', '\uFFFE',
  '<__proto__>', '</__proto__>', '<a __proto__="1">', '<constructor>', '</constructor>',
];
const soup = fc.array(fc.oneof(fc.constantFrom(...TOKENS), asciiText), { maxLength: 24 }).map((parts) => parts.join(''));

/** well-formed trees of the plain shape, to check the fast path both answers and agrees on them */
const element: fc.Memo<string> = fc.memo((depth) => fc.tuple(
  fc.constantFrom('a', 'B', 'x.y', 'p:q', '_z', 'Token', 'TransactionId'),
  fc.array(fc.tuple(fc.constantFrom('k', 'xmlns', 'xmlns:p', 'id'), fc.string({ unit: fc.constantFrom('v', ' ', '&amp;', '&#233;', '\u00e9', '>', "'"), maxLength: 5 })), { maxLength: 2 }),
  depth <= 1
    ? fc.string({ unit: fc.constantFrom('t', ' ', '\n', '&lt;', '&#x41;', '>', '"', '\u00e9'), maxLength: 8 })
    : fc.oneof(fc.string({ unit: fc.constantFrom('t', ' ', '&amp;'), maxLength: 6 }), fc.array(element(depth - 1), { maxLength: 3 }).map((kids) => kids.join(' \n'))),
).map(([name, attrs, content]) => {
  const seen = new Set<string>();
  const a = attrs.filter(([k]) => !seen.has(k) && seen.add(k)).map(([k, v]) => ` ${k}="${v}"`).join('');
  return content === '' && name.length % 2 === 0 ? `<${name}${a}/>` : `<${name}${a}>${content}</${name}>`;
}));

describe('xml-fast: the one-pass reader agrees with fast-xml-parser', () => {
  it('answers every seed sample, with the library tree', () => {
    expect(samples.length).toBeGreaterThanOrEqual(10);
    for (const s of samples) expect(agrees(s)).toBe(true);
  });

  it('answers the encoder documents of ASCII values, and agrees on any values', () => {
    fc.assert(fc.property(fc.constantFrom(...ACTIONS), fc.constantFrom(...VERSIONS), fc.dictionary(fc.constantFrom('TransactionId', 'TransactionStatus', 'Token.TokenId', 'StatusMessage'), anyText), anyText, (action, version, fields, id) => {
        const doc = encodeResult(action, version, fields, id);
        const answered = agrees(doc);
        if (/^[\x20-\x7e]*$/.test(Object.values(fields).join('') + id)) expect(answered).toBe(true);
        agrees(encodeError(id, Object.values(fields).join(''), id));
      }), { numRuns: 1500 });
  });

  it('answers generated well-formed trees of the plain shape, with the library tree', () => {
    fc.assert(fc.property(element(3), fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>\n', "<?xml version='1.0'?>"), fc.constantFrom('', '\n', ' \r\n'), (el, decl, tail) => {
        expect(agrees(`${decl}${el}${tail}`)).toBe(true);
      }), { numRuns: 1500 });
  });

  it('leaves to the library every name it refuses or renames (constructor, toString, ...), as root, child or attribute', () => {
    for (const n of ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__lookupSetter__']) {
      for (const xml of [`<${n}></${n}>`, `<a><${n}>1</${n}></a>`, `<${n}/>`, `<a ${n}="1"/>`]) expect(parsePlainXml(xml), xml).toBeUndefined();
    }
  });

  it('never answers what the library refuses, nor differently (token soups)', () => {
    fc.assert(fc.property(soup, (xml) => {
        agrees(xml);
      }), { numRuns: 20_000 });
  });

  it('never answers what the library refuses, nor differently (mutated samples)', () => {
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.oneof(fc.constantFrom(...TOKENS), anyText));
    fc.assert(fc.property(fc.constantFrom(...samples), fc.array(edit, { minLength: 1, maxLength: 3 }), (sample, edits) => {
        let xml = sample;
        for (const [at, del, ins] of edits) {
          const i = at % (xml.length + 1);
          xml = xml.slice(0, i) + ins + xml.slice(i + del);
        }
        agrees(xml);
      }), { numRuns: 20_000 });
  });

  it('leaves to the library what it does not read, refusals included', () => {
    for (const xml of ['<a><!-- c --></a>', '<a><![CDATA[x]]></a>', '<a>x<b/>y</a>', '<a></b>', '<a>', '<a x=1/>', '<a/><b/>', ' <?xml version="1.0"?><a/>', '<a>]]></a>', '<a>&foo;</a>', `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`]) {
      expect(parsePlainXml(xml)).toBeUndefined();
    }
    expect(parseXml('<a></b>').ok).toBe(false);
    expect(parseXml('<Response>&b;</Response>')).toEqual(parseXmlByLibrary('<Response>&b;</Response>'));
  });

  it('reads each name afresh when a cached name of the same length and ends differs (names are cached across documents)', () => {
    // abXcd and azXyd share length, first, middle and last characters: the same cache slot
    expect(parsePlainXml('<abXcd k="1"><azXyd/></abXcd>')).toEqual({ name: 'abXcd', attrs: { k: '1' }, text: '', children: { azXyd: [{ name: 'azXyd', attrs: {}, text: '', children: {} }] } });
    expect(parsePlainXml('<azXyd><abXcd azXyd="2"/></azXyd>')).toEqual({ name: 'azXyd', attrs: {}, text: '', children: { abXcd: [{ name: 'abXcd', attrs: { azXyd: '2' }, text: '', children: {} }] } });
    for (let round = 0; round < 2; round++) {
      expect(parsePlainXml('<a><constructor/></a>')).toBeUndefined();
      expect(parsePlainXml('<a toString="x"/>')).toBeUndefined();
    }
    expect(parsePlainXml('<abXcd></azXyd>')).toBeUndefined();
    expect(parsePlainXml('<abXcd></abXcde>')).toBeUndefined();
    expect(parsePlainXml('<abXcd></abXcd:e>')).toBeUndefined();
    expect(parsePlainXml('<p:abXcd></p:abXcd>')).toEqual({ name: 'p:abXcd', attrs: {}, text: '', children: {} });
  });
});
