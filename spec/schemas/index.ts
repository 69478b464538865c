// Validation of decoded answers against the catalogue-derived schemas. Every problem names the path that
// broke and the rule behind it; nothing here throws.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { schemaAjv } from './ajv.ts';
import { ACTIONS, type ActionName, type Citation } from '../types.ts';
import { ACTION_SPECS, type ResponseElement } from '../catalogue/actions.ts';
import { ERROR_SCHEMA, REQUEST_ID_SCHEMA, citeText, resultSchema, type CiteIndex } from './build.ts';

export { validateIpn } from './ipn.ts';
export { ERROR_SCHEMA, REQUEST_ID_SCHEMA, allResultSchemas, resultSchema, type BuiltSchema, type JsonSchema } from './build.ts';

export interface SchemaProblem {
  /** dotted element path ("Token.TokenId"), "" for the whole result */
  path: string;
  message: string;
}
export type Validation = { ok: true } | { ok: false; problems: SchemaProblem[] };

const compiled = new Map<string, { validate: ValidateFunction; cites: CiteIndex }>();

function validatorFor(action: ActionName): { validate: ValidateFunction; cites: CiteIndex } {
  let v = compiled.get(action);
  if (v === undefined) {
    const built = resultSchema(action);
    v = { validate: schemaAjv().compile(built.schema), cites: built.cites };
    compiled.set(action, v);
  }
  return v;
}
let errorValidator: ValidateFunction | undefined;
let requestIdValidator: ValidateFunction | undefined;

const dotted = (instancePath: string): string => instancePath.split('/').filter((s) => s !== '').join('.');

function toProblems(errors: readonly ErrorObject[] | null | undefined, cites: CiteIndex | undefined, fallback: readonly Citation[], prefix = ''): SchemaProblem[] {
  return (errors ?? []).map((e) => {
    let path = dotted(e.instancePath);
    let message = e.message ?? 'does not match';
    if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty?: string }).missingProperty);
      path = path === '' ? missing : `${path}.${missing}`;
      message = 'is required but absent';
    } else if (e.keyword === 'enum') {
      message = `must be one of ${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}`;
    }
    const full = prefix === '' ? path : path === '' ? prefix : `${prefix}.${path}`;
    const rule = cites?.get(path) ?? fallback;
    return { path: full, message: `${message} (${citeText(rule)})` };
  });
}

const RESULT_FALLBACK: readonly Citation[] = [{ source: 'fps-rulings.md', section: 'R-WIRE-3' }];
const REQUEST_ID_CITES: readonly Citation[] = [{ source: 'fps-rulings.md', section: 'R-WIRE-7' }];

interface DecodedResultLike { kind: 'result'; action?: unknown; result?: unknown; requestId?: unknown }
const isDecodedResult = (x: unknown): x is DecodedResultLike =>
  typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'result' && 'result' in x;

/**
 * Validates an action's parsed result: either the `result` object of a decoded answer (nested by element
 * name), or the decoded answer itself (then its action and RequestId are checked too).
 */
export function validateResult(action: string, parsed: unknown): Validation {
  try {
    if (!(ACTIONS as readonly string[]).includes(action)) return { ok: false, problems: [{ path: '', message: `"${action}" is not an FPS action the kit knows` }] };
    const problems: SchemaProblem[] = [];
    let result = parsed;
    if (isDecodedResult(parsed)) {
      result = parsed.result;
      if (parsed.action !== undefined && parsed.action !== action) {
        problems.push({ path: '', message: `the answer is for ${String(parsed.action)}, the request was ${action} (R-WIRE-3)` });
      }
      if (parsed.requestId === undefined) problems.push({ path: 'ResponseMetadata.RequestId', message: 'is required but absent (R-WIRE-3)' });
      else {
        requestIdValidator ??= schemaAjv().compile(REQUEST_ID_SCHEMA);
        if (!requestIdValidator(parsed.requestId)) problems.push(...toProblems(requestIdValidator.errors, undefined, REQUEST_ID_CITES, 'ResponseMetadata.RequestId'));
      }
    }
    const { validate, cites } = validatorFor(action as ActionName);
    if (!validate(result)) problems.push(...toProblems(validate.errors, cites, RESULT_FALLBACK));
    return problems.length === 0 ? { ok: true } : { ok: false, problems };
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `could not be validated: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

/** Validates a decoded error answer `{ code, message, requestId }` (R-WIRE-4). */
export function validateError(parsed: unknown): Validation {
  try {
    errorValidator ??= schemaAjv().compile(ERROR_SCHEMA);
    if (errorValidator(parsed)) return { ok: true };
    const cites: CiteIndex = new Map([['requestId', [{ source: 'fps-rulings.md', section: 'R-WIRE-4' }, ...REQUEST_ID_CITES]]]);
    return { ok: false, problems: toProblems(errorValidator.errors, cites, [{ source: 'fps-rulings.md', section: 'R-WIRE-4' }]) };
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `could not be validated: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

/** Dotted paths of elements in a parsed result that the seed does not list for the action (for warnings, never failures). */
export function unknownElements(action: ActionName, result: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown, known: readonly ResponseElement[] | undefined, path: string): void => {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || known === undefined) return;
    for (const [k, v] of Object.entries(value)) {
      const el = known.find((e) => e.name === k);
      const p = path === '' ? k : `${path}.${k}`;
      if (el === undefined) out.push(p);
      else walk(v, el.children, p);
    }
  };
  walk(result, ACTION_SPECS[action]?.response, '');
  return out;
}
