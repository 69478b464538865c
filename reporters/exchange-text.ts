// Plain-text views of a transcript, shared by JUnit, Markdown, console and vitest messages:
// request parameters as name=value lines, the answer's XML indented.
import type { CheckResult } from '../core/result.ts';
import type { Exchange, WireRequest } from '../core/wire.ts';
import { paramSources, readParamsLenient } from '../spec/wire/request-params.ts';
import { redactCommand, redactValue } from './escape.ts';

/** Parameters of an FPS request: the query string, then a form body (R-WIRE-1: both carry parameters), bad escapes as sent. */
export function requestParams(request: WireRequest): [string, string][] {
  // a transcript shows what an SDK sent even without a Content-Type, when the body reads as a form
  const read = readParamsLenient(paramSources(request), { guessUntyped: true });
  return [...read.query, ...(read.body ?? [])].map(([k, v]) => [k, redactValue(k, v)]);
}

/** The URL without its query string (the parameters are listed separately). */
export function urlWithoutQuery(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/**
 * Indents XML for reading. A small tokenizer, not a parser: hostile or broken XML comes out as sent
 * (never throws), and text content is kept byte for byte.
 */
export function prettyXml(xml: string): string {
  const trimmed = xml.trim();
  if (!trimmed.startsWith('<') || trimmed.length > 200_000) return xml;
  const tokens = trimmed.match(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[^>]*>|[^<]+/g);
  if (!tokens) return xml;
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] ?? '';
    if (/^\s+$/.test(tok)) continue;
    const pad = '  '.repeat(depth);
    if (tok.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      lines.push('  '.repeat(depth) + tok);
    } else if (tok.startsWith('<?') || tok.startsWith('<!') || tok.endsWith('/>')) {
      lines.push(pad + tok);
    } else if (tok.startsWith('<')) {
      // <a>text</a> stays on one line
      const text = tokens[i + 1];
      const close = tokens[i + 2];
      if (text !== undefined && !text.startsWith('<') && close?.startsWith('</')) {
        lines.push(pad + tok + text + close);
        i += 2;
      } else {
        lines.push(pad + tok);
        depth += 1;
      }
    } else {
      lines.push(pad + tok.trim());
    }
  }
  return lines.join('\n');
}

/** "(an answer of 31457280 bytes: the kit read the first 1048576)", when the target sent more than the kit reads. */
export function truncationNote(response: { truncated?: { keptBytes: number; bytes: number } }): string {
  const t = response.truncated;
  return t ? ` (an answer of ${t.bytes > t.keptBytes + 1 ? `${t.bytes}` : `more than ${t.keptBytes}`} bytes: the kit read the first ${t.keptBytes})` : '';
}

/** One exchange as readable lines: request, parameters, answer, what the model allowed instead, the curl to resend it. */
export function exchangeText(e: Exchange): string[] {
  const lines = [`#${e.seq}${e.label ? ` ${e.label}` : ''}  (sent ${e.sentAt}${e.sandboxNow ? `, sandbox clock ${e.sandboxNow}` : ''}, ${Math.round(e.elapsedMs)} ms)`];
  lines.push(`> ${e.request.method} ${urlWithoutQuery(e.request.url)}`);
  for (const [k, v] of requestParams(e.request)) lines.push(`>   ${k}=${v}`);
  if (e.response) {
    lines.push(`< HTTP ${e.response.status}${truncationNote(e.response)}`);
    for (const line of prettyXml(e.response.body).split('\n')) lines.push(`< ${line}`);
  } else {
    lines.push(`< no answer: ${e.error ?? 'unknown transport failure'}`);
  }
  if (e.expected) lines.push(`! allowed instead: ${e.expected}`);
  if (e.rules?.length) lines.push(`! rules: ${e.rules.join(', ')}`);
  if (e.curl) lines.push(`$ ${redactCommand(e.curl)}`);
  return lines;
}

/** Everything a person needs to act on one failing check, as plain text. */
export function failureText(check: CheckResult, ruleText: (id: string) => string | undefined = () => undefined): string {
  const out: string[] = [];
  if (check.message) out.push(check.message, '');
  const rules = [...new Set([...(check.transcript ?? []).flatMap((e) => e.rules ?? []), ...check.requirements])];
  if (rules.length) {
    out.push('Rules:');
    for (const id of rules) out.push(`  ${id}${ruleText(id) ? `: ${ruleText(id)}` : ''}`);
    out.push('');
  }
  if (check.counterexample?.length) out.push('Counterexample (shrunk):', ...check.counterexample.map((l) => `  ${l}`), '');
  if (check.transcript?.length) {
    out.push('Transcript:');
    for (const e of check.transcript) out.push(...exchangeText(e).map((l) => `  ${l}`));
    out.push('');
  }
  if (check.replay) out.push(`Replay: ${check.replay.command}`);
  return out.join('\n').trimEnd();
}
