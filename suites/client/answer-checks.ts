// What the SDK told its caller, compared with what was served: results handed on (R-WIRE-3), FPS
// errors surfaced (R-WIRE-4), and no success reported that was not one.
import { ACTIONS } from '../../spec/types.ts';
import type { CallOptions, CallRecord } from './call.ts';
import type { SdkRunContext } from './context.ts';
import { flatten } from './served.ts';
import type { Served } from './service.ts';

/**
 * A success the SDK really received: an unspoiled 2xx. Judged by status, not by the kit's codec, so
 * a served body the codec finds fault with is never blamed on the SDK.
 */
export function servedSuccess(s: Served): boolean {
  return s.genuine && s.response !== undefined && s.response.status >= 200 && s.response.status < 300;
}

/**
 * What an SDK must hand its caller from every answer: the ids and statuses a caller acts on, the
 * Token fields R-TOK-3 names, and the one answer element of VerifySignature and
 * GetRecipientVerificationStatus. A wrong value of any served field fails; a missing field outside
 * this list only warns (fps-driver/1: "fields the SDK does not expose are left out"), RequestId and
 * the Token type's optional elements (FriendlyName, OldTokenId, PaymentReason) among them.
 */
const ESSENTIAL = /^(TransactionId|TransactionStatus|Token\.(TokenId|TokenStatus|TokenType|CallerReference|DateInstalled)|VerificationStatus|RecipientVerificationStatus)$/;

/** Same value in another dress: decimals as numbers (1.00 = 1.0), times as instants. Else exact. */
export function sameValue(got: string, served: string): boolean {
  const a = got.trim();
  const b = served.trim();
  if (a === b) return true;
  if (/^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)) return Number(a) === Number(b);
  const iso = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
  if (iso.test(a) && iso.test(b)) {
    const ta = Date.parse(a);
    const tb = Date.parse(b);
    return !Number.isNaN(ta) && ta === tb;
  }
  return false;
}

/** The SDK's view, flattened like the served answer ("Token.TokenId"). */
function sdkFields(result: Record<string, unknown> | undefined): Record<string, string> {
  return result === undefined ? {} : flatten(result, '', {});
}

export function checkAnswer(ctx: SdkRunContext, call: CallRecord, options: CallOptions): void {
  const { rec } = ctx;
  const { outcome, served, label, transcript } = call;
  const isDoc = (ACTIONS as readonly string[]).includes(call.action);
  const actionRule = isDoc ? [`ACTION-${call.action}`] : [];
  const answered = served.filter((s) => s.answer !== undefined || s.error !== undefined);
  const last = answered[answered.length - 1];
  const lastGenuineSuccess = [...served].reverse().find(servedSuccess);
  // Root causes: an error the service gave because the SDK's own request deviated (strict mode, or a
  // deviation the service cannot set right) says nothing about how the SDK reads answers.
  const blockers = deviationsBehind(call);
  if (blockers.length > 0 && (outcome.kind === 'error' || outcome.kind === 'crash') && served.length > 0) {
    rec.blocked('answer/result-fields', `${label}: the service refused the request for its deviation (${blockers.join(', ')}); nothing to compare`, blockers, transcript);
    return;
  }

  switch (outcome.kind) {
    case 'broken':
      rec.fail('driver/protocol', `${label}: ${outcome.what}`);
      return;
    case 'unsupported':
      if (options.minimal) rec.fail('request/optional-omittable', `${label}: the SDK cannot make this call without optional parameters: ${outcome.why}`, transcript, actionRule);
      // a first-class row: the SDK offers the action but cannot express this call's parameters
      else ctx.rec.unsupported('sdk/parameters', `${label}: ${outcome.why}`, actionRule);
      return;
    case 'crash': {
      if (served.length === 0) {
        // a crash says nothing about optional parameters (a refusal does: 'unsupported' or an error)
        rec.fail('sdk/calls-complete', `${label}: the SDK crashed before sending anything: ${outcome.what}`, transcript, actionRule);
        return;
      }
      const lastAnswer = last?.answer;
      if (lastAnswer?.kind === 'error') {
        rec.fail('answer/error-surfaced', `${label}: FPS answered ${lastAnswer.code}; the SDK crashed instead of surfacing it: ${outcome.what}`, transcript);
      } else if (last !== undefined && servedSuccess(last) && !options.faulted) {
        rec.fail('sdk/calls-complete', `${label}: FPS answered success; the SDK crashed reading it: ${outcome.what}`, transcript, actionRule);
      } else if (!options.faulted) {
        rec.fail('sdk/calls-complete', `${label}: the SDK crashed: ${outcome.what}`, transcript, actionRule);
      }
      return;
    }
    case 'error': {
      if (served.length === 0) {
        rec.fail(options.minimal ? 'request/optional-omittable' : 'sdk/calls-complete', `${label}: the SDK refused the call before sending it: ${JSON.stringify(outcome.error)}`, transcript, actionRule);
        return;
      }
      if (!options.faulted) rec.pass('sdk/calls-complete', '', actionRule);
      const lastAnswer = last?.answer;
      if (lastAnswer?.kind === 'error' && last?.error === undefined) {
        const e = outcome.error;
        const problems: string[] = [];
        if (e.code !== lastAnswer.code) problems.push(`code ${JSON.stringify(e.code)} where ${lastAnswer.code} was served`);
        // an SDK may wrap the message in its own words; the served message must be in it
        if (e.message !== undefined && !e.message.includes(lastAnswer.message.trim())) problems.push(`message ${JSON.stringify(e.message)} where ${JSON.stringify(lastAnswer.message)} was served`);
        if (e.requestId !== undefined && lastAnswer.requestId !== undefined && e.requestId !== lastAnswer.requestId) problems.push(`request id ${JSON.stringify(e.requestId)} where ${lastAnswer.requestId} was served`);
        // R-WIRE-4: the status is part of the answer; compared whenever the driver surfaces it
        const status = last?.response?.status;
        if (e.httpStatus !== undefined && status !== undefined && Number(e.httpStatus) !== status) problems.push(`HTTP status ${JSON.stringify(e.httpStatus)} where ${status} was served`);
        if (problems.length > 0) rec.fail('answer/error-surfaced', `${label}: ${problems.join('; ')}`, transcript);
        else {
          rec.pass('answer/error-surfaced');
          const hidden = [e.message === undefined ? 'message' : '', e.requestId === undefined ? 'request id' : '', e.httpStatus === undefined ? 'HTTP status' : ''].filter(Boolean);
          if (hidden.length > 0) rec.warn('answer/error-surfaced', `the SDK does not expose the error's ${hidden.join(' or ')}`);
        }
      } else if (last !== undefined && servedSuccess(last)) {
        rec.fail('answer/result-fields', `${label}: FPS answered success; the SDK reported an error ${JSON.stringify(outcome.error)}`, transcript);
      }
      return;
    }
    case 'ok': {
      if (!options.faulted) rec.pass('sdk/calls-complete', '', actionRule);
      if (lastGenuineSuccess === undefined) {
        const what = served.length === 0 ? 'no request was sent' : `the answer${served.length > 1 ? 's' : ''} served: ${served.map(describeServed).join(', ')}`;
        rec.fail('answer/no-false-success', `${label}: the SDK reported success, but ${what}`, transcript);
        return;
      }
      rec.pass('answer/no-false-success');
      if (lastGenuineSuccess.answer?.kind !== 'result') {
        const why = lastGenuineSuccess.answer?.kind === 'malformed' ? lastGenuineSuccess.answer.problems.join('; ') : 'no answer document';
        rec.notTested('answer/result-fields', `${label}: the kit could not read the answer it served (${why}); nothing to compare`);
        return;
      }
      const want: Record<string, string> = { ...lastGenuineSuccess.answer.fields };
      if (lastGenuineSuccess.answer.requestId !== undefined) want.RequestId = lastGenuineSuccess.answer.requestId;
      const got = sdkFields(outcome.answer.result);
      const problems: string[] = [];
      const hidden: string[] = [];
      for (const [k, v] of Object.entries(want)) {
        if (got[k] === undefined) (ESSENTIAL.test(k) ? problems : hidden).push(`${k} (served ${JSON.stringify(v)}) missing`);
        else if (!sameValue(got[k]!, v)) problems.push(`${k}=${JSON.stringify(got[k])} where ${JSON.stringify(v)} was served`);
      }
      if (problems.length > 0) rec.fail('answer/result-fields', `${label}: ${problems.join('; ')}`, transcript, actionRule);
      else rec.pass('answer/result-fields');
      if (hidden.length > 0) rec.warn('answer/result-fields', `${label}: the SDK does not expose ${hidden.join('; ')}`);
      return;
    }
  }
}

/**
 * The request checks whose deviation made the service refuse this call: only when the service did
 * not answer as if right (strict, or nothing it could repair) and the last answer is an error.
 */
export function deviationsBehind(call: CallRecord): string[] {
  const last = call.served[call.served.length - 1];
  if (last === undefined || last.answer?.kind !== 'error' || last.repaired !== undefined || last.variant !== undefined || last.fault !== undefined) return [];
  const facts = call.facts[call.facts.length - 1];
  return [...new Set((facts?.violations ?? []).map((v) => v.check))].sort();
}

export function describeServed(s: Served): string {
  if (s.error !== undefined) return `${s.fault ?? 'transport'}: ${s.error}`;
  const a = s.answer;
  const tag = s.fault !== undefined ? ` [${s.fault}]` : '';
  const variant = s.variant !== undefined ? ` [variant ${s.variant}]` : '';
  if (a === undefined) return `HTTP ${s.response?.status ?? '?'}${tag}${variant}`;
  if (a.kind === 'error') return `HTTP ${s.response?.status ?? '?'} ${a.code}${tag}${variant}`;
  if (a.kind === 'malformed') return `HTTP ${s.response?.status ?? '?'} malformed${tag}${variant}`;
  return `HTTP ${s.response?.status ?? '?'} ${a.action}${a.fields.TransactionStatus ? ` ${a.fields.TransactionStatus}` : ''}${tag}${variant}`;
}
