// The one transition: a concrete world, one input, a chooser. Everything else derives from it.
import type { ModelInput } from './api.ts';
import { apiStep } from './api-step.ts';
import { cbuiStep } from './cbui.ts';
import { fresh, type Ctx, type StepResult } from './ctx.ts';
import { advance, processAll } from './txns.ts';
import { isPlaceholder, type World } from './worlds.ts';

export function transition(w: World, input: ModelInput, ctx: Ctx): StepResult {
  if (typeof input !== 'object' || input === null || !Number.isFinite(input.at)) throw new TypeError('fpsModel: an input needs a finite `at` (epoch ms)');
  // time is an input; the sandbox clock never goes backwards (sandbox-protocol "Clock")
  advance(w, ctx, input.at);
  switch (input.kind) {
    case 'account': {
      const accountId = fresh(w, ctx, 'AccountId', 'accountId');
      const accessKeyId = fresh(w, ctx, 'AccessKeyId', 'accessKeyId');
      const email = input.email !== undefined ? { value: input.email, expect: input.email } : fresh(w, ctx, 'Email', 'email');
      w.accounts[accountId.value] = { accountId: accountId.value, email: email.value, accessKeyId: accessKeyId.value, role: input.role, instruments: [...input.instruments] };
      w.keys[accessKeyId.value] = accountId.value;
      return {
        answer: { kind: 'account', fields: { accountId: accountId.expect, email: email.expect, accessKeyId: accessKeyId.expect, secretAccessKey: { fresh: 'SecretAccessKey', bind: 'secretAccessKey' } } },
        rules: ['sandbox-protocol'], why: 'a new account',
      };
    }
    case 'cbui':
      return cbuiStep(w, ctx, input);
    case 'api':
      return apiStep(w, ctx, input);
    case 'clock':
      advance(w, ctx, input.to);
      return { answer: { kind: 'clock', now: w.now }, rules: ['R-PAY-5'], why: 'the clock moved' };
    case 'process': {
      const done = processAll(w, ctx);
      const known = done.filter((id) => !isPlaceholder(id)).sort();
      const unresolved = done.length - known.length;
      return {
        answer: unresolved > 0 ? { kind: 'process', completed: known, unresolved } : { kind: 'process', completed: known },
        rules: ['R-PAY-1', 'R-PAY-2', 'R-PAY-3', 'R-REF-3'], why: 'every Pending transaction completed',
      };
    }
    case 'outbound':
      w.outbound.push({ urlEndPoint: input.urlEndPoint, params: { ...input.params } });
      return { answer: { kind: 'recorded' }, rules: ['R-IPN-3'], why: 'an outbound message the target sent' };
    default: {
      const bad: never = input;
      throw new TypeError(`fpsModel: unknown input kind ${JSON.stringify((bad as { kind?: unknown }).kind)}`);
    }
  }
}
