// Recipes for the injected bugs: the few shapes most emulator mistakes take, so each bug is a line of
// data (which action, which refusal, what the emulator does instead) and never a fork of the model.
import type { ErrorCode } from '../../spec/catalogue/errors.ts';
import type { ExpectedIpn, ModelInput, Outcome } from '../../spec/model/api.ts';
import { compareUtf8, encodeRfc3986, hmac, hostWithoutPort, isSignatureMethod, sameSignature } from '../../spec/sigv2/index.ts';
import type { ApiStep, AuthRequest, Hooks } from '../hooks.ts';
import { fabricate, fakeCharge, type Bug, type BugArea } from './kit.ts';

/** What every recipe takes besides its own knobs. */
export interface BugHead {
  name: string;
  area: BugArea;
  clause: string;
  description: string;
  rules: readonly string[];
}

const ruleOf = (clause: string): string => clause.split('.')[0]!;

/** The model refused `step` with an error citing `rule` (and, when given, one of `codes`). */
export function refusal(outcome: Outcome, rule: string, codes?: readonly string[]): boolean {
  const a = outcome.answer;
  return a.kind === 'error' && outcome.rules.includes(rule) && (codes === undefined || codes.includes(a.code));
}

const isAction = (step: ApiStep, actions: readonly string[]): boolean => actions.includes(step.input.action);

/** A bug that is only an outcome hook. */
export function outcomeBug(head: BugHead, outcome: (o: Outcome, step: ApiStep) => Outcome): Bug {
  return { ...head, make: () => ({ outcome }) };
}

/**
 * A right refusal with the wrong code: where the model refuses `actions` citing the clause's rule
 * (with one of `from`, when given), the emulator answers `to`.
 */
export function wrongCode(head: BugHead, spec: { actions: readonly string[]; from?: readonly ErrorCode[]; to: ErrorCode; when?: (step: ApiStep) => boolean }): Bug {
  return outcomeBug(head, (o, step) =>
    isAction(step, spec.actions) && refusal(o, ruleOf(head.clause), spec.from) && (spec.when?.(step) ?? true)
      ? fabricate({ kind: 'error', code: spec.to }, step.state, `${spec.to} instead`)
      : o,
  );
}

/**
 * A check the emulator forgot: where the model refuses `actions` citing the clause's rule (with one
 * of `codes`), the request is stepped again as `dodge` rewrites it (the model without that check); when
 * `dodge` gives nothing or the model still refuses, a plausible Pending charge is fabricated
 * (`fabricateCharge`) or the refusal stands.
 */
export function forgetCheck(
  head: BugHead,
  spec: { actions: readonly string[]; codes?: readonly ErrorCode[]; when?: (step: ApiStep) => boolean; dodge?: (step: ApiStep) => ModelInput | undefined; fabricateCharge?: boolean; rule?: string },
): Bug {
  const rule = spec.rule ?? ruleOf(head.clause);
  return outcomeBug(head, (o, step) => {
    if (!isAction(step, spec.actions) || !refusal(o, rule, spec.codes) || !(spec.when?.(step) ?? true)) return o;
    const input = spec.dodge?.(step);
    if (input !== undefined) {
      const again = step.step(input);
      if (again.answer.kind === 'result') return again;
    }
    return spec.fabricateCharge ? fabricate(fakeCharge(step, step.input.action), step.state, 'check forgotten') : o;
  });
}

/** Refuses what the model accepts: a result of `actions` (where `when` holds) becomes error `code`. */
export function wrongRefusal(head: BugHead, spec: { actions: readonly string[]; code: ErrorCode; when: (o: Outcome, step: ApiStep) => boolean }): Bug {
  return outcomeBug(head, (o, step) =>
    isAction(step, spec.actions) && o.answer.kind === 'result' && spec.when(o, step) ? fabricate({ kind: 'error', code: spec.code }, step.state, `refused with ${spec.code}`) : o,
  );
}

/** Edits the rendered result fields of `actions` (the state keeps the truth; the answer lies). */
export function renderBug(head: BugHead, actions: readonly string[], edit: (fields: Record<string, string>, step: ApiStep) => Record<string, string>): Bug {
  return { ...head, make: () => ({ render: (fields, step) => (isAction(step, actions) ? edit(fields, step) : fields) }) };
}

/** Edits the HTTP answers. */
export function responseBug(head: BugHead, edit: (res: { status: number; body: string }, step: ApiStep | undefined) => { status: number; body: string }): Bug {
  return { ...head, make: () => ({ response: edit }) };
}

/** Changes the notifications owed: drops them (`undefined`) or edits their fields. */
export function ipnBug(head: BugHead, edit: (n: ExpectedIpn) => ExpectedIpn | undefined): Bug {
  return { ...head, make: () => ({ ipns: (owed) => owed.flatMap((n) => edit(n) ?? []) }) };
}

/** Hooks with their own make (for bugs that keep state). */
export function hooksBug(head: BugHead, make: () => Hooks): Bug {
  return { ...head, make };
}

/** Binds every fresh id `o` asks for, so another outcome's `next` can be committed under a different answer. */
export function freshBindings(o: Outcome, step: ApiStep): Record<string, string> {
  const b: Record<string, string> = {};
  if (o.answer.kind !== 'result') return b;
  for (const e of Object.values(o.answer.fields)) if (typeof e === 'object' && 'fresh' in e) b[e.bind] = step.fresh(e.fresh);
  return b;
}

/** The answer of `shown`, the state change of `done` (an emulator that does one thing and says another). */
export function answerOneDoOther(shown: Outcome, done: Outcome, step: ApiStep, why: string): Outcome {
  return { answer: shown.answer, rules: [], why: `injected bug: ${why}`, next: (bound) => done.next({ ...freshBindings(done, step), ...bound }) };
}

/** A wrong string-to-sign, the ways emulator authors get seed 004 "Generating a Signature" wrong. */
export interface Canon {
  verb?: (method: string) => string;
  exclude?: (name: string) => boolean;
  sort?: (a: string, b: string) => number;
  encode?: (s: string) => string;
}

/** HMAC of `req` under a wrong canonicalization, for the host with and without its port. */
export function signaturesWith(req: AuthRequest, canon: Canon, method: 'HmacSHA256' | 'HmacSHA1'): string[] {
  const encode = canon.encode ?? encodeRfc3986;
  const query = Object.keys(req.params)
    .filter((n) => !(canon.exclude ?? ((x: string) => x === 'Signature'))(n))
    .sort(canon.sort ?? compareUtf8)
    .map((n) => `${encode(n)}=${encode(req.params[n]!)}`)
    .join('&');
  const bare = hostWithoutPort(req.host);
  const hosts = bare === undefined ? [req.host] : [req.host, bare];
  return hosts.map((h) => hmac(`${(canon.verb ?? ((m: string) => m))(req.method)}\n${h.toLowerCase()}\n${req.path || '/'}\n${query}`, req.secret!, method));
}

/** A verifier with a wrong canonicalization: the verdict is what comparing against it gives. */
export function canonBug(head: BugHead, canon: Canon): Bug {
  return {
    ...head,
    make: () => ({
      auth(verdict, req) {
        const method = req.params.SignatureMethod;
        if (req.secret === undefined || !isSignatureMethod(method) || verdict.signature === 'missing') return verdict;
        const ok = signaturesWith(req, canon, method).some((s) => sameSignature(s, req.params.Signature ?? ''));
        return { ...verdict, signature: ok ? 'valid' : 'invalid' };
      },
    }),
  };
}
