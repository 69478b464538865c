// Turns an API answer body into a `Decoded`: the codec (spec/wire/codec.ts) reads the XML, the
// schemas (spec/schemas) check a result against its action (R-WIRE-3) and an error against the error
// document (R-WIRE-4). An answer that breaks its schema is `malformed`, listing the problems.
import { decodeAnswer } from '../spec/wire/codec.ts';
import { validateError, validateResult, type Validation } from '../spec/schemas/index.ts';
import { ACTIONS } from '../spec/types.ts';
import type { Decoded } from './suite.ts';

function problemsOf(v: Validation): string[] {
  return v.ok ? [] : v.problems.map((p) => (p.path ? `${p.path} ${p.message}` : p.message));
}

export function decodeBody(body: string, action: string): Decoded {
  const decoded = decodeAnswer(body);
  if (decoded.kind === 'result') {
    // an answer to an unknown Action is judged against the action it claims to answer
    const schemaAction = (ACTIONS as readonly string[]).includes(action) ? action : decoded.action;
    const problems = problemsOf(validateResult(schemaAction, decoded));
    if (problems.length > 0) return { kind: 'malformed', problems: problems.map((p) => `R-WIRE-3: ${p}`) };
  } else if (decoded.kind === 'error' && decoded.requestId !== undefined) {
    // an empty <RequestID/> is left to the codec's structural check: the rulings do not say it must hold text
    const problems = problemsOf(validateError({ code: decoded.code, message: decoded.message, requestId: decoded.requestId }));
    if (problems.length > 0) return { kind: 'malformed', problems: problems.map((p) => `R-WIRE-4: ${p}`) };
  }
  return decoded;
}
