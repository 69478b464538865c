// Other dresses for an answer document the codec encoded, each one a conforming FPS answer: the seed's
// samples are multi-line, carry no XML declaration (the error sample does), break the root's start tag
// before xmlns, use GetRecipientVerificationResponse (R-WIRE-3 set), and leave optional elements out
// (GetTokenByCaller's FriendlyName, OldTokenId, PaymentReason). Pure: text in, text out. Built on
// fast-xml-parser's order-preserving tree, so element order (the samples') is kept.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { ACTION_SPECS, type ResponseElement } from '../catalogue/actions.ts';
import { ACTIONS, type ActionName } from '../types.ts';

type Node = Record<string, unknown>;
const OPTIONS = { preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: false, parseTagValue: false, trimValues: true } as const;
const parser = new XMLParser(OPTIONS);

const nameOf = (n: Node): string | undefined => Object.keys(n).find((k) => k !== ':@');
const kids = (n: Node): Node[] => {
  const k = nameOf(n);
  return k !== undefined && Array.isArray(n[k]) ? (n[k] as Node[]) : [];
};

function parse(xml: string): Node[] {
  return parser.parse(xml) as Node[];
}

function build(tree: Node[], declaration: boolean): string {
  const body = tree.filter((n) => nameOf(n) !== '?xml');
  const text = new XMLBuilder({ ...OPTIONS, format: true, indentBy: '', suppressEmptyNode: false }).build(body) as string;
  return `${declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}${text.trim()}\n`;
}

/** The root element (after any declaration). */
function rootOf(tree: Node[]): Node | undefined {
  return tree.find((n) => nameOf(n) !== '?xml' && nameOf(n) !== '#text');
}

function rename(n: Node, from: string, to: string): void {
  if (!(from in n)) return;
  n[to] = n[from];
  delete n[from];
}

/**
 * As the seed's samples print it: one element per line, no indentation, no XML declaration on a
 * success (the "REST Errors" sample has one: `declaration` keeps it), and the root's start tag broken
 * before `xmlns` ("<GetTokenByCallerResponse\nxmlns=...>", four of the samples).
 */
export function sampleShaped(xml: string, options: { declaration?: boolean; breakRootTag?: boolean } = {}): string {
  const text = build(parse(xml), options.declaration ?? /^\s*<Response[\s>]/.test(xml.replace(/^<\?xml[^>]*\?>\s*/, '')));
  return options.breakRootTag === false ? text : text.replace(/^((?:<\?xml[^>]*\?>\n)?<[A-Za-z]+) (xmlns=)/, '$1\n$2');
}

/** R-WIRE-3 (set): GetRecipientVerificationStatus under the sample's root and result names. */
export function sampleRootNames(xml: string): string {
  const tree = parse(xml);
  const root = rootOf(tree);
  if (root === undefined || nameOf(root) !== 'GetRecipientVerificationStatusResponse') return xml;
  for (const child of kids(root)) rename(child, 'GetRecipientVerificationStatusResult', 'GetRecipientVerificationResult');
  rename(root, 'GetRecipientVerificationStatusResponse', 'GetRecipientVerificationResponse');
  return build(tree, /^<\?xml/.test(xml.trimStart()));
}

function optionalPaths(elements: readonly ResponseElement[], prefix: string[] = []): string[][] {
  return elements.flatMap((e) => [...(e.optional ? [[...prefix, e.name]] : []), ...optionalPaths(e.children ?? [], [...prefix, e.name])]);
}

/** The result's optional elements (catalogue `optional`), as paths below `<{Action}Result>`. */
export function optionalElements(action: string): string[][] {
  return (ACTIONS as readonly string[]).includes(action) ? optionalPaths(ACTION_SPECS[action as ActionName].response) : [];
}

function resultNode(tree: Node[]): Node | undefined {
  const root = rootOf(tree);
  return root === undefined ? undefined : kids(root).find((c) => /Result$/.test(nameOf(c) ?? ''));
}

function walk(start: Node, path: string[]): Node | undefined {
  let at: Node | undefined = start;
  for (const p of path) at = at === undefined ? undefined : kids(at).find((c) => nameOf(c) === p);
  return at;
}

/** The answer without any of its optional elements ("optional elements absent"). */
export function withoutOptional(xml: string, action: string): string {
  const tree = parse(xml);
  const result = resultNode(tree);
  const paths = optionalElements(action);
  if (result === undefined || paths.length === 0) return xml;
  for (const path of paths) {
    const parent = walk(result, path.slice(0, -1));
    if (parent === undefined) continue;
    const list = kids(parent);
    const i = list.findIndex((c) => nameOf(c) === path[path.length - 1]);
    if (i >= 0) list.splice(i, 1);
  }
  return build(tree, /^<\?xml/.test(xml.trimStart()));
}

/**
 * The answer with every optional element present, in the catalogue's (the samples') order; a missing
 * one gets `values[name]` (a caller supplies plausible text; GetTokenByCaller's sample repeats the
 * TokenId as OldTokenId).
 */
export function withOptional(xml: string, action: string, values: (path: string[], result: Node) => string | undefined): string {
  const tree = parse(xml);
  const result = resultNode(tree);
  if (result === undefined || !(ACTIONS as readonly string[]).includes(action)) return xml;
  const fill = (node: Node, elements: readonly ResponseElement[], prefix: string[]): void => {
    const list = kids(node);
    elements.forEach((e, index) => {
      const path = [...prefix, e.name];
      let child = list.find((c) => nameOf(c) === e.name);
      if (child === undefined && e.optional && e.children === undefined) {
        const v = values(path, result);
        if (v === undefined) return;
        child = { [e.name]: [{ '#text': escapeText(v) }] };
        // after the last present element that precedes it in the catalogue's order
        const before = elements.slice(0, index).map((x) => x.name);
        const at = list.reduce((pos, c, i) => (before.includes(nameOf(c) ?? '') ? i + 1 : pos), 0);
        list.splice(at, 0, child);
      }
      if (child !== undefined && e.children !== undefined) fill(child, e.children, path);
    });
  };
  fill(result, ACTION_SPECS[action as ActionName].response, []);
  return build(tree, /^<\?xml/.test(xml.trimStart()));
}

/** Text as it must appear between tags (the builder is told not to touch entities). */
function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text of the element at `path` below the result (for `withOptional` callers). */
export function resultText(result: Node, path: string[]): string | undefined {
  const n = walk(result, path);
  const t = n === undefined ? undefined : kids(n).find((c) => '#text' in c);
  return t === undefined ? undefined : String(t['#text']);
}
