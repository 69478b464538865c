// The signature suite: Signature Version 2 as seed 004 "Generating a Signature" and the R-AUTH
// rulings describe it. Stateless: it needs an account (sandbox or user-supplied keys). Acceptance is read
// on a VerifySignature of a message the target never sent (R-IPN-3: a 200 is due, so any refusal is the
// signature's); refusal on a GetTransactionStatus, which every target must authenticate (R-IPN-4 lets a
// target answer VerifySignature unsigned); GetTokenByCaller for generated values; R-AUTH-5 makes a Pay.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { hostWithoutPort, type SignatureMethod } from '../../spec/sigv2/index.ts';
import { checkProperty, type CheckOutcome } from '../../core/property.ts';
import type { CallResult, Check, RequestStyle, Suite, SuiteContext } from '../../core/suite.ts';
import { rejectedRequestChangesNothing } from './signature-auth5.ts';
import { requiredCodeId } from './model-run/credit.ts';
import { callerReferenceArb, SIGNATURE_METHODS, STYLES, tamperedRequestsRejected } from './signature-tamper.ts';
import {
  attributed,
  BAD_SIGNATURE_SCHEME,
  callRetryingTransient,
  creds,
  authenticatedRead,
  harmlessRead,
  judgeAccepted,
  judgeRejected,
  outcome,
  STALE_TIMESTAMP,
  UNKNOWN_KEY,
} from './stateless-common.ts';

const MINUTE = 60_000;

/** A correctly signed harmless read, in one style and method, is accepted (R-AUTH-1, R-WIRE-1, R-WIRE-2). */
function acceptedCheck(method: SignatureMethod, style: RequestStyle): Check {
  return {
    id: `signature/accepted-${method.toLowerCase()}-${style.toLowerCase()}`,
    title: `A correct ${method} signature is accepted (${style})`,
    requirements: ['R-AUTH-1', 'R-WIRE-1', 'R-WIRE-2'],
    tags: ['signature', 'stateless'],
    needs: ['credentials'],
    async run(ctx) {
      const { action, params } = harmlessRead();
      const c = await callRetryingTransient(() => ctx.fps.call(action, params, creds(ctx), { style, signatureMethod: method, label: `${action} (${method}, ${style})` }));
      return outcome(judgeAccepted(c, 'R-AUTH-1, R-WIRE-1', `a ${method}-signed ${style} request`), `R-AUTH-1, R-WIRE-1: a ${method}-signed ${style} request was accepted`);
    },
  };
}

/** The target's clock now: the sandbox clock, else the Date header of an answer (every time rule reads the target's clock). */
async function targetNow(ctx: SuiteContext): Promise<number | undefined> {
  if (ctx.sandbox && ctx.discovery?.clock) return ctx.sandbox.now();
  const { action, params } = harmlessRead();
  const c = await ctx.fps.call(action, params, creds(ctx), { label: 'read the Date header' });
  const date = c.response?.headers.date;
  const ms = date ? Date.parse(date) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

const CLOCK_UNKNOWN: CheckOutcome = { status: 'not-tested', message: 'not testable: the target has no sandbox clock and sends no Date header, so its clock is unknown (R-AUTH-4 reads the target clock)' };

/** Requests with Timestamps `offsets` from the target clock, each judged by `judge`. */
async function timestampCheck(ctx: SuiteContext, read: typeof harmlessRead, offsets: readonly number[], judge: (c: CallResult, label: string) => string | undefined, pass: string): Promise<CheckOutcome> {
  for (const offset of offsets) {
    const now = await targetNow(ctx);
    if (now === undefined) return CLOCK_UNKNOWN;
    const label = `${offset < 0 ? '' : '+'}${offset / MINUTE} minutes`;
    const { action, params } = read();
    const c = await callRetryingTransient(() => ctx.fps.call(action, params, creds(ctx), { timestamp: new Date(now + offset).toISOString(), label: `${action}, Timestamp ${label}` }));
    const problem = judge(c, label);
    if (problem) return { status: 'fail', message: problem };
  }
  return { status: 'pass', message: pass };
}

const checks: Check[] = [
  ...SIGNATURE_METHODS.flatMap((m) => STYLES.map((s) => acceptedCheck(m, s))),
  {
    id: 'signature/host-without-port-accepted',
    title: 'A signature over the host without its port is accepted',
    requirements: ['R-AUTH-1b'],
    tags: ['signature', 'stateless'],
    needs: ['credentials'],
    async run(ctx) {
      const host = new URL(ctx.target.baseUrl).host;
      if (hostWithoutPort(host) === undefined) return { status: 'not-applicable', message: `R-AUTH-1b: the target URL has no explicit port (${host})` };
      const { action, params } = harmlessRead();
      const c = await callRetryingTransient(() => ctx.fps.call(action, params, creds(ctx), { hostWithoutPort: true, label: `${action} signed without the port` }));
      return outcome(judgeAccepted(c, 'R-AUTH-1b', 'a request signed over the host without its port'), 'R-AUTH-1b: a signature over the host without its port was accepted');
    },
  },
  {
    id: 'signature/reserved-characters-accepted',
    title: 'Values with spaces, reserved characters and multi-byte UTF-8 are signed as the seed says and accepted',
    requirements: ['R-AUTH-1', 'R-WIRE-1'],
    tags: ['signature', 'stateless'],
    needs: ['credentials'],
    async run(ctx) {
      // "Percent encode the space character as %20 (and not +)"; "+" is a space in a form (R-WIRE-1)
      const value = `a b+c%d&e=f~g*h/i?j#k!l'm(n)o:p;q,r@s$t[u]v é中😀`;
      for (const style of STYLES) {
        const c = await callRetryingTransient(() => ctx.fps.call('GetTokenByCaller', { CallerReference: value }, creds(ctx), { style, label: `GetTokenByCaller, reserved characters (${style})` }));
        const problem = judgeAccepted(c, 'R-AUTH-1', `a correctly signed ${style} request whose CallerReference holds a space, +, reserved characters and UTF-8`);
        if (problem) return { status: 'fail', message: problem };
      }
      return { status: 'pass', message: 'R-AUTH-1, R-WIRE-1: a value with a space, +, reserved characters and multi-byte UTF-8 was accepted in all three request styles' };
    },
  },
  {
    id: 'signature/generated-values-accepted',
    title: 'Correct signatures over generated parameter values are accepted',
    requirements: ['R-AUTH-1', 'R-WIRE-1'],
    tags: ['signature', 'stateless', 'property'],
    needs: ['credentials'],
    async run(ctx) {
      const arb = fc.record({ ref: callerReferenceArb, style: fc.constantFrom(...STYLES), method: fc.constantFrom(...SIGNATURE_METHODS) });
      return checkProperty(
        ctx,
        arb,
        async (v) => {
          const c = await callRetryingTransient(() => ctx.fps.call('GetTokenByCaller', { CallerReference: v.ref }, creds(ctx), { style: v.style, signatureMethod: v.method }));
          return judgeAccepted(c, 'R-AUTH-1', `a correctly signed request with CallerReference ${JSON.stringify(v.ref)} (${v.style}, ${v.method})`);
        },
        { describe: (v) => [`GetTokenByCaller(CallerReference=${JSON.stringify(v.ref)}) as ${v.style}, ${v.method}`], passMessage: 'R-AUTH-1: every correctly signed request with generated values (any script, reserved characters, spaces, +) was accepted' },
      );
    },
  },
  {
    id: 'signature/tampered-request-rejected',
    title: 'A signature over anything but what is sent is refused with SignatureDoesNotMatch',
    requirements: ['R-AUTH-2'],
    tags: ['signature', 'stateless', 'property'],
    needs: ['credentials'],
    run: tamperedRequestsRejected,
  },
  {
    id: 'signature/unknown-access-key-rejected',
    title: 'An unknown AWSAccessKeyId is refused with InvalidClientTokenId',
    requirements: ['R-AUTH-2'],
    tags: ['signature', 'stateless'],
    async run(ctx) {
      const stranger = { accessKeyId: `FPSCK${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64') };
      const { action, params } = authenticatedRead();
      const c = await ctx.fps.call(action, params, stranger, { label: `${action} with an unknown AWSAccessKeyId` });
      const problem = judgeRejected(c, UNKNOWN_KEY, 'R-AUTH-2', 'a request with an unknown AWSAccessKeyId');
      const required = requiredCodeId(UNKNOWN_KEY); // R-AUTH-2 (firm) names one code
      if (problem === undefined && required) ctx.exercised?.([required]);
      return outcome(problem, 'R-AUTH-2: an unknown AWSAccessKeyId was refused with InvalidClientTokenId');
    },
  },
  {
    id: 'signature/signature-version-1-rejected',
    title: 'SignatureVersion 1 is refused',
    requirements: ['R-AUTH-3'],
    tags: ['signature', 'stateless'],
    needs: ['credentials'],
    async run(ctx) {
      const { action, params } = authenticatedRead();
      const c = await ctx.fps.call(action, { ...params, SignatureVersion: '1' }, creds(ctx), { label: `${action} with SignatureVersion=1` });
      return outcome(judgeRejected(c, BAD_SIGNATURE_SCHEME, 'R-AUTH-3', 'a request with SignatureVersion=1'), 'R-AUTH-3: SignatureVersion=1 was refused with a 4xx in the allowed set');
    },
  },
  {
    id: 'signature/hmac-md5-rejected',
    title: 'SignatureMethod HmacMD5 is refused',
    requirements: ['R-AUTH-3'],
    tags: ['signature', 'stateless'],
    needs: ['credentials'],
    async run(ctx) {
      const { action, params } = authenticatedRead();
      const c = await ctx.fps.call(action, { ...params, SignatureMethod: 'HmacMD5' }, creds(ctx), { label: `${action} with SignatureMethod=HmacMD5` });
      return outcome(judgeRejected(c, BAD_SIGNATURE_SCHEME, 'R-AUTH-3', 'a request with SignatureMethod=HmacMD5'), 'R-AUTH-3: SignatureMethod=HmacMD5 was refused with a 4xx in the allowed set');
    },
  },
  {
    id: 'signature/timestamp-within-5-minutes-accepted',
    title: 'A Timestamp 3 minutes from the target clock (past or future) is accepted',
    requirements: ['R-AUTH-4'],
    tags: ['signature', 'stateless', 'time'],
    needs: ['credentials'],
    async run(ctx) {
      // 3 minutes: clear of the 60 s tolerance band around 5 minutes ([4, 6] minutes), with a minute to spare for a ticking clock
      return timestampCheck(
        ctx,
        harmlessRead,
        [-3 * MINUTE, 3 * MINUTE],
        (c, label) => judgeAccepted(c, 'R-AUTH-4', `a Timestamp ${label} from the target clock (within 5 minutes)`),
        'R-AUTH-4: Timestamps 3 minutes before and after the target clock were accepted',
      );
    },
  },
  {
    id: 'signature/timestamp-beyond-15-minutes-rejected',
    title: 'A Timestamp 17 minutes or more from the target clock is refused',
    requirements: ['R-AUTH-4'],
    tags: ['signature', 'stateless', 'time'],
    needs: ['credentials'],
    async run(ctx) {
      // 17 minutes: clear of the 60 s tolerance band around 15 minutes ([14, 16] minutes); nothing is asserted between 5 and 15
      return timestampCheck(
        ctx,
        authenticatedRead,
        [-17 * MINUTE, 17 * MINUTE, -24 * 60 * MINUTE],
        (c, label) => judgeRejected(c, STALE_TIMESTAMP, 'R-AUTH-4', `a Timestamp ${label} from the target clock`),
        'R-AUTH-4: Timestamps 17 minutes before and after, and a day before, the target clock were refused with a 4xx in the allowed set',
      );
    },
  },
  {
    id: 'signature/timestamp-forms-accepted',
    title: 'Timestamps with and without fractional seconds are accepted',
    requirements: ['R-WIRE-2', 'R-AUTH-4'],
    tags: ['signature', 'stateless', 'time'],
    needs: ['credentials'],
    async run(ctx) {
      for (const form of ['fraction', 'whole'] as const) {
        const now = await targetNow(ctx);
        if (now === undefined) return CLOCK_UNKNOWN;
        const iso = new Date(now).toISOString();
        const timestamp = form === 'whole' ? iso.replace(/\.\d+Z$/, 'Z') : iso;
        const { action, params } = harmlessRead();
        const c = await callRetryingTransient(() => ctx.fps.call(action, params, creds(ctx), { timestamp, label: `${action}, Timestamp ${timestamp}` }));
        const problem = judgeAccepted(c, 'R-WIRE-2', `a Timestamp ${form === 'whole' ? 'without' : 'with'} fractional seconds (${timestamp})`);
        if (problem) return { status: 'fail', message: problem };
      }
      return { status: 'pass', message: 'R-WIRE-2: Timestamps with and without fractional seconds were accepted' };
    },
  },
  {
    id: 'signature/rejected-request-changes-nothing',
    title: 'A Pay refused for its signature consumes neither its CallerReference nor its token',
    requirements: ['R-AUTH-5', 'R-AUTH-2'],
    tags: ['signature', 'idempotency'],
    needs: ['sandbox', 'credentials'],
    run: rejectedRequestChangesNothing,
  },
];

export const signatureSuite: Suite = {
  name: 'signature',
  title: 'Signature Version 2 (R-AUTH-1 … R-AUTH-5)',
  checks: checks.map(attributed),
};
