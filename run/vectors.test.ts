// Golden SigV2 vectors (fixtures/vectors): schema, unique ids, every seed sample present, and every
// vector holding. Signatures of the encoding vectors come from openssl, never from the kit (R-AUTH-1).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { sign, verify, type SignatureMethod } from '../spec/sigv2/index.ts';
import { checkVector, loadVectors, runVectors, VECTORS_DIR, type Vector, type VectorRequest } from './vectors.ts';
import { registerVectors } from '../bin/commands/vectors.ts';
import { UsageError } from '../core/errors.ts';
import { ACTIONS } from '../spec/types.ts';

const all = loadVectors();
const byKind = <K extends Vector['kind']>(kind: K) =>
  all.map((x) => x.vector).filter((v): v is Extract<Vector, { kind: K }> => v.kind === kind);

function openssl(data: string, secret: string, method: SignatureMethod): string {
  const digest = method === 'HmacSHA256' ? '-sha256' : '-sha1';
  const raw = execFileSync('openssl', ['dgst', digest, '-hmac', secret, '-binary'], { input: data });
  return raw.toString('base64');
}

function pairsOf(req: VectorRequest): [string, string][] {
  if (req.params) return req.params;
  throw new Error('encoding vectors list their params');
}

describe('vector files', () => {
  it('every file matches the schema and ids are unique (loadVectors enforces both)', () => {
    const files = readdirSync(VECTORS_DIR).filter((n) => n.endsWith('.json') && n !== 'vectors.schema.json');
    expect(new Set(all.map((x) => x.file))).toEqual(new Set(files));
    expect(new Set(all.map((x) => x.vector.id)).size).toBe(all.length);
  });
  it('holds a canonicalization vector for the sample request of every action in seed 004', () => {
    const seeds = byKind('canonicalization');
    expect(seeds.map((v) => v.id).sort()).toEqual([...ACTIONS.map((a) => `seed-${a}`), 'seed-cbui-Recurring'].sort());
    for (const v of seeds) {
      // the documents do not publish the secret: never pretend a signature was recomputed
      expect(v.signatureCheck).toMatch(/^not-recomputable: the seed does not publish /);
      expect(v.request.method).toBe('GET');
      if (v.id !== 'seed-cbui-Recurring') expect(v.request).toMatchObject({ host: 'fps.sandbox.amazonaws.com', path: '/' });
      expect(v.repairs.length).toBeGreaterThan(0);
    }
  });
  it('holds the encoding edges the brief names', () => {
    const ids = byKind('encoding').map((v) => v.id);
    for (const edge of ['space', 'tilde', 'asterisk', 'plus', 'slash', 'equals', 'ampersand', 'percent', 'empty-value', 'e-acute', 'cjk', 'name-needs-encoding']) {
      expect(ids).toContain(`edge-${edge}`);
    }
  });
});

describe('every vector holds', () => {
  for (const { vector } of all) {
    it(vector.id, () => {
      const row = checkVector(vector);
      expect(row.detail).not.toMatch(/differs/);
      expect(row.result).toBe(vector.kind === 'canonicalization' ? 'not-recomputable' : 'pass');
    });
  }
});

describe('signatures agree with openssl (an independent HMAC)', () => {
  for (const v of byKind('encoding')) {
    it(v.id, () => {
      const expected = openssl(v.expected.stringToSign, v.secret, v.signatureMethod);
      const req = { method: v.request.method, host: v.request.host, path: v.request.path, params: pairsOf(v.request) };
      expect(sign({ ...req, secret: v.secret, signatureMethod: v.signatureMethod })).toBe(expected);
      // verify reads SignatureMethod from the parameters: vectors that carry it must verify with openssl's signature
      if (req.params.some(([n]) => n === 'SignatureMethod')) {
        const params = Object.fromEntries([...req.params, ['Signature', expected]]);
        expect(verify({ ...req, params, secret: v.secret })).toMatchObject({ valid: true, method: v.signatureMethod });
      }
    });
  }
  it('the AWS General Reference example agrees with openssl too', () => {
    const [v] = byKind('signature');
    expect(v).toBeDefined();
    expect(openssl(v!.expected.stringToSign, v!.secret, v!.signatureMethod)).toBe(v!.expected.signature);
  });
});

describe('checkVector catches a wrong kit or a wrong vector', () => {
  const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
  it('a changed expected canonical query, string to sign or signature fails', () => {
    const [aws] = byKind('signature');
    const a = clone(aws!);
    a.expected.signature = a.expected.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(checkVector(a)).toMatchObject({ result: 'fail', detail: expect.stringMatching(/^signature differs/) });
    const [seed] = byKind('canonicalization');
    const s = clone(seed!);
    s.expected.canonicalQuery += '&x=';
    expect(checkVector(s)).toMatchObject({ result: 'fail', detail: expect.stringMatching(/canonical query differs/) });
    const [edge] = byKind('encoding');
    const e = clone(edge!);
    e.expected.stringToSign = e.expected.stringToSign.replace('GET', 'POST');
    expect(checkVector(e)).toMatchObject({ result: 'fail', detail: expect.stringMatching(/string to sign differs/) });
  });
  it('a query that does not parse (R-WIRE-5) fails with the reason', () => {
    const [seed] = byKind('canonicalization');
    const s = clone(seed!);
    s.request.query += '&bad=%G0';
    expect(checkVector(s)).toMatchObject({ result: 'fail', detail: expect.stringMatching(/does not parse.*percent/) });
  });
  it('a changed HttpParameters expectation fails', () => {
    const [hp] = byKind('http-parameters');
    const h = clone(hp!);
    h.expected.asRequestParameter = h.expected.asRequestParameter.replace('%252F', '%2F');
    expect(checkVector(h).result).toBe('fail');
  });
});

describe('loadVectors rejects bad files with one clear line', () => {
  const schema = readFileSync(join(VECTORS_DIR, 'vectors.schema.json'), 'utf8');
  const dirWith = (files: Record<string, string>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'fps-vectors-'));
    writeFileSync(join(dir, 'vectors.schema.json'), schema);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const aws = readFileSync(join(VECTORS_DIR, 'aws-general-reference.json'), 'utf8');
  it.each([
    ['not JSON', { 'a.json': '{' }, /not JSON/],
    ['schema mismatch', { 'a.json': JSON.stringify({ description: 'x', vectors: [{ id: 'x' }] }) }, /does not match vectors.schema.json/],
    ['duplicate id across files', { 'a.json': aws, 'b.json': aws }, /appears in a.json and b.json/],
    ['empty folder', {}, /no vector files/],
  ])('%s', (_what, files, message) => {
    const dir = dirWith(files as Record<string, string>);
    expect(() => loadVectors(dir)).toThrow(UsageError);
    expect(() => loadVectors(dir)).toThrow(message);
  });
});

describe('fps-conformance vectors', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  async function run(args: string[]): Promise<{ out: string; exitCode: typeof process.exitCode }> {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const program = new Command().exitOverride();
    registerVectors(program);
    await program.parseAsync(['node', 'fps-conformance', 'vectors', ...args]);
    const exitCode = process.exitCode;
    return { out, exitCode };
  }
  it('prints a table, shows not-recomputable rows as such, and exits 0 when every checkable vector holds', async () => {
    const { out, exitCode } = await run([]);
    expect(exitCode).toBe(0);
    expect(out).toMatch(/^vector +checks +result$/m);
    expect(out).toMatch(/^seed-Pay .* not-recomputable$/m);
    expect(out).toMatch(/^aws-general-reference-sigv2 .* pass$/m);
    expect(out).not.toContain('wJalrXUtnFEMI'); // never print secret keys
  });
  it('--json prints the rows', async () => {
    const { out, exitCode } = await run(['--json']);
    expect(exitCode).toBe(0);
    const rows = JSON.parse(out) as { id: string; result: string }[];
    expect(rows).toHaveLength(all.length);
    expect(rows.find((r) => r.id === 'seed-Cancel')?.result).toBe('not-recomputable');
  });
  it('exit code 1 when a checkable vector fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fps-vectors-'));
    writeFileSync(join(dir, 'vectors.schema.json'), readFileSync(join(VECTORS_DIR, 'vectors.schema.json')));
    const doc = JSON.parse(readFileSync(join(VECTORS_DIR, 'aws-general-reference.json'), 'utf8')) as { vectors: { expected: { signature: string } }[] };
    doc.vectors[0]!.expected.signature = 'AAAA' + doc.vectors[0]!.expected.signature.slice(4);
    writeFileSync(join(dir, 'a.json'), JSON.stringify(doc));
    const r = runVectors({ dir });
    expect(r.exitCode).toBe(1);
    expect(r.report).toMatch(/aws-general-reference-sigv2 .* fail\n.*signature differs/);
  });
});
