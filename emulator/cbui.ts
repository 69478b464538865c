// The Co-Branded UI start endpoint. The buyer is played by the X-Sandbox-* headers
// (shared/sandbox-protocol.md); the answer is a 302 to returnURL with the result parameters,
// signed by the emulator (R-TOK-1, R-TOK-2). Without X-Sandbox-Buyer a person gets a small form.
import type { Instrument } from '../spec/model/api.ts';
import { verifyCbuiUrl } from '../spec/sigv2/index.ts';
import { encodeForm, parseForm } from '../spec/wire/form.ts';
import type { EmulatorContext } from './context.ts';
import { jsonError, readBody } from './http.ts';
import { materialize, SIGNATURE_FIELDS } from './materialize.ts';
import { afterStep, ctxMaterialize, signAndRecord } from './steps.ts';

export const CBUI_PATH = '/cobranded-ui/actions/start';
const INSTRUMENTS: readonly Instrument[] = ['CC', 'ACH', 'ABT'];

interface Buyer {
  buyer: string | undefined;
  decision: string | undefined;
  instrument: string | undefined;
}

export async function handleCbui(ctx: EmulatorContext, request: Request, url: URL): Promise<Response> {
  const form = parseForm(url.search.startsWith('?') ? url.search.slice(1) : url.search);
  if (!form.ok) return page(400, 'Bad Co-Branded request', `<p>The query string cannot be read: ${esc(form.problem)}</p>`);
  let who: Buyer = {
    buyer: request.headers.get('x-sandbox-buyer') ?? undefined,
    decision: request.headers.get('x-sandbox-decision') ?? undefined,
    instrument: request.headers.get('x-sandbox-instrument') ?? undefined,
  };
  if (request.method === 'POST' && who.buyer === undefined) {
    // the form of buyerPage() posts the buyer's answers back to the same URL
    const body = await readBody(request, 16_384);
    const answers = body.ok ? parseForm(new TextDecoder().decode(body.bytes)) : undefined;
    if (answers === undefined || !answers.ok) return jsonError(400, 'the buyer form could not be read');
    who = { buyer: answers.params.buyer, decision: answers.params.decision, instrument: answers.params.instrument || undefined };
  } else if (request.method !== 'GET' && request.method !== 'POST') {
    return jsonError(405, `${request.method} is not allowed on ${CBUI_PATH}; use GET`);
  }
  if (who.buyer === undefined) return buyerPage(form.pairs);
  const decision = who.decision ?? 'approve';
  if (decision !== 'approve' && decision !== 'abandon') return jsonError(400, 'X-Sandbox-Decision must be approve or abandon');
  if (who.instrument !== undefined && !INSTRUMENTS.includes(who.instrument as Instrument)) return jsonError(400, 'X-Sandbox-Instrument must be CC, ACH or ABT');

  const lower = (n: string): string | undefined => form.pairs.find(([k]) => k.toLowerCase() === n)?.[1];
  const callerKey = lower('callerkey');
  const signed = form.pairs.some(([k]) => k.toLowerCase() === 'signature');
  const host = request.headers.get('host') ?? url.host;
  const asSent = `${url.protocol}//${host}${url.pathname}${url.search}`;

  if (!ctx.emails.has(who.buyer)) {
    return jsonError(400, `X-Sandbox-Buyer ${who.buyer} is not an account of this sandbox; create one with POST /_sandbox/accounts`);
  }
  return ctx.queue.run(() => {
    const secret = callerKey !== undefined ? ctx.secrets.get(callerKey) : undefined;
    const signature = !signed ? 'absent' : secret !== undefined && verifyCbuiUrl(asSent, secret).valid ? 'valid' : 'invalid';
    const at = ctx.state.now;
    const outcome = ctx.model.stepConcrete(
      ctx.state,
      {
        kind: 'cbui',
        at,
        params: { ...form.params },
        signature,
        buyer: who.buyer,
        decision,
        ...(who.instrument !== undefined ? { instrument: who.instrument as Instrument } : {}),
      },
      ctx.choose,
    );
    const answer = outcome.answer;
    if (answer.kind !== 'redirect') {
      ctx.state = outcome.next({});
      const why = answer.kind === 'error' ? answer.code : answer.kind;
      return page(400, 'Co-Branded request refused', `<p>No returnURL to send the buyer back to (${esc(why)}).</p>`);
    }
    const bound: Record<string, string> = {};
    let fields = materialize(answer.params, ctxMaterialize(ctx, ''), bound, { skip: SIGNATURE_FIELDS });
    // R-TOK-1: a CE's errorMessage names an input at fault: every one (nominal) or only one of them
    if (answer.errorInputs !== undefined && answer.errorInputs.length > 0 && 'errorMessage' in fields) {
      const forms = [answer.errorInputs.join(', '), answer.errorInputs[answer.errorInputs.length - 1]!];
      fields.errorMessage = `Invalid or missing input: ${forms[ctx.choose(2, 'which inputs the errorMessage names (R-TOK-1)')] ?? forms[0]}`;
    }
    ctx.state = outcome.next(bound);
    // signed and recorded after the commit, so the model's record sits beside the token it names
    if ('signature' in answer.params) fields = signAndRecord(ctx, answer.returnURL, fields);
    if (fields.tokenID !== undefined && !ctx.tokensInstalled.has(fields.tokenID)) ctx.tokensInstalled.set(fields.tokenID, at);
    ctx.hooks.observe({ kind: 'cbui', at, params: { ...form.params }, callerKey, fields });
    afterStep(ctx);
    const sep = answer.returnURL.includes('?') ? '&' : '?';
    return new Response(null, { status: 302, headers: { location: answer.returnURL + sep + encodeForm(Object.entries(fields)) } });
  });
}

function buyerPage(pairs: readonly [string, string][]): Response {
  const rows = pairs.map(([n, v]) => `<tr><td>${esc(n)}</td><td>${esc(v)}</td></tr>`).join('');
  return page(
    200,
    'Local FPS sandbox: Co-Branded UI',
    `<p>A caller asks you to authorize a payment token with these parameters:</p><table>${rows}</table>
<form method="post"><p><label>Sign in as (buyer email) <input name="buyer" required></label></p>
<p><label>Instrument <select name="instrument"><option value="">(any allowed)</option><option>CC</option><option>ACH</option><option>ABT</option></select></label></p>
<p><button name="decision" value="approve">Approve</button> <button name="decision" value="abandon">Abandon</button></p></form>
<p>Scripts send the same answers as headers: X-Sandbox-Buyer, X-Sandbox-Decision, X-Sandbox-Instrument.</p>`,
  );
}

function page(status: number, title: string, body: string): Response {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
