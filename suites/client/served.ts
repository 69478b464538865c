// What the kit served, read with the kit's codec (spec/wire/codec.ts), as the documents' element
// names flattened with dots ("Token.TokenId"), so the SDK's view can be compared value by value.
// The answer is the kit's one `Decoded` (spec/wire/decode.ts): the codec's reading without the schema
// check, so a served body is never judged here, only read.
import { decodeAnswer } from '../../spec/wire/codec.ts';
import type { Decoded } from '../../spec/wire/decode.ts';

export function readServed(body: string): Decoded {
  const d = decodeAnswer(body);
  if (d.kind !== 'result') return d;
  const { result: _nested, ...flat } = d;
  return flat;
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
