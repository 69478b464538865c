// The wire suite: answer documents (R-WIRE-3 success, R-WIRE-4 error), status codes (R-WIRE-10),
// namespaces per Version, and case-sensitive parameter names (R-WIRE-2). Stateless: every request
// names ids nobody issued, so nothing is created.
import { randomBytes } from 'node:crypto';
import { encodeHttpParameters } from '../../spec/sigv2/index.ts';
import { namespaceFor } from '../../spec/wire/codec.ts';
import { VERSIONS, type Version } from '../../spec/types.ts';
import type { ErrorCode } from '../../spec/catalogue/errors.ts';
import { acceptedCodes } from '../../spec/catalogue/accepted.ts';
import type { Check, Suite, SuiteContext } from '../../core/suite.ts';
import type { Pairs } from '../../spec/wire/request-params.ts';
import { singleUseToken } from './signature-auth5.ts';
import { requiredCodeId } from './model-run/credit.ts';
import {
  callRetryingTransient,
  creds,
  describeCall,
  errorStatusProblem,
  isTransient,
  judgeRejected,
  MISSING_PARAMETER,
  outcome,
  resignedWith,
  unknownId,
  attributed,
} from './stateless-common.ts';

const ref = (): string => `fpsck-wire-${randomBytes(8).toString('hex')}`;
const usd = (name: string, value: string): Record<string, string> => ({ [`${name}.Value`]: value, [`${name}.CurrencyCode`]: 'USD' });

/** Requests about ids nobody issued, with the error each must get where a ruling makes it firm. */
interface ErrorCase {
  name: string;
  action: string;
  params: () => Record<string, string>;
  /** the accepted codes, when a ruling settles them */
  codes?: readonly ErrorCode[];
  rules: readonly string[];
}

const ERROR_CASES: readonly ErrorCase[] = [
  { name: 'Pay with an unknown SenderTokenId', action: 'Pay', params: () => ({ SenderTokenId: unknownId('TOK'), ...usd('TransactionAmount', '1.00'), CallerReference: ref() }), codes: acceptedCodes('R-TOK-10 SenderTokenId'), rules: ['R-TOK-10'] },
  { name: 'Reserve with an unknown SenderTokenId', action: 'Reserve', params: () => ({ SenderTokenId: unknownId('TOK'), ...usd('TransactionAmount', '1.00'), CallerReference: ref() }), codes: acceptedCodes('R-TOK-10 SenderTokenId'), rules: ['R-TOK-10'] },
  { name: 'Settle of an unknown reserve', action: 'Settle', params: () => ({ ReserveTransactionId: unknownId() }), codes: acceptedCodes('R-PAY-4 unknown'), rules: ['R-PAY-4'] },
  { name: 'Refund of an unknown transaction', action: 'Refund', params: () => ({ TransactionId: unknownId(), CallerReference: ref() }), codes: acceptedCodes('R-REF-1 unknown'), rules: ['R-REF-1'] },
  { name: 'Cancel of an unknown transaction', action: 'Cancel', params: () => ({ TransactionId: unknownId() }), codes: acceptedCodes('R-PAY-6 unknown'), rules: ['R-PAY-6'] },
  { name: 'GetTokenByCaller of an unknown TokenId', action: 'GetTokenByCaller', params: () => ({ TokenId: unknownId('TOK') }), codes: acceptedCodes('R-TOK-3 TokenId'), rules: ['R-TOK-3'] },
  { name: 'GetTokenByCaller of an unknown CallerReference', action: 'GetTokenByCaller', params: () => ({ CallerReference: ref() }), codes: acceptedCodes('R-TOK-3 CallerReference'), rules: ['R-TOK-3'] },
  { name: 'GetTokenByCaller with neither TokenId nor CallerReference', action: 'GetTokenByCaller', params: () => ({}), codes: acceptedCodes('R-TOK-3 neither'), rules: ['R-TOK-3', 'R-WIRE-8'] },
  // also an unknown token: InvalidParams or InvalidTokenId_Sender (several rules broken), so only its shape is judged
  { name: 'Pay without CallerReference', action: 'Pay', params: () => ({ SenderTokenId: unknownId('TOK'), ...usd('TransactionAmount', '1.00') }), rules: ['R-WIRE-8'] },
  { name: 'GetTransactionStatus of an unknown transaction', action: 'GetTransactionStatus', params: () => ({ TransactionId: unknownId() }), rules: ['R-WIRE-4'] },
  { name: 'CancelToken of an unknown token', action: 'CancelToken', params: () => ({ TokenId: unknownId('TOK') }), rules: ['R-WIRE-4'] },
  { name: 'GetRecipientVerificationStatus of an unknown token', action: 'GetRecipientVerificationStatus', params: () => ({ RecipientTokenId: unknownId('TOK') }), rules: ['R-WIRE-4'] },
  { name: 'VerifySignature with empty inputs', action: 'VerifySignature', params: () => ({ UrlEndPoint: '', HttpParameters: '' }), codes: acceptedCodes('R-IPN-3 empty'), rules: ['R-IPN-3'] },
];

/** R-WIRE-4/R-WIRE-10 for every answer of ERROR_CASES in both Versions; `withCodes` also holds the firm codes. */
async function errorCases(ctx: SuiteContext, withCodes: boolean): Promise<{ problem?: string; seen: number }> {
  let seen = 0;
  for (const version of VERSIONS) {
    for (const c of ERROR_CASES) {
      if (withCodes && !c.codes) continue;
      const call = await callRetryingTransient(() => ctx.fps.call(c.action, c.params(), creds(ctx), { version, label: `${c.name} (${version})` }));
      seen += 1;
      const what = `${c.name} (Version ${version})`;
      if (withCodes) {
        const p = judgeRejected(call, c.codes!, c.rules.join(', '), what);
        if (p) return { problem: p, seen };
        // the ruling required exactly this code, and it came (credited only if the whole check holds)
        const required = requiredCodeId(c.codes!);
        if (required) ctx.exercised?.([required]);
        continue;
      }
      const d = call.decoded;
      if (call.transportError !== undefined) return { problem: `R-WIRE-4: ${what} got no answer (${call.transportError})`, seen };
      if (!d || d.kind === 'malformed') return { problem: `R-WIRE-4: ${what}: the answer is not an FPS document: ${d?.kind === 'malformed' ? d.problems.join('; ') : 'empty'} (HTTP ${call.response?.status})`, seen };
      if (d.kind === 'result') {
        // whether this request must be refused is judged by the next check (where a ruling settles it); here only the shape
        if (call.response?.status !== 200) return { problem: `R-WIRE-3: ${what}: a result document came with HTTP ${call.response?.status}, not 200`, seen };
        continue;
      }
      const p = errorStatusProblem(call);
      if (p) return { problem: `${p} (${what})`, seen };
    }
  }
  return { seen };
}

/** HttpParameters the target never sent: VerifySignature answers a result (Failure) for them (R-IPN-3). */
function strangerParameters(): string {
  return encodeHttpParameters([
    ['transactionId', unknownId()],
    ['transactionStatus', 'SUCCESS'],
    ['signatureVersion', '2'],
    ['signatureMethod', 'RSA-SHA1'],
    ['certificateUrl', 'https://fps.sandbox.amazonaws.com/certs/090909/PKICert.pem'],
    ['signature', randomBytes(64).toString('base64')],
  ]);
}

const checks: Check[] = [
  {
    id: 'wire/error-documents',
    title: 'Every answer is a well-formed document: errors are one <Error> in <Response> with a non-2xx status, 4xx for caller errors',
    requirements: ['R-WIRE-4', 'R-WIRE-10', 'R-WIRE-3'],
    tags: ['wire', 'stateless'],
    needs: ['credentials'],
    async run(ctx) {
      const r = await errorCases(ctx, false);
      return outcome(r.problem, `R-WIRE-4, R-WIRE-10: ${r.seen} answers (every action, both Versions) were well-formed documents; every error with a fitting status`);
    },
  },
  {
    id: 'wire/unknown-ids-refused-with-the-ruled-code',
    title: 'Unknown ids and missing parameters get the error code the rulings name',
    requirements: ['R-TOK-10', 'R-PAY-4', 'R-REF-1', 'R-PAY-6', 'R-TOK-3', 'R-WIRE-8', 'R-IPN-3'],
    tags: ['wire', 'stateless'],
    needs: ['credentials'],
    async run(ctx) {
      const r = await errorCases(ctx, true);
      return outcome(r.problem, `${r.seen} requests about unknown ids or missing parameters got the codes the rulings name (both Versions)`);
    },
  },
  {
    id: 'wire/namespace-per-version',
    title: 'Both Versions are served, and a result document carries the namespace of the Version requested',
    requirements: ['R-WIRE-3', 'R-WIRE-2'],
    tags: ['wire', 'stateless'],
    needs: ['credentials'],
    async run(ctx) {
      // VerifySignature answers a result without any state (R-IPN-3); with the sandbox, a token read
      // back by GetTokenByCaller (R-TOK-3) adds a second kind of result document
      const requests: { action: string; params: () => Record<string, string> }[] = [
        { action: 'VerifySignature', params: () => ({ UrlEndPoint: 'http://127.0.0.1/fps-conformance/ipn', HttpParameters: strangerParameters() }) },
      ];
      const notes: string[] = [];
      if (ctx.sandbox) {
        const token = await singleUseToken(ctx, '1.00');
        if ('tokenId' in token) requests.push({ action: 'GetTokenByCaller', params: () => ({ TokenId: token.tokenId }) });
        else notes.push(`no token to read back (${token.notTestable})`);
      }
      const seen: string[] = [];
      for (const { action, params } of requests) {
        const answers: { version: Version; call: Awaited<ReturnType<typeof callRetryingTransient>> }[] = [];
        for (const version of VERSIONS) {
          const call = await callRetryingTransient(() => ctx.fps.call(action, params(), creds(ctx), { version, label: `${action} (${version})` }));
          answers.push({ version, call });
          const d = call.decoded;
          if (d?.kind === 'malformed') return { status: 'fail', message: `R-WIRE-3: ${action} (Version ${version}): ${d.problems.join('; ')}` };
          if (d?.kind !== 'result') {
            notes.push(`${action} (Version ${version}) answered ${describeCall(call)}, not a result`);
            continue;
          }
          if (d.version !== version) {
            return { status: 'fail', message: `R-WIRE-3: a Version ${version} ${action} was answered in namespace ${d.version === undefined ? '(none)' : namespaceFor(d.version as Version)}; expected ${namespaceFor(version)}` };
          }
          if (call.response?.status !== 200) return { status: 'fail', message: `R-WIRE-3: a ${action} result document came with HTTP ${call.response?.status}, not 200` };
          seen.push(`${action} ${version}`);
        }
        // the same stateless request (ids nobody issued, or a token only read) means the same in both Versions
        const served = answers.find((a) => a.call.decoded?.kind === 'result');
        const refused = answers.find((a) => a.call.decoded?.kind === 'error' && !isTransient(a.call));
        if (served && refused) {
          return {
            status: 'fail',
            requirements: ['R-WIRE-2', 'R-WIRE-3'],
            message: `R-WIRE-2: Version is 2008-09-17 or 2010-08-28, both accepted: the same ${action} was answered a result with Version ${served.version} but ${describeCall(refused.call)} with Version ${refused.version}`,
          };
        }
      }
      if (!VERSIONS.every((v) => seen.some((s) => s.endsWith(v)))) {
        return { status: 'not-tested', message: `not testable: no result document was seen for every Version (${notes.join('; ')})` };
      }
      return { status: 'pass', message: `R-WIRE-2, R-WIRE-3: both Versions were served, every result document in the namespace of its Version (${seen.join(', ')})` };
    },
  },
  {
    id: 'wire/lowercase-action-is-not-action',
    title: 'Parameter names are case-sensitive: "action" is not "Action"; nor is the Action "verifySignature" VerifySignature (an unknown Action)',
    requirements: ['R-WIRE-2', 'R-WIRE-5'],
    tags: ['wire', 'stateless'],
    needs: ['credentials'],
    async run(ctx) {
      // VerifySignature of parameters the target never sent answers a result (R-IPN-3), so a target
      // that reads "action" as Action shows it by answering that result instead of an error
      const params = (): Record<string, string> => ({ UrlEndPoint: 'http://127.0.0.1/fps-conformance/ipn', HttpParameters: strangerParameters() });
      const control = await callRetryingTransient(() => ctx.fps.call('VerifySignature', params(), creds(ctx), { label: 'VerifySignature (Action spelled right)' }));
      if (control.decoded?.kind !== 'result') {
        return { status: 'not-tested', message: `not testable: VerifySignature with Action spelled right answered ${describeCall(control)}, not a result, so a lowercase "action" could not be told apart` };
      }
      const rename = (pairs: Pairs): Pairs => pairs.map(([n, v]) => [n === 'Action' ? 'action' : n, v]);
      const call = await ctx.fps.call('VerifySignature', params(), creds(ctx), {
        label: 'action=VerifySignature (lowercase name), correctly signed',
        tamper: resignedWith(rename, creds(ctx), ctx.target.baseUrl),
      });
      const d = call.decoded;
      const s = call.response?.status ?? 0;
      if (!(d?.kind === 'error' && s >= 400 && s <= 499)) {
        return { status: 'fail', message: `R-WIRE-2: API parameter names are case-sensitive, so "action" is not "Action" and the request has no Action: it must be refused with a 4xx error; got ${describeCall(call)}` };
      }
      // the documents name each action in one spelling: "verifySignature" is none of them (R-WIRE-5: any 4xx code)
      const recase = (pairs: Pairs): Pairs => pairs.map(([n, v]) => [n, n === 'Action' ? 'verifySignature' : v]);
      const other = await ctx.fps.call('VerifySignature', params(), creds(ctx), {
        label: 'Action=verifySignature (lower-cased first letter), correctly signed',
        tamper: resignedWith(recase, creds(ctx), ctx.target.baseUrl),
      });
      const od = other.decoded;
      const os = other.response?.status ?? 0;
      if (!(od?.kind === 'error' && os >= 400 && os <= 499)) {
        return { status: 'fail', message: `R-WIRE-5, R-WIRE-2: "verifySignature" is not an Action the documents name (they spell it VerifySignature), so the request must be refused with a 4xx error as an unknown Action; got ${describeCall(other)}` };
      }
      return { status: 'pass', message: `R-WIRE-2, R-WIRE-5: a request naming "action" in lowercase had no Action and was refused (${d.code}, HTTP ${s}); Action=verifySignature was refused as unknown (${od.code}, HTTP ${os})` };
    },
  },
  {
    id: 'wire/lowercase-parameter-is-missing',
    title: 'Parameter names are case-sensitive: "transactionId" does not supply TransactionId',
    requirements: ['R-WIRE-2', 'R-WIRE-8'],
    tags: ['wire', 'stateless'],
    needs: ['credentials'],
    async run(ctx) {
      const rename = (pairs: Pairs): Pairs => pairs.map(([n, v]) => [n === 'TransactionId' ? 'transactionId' : n, v]);
      const call = await ctx.fps.call('GetTransactionStatus', { TransactionId: unknownId() }, creds(ctx), {
        label: 'GetTransactionStatus with transactionId (lowercase), correctly signed',
        tamper: resignedWith(rename, creds(ctx), ctx.target.baseUrl),
      });
      const problem = judgeRejected(call, MISSING_PARAMETER, 'R-WIRE-2, R-WIRE-8', 'GetTransactionStatus whose only id is named "transactionId" (the required TransactionId is missing)');
      const required = requiredCodeId(MISSING_PARAMETER);
      if (problem === undefined && required) ctx.exercised?.([required]);
      return outcome(
        problem,
        'R-WIRE-2, R-WIRE-8: "transactionId" did not stand in for TransactionId; the request was refused with InvalidParams',
      );
    },
  },
];

export const wireSuite: Suite = {
  name: 'wire',
  title: 'Wire format: documents, statuses, namespaces, names (R-WIRE-2/3/4/10)',
  checks: checks.map(attributed),
};
