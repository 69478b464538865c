// The FPS answer documents (R-WIRE-3 success, R-WIRE-4 error) as text and back. The encoder writes what
// the seed's samples show; the decoder reads any target's answer and never throws: whatever breaks the
// shape comes back as `malformed` with one problem per broken rule.
import { ACTIONS, VERSIONS, type ActionName, type Version } from '../types.ts';
import { ACTION_SPECS, type ResponseElement } from '../catalogue/actions.ts';
import { escapeXml, parseXml, stripPrefix, type XmlElement } from './xml.ts';
import type { Decoded } from './decode.ts';

/**
 * A decoded answer: the kit's one `Decoded` (spec/wire/decode.ts), a result also keeping the content of
 * `<{Action}Result>` nested by element name in `result` (text values as strings, trimmed; a repeated
 * element as an array). `action` is the catalogue's name even when the answer used
 * GetRecipientVerificationResponse (R-WIRE-3 set).
 */
export type DecodedAnswer = Exclude<Decoded, { kind: 'result' }> | (Extract<Decoded, { kind: 'result' }> & { result: Record<string, unknown> });

/** http://fps.amazonaws.com/doc/{Version}/ (R-WIRE-3) */
export function namespaceFor(version: Version): string {
  return `http://fps.amazonaws.com/doc/${version}/`;
}

/** R-WIRE-3 (set): GetRecipientVerificationStatus may answer under the sample's shorter names. */
const ROOT_ALIASES: Readonly<Record<string, ActionName>> = { GetRecipientVerificationResponse: 'GetRecipientVerificationStatus' };
const RESULT_ALIASES: Readonly<Partial<Record<ActionName, readonly string[]>>> = {
  GetRecipientVerificationStatus: ['GetRecipientVerificationStatusResult', 'GetRecipientVerificationResult'],
};

// ---------------------------------------------------------------- encoding

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function encodeValue(name: string, value: unknown, order: readonly ResponseElement[] | undefined): string {
  if (value === undefined || value === null) return '';
  if (!XML_NAME.test(name)) throw new Error(`encodeResult: "${name}" is not an element name`);
  if (Array.isArray(value)) return value.map((v) => encodeValue(name, v, order)).join('');
  if (typeof value === 'object') return `<${name}>${encodeChildren(value as Record<string, unknown>, order)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** Dotted keys ("Token.TokenId") are nested first, so the model's flat fields encode as well as nested objects. */
function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const path = key.split('.');
    let at = out;
    for (const part of path.slice(0, -1)) {
      const next = at[part];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) at[part] = {};
      at = at[part] as Record<string, unknown>;
    }
    const last = path[path.length - 1] as string;
    const existing = at[last];
    at[last] = existing !== null && typeof existing === 'object' && !Array.isArray(existing) && value !== null && typeof value === 'object'
      ? { ...(existing as Record<string, unknown>), ...(value as Record<string, unknown>) }
      : value;
  }
  return out;
}

/** Children in the catalogue's order (the seed's samples), then any others as given. */
function encodeChildren(values: Record<string, unknown>, order: readonly ResponseElement[] | undefined): string {
  const nested = nest(values);
  const known = (order ?? []).map((e) => e.name).filter((n) => n in nested);
  const rest = Object.keys(nested).filter((n) => !known.includes(n));
  return [...known, ...rest].map((n) => encodeValue(n, nested[n], order?.find((e) => e.name === n)?.children)).join('');
}

/** `<{Action}Response xmlns=...><{Action}Result>…</{Action}Result><ResponseMetadata><RequestId/></ResponseMetadata>` (R-WIRE-3). */
export function encodeResult(action: ActionName | (string & {}), version: Version, result: Record<string, unknown>, requestId: string): string {
  if (!XML_NAME.test(action)) throw new Error(`encodeResult: "${action}" is not an action name`);
  // An Action outside the catalogue still encodes (the emulator may answer one under test), in the same shape.
  const spec = (ACTION_SPECS as Readonly<Record<string, (typeof ACTION_SPECS)[ActionName] | undefined>>)[action];
  const resultElement = spec === undefined ? `${action}Result` : spec.resultElement;
  const resultXml = resultElement === null ? '' : `<${resultElement}>${encodeChildren(result, spec?.response)}</${resultElement}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespaceFor(version)}">${resultXml}` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${action}Response>`;
}

/** `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>` (R-WIRE-4, "REST Errors"). */
export function encodeError(code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors>` +
    `<RequestID>${escapeXml(requestId)}</RequestID></Response>`;
}

// ---------------------------------------------------------------- decoding

const only = (el: XmlElement, name: string): XmlElement[] => el.children[name] ?? [];

/** An element's content as plain data: text for leaves, objects for parents, arrays for repeats. */
function toData(el: XmlElement): unknown {
  const names = Object.keys(el.children);
  if (names.length === 0) return el.text;
  const out: Record<string, unknown> = {};
  for (const n of names) {
    const list = el.children[n] ?? [];
    out[n] = list.length === 1 ? toData(list[0] as XmlElement) : list.map(toData);
  }
  return out;
}

function flatten(value: unknown, path: string, into: Record<string, string>): void {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${path}.${i + 1}`, into));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, path === '' ? k : `${path}.${k}`, into);
  else into[path] = String(value);
}

function decodeError(root: XmlElement): DecodedAnswer {
  const problems: string[] = [];
  const errorsEls = only(root, 'Errors');
  if (errorsEls.length !== 1) problems.push(`R-WIRE-4: <Response> must hold exactly one <Errors>, found ${errorsEls.length}`);
  const errorEls = errorsEls.length === 1 ? only(errorsEls[0] as XmlElement, 'Error') : [];
  if (errorsEls.length === 1 && errorEls.length !== 1) problems.push(`R-WIRE-4: <Errors> must hold exactly one <Error>, found ${errorEls.length}`);
  const error = errorEls[0];
  const codes = error ? only(error, 'Code') : [];
  const messages = error ? only(error, 'Message') : [];
  if (error && (codes.length !== 1 || codes[0]?.text === '')) problems.push('R-WIRE-4: <Error> must hold one non-empty <Code>');
  if (error && messages.length !== 1) problems.push('R-WIRE-4: <Error> must hold one <Message>');
  const ids = only(root, 'RequestID');
  if (ids.length !== 1) problems.push(`R-WIRE-4: <Response> must hold one <RequestID>, found ${ids.length}`);
  if (problems.length > 0) return { kind: 'malformed', problems };
  const answer: DecodedAnswer = { kind: 'error', code: codes[0]?.text ?? '', message: messages[0]?.text ?? '' };
  const requestId = ids[0]?.text;
  if (requestId !== undefined && requestId !== '') answer.requestId = requestId;
  return answer;
}

/** The action a result document's root element names: `{Action}Response`, or an alias (R-WIRE-3). */
const actionOfRoot = (rootName: string): string =>
  ROOT_ALIASES[rootName] ?? (rootName.endsWith('Response') ? rootName.slice(0, -'Response'.length) : rootName);
/** actionOfRoot for every root naming a known action, read once (every answer has one of these) */
const ACTION_OF_ROOT: ReadonlyMap<string, ActionName> = new Map(
  ACTIONS.flatMap((a) => [`${a}Response`, a]).concat(Object.keys(ROOT_ALIASES))
    .map((root) => [root, actionOfRoot(root)] as const)
    .filter((e): e is readonly [string, ActionName] => (ACTIONS as readonly string[]).includes(e[1])),
);
const VERSION_OF_NAMESPACE: ReadonlyMap<string, Version> = new Map(VERSIONS.map((v) => [namespaceFor(v), v]));

function decodeResult(root: XmlElement): DecodedAnswer {
  const problems: string[] = [];
  const rootName = root.name;
  const known = ACTION_OF_ROOT.get(rootName);
  const action = known ?? actionOfRoot(rootName);
  if (known === undefined && !(ACTIONS as readonly string[]).includes(action)) {
    return { kind: 'malformed', problems: [`R-WIRE-3: root element <${rootName}> is neither <{Action}Response> for a known Action nor the error <Response> (R-WIRE-4)`] };
  }
  const name = action as ActionName;
  const xmlns = root.attrs['xmlns'];
  const version = xmlns === undefined ? undefined : VERSION_OF_NAMESPACE.get(xmlns);
  if (version === undefined) {
    problems.push(xmlns === undefined
      ? `R-WIRE-3: <${rootName}> has no xmlns; expected ${VERSIONS.map((v) => namespaceFor(v)).join(' or ')}`
      : `R-WIRE-3: <${rootName}> namespace "${xmlns}" is not that of a known Version (${VERSIONS.map((v) => namespaceFor(v)).join(', ')})`);
  }
  const spec = ACTION_SPECS[name];
  const resultNames = RESULT_ALIASES[name] ?? (spec.resultElement === null ? [] : [spec.resultElement]);
  const results: XmlElement[] = [];
  for (const n of resultNames) for (const el of only(root, n)) results.push(el);
  let result: Record<string, unknown> = {};
  if (spec.resultElement === null) {
    const stray = `${name}Result`;
    if (only(root, stray).length > 0) problems.push(`R-WIRE-3: ${name} answers no <${stray}> (its response has only the common elements)`);
  } else if (results.length !== 1) {
    problems.push(`R-WIRE-3: <${rootName}> must hold exactly one <${spec.resultElement}>, found ${results.length}`);
  } else {
    const data = toData(results[0] as XmlElement);
    result = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  }
  const metas = only(root, 'ResponseMetadata');
  const ids = metas.length === 1 ? only(metas[0] as XmlElement, 'RequestId') : [];
  if (metas.length !== 1) problems.push(`R-WIRE-3: <${rootName}> must hold exactly one <ResponseMetadata>, found ${metas.length}`);
  else if (ids.length !== 1) problems.push(`R-WIRE-3: <ResponseMetadata> must hold exactly one <RequestId>, found ${ids.length}`);
  if (problems.length > 0) return { kind: 'malformed', problems };
  const fields: Record<string, string> = {};
  flatten(result, '', fields);
  const answer: DecodedAnswer = { kind: 'result', action: name, version: version as Version, result, fields };
  const requestId = ids[0]?.text;
  if (requestId !== undefined) answer.requestId = requestId;
  return answer;
}

/** Reads an answer body. Never throws. */
export function decodeAnswer(xml: string): DecodedAnswer {
  try {
    const parsed = parseXml(xml);
    if (!parsed.ok) return { kind: 'malformed', problems: [`R-WIRE-3/R-WIRE-4: ${parsed.problem}`] };
    let root = parsed.root;
    const colon = root.name.indexOf(':');
    if (colon > 0) {
      const prefix = root.name.slice(0, colon);
      const bound = root.attrs[`xmlns:${prefix}`];
      root = stripPrefix(root, prefix);
      if (bound !== undefined) root.attrs = { ...root.attrs, xmlns: bound };
    }
    return root.name === 'Response' ? decodeError(root) : decodeResult(root);
  } catch (err) {
    return { kind: 'malformed', problems: [`the answer could not be decoded: ${err instanceof Error ? err.message : String(err)}`] };
  }
}
