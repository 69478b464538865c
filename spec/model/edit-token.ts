// EditToken pipeline (R-TOK-11): change the instrument of a MultiUse or Recurring token.
import type { Expect, Instrument } from './api.ts';
import { pick } from './choose.ts';
import { fresh, type Ctx, type StepResult } from './ctx.ts';
import { successStatus } from './cbui-params.ts';
import { chooseInstrument, optionalSigned, redirect, SIGNED_PARAMS } from './cbui.ts';
import { clone, own, type World } from './worlds.ts';

export interface EditRequest {
  returnURL: string;
  callerId: string;
  callerReference: string;
  tokenId: string;
  methods: readonly Instrument[];
  buyer: string;
  instrument: Instrument | undefined;
}

export function editToken(w: World, ctx: Ctx, r: EditRequest): StepResult {
  const token = own(w.tokens, r.tokenId);
  const refuse = (status: Expect, why: string): StepResult =>
    redirect(r.returnURL, { status, errorMessage: { optional: true }, callerReference: { optional: true }, ...optionalSigned() }, ['R-TOK-11'], why);
  // an unknown tokenID: the documents give no status; any refusal, no token
  if (!token) return refuse({ oneOf: ['CE', 'IT', 'UT'] }, 'tokenID unknown');
  if (token.caller !== r.callerId) return refuse('UT', "another caller's token");
  if ((token.pipeline !== 'MultiUse' && token.pipeline !== 'Recurring') || token.status !== 'Active') {
    return refuse('IT', 'not an active MultiUse or Recurring token');
  }
  const instrument = chooseInstrument(ctx, r.methods, w.accounts[r.buyer]?.instruments ?? [], r.instrument);
  if (!instrument) return redirect(r.returnURL, { status: 'PE', ...optionalSigned() }, ['R-TOK-2'], 'the buyer has none of the payment methods');
  const changed = instrument !== token.instrument;
  // SU when unchanged; SA/SB/SC naming the instrument when changed (R-TOK-11)
  const status: Expect = changed ? successStatus('EditToken', instrument) : { oneOf: [successStatus('EditToken'), successStatus('EditToken', instrument)] };
  const sameId = pick(ctx.choose, [true, false], 'EditToken keeps the tokenID or makes a new one (R-TOK-11)');
  if (sameId) {
    token.instrument = instrument;
    return redirect(r.returnURL, { tokenID: token.tokenId, status, callerReference: { optional: true }, ...SIGNED_PARAMS }, ['R-TOK-11'], 'token edited in place');
  }
  const id = fresh(w, ctx, 'TokenId', 'tokenID');
  // the new token keeps the limits and usage; the old one is Inactive and named in OldTokenId
  const next = clone(token);
  next.tokenId = id.value;
  next.instrument = instrument;
  next.oldTokenId = token.tokenId;
  token.status = 'Inactive';
  w.tokens[id.value] = next;
  return redirect(r.returnURL, { tokenID: id.expect, status, callerReference: { optional: true }, ...SIGNED_PARAMS }, ['R-TOK-11'], 'token replaced by a new tokenID');
}
