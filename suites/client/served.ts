// What the kit served, read with the kit's codec (spec/wire/codec.ts), as the documents' element
// names flattened with dots ("Token.TokenId"), so the SDK's view can be compared value by value.
import { decodeAnswer } from '../../spec/wire/codec.ts';

export type ServedAnswer =
  | { kind: 'result'; action: string; fields: Record<string, string>; requestId?: string }
  | { kind: 'error'; code: string; message: string; requestId?: string }
  | { kind: 'malformed'; problem: string };

export function readServed(body: string): ServedAnswer {
  const d = decodeAnswer(body);
  switch (d.kind) {
    case 'result':
      return { kind: 'result', action: d.action, fields: d.fields, ...(d.requestId !== undefined ? { requestId: d.requestId } : {}) };
    case 'error':
      return { kind: 'error', code: d.code, message: d.message, ...(d.requestId !== undefined ? { requestId: d.requestId } : {}) };
    case 'malformed':
      return { kind: 'malformed', problem: d.problems.join('; ') };
  }
}

/** Dotted flattening of the SDK's (nested) view, numbered like the codec's repeats ("X.1"). */
export function flatten(obj: Record<string, unknown>, prefix: string, out: Record<string, string>): Record<string, string> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) v.forEach((item, i) => (typeof item === 'object' && item !== null ? flatten(item as Record<string, unknown>, `${key}.${i + 1}`, out) : (out[`${key}.${i + 1}`] = String(item))));
    else if (typeof v === 'object') flatten(v as Record<string, unknown>, key, out);
    else out[key] = String(v);
  }
  return out;
}
