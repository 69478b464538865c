// An API request: authentication first (R-AUTH-*), then the action.
import type { ModelInput } from './api.ts';
import { ACTIONS, type ActionName } from '../types.ts';
import { authViolations } from './auth.ts';
import { maybe } from './choose.ts';
import type { Ctx, StepResult } from './ctx.ts';
import { idempotentAnswer } from './idempotency.ts';
import { paramViolations } from './params.ts';
import { payStep } from './pay.ts';
import { cancelTokenStep, getRecipientVerificationStatusStep, getTokenByCallerStep, getTransactionStatusStep } from './queries.ts';
import { refundStep } from './refund.ts';
import { cancelStep, settleStep } from './settle.ts';
import { verifySignatureStep } from './verify.ts';
import { decide } from './violations.ts';
import type { World } from './worlds.ts';

type ApiInput = Extract<ModelInput, { kind: 'api' }>;
type Params = Readonly<Record<string, string>>;

const HANDLERS: Readonly<Record<ActionName, (w: World, ctx: Ctx, caller: string, params: Params) => StepResult>> = {
  Pay: (w, ctx, c, p) => payStep(w, ctx, 'Pay', c, p),
  Reserve: (w, ctx, c, p) => payStep(w, ctx, 'Reserve', c, p),
  Settle: settleStep,
  Refund: refundStep,
  Cancel: cancelStep,
  CancelToken: cancelTokenStep,
  GetTransactionStatus: getTransactionStatusStep,
  GetTokenByCaller: getTokenByCallerStep,
  GetRecipientVerificationStatus: getRecipientVerificationStatusStep,
  VerifySignature: (w, ctx, _c, p) => verifySignatureStep(w, ctx, p),
};

/** R-IDEM-1: CallerReference idempotency covers these */
const IDEMPOTENT = new Set<ActionName>(['Pay', 'Reserve', 'Refund']);

export function apiStep(w: World, ctx: Ctx, input: ApiInput): StepResult {
  const action = input.action;
  // R-WIRE-5 (set): an unknown Action is any 4xx error
  if (!(ACTIONS as readonly string[]).includes(action)) return { answer: { kind: 'error', code: '*' }, rules: ['R-WIRE-5'], why: `unknown Action ${action}` };
  const a = action as ActionName;
  const auth = authViolations(w, input.at, input.params, input.auth, a === 'VerifySignature');
  const failed = auth.violations.filter((x) => x.sure || maybe(ctx.choose, false, `auth: ${x.why}?`));
  if (failed.length > 0 || auth.caller === undefined && a !== 'VerifySignature') {
    // the request's own parameter errors are as applicable as the authentication ones (rulings preamble)
    const d = decide(ctx.choose, [...failed.map((x) => ({ ...x, sure: true })), ...paramViolations(a, input.params)]);
    // R-AUTH-5: nothing changes (the world is not touched past this point)
    if (d) return { answer: { kind: 'error', code: d.code }, rules: [...d.rules, 'R-AUTH-5'], why: d.why };
  }
  const caller = auth.caller ?? '';
  if (IDEMPOTENT.has(a)) {
    const ref = input.params['CallerReference'];
    if (ref !== undefined && ref !== '' && ref.length <= 128) {
      const answer = idempotentAnswer(w, ctx, caller, a, input.params, ref);
      if (answer) return answer;
    }
  }
  return HANDLERS[a](w, ctx, caller, input.params);
}
