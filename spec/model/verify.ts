// VerifySignature (R-IPN-3, R-IPN-4): Success exactly for what the target itself sent.
import type { Ctx, StepResult } from './ctx.ts';
import { REQUEST_ID } from './ctx.ts';
import { pick } from './choose.ts';
import { paramViolations } from './params.ts';
import { decide, v, type Violation } from './violations.ts';
import { outboundTo, type World } from './worlds.ts';

/** HttpParameters is a form-encoded string (seed "VerifySignature > Request Parameters"). */
export function parseHttpParameters(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  try {
    for (const part of text.split('&')) {
      if (part === '') continue;
      const i = part.indexOf('=');
      const k = decodeURIComponent((i < 0 ? part : part.slice(0, i)).replace(/\+/g, ' '));
      const val = i < 0 ? '' : decodeURIComponent(part.slice(i + 1).replace(/\+/g, ' '));
      if (Object.hasOwn(out, k)) return undefined;
      if (k === '__proto__') return undefined;
      out[k] = val;
    }
  } catch {
    return undefined;
  }
  return out;
}

const sameRecord = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
};

export function verifySignatureStep(w: World, ctx: Ctx, params: Readonly<Record<string, string>>): StepResult {
  const out: Violation[] = paramViolations('VerifySignature', params);
  const url = params['UrlEndPoint'];
  const raw = params['HttpParameters'];
  const codes = ['InvalidParams', 'InvalidParam'] as const;
  if (url === '' || raw === '') out.push(v(codes, ['R-IPN-3'], 'empty input'));
  const http = raw ? parseHttpParameters(raw) : undefined;
  if (raw && !http) out.push(v(codes, ['R-IPN-3'], 'HttpParameters is not form-encoded'));
  let absentVersionFailure = false;
  if (http) {
    const sv = http['signatureVersion'];
    if (sv === undefined) {
      // R-IPN-3 (set): an absent signatureVersion is InvalidParams/InvalidParam or Failure
      absentVersionFailure = pick(ctx.choose, [false, true], 'absent signatureVersion: error or Failure?');
      if (!absentVersionFailure) out.push(v(codes, ['R-IPN-3'], 'signatureVersion absent'));
    } else if (sv !== '2') out.push(v(codes, ['R-IPN-3'], 'signatureVersion is not 2'));
  }
  // every answer counts VerifySignature's own error list codes as InvalidParam-like
  const d = decide(ctx.choose, out.map((x) => (x.codes.includes('InvalidParams') ? { ...x, codes: [...new Set([...x.codes, 'InvalidParam' as const])] } : x)));
  if (d) return { answer: { kind: 'error', code: d.code }, rules: d.rules, why: d.why };
  // only the messages sent to that endpoint (indexed on the emulator side), not every one the target sent
  const genuine = !absentVersionFailure && http !== undefined && url !== undefined && outboundTo(w, url).some((o) => sameRecord(o.params, http));
  return {
    answer: { kind: 'result', action: 'VerifySignature', fields: { VerificationStatus: genuine ? 'Success' : 'Failure', RequestId: REQUEST_ID } },
    rules: ['R-IPN-3'],
    why: genuine ? 'the target sent exactly these parameters to this endpoint' : 'not a message the target sent (changed, added, removed, or another UrlEndPoint)',
  };
}
