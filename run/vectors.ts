// `fps-conformance vectors`: checks the kit's Signature Version 2 code (spec/sigv2) against the golden
// vectors in fixtures/vectors (R-AUTH-1, R-AUTH-1b, R-WIRE-1, R-IPN-3). Reads files; the checks are pure.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import { parseForm } from '../spec/wire/form.ts';
import {
  canonicalQuery,
  decodeHttpParameters,
  encodeHttpParameters,
  encodeRfc3986,
  sign,
  stringToSign,
  verify,
  type SignatureMethod,
} from '../spec/sigv2/index.ts';
import { UsageError } from '../core/errors.ts';

export const VECTORS_DIR = fileURLToPath(new URL('../fixtures/vectors/', import.meta.url));
const SCHEMA_FILE = 'vectors.schema.json';

type Pairs = [string, string][];
interface Common {
  id: string;
  checks: string;
  rules: string[];
  source: { source: string; section: string; lines?: string };
  repairs: string[];
}
export interface VectorRequest {
  method: string;
  host: string;
  path: string;
  query?: string;
  params?: Pairs;
}
interface Expected {
  params?: Pairs;
  canonicalQuery: string;
  stringToSign: string;
}
export type Vector =
  | (Common & { kind: 'signature'; request: VectorRequest; secret: string; signatureMethod: SignatureMethod; expected: Expected & { signature: string }; signatureCheck: string })
  | (Common & { kind: 'canonicalization'; request: VectorRequest; expected: Expected; signatureCheck: string; publishedSignature?: string })
  | (Common & { kind: 'encoding'; request: VectorRequest; secret: string; signatureMethod: SignatureMethod; expected: Expected; signatureCheck: string })
  | (Common & { kind: 'http-parameters'; input: string; expected: { params: Pairs; asRequestParameter: string } });

export interface VectorFile {
  description: string;
  vectors: Vector[];
}

export type VectorResult = 'pass' | 'fail' | 'not-recomputable';
export interface VectorRow {
  id: string;
  checks: string;
  result: VectorResult;
  detail: string;
  /** the rulings the vector holds the kit to */
  rules: string[];
}

let validator: ((v: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null } | undefined;
function validateFile(value: unknown, dir: string): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(dir, SCHEMA_FILE), 'utf8')) as object;
    validator = new AjvModule.default({ allErrors: true, strict: false }).compile(schema);
  }
  if (validator(value)) return [];
  return (validator.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

/** Every vector file in `dir`, schema-checked, with ids unique across files; a bad file is a UsageError. */
export function loadVectors(dir: string = VECTORS_DIR): { file: string; vector: Vector }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json') && n !== SCHEMA_FILE).sort();
  } catch {
    throw new UsageError(`cannot read the vectors folder "${dir}"`);
  }
  if (names.length === 0) throw new UsageError(`no vector files in "${dir}"`);
  const out: { file: string; vector: Vector }[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (err) {
      throw new UsageError(`vector file ${name} is not JSON: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
    const problems = validateFile(doc, dir);
    if (problems.length > 0) throw new UsageError(`vector file ${name} does not match ${SCHEMA_FILE}: ${problems.join('; ')}`);
    for (const vector of (doc as VectorFile).vectors) {
      const earlier = seen.get(vector.id);
      if (earlier !== undefined) throw new UsageError(`vector id "${vector.id}" appears in ${earlier} and ${name}`);
      seen.set(vector.id, name);
      out.push({ file: name, vector });
    }
  }
  return out;
}

/** The request's parameters: the query decoded as a form (R-WIRE-1), or the listed pairs. */
function requestParams(req: VectorRequest): { ok: true; pairs: Pairs } | { ok: false; problem: string } {
  if (req.params) return { ok: true, pairs: req.params };
  const form = parseForm(req.query ?? '');
  return form.ok ? { ok: true, pairs: form.pairs } : { ok: false, problem: `query does not parse: ${form.problem}` };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function mismatch(what: string, got: string, want: string): string {
  return `${what} differs: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`;
}

/** The canonical query and string to sign (and parsed parameters, when listed) of a request vector. */
function checkCanonical(req: VectorRequest, expected: Expected): { problems: string[]; pairs: Pairs } {
  const parsed = requestParams(req);
  if (!parsed.ok) return { problems: [parsed.problem], pairs: [] };
  const problems: string[] = [];
  if (expected.params && !same(parsed.pairs, expected.params)) problems.push('parsed parameters differ from the expected list');
  const cq = canonicalQuery(parsed.pairs);
  if (cq !== expected.canonicalQuery) problems.push(mismatch('canonical query', cq, expected.canonicalQuery));
  const sts = stringToSign({ method: req.method, host: req.host, path: req.path, params: parsed.pairs });
  if (sts !== expected.stringToSign) problems.push(mismatch('string to sign', sts, expected.stringToSign));
  return { problems, pairs: parsed.pairs };
}

/** One vector's verdict. Never throws for a schema-valid vector. */
export function checkVector(v: Vector): VectorRow {
  const row = (result: VectorResult, detail: string): VectorRow => ({ id: v.id, checks: v.checks, result, detail, rules: v.rules });
  switch (v.kind) {
    case 'signature': {
      const { problems, pairs } = checkCanonical(v.request, v.expected);
      if (problems.length > 0) return row('fail', problems.join('; '));
      const req = { method: v.request.method, host: v.request.host, path: v.request.path, params: pairs };
      const got = sign({ ...req, secret: v.secret, signatureMethod: v.signatureMethod });
      if (got !== v.expected.signature) return row('fail', mismatch('signature', got, v.expected.signature));
      const params = Object.fromEntries([...pairs, ['Signature', v.expected.signature]]);
      const checked = verify({ ...req, params, secret: v.secret });
      if (!checked.valid) return row('fail', `verify rejects the published signature: ${checked.problem ?? ''}`);
      return row('pass', 'canonical query, string to sign and the published signature hold; verify accepts it');
    }
    case 'canonicalization': {
      const { problems } = checkCanonical(v.request, v.expected);
      if (problems.length > 0) return row('fail', problems.join('; '));
      return row('not-recomputable', `canonical query and string to sign hold; signature ${v.signatureCheck}`);
    }
    case 'encoding': {
      const { problems } = checkCanonical(v.request, v.expected);
      if (problems.length > 0) return row('fail', problems.join('; '));
      return row('pass', 'canonical query and string to sign hold (its signature is checked against openssl in run/vectors.test.ts)');
    }
    case 'http-parameters': {
      const decoded = decodeHttpParameters(v.input);
      if (!decoded.ok) return row('fail', decoded.problem);
      if (!same(decoded.params, v.expected.params)) return row('fail', 'decoded HttpParameters differ from the expected list');
      const again = encodeHttpParameters(decoded.params);
      if (again !== v.input) return row('fail', mismatch('re-encoded HttpParameters', again, v.input));
      const sent = encodeRfc3986(v.input);
      if (sent !== v.expected.asRequestParameter) return row('fail', mismatch('HttpParameters as a request parameter', sent, v.expected.asRequestParameter));
      return row('pass', 'decodes to the listed parameters, re-encodes to the same string, and encodes once more as sent');
    }
  }
}

export function checkVectors(dir: string = VECTORS_DIR): VectorRow[] {
  return loadVectors(dir).map(({ vector }) => checkVector(vector));
}

/** A plain-text table: vector, what it checks, result; failures and non-recomputable rows add a detail line. */
export function renderVectorTable(rows: readonly VectorRow[]): string {
  const idW = Math.max(6, ...rows.map((r) => r.id.length));
  const checksW = Math.min(90, Math.max(6, ...rows.map((r) => r.checks.length)));
  const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);
  const lines = [`${'vector'.padEnd(idW)}  ${'checks'.padEnd(checksW)}  result`, `${'-'.repeat(idW)}  ${'-'.repeat(checksW)}  ------`];
  for (const r of rows) {
    lines.push(`${r.id.padEnd(idW)}  ${clip(r.checks, checksW).padEnd(checksW)}  ${r.result}`);
    if (r.result === 'fail') lines.push(`${''.padEnd(idW)}  ${r.detail}`);
  }
  const count = (res: VectorResult): number => rows.filter((r) => r.result === res).length;
  lines.push(
    '',
    `${rows.length} vectors: ${count('pass')} pass, ${count('fail')} fail, ${count('not-recomputable')} not-recomputable ` +
      '(the seed does not publish the secret behind its sample signatures; their canonical query and string to sign were checked)',
  );
  return lines.join('\n') + '\n';
}

/** The command's result: exit 0 only when every checkable vector holds (not-recomputable rows do not fail). */
export function runVectors(options: { json?: boolean; dir?: string } = {}): { exitCode: 0 | 1; report: string; rows: VectorRow[] } {
  const rows = checkVectors(options.dir);
  const exitCode = rows.some((r) => r.result === 'fail') ? 1 : 0;
  const report = options.json ? JSON.stringify(rows, null, 2) + '\n' : renderVectorTable(rows);
  return { exitCode, report, rows };
}
