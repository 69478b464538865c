// Reads what the kit served: the FPS answer document flattened to the documents' element names
// (dotted for nested types, "Token.TokenId"), so the SDK's view can be compared value by value.
// Tolerant by design: the kit's own emulator wrote these bodies; a fault-mangled body is `malformed`.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type ServedAnswer =
  | { kind: 'result'; action: string; fields: Record<string, string>; requestId?: string }
  | { kind: 'error'; code: string; message: string; requestId?: string }
  | { kind: 'malformed'; problem: string };

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: () => false,
});

export function readServed(body: string): ServedAnswer {
  if (body.length > 1_000_000) return { kind: 'malformed', problem: 'body too large' };
  const valid = XMLValidator.validate(body);
  if (valid !== true) return { kind: 'malformed', problem: `not well-formed XML: ${valid.err.msg}` };
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(body) as Record<string, unknown>;
  } catch (err) {
    return { kind: 'malformed', problem: err instanceof Error ? err.message : String(err) };
  }
  const rootName = Object.keys(doc).find((k) => k !== '?xml');
  if (rootName === undefined) return { kind: 'malformed', problem: 'no root element' };
  const root = doc[rootName] as Record<string, unknown> | string;
  if (typeof root !== 'object' || root === null) return { kind: 'malformed', problem: `empty root ${rootName}` };
  if (rootName === 'Response' || rootName === 'ErrorResponse') {
    // R-WIRE-4: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
    const errors = root.Errors as Record<string, unknown> | undefined;
    const error = (errors?.Error ?? root.Error) as Record<string, unknown> | undefined;
    if (error === undefined || typeof error !== 'object') return { kind: 'malformed', problem: 'error document without Error' };
    const requestId = str(root.RequestID ?? root.RequestId);
    return { kind: 'error', code: str(error.Code) ?? '', message: str(error.Message) ?? '', ...(requestId !== undefined ? { requestId } : {}) };
  }
  const action = rootName.replace(/Response$/, '');
  const fields: Record<string, string> = {};
  const result = root[`${action}Result`];
  if (typeof result === 'object' && result !== null) flatten(result as Record<string, unknown>, '', fields);
  const meta = root.ResponseMetadata as Record<string, unknown> | undefined;
  const requestId = str(meta?.RequestId);
  return { kind: 'result', action, fields, ...(requestId !== undefined ? { requestId } : {}) };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** Dotted flattening; also used for the SDK's (nested) view so both sides compare alike. */
export function flatten(obj: Record<string, unknown>, prefix: string, out: Record<string, string>): Record<string, string> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v === null || v === undefined) continue;
    if (typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else if (Array.isArray(v)) v.forEach((item, i) => (typeof item === 'object' && item !== null ? flatten(item as Record<string, unknown>, `${key}.${i + 1}`, out) : (out[`${key}.${i + 1}`] = String(item))));
    else out[key] = String(v);
  }
  return out;
}
