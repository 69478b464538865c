// A generated case's exchanges as the comparison reads them (run/compare.ts): each API or
// Co-Branded exchange becomes one step with the parameters sent and the answer reduced to what it is
// judged by. Sandbox-hook exchanges (accounts, clock, process) are set-up, not answers to compare.
import { decodeAnswer } from '../spec/wire/codec.ts';
import { parseForm } from '../spec/wire/form.ts';
import type { AnswerRecord, CaseRecord, StepRecord } from './compare.ts';
import type { Exchange } from '../core/wire.ts';

function formOf(raw: string): Record<string, string> {
  const f = parseForm(raw);
  return f.ok ? { ...f.params } : { '(unreadable)': raw.slice(0, 200) };
}

function sentParams(e: Exchange): Record<string, string> {
  const url = new URL(e.request.url);
  const query = url.search.length > 1 ? formOf(url.search.slice(1)) : {};
  const body = e.request.body && e.request.method === 'POST' ? formOf(e.request.body) : {};
  return { ...query, ...body };
}

function answerOf(e: Exchange): AnswerRecord {
  if (!e.response) return { kind: 'none', reason: e.error ?? 'no answer' };
  const location = e.response.headers['location'];
  if (e.response.status >= 300 && e.response.status < 400 && location !== undefined) {
    try {
      const u = new URL(location);
      return { kind: 'redirect', params: u.search.length > 1 ? formOf(u.search.slice(1)) : {} };
    } catch {
      return { kind: 'none', reason: `a Location that is no URL: ${location.slice(0, 200)}` };
    }
  }
  const d = decodeAnswer(e.response.body);
  if (d.kind === 'result') return { kind: 'result', fields: { ...d.fields, '(status)': String(e.response.status) } };
  if (d.kind === 'error') return { kind: 'error', code: d.code };
  return { kind: 'none', reason: `HTTP ${e.response.status}, not an FPS document` };
}

const isSandbox = (e: Exchange): boolean => {
  try {
    return new URL(e.request.url).pathname.startsWith('/_sandbox');
  } catch {
    return true;
  }
};

/** One case of one check, from the exchanges it made; `refusedSeq` is the exchange the model refused. */
export function caseRecord(check: string, index: number, exchanges: readonly Exchange[], refusedSeq?: number): CaseRecord {
  const steps: StepRecord[] = exchanges.filter((e) => !isSandbox(e)).map((e) => ({
    label: e.label ?? `${e.request.method} ${new URL(e.request.url).pathname}`,
    request: sentParams(e),
    answer: answerOf(e),
    allowed: e.seq !== refusedSeq,
    exchange: e,
  }));
  const first = exchanges.find((e) => e.sandboxNow !== undefined)?.sandboxNow;
  return { check, index, clockStart: first !== undefined ? Date.parse(first) : 0, steps };
}
