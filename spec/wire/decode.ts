// Turns an API answer body into a `Decoded`: the codec (spec/wire/codec.ts) reads the XML, the
// schemas (spec/schemas) check a result against its action (R-WIRE-3) and every error answer against
// the error document (R-WIRE-4). An answer that breaks its schema is `malformed`, listing one problem
// per broken rule as "RULE: path: message", labelled with the rule the schema names for that path.
import { decodeAnswer } from './codec.ts';
import { validateError, validateResult, type SchemaProblem, type Validation } from '../schemas/index.ts';
import { ACTIONS } from '../types.ts';

/** A decoded FPS answer. `fields` flattens the result element to dotted names ("Token.TokenId"). */
export type Decoded =
  | { kind: 'result'; action: string; version: string; fields: Record<string, string>; requestId?: string }
  | { kind: 'error'; code: string; message: string; requestId?: string }
  | { kind: 'malformed'; problems: string[] };

const RULING_ID = /^R-[A-Z0-9]+-\d+$/;

/**
 * "R-WIRE-7: TransactionId: must NOT have more than 35 characters". The schema ends each message with
 * its citations in parentheses; the ruling ids among them become the label, seed citations stay in the
 * text, and a problem that names no ruling is labelled with `fallback` (the document's own rule).
 */
export function formatProblem(p: SchemaProblem, fallback: string): string {
  const m = /^(.*?)\s*\(([^()]*)\)$/s.exec(p.message);
  const cites = m ? m[2]!.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
  const rules = cites.filter((c) => RULING_ID.test(c));
  const others = cites.filter((c) => !RULING_ID.test(c));
  const text = m ? m[1]! : p.message;
  const label = rules.length > 0 ? rules.join('/') : fallback;
  const where = p.path === '' ? '' : `${p.path}: `;
  return `${label}: ${where}${text}${others.length > 0 ? ` (${others.join(', ')})` : ''}`;
}

function problemsOf(v: Validation, fallback: string): string[] {
  return v.ok ? [] : v.problems.map((p) => formatProblem(p, fallback));
}

export function decodeBody(body: string, action: string): Decoded {
  const decoded = decodeAnswer(body);
  if (decoded.kind === 'result') {
    // an answer to an unknown Action is judged against the action it claims to answer
    const schemaAction = (ACTIONS as readonly string[]).includes(action) ? action : decoded.action;
    const problems = problemsOf(validateResult(schemaAction, decoded), 'R-WIRE-3');
    if (problems.length > 0) return { kind: 'malformed', problems };
  } else if (decoded.kind === 'error') {
    // the codec has already checked there is exactly one <RequestID>; it leaves an empty one out, and an
    // empty RequestID conforms (R-WIRE-4 shows the element, not its content), so it is validated as ''
    const problems = problemsOf(validateError({ code: decoded.code, message: decoded.message, requestId: decoded.requestId ?? '' }), 'R-WIRE-4');
    if (problems.length > 0) return { kind: 'malformed', problems };
  }
  return decoded;
}
