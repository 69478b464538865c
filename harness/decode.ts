// Turns an API answer body into a `Decoded`: the codec (spec/wire/codec.ts) reads the XML, the
// schemas (spec/schemas) check a result against its action (R-WIRE-3, R-WIRE-4). A result that breaks
// its schema is `malformed`, listing the problems.
import { decodeAnswer } from '../spec/wire/codec.ts';
import type { Decoded } from './suite.ts';

type SchemaModule = { validateResult(action: string, parsed: unknown): unknown };

let schemas: SchemaModule | undefined;

// The schemas module is bound lazily so this file type-checks and runs before it lands.
const SCHEMAS_PATH = new URL('../spec/schemas/index.ts', import.meta.url).href;

export async function loadDecoders(): Promise<void> {
  try {
    schemas ??= (await import(SCHEMAS_PATH)) as SchemaModule;
  } catch {
    schemas = undefined;
  }
}

export function decodeBody(body: string, action: string): Decoded {
  const decoded: Decoded = decodeAnswer(body);
  if (decoded.kind === 'result' && schemas) {
    const problems = schemaProblems(schemas.validateResult(action, decoded));
    if (problems.length > 0) return { kind: 'malformed', problems: problems.map((p) => `R-WIRE-3: ${p}`) };
  }
  return decoded;
}

function schemaProblems(v: unknown): string[] {
  if (v === true || v === undefined || v === null) return [];
  if (v === false) return ['does not match its schema'];
  if (Array.isArray(v)) return v.map(String);
  const o = v as { ok?: boolean; valid?: boolean; problems?: unknown[]; errors?: unknown[] };
  if (o.ok === true || o.valid === true) return [];
  const list = o.problems ?? o.errors ?? [];
  return list.length ? list.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))) : ['does not match its schema'];
}
