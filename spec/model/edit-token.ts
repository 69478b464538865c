// EditToken pipeline (R-TOK-11): change the instrument of a MultiUse or Recurring token.
import type { Expect, Instrument } from './api.ts';
import { maybe, pick } from './choose.ts';
import { fresh, type Ctx, type StepResult } from './ctx.ts';
import { successStatus } from './cbui-params.ts';
import { chooseInstrument, optionalSigned, peRefusal, redirect, SIGNED_PARAMS, usableInstruments, type Refusal } from './cbui.ts';
import { validityViolations } from './usage.ts';
import { clone, own, type Token, type World } from './worlds.ts';

export interface EditRequest {
  returnURL: string;
  /** undefined: the callerKey is unknown (a CE already applies) */
  callerId: string | undefined;
  callerReference: string;
  tokenId: string | undefined;
  methods: readonly Instrument[];
  buyer: string;
  instrument: Instrument | undefined;
  /** statuses that already apply (CE, A): every applicable one is accepted (R-TOK-11) */
  refusals: readonly Refusal[];
}

const refusal = (returnURL: string, status: 'IT' | 'UT', why: string): Refusal => ({
  status,
  result: redirect(returnURL, { status, errorMessage: { optional: true }, callerReference: { optional: true }, ...optionalSigned() }, ['R-TOK-11'], why),
});

/** R-TOK-11: UT for another caller's token or another buyer's; IT for one that is not MultiUse/Recurring, inactive or expired. */
function tokenRefusals(ctx: Ctx, r: EditRequest, token: Token, now: number): Refusal[] {
  const out: Refusal[] = [];
  if (token.caller !== r.callerId) out.push(refusal(r.returnURL, 'UT', "another caller's token"));
  else if (token.buyer !== r.buyer) out.push(refusal(r.returnURL, 'UT', 'a token of another buyer ("The token does not belong to the user")'));
  const it: string[] = [];
  if (token.pipeline !== 'MultiUse' && token.pipeline !== 'Recurring') it.push(`a ${token.pipeline} token`);
  if (token.status !== 'Active') it.push('an Inactive token');
  for (const x of validityViolations(token, now)) {
    // R-TOK-11 (set): a validityStart still ahead may be edited or be IT; expiry has the band
    const before = x.why.startsWith('before');
    if ((!before && x.sure) || maybe(ctx.choose, false, `EditToken: is a token ${x.why} IT (R-TOK-11)?`)) it.push(x.why);
  }
  if (it.length > 0) out.push(refusal(r.returnURL, 'IT', `not editable: ${it.join(', ')}`));
  return out;
}

export function editToken(w: World, ctx: Ctx, r: EditRequest): StepResult {
  const token = r.tokenId !== undefined ? own(w.tokens, r.tokenId) : undefined;
  const refusals: Refusal[] = [...r.refusals];
  // an unknown tokenID: the documents give no status; any refusal, no token
  if (r.tokenId !== undefined && r.callerId !== undefined && !token) {
    refusals.push({ status: 'IT', result: redirect(r.returnURL, { status: { oneOf: ['CE', 'IT', 'UT'] }, errorMessage: { optional: true }, callerReference: { optional: true }, ...optionalSigned() }, ['R-TOK-11'], 'tokenID unknown') });
  }
  if (token && r.callerId !== undefined) refusals.push(...tokenRefusals(ctx, r, token, w.now));
  if (usableInstruments(r.methods, w.accounts[r.buyer]?.instruments ?? []).length === 0) refusals.push(peRefusal(r.returnURL));
  if (refusals.length > 0) return pick(ctx.choose, refusals, `EditToken: which status of ${refusals.map((x) => x.status).join('|')} (R-TOK-11)`).result;
  if (!token) return redirect(r.returnURL, { status: { present: true }, ...optionalSigned() }, ['R-TOK-11'], 'model guard: no token');

  const instrument = chooseInstrument(ctx, r.methods, w.accounts[r.buyer]?.instruments ?? [], r.instrument);
  if (!instrument) return peRefusal(r.returnURL).result;
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
  // R-TOK-11 (set): the new token carries the edited token's CallerReference or the request's
  next.callerReference = pick(ctx.choose, [...new Set([token.callerReference, r.callerReference])], "the new token's CallerReference (R-TOK-11)");
  token.status = 'Inactive';
  w.tokens[id.value] = next;
  return redirect(r.returnURL, { tokenID: id.expect, status, callerReference: { optional: true }, ...SIGNED_PARAMS }, ['R-TOK-11'], 'token replaced by a new tokenID');
}
