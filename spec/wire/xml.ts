// Low-level XML for the codec: escaping for the encoder, and a guarded parse into a plain tree for the
// decoder. Targets' answers are untrusted: size and depth are bounded, DTDs (entity expansion) refused,
// and nothing here throws.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parsePlainXml } from './xml-fast.ts';

/** Answers longer than this are not parsed (an FPS answer is a few hundred bytes). */
export const MAX_ANSWER_CHARS = 262_144;
/** More markup than this is not an FPS answer (the largest, GetTokenByCaller, has about 30 tags); keeps parsing fast. */
export const MAX_TAGS = 10_000;
/** Deeper nesting than this is not an FPS answer (the deepest, GetTokenByCaller, is 4). */
export const MAX_DEPTH = 32;

/** An element: its attributes, its text (trimmed) and its child elements in document order, grouped by name. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Record<string, XmlElement[]>;
}

// XML 1.0 Char production; anything else cannot appear in a document, even as a character reference.
const INVALID_XML_CHARS = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content escaped for an element or a double-quoted attribute. Characters XML 1.0 cannot carry become U+FFFD. */
export function escapeXml(text: string): string {
  return plainXmlText(text) ? text : escapeXmlAll(text);
}

/** Nothing to escape or replace (the common case: ids, amounts, statuses), checked without a regexp:
 *  tab, LF and U+0020..U+D7FF except & < > " ' (anything else goes the regexp way). */
function plainXmlText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 ? c !== 0x09 && c !== 0x0a : c >= 0xd800 || c === 0x26 || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x27) return false;
  }
  return true;
}

/** escapeXml by regexps: the reference plainXmlText's shortcut is tested against (xml-escape.test.ts). */
export function escapeXmlAll(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // A raw CR would be read back as LF (XML end-of-line handling).
    .replace(/\r/g, '&#13;');
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined entities and character references in one pass (so `&amp;#60;` stays `&#60;`). */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isInteger(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  htmlEntities: false,
  // isArray below does not read the path: no path strings built per element
  jPath: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // CDATA kept apart: its content is literal, never entity-decoded.
  cdataPropName: '#cdata',
  // Every element as an array, so repeated elements (two <Error>s) are seen, not merged.
  isArray: (_name: string, _jpath: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});

export type ParseOutcome = { ok: true; root: XmlElement } | { ok: false; problem: string };

/** Parses a whole answer into its root element. */
export function parseXml(xml: string): ParseOutcome {
  if (typeof xml !== 'string') return { ok: false, problem: 'the answer is not text' };
  if (xml.length > MAX_ANSWER_CHARS) return { ok: false, problem: `the answer is ${xml.length} characters long, over the ${MAX_ANSWER_CHARS} the kit reads` };
  let tags = 0;
  for (let i = xml.indexOf('<'); i >= 0 && tags <= MAX_TAGS; i = xml.indexOf('<', i + 1)) tags++;
  // (a text with a '<' is not empty: the tag count may come before the emptiness check, same verdicts)
  if (tags > MAX_TAGS) return { ok: false, problem: `the answer has more than ${MAX_TAGS} tags` };
  // the plain shape of FPS answers in one pass (an empty text or a DTD is never of that shape, so the
  // checks below would pass for what it reads); anything else, and every refusal, is the library's verdict
  const plain = parsePlainXml(xml);
  if (plain !== undefined) return { ok: true, root: plain };
  if (xml.trim() === '') return { ok: false, problem: 'the answer body is empty' };
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, problem: 'the answer carries a DTD (<!DOCTYPE/<!ENTITY); FPS answers have none and the kit does not expand entities' };
  return parseXmlByLibrary(xml);
}

/** parseXml's judge: fast-xml-parser validates well-formedness, then parses (after parseXml's guards). */
export function parseXmlByLibrary(xml: string): ParseOutcome {
  try {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      const { msg, line, col } = valid.err;
      return { ok: false, problem: `not well-formed XML: ${msg} (line ${line}${col === undefined ? '' : `, column ${col}`})` };
    }
    const tree = parser.parse(xml) as Record<string, unknown>;
    const roots = Object.entries(tree).filter(([k]) => !k.startsWith('?') && !k.startsWith('#'));
    const first = roots[0];
    if (roots.length !== 1 || first === undefined) return { ok: false, problem: 'the answer has no single root element' };
    const [name, nodes] = first;
    if (!Array.isArray(nodes) || nodes.length !== 1) return { ok: false, problem: 'the answer has no single root element' };
    const root = toElement(name, nodes[0], 1);
    return typeof root === 'string' ? { ok: false, problem: root } : { ok: true, root };
  } catch (err) {
    return { ok: false, problem: `the XML could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function toElement(name: string, node: unknown, depth: number): XmlElement | string {
  if (depth > MAX_DEPTH) return `elements nest deeper than ${MAX_DEPTH} levels`;
  const el: XmlElement = { name, attrs: {}, text: '', children: {} };
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') {
    el.text = unescapeXml(String(node)).trim();
    return el;
  }
  if (node === null || typeof node !== 'object') return el;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key.startsWith('@_')) el.attrs[key.slice(2)] = unescapeXml(String(value));
    else if (key === '#text') el.text = `${unescapeXml(String(value))}${el.text}`.trim();
    else if (key === '#cdata') el.text = `${el.text}${(Array.isArray(value) ? value : [value]).map(String).join('')}`.trim();
    else {
      const list: XmlElement[] = [];
      for (const child of Array.isArray(value) ? value : [value]) {
        const c = toElement(key, child, depth + 1);
        if (typeof c === 'string') return c;
        list.push(c);
      }
      el.children[key] = list;
    }
  }
  return el;
}

/** Strips a namespace prefix bound on the root (`fps:PayResponse`) from every element name. */
export function stripPrefix(el: XmlElement, prefix: string): XmlElement {
  const strip = (n: string) => (n.startsWith(`${prefix}:`) ? n.slice(prefix.length + 1) : n);
  const children: Record<string, XmlElement[]> = {};
  for (const [k, list] of Object.entries(el.children)) children[strip(k)] = [...(children[strip(k)] ?? []), ...list.map((c) => stripPrefix(c, prefix))];
  return { ...el, name: strip(el.name), children };
}
