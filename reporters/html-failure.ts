// One failing (or warning) check in report.html: message, the rules it broke with their text and seed
// citation, the shrunk counterexample, the transcript as request/answer exchanges (each with its curl
// command when the harness recorded one), the replay command.
import type { CheckResult } from '../core/result.ts';
import type { Exchange } from '../core/wire.ts';
import type { Requirement } from '../spec/types.ts';
import { escapeHtml as h, redactCommand } from './escape.ts';
import { prettyXml, requestParams, truncationNote, urlWithoutQuery } from './exchange-text.ts';
import { firstLine, formatCitation, rulesBroken } from './view.ts';

export function anchorFor(checkId: string): string {
  return `check-${checkId.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

export function searchText(parts: (string | undefined)[]): string {
  return h(parts.filter(Boolean).join(' ').toLowerCase());
}

export function failureDetails(check: CheckResult, index: number, byId: ReadonlyMap<string, Requirement>): string {
  const rules = rulesBroken(check);
  const search = searchText([check.id, check.title, check.message, ...rules, ...rules.map((r) => byId.get(r)?.title)]);
  const parts: string[] = [];
  parts.push(
    `<details class="item failure ${h(check.status)}" id="${h(anchorFor(check.id))}" data-kind="failure" data-status="${h(check.status)}" data-search="${search}">`,
    `<summary><span class="badge ${h(check.status)}">${h(check.status)}</span> <code>${h(check.id)}</code><span class="msg">${h(firstLine(check.message) || check.title)}</span></summary>`,
    '<div class="body">',
  );
  parts.push(`<p class="message"><b>${h(check.title)}</b>${check.message ? `\n${h(check.message)}` : ''}</p>`);
  if (rules.length) {
    parts.push(`<h4>Rule${rules.length > 1 ? 's' : ''} broken</h4>`);
    for (const id of rules) parts.push(ruleBlock(id, byId.get(id)));
  }
  if (check.counterexample?.length) {
    parts.push('<h4>Counterexample (shrunk)</h4>', `<ol class="cx">${check.counterexample.map((l) => `<li>${h(l)}</li>`).join('')}</ol>`);
  }
  if (check.transcript?.length) {
    parts.push(`<h4>Transcript (${check.transcript.length} exchange${check.transcript.length > 1 ? 's' : ''})</h4>`);
    check.transcript.forEach((e, n) => parts.push(exchangeBlock(e, `curl-${index}-${n}`)));
  }
  if (check.replay) parts.push('<h4>Replay</h4>', copyBlock(`replay-${index}`, check.replay.command, 'Copy the replay command'));
  parts.push('</div></details>');
  return parts.join('\n');
}

/** A command in a box with a Copy button (report.html's script copies the element named by data-copy). */
function copyBlock(id: string, command: string, title: string, cls = ''): string {
  return `<div class="replay${cls ? ` ${cls}` : ''}"><pre><code id="${h(id)}">${h(command)}</code></pre><button type="button" data-copy="${h(id)}" title="${h(title)}">Copy</button></div>`;
}

function ruleBlock(id: string, req: Requirement | undefined): string {
  if (!req) return `<div class="rule"><b>${h(id)}</b> <span class="cite">(not in this kit's catalogue)</span></div>`;
  const cites = req.cites.map((c) => `<p class="cite">${h(formatCitation(c))}</p>`).join('');
  return `<div class="rule"><b>${h(id)}</b><span class="kind">${h(req.kind)}</span> ${h(req.title)}${req.text && req.text !== req.title ? `<p class="rtext">${h(req.text)}</p>` : ''}${cites}</div>`;
}

/** XML pretty-printed, then escaped, then tag names tinted (the tint is applied to escaped text only). */
function xmlBlock(body: string): string {
  if (body === '') return '<p class="empty">(empty body)</p>';
  const escaped = h(prettyXml(body));
  return `<pre class="xml">${escaped.replace(/(&lt;\/?[A-Za-z_][\w:.-]*)/g, '<span class="tg">$1</span>')}</pre>`;
}

/** R-WIRE-2's common parameters: the same in every request, so shown last. */
const COMMON = new Set(['AWSAccessKeyId', 'Signature', 'SignatureVersion', 'SignatureMethod', 'Timestamp', 'Version']);

function exchangeBlock(e: Exchange, curlId: string): string {
  // the parameters that say what was asked first; the common signing ones after, muted
  const params = requestParams(e.request);
  const ordered = [...params.filter(([k]) => !COMMON.has(k)), ...params.filter(([k]) => COMMON.has(k))];
  const rows = ordered.map(([k, v]) => `<tr${COMMON.has(k) ? ' class="common"' : ''}><th>${h(k)}</th><td>${h(v)}</td></tr>`).join('');
  const broke = e.expected !== undefined || (e.rules?.length ?? 0) > 0;
  const out: string[] = [`<div class="exchange${broke ? ' broke' : ''}">`];
  out.push(
    `<div class="rq"><span class="seq">#${h(String(e.seq))}</span><span class="method">${h(e.request.method)}</span><code>${h(urlWithoutQuery(e.request.url))}</code>${e.label ? `<span>${h(e.label)}</span>` : ''}<span class="when">${h(e.sentAt)}${e.sandboxNow ? ` · sandbox ${h(e.sandboxNow)}` : ''} · ${h(String(Math.round(e.elapsedMs)))} ms</span></div>`,
  );
  if (rows) out.push(`<table class="params"><tbody>${rows}</tbody></table>`);
  else if (e.request.body) out.push(`<div class="rs"><pre class="xml">${h(e.request.body)}</pre></div>`);
  if (e.response) {
    const cls = `s${String(e.response.status).charAt(0)}`;
    const type = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    out.push(`<div class="rs"><span class="status ${h(cls)}">HTTP ${h(String(e.response.status))}</span>${type ? ` <span class="seq">${h(type)}</span>` : ''}${e.response.truncated ? ` <span class="seq">${h(truncationNote(e.response).trim())}</span>` : ''}${xmlBlock(e.response.body)}</div>`);
  } else {
    out.push(`<div class="rs"><span class="status none">no answer</span> ${h(e.error ?? 'transport failure')}</div>`);
  }
  // the exact request again, secrets blanked (the harness set it; blanked here a second time)
  if (e.curl) out.push(copyBlock(curlId, redactCommand(e.curl), 'Copy the curl command that resends this request', 'curl'));
  if (broke) {
    out.push(`<div class="expected">${e.expected ? `Allowed instead: ${h(e.expected)}` : 'This answer broke a rule.'}${e.rules?.length ? `\nRules: ${h(e.rules.join(', '))}` : ''}</div>`);
  }
  out.push('</div>');
  return out.join('');
}
