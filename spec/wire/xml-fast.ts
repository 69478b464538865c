// One pass over the plain shape every FPS answer has (an optional XML declaration, then elements with
// quoted attributes and text with the predefined entities or character references), building the same
// tree as xml.ts's fast-xml-parser path (validate, then parse) in a fraction of its time. It never
// judges: anything outside that shape, well-formed or not (comments, CDATA, PIs, DTDs, mixed content,
// lone surrogates, names beyond ASCII, a mismatched tag, deep nesting...), returns undefined and
// the answer goes the library's way, so what is accepted and what is refused stays the library's
// verdict. spec/wire/xml-fast.test.ts pins that: whenever this answers, the library path answers the
// same tree.
import type { XmlElement } from './xml.ts';
import { unescapeXml } from './xml.ts';

/**
 * Names fast-xml-parser (5.12) refuses or renames against prototype pollution (its util.js
 * criticalProperties and DANGEROUS_PROPERTY_NAMES): a document using one goes the library's way, so
 * the verdict and the tree stay the library's.
 */
const LIBRARY_GUARDED: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

/** what the library path (toElement) refuses past this depth; deeper documents go its way */
const MAX_FAST_DEPTH = 32;

/** `<?xml version="1.0" encoding="..." standalone="..."?>` at the very start (the XMLDecl production) */
const XML_DECL = /^<\?xml\s+version\s*=\s*(["'])1\.0\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>/;
/** the declaration FPS answers start with, all of which XML_DECL matches (no regexp run for it) */
const COMMON_DECL = '<?xml version="1.0" encoding="UTF-8"?>';
/** an entity or character reference at `&` */
const REFERENCE = /&(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/y;

const LT = 0x3c, GT = 0x3e, SLASH = 0x2f, AMP = 0x26, EQ = 0x3d, QUOT = 0x22, APOS = 0x27, COLON = 0x3a, RBRACKET = 0x5d;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
const isNameStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;

/** character data the fast path passes: XML 1.0 Chars but surrogates, and not `<` or `&` (handled apart) */
const isPlainChar = (c: number): boolean => (c >= 0x20 && c < 0xd800 && c !== LT && c !== AMP) || c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0xe000 && c <= 0xfffd);

/** a character reference names an XML 1.0 Char */
function validReference(ref: string): boolean {
  if (ref.charCodeAt(1) !== 0x23) return true;
  const code = ref.charCodeAt(2) === 0x78 ? parseInt(ref.slice(3, -1), 16) : parseInt(ref.slice(2, -1), 10);
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** ASCII name characters by code unit (letters, digits, `_`, `-`, `.`): 2 may start a name, 1 only follow */
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) NAME_CHAR[c] = isNameStart(c) ? 2 : isNameChar(c) ? 1 : 0;

/** end of a Name (ASCII, at most one colon inside: a QName) starting at i, or -1 */
function nameEnd(xml: string, i: number): number {
  // (charCodeAt past the end is NaN, which indexes nothing)
  if (NAME_CHAR[xml.charCodeAt(i)] !== 2) return -1;
  let j = i + 1;
  while (NAME_CHAR[xml.charCodeAt(j)]! > 0) j++;
  if (xml.charCodeAt(j) === COLON) {
    if (NAME_CHAR[xml.charCodeAt(j + 1)] !== 2) return -1;
    j += 2;
    while (NAME_CHAR[xml.charCodeAt(j)]! > 0) j++;
    if (xml.charCodeAt(j) === COLON) return -1;
  }
  return j;
}

/**
 * Names seen before, by a hash of their length and ends: a name read again is the same string, so
 * it is not sliced, and as a property key it is already internalised (the same few dozen element
 * names make up every FPS answer). Never holds a name the library guards.
 */
const NAMES: (string | undefined)[] = new Array<string | undefined>(1024).fill(undefined);

/** whether xml holds `name` at `from` (a loop: startsWith with a position is a slow builtin call) */
function sameChars(xml: string, from: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if (xml.charCodeAt(from + k) !== name.charCodeAt(k)) return false;
  return true;
}

/** The name xml[from, to) as a string: the cached one when it is the same, else a new one (or
 *  undefined for a name the library guards). */
function nameAt(xml: string, from: number, to: number): string | undefined {
  const len = to - from;
  const slot = (len * 31 + xml.charCodeAt(from) * 7 + xml.charCodeAt(to - 1) + xml.charCodeAt(from + (len >> 1)) * 3) & 1023;
  const seen = NAMES[slot];
  if (seen !== undefined && seen.length === len && sameChars(xml, from, seen)) return seen;
  const name = xml.slice(from, to);
  if (LIBRARY_GUARDED.has(name)) return undefined;
  // a property key is an internalised string: cache that one, a flat copy of the slice
  const interned = Object.keys({ [name]: 0 })[0]!;
  NAMES[slot] = interned;
  return interned;
}

/** a run of character data without `<`, `&` or `]` (XML 1.0 Chars but surrogates): one regexp scan, no match object */
const PLAIN_RUN = /[\t\n\r\x20-\x25\x27-\x3b\x3d-\x5c\x5e-\ud7ff\ue000-\ufffd]*/y;
/** whether the last text textEnd read held a reference (else it needs no unescaping) */
let sawReference = false;

/** end of character data from i (at `<` or the end), or -1 when it holds anything the fast path leaves alone */
function textEnd(xml: string, i: number): number {
  sawReference = false;
  for (;;) {
    PLAIN_RUN.lastIndex = i;
    PLAIN_RUN.test(xml);
    i = PLAIN_RUN.lastIndex;
    const c = xml.charCodeAt(i);
    if (c === LT || Number.isNaN(c)) return i;
    if (c === AMP) {
      REFERENCE.lastIndex = i;
      const m = REFERENCE.exec(xml);
      if (m === null || !validReference(m[0])) return -1;
      sawReference = true;
      i += m[0].length;
    } else if (c === RBRACKET && !xml.startsWith(']]>', i)) {
      // `]]>` may not appear in character data
      i++;
    } else {
      return -1;
    }
  }
}

function isBlank(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(xml.charCodeAt(i))) return false;
  return true;
}

const skipSpace = (xml: string, i: number): number => {
  while (isSpace(xml.charCodeAt(i))) i++;
  return i;
};

/** Parses an answer of the plain shape into its root element, or undefined: then the library decides. */
export function parsePlainXml(xml: string): XmlElement | undefined {
  let i = 0;
  if (xml.startsWith(COMMON_DECL)) i = COMMON_DECL.length;
  else if (xml.startsWith('<?')) {
    const decl = XML_DECL.exec(xml);
    if (decl === null) return undefined;
    i = decl[0].length;
  }
  i = skipSpace(xml, i);
  const open: XmlElement[] = [];
  /** per open element (by depth): where its non-blank text starts and ends (-1: none yet), and whether it has a child */
  const textAt: number[] = [];
  const hasChild: boolean[] = [];
  const hasReference: boolean[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml.charCodeAt(i) !== LT) {
      const end = textEnd(xml, i);
      if (end < 0 || open.length === 0) return undefined;
      if (!isBlank(xml, i, end)) {
        const top = open.length - 1;
        // mixed content (text beside child elements, or text in pieces) goes the library's way
        if (textAt[2 * top]! >= 0 || hasChild[top]) return undefined;
        textAt[2 * top] = i;
        textAt[2 * top + 1] = end;
        hasReference[top] = sawReference;
      }
      i = end;
      continue;
    }
    if (xml.charCodeAt(i + 1) === SLASH) {
      const top = open.pop();
      // the open element's name, ended there (what nameEnd would read: no name character or colon next)
      if (top === undefined || !sameChars(xml, i + 2, top.name)) return undefined;
      const end = i + 2 + top.name.length;
      const next = xml.charCodeAt(end);
      if (NAME_CHAR[next]! > 0 || next === COLON) return undefined;
      i = skipSpace(xml, end);
      if (xml.charCodeAt(i) !== GT) return undefined;
      i++;
      const at = open.length;
      const from = textAt[2 * at]!;
      if (from >= 0) {
        const raw = xml.slice(from, textAt[2 * at + 1]);
        // end-of-line handling, as the library does it (before references are read)
        const text = (raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw).trim();
        top.text = hasReference[at] ? unescapeXml(text).trim() : text;
      }
      if (open.length === 0) {
        root = top;
        break;
      }
      continue;
    }
    // a start tag or an empty-element tag
    const end = nameEnd(xml, i + 1);
    if (end < 0 || open.length >= MAX_FAST_DEPTH) return undefined;
    const elName = nameAt(xml, i + 1, end);
    if (elName === undefined) return undefined;
    const el: XmlElement = { name: elName, attrs: {}, text: '', children: {} };
    i = end;
    let selfClosing = false;
    for (;;) {
      const before = i;
      i = skipSpace(xml, i);
      const c = xml.charCodeAt(i);
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (xml.charCodeAt(i + 1) !== GT) return undefined;
        i += 2;
        selfClosing = true;
        break;
      }
      // an attribute, after white space
      const nameStop = nameEnd(xml, i);
      if (i === before || nameStop < 0) return undefined;
      const name = nameAt(xml, i, nameStop);
      if (name === undefined || Object.prototype.hasOwnProperty.call(el.attrs, name)) return undefined;
      i = skipSpace(xml, nameStop);
      if (xml.charCodeAt(i) !== EQ) return undefined;
      i = skipSpace(xml, i + 1);
      const quote = xml.charCodeAt(i);
      if (quote !== QUOT && quote !== APOS) return undefined;
      const close = xml.indexOf(quote === QUOT ? '"' : "'", i + 1);
      if (close < 0) return undefined;
      const value = xml.slice(i + 1, close);
      // only plain characters and references; no `<`, and white space only as spaces (no normalisation to mirror)
      for (let k = 0; k < value.length; k++) {
        const v = value.charCodeAt(k);
        if (v === AMP) {
          REFERENCE.lastIndex = k;
          const m = REFERENCE.exec(value);
          if (m === null || !validReference(m[0])) return undefined;
          k += m[0].length - 1;
        } else if (!isPlainChar(v) || v === 0x09 || v === 0x0a || v === 0x0d) return undefined;
      }
      el.attrs[name] = unescapeXml(value.trim());
      i = close + 1;
    }
    const parent = open[open.length - 1];
    if (parent !== undefined) {
      const top = open.length - 1;
      if (textAt[2 * top]! >= 0) return undefined;
      hasChild[top] = true;
      // own lists only (a child named "constructor" is not Object.prototype's)
      if (Object.prototype.hasOwnProperty.call(parent.children, el.name)) parent.children[el.name]!.push(el);
      else parent.children[el.name] = [el];
    }
    if (selfClosing) {
      if (parent === undefined) {
        root = el;
        break;
      }
      continue;
    }
    textAt[2 * open.length] = -1;
    hasChild[open.length] = false;
    open.push(el);
  }
  // after the root element only white space
  if (root === undefined || !isBlank(xml, i, xml.length)) return undefined;
  return root;
}
