// Bounded excerpts: a report is handed to people and CI systems, so whatever a target sent, every
// string in it has a cap (a 30 MB answer is shown as its first kilobytes and its size, never whole).
import type { CheckResult, RunReport } from '../core/result.ts';
import type { Exchange } from '../core/wire.ts';

export const LIMITS = {
  /** request and response bodies, URLs and curl commands, per exchange */
  body: 8 * 1024,
  /** a check's message */
  message: 4 * 1024,
  /** one counterexample line, note or finding detail */
  line: 2 * 1024,
  /** counterexample lines and notes kept */
  lines: 200,
  /** exchanges kept per transcript: every one that broke a rule, then the last ones */
  exchanges: 40,
  /** checks that keep a transcript at all (failures first; the rest keep their message) */
  transcripts: 100,
} as const;

/** The first `max` characters, with how much was left out. */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [${text.length - max} more characters not kept]`;
}

function boundExchange(e: Exchange): Exchange {
  const out: Exchange = {
    ...e,
    request: { ...e.request, url: excerpt(e.request.url, LIMITS.body), ...(e.request.body !== undefined ? { body: excerpt(e.request.body, LIMITS.body) } : {}) },
  };
  if (e.response) out.response = { ...e.response, body: excerpt(e.response.body, LIMITS.body) };
  if (e.curl !== undefined) out.curl = excerpt(e.curl, LIMITS.body);
  if (e.error !== undefined) out.error = excerpt(e.error, LIMITS.line);
  if (e.expected !== undefined) out.expected = excerpt(e.expected, LIMITS.message);
  return out;
}

/** Every exchange that broke a rule, then the latest others, in their order; at most LIMITS.exchanges. */
export function boundTranscript(transcript: readonly Exchange[]): Exchange[] {
  let kept: readonly Exchange[] = transcript;
  if (transcript.length > LIMITS.exchanges) {
    const broke = new Set(transcript.filter((e) => e.expected !== undefined || (e.rules?.length ?? 0) > 0).slice(-LIMITS.exchanges));
    const room = LIMITS.exchanges - broke.size;
    const others = transcript.filter((e) => !broke.has(e));
    const keep = new Set([...broke, ...(room > 0 ? others.slice(-room) : [])]);
    kept = transcript.filter((e) => keep.has(e));
  }
  return kept.map(boundExchange);
}

const lines = (list: readonly string[]): string[] => list.slice(0, LIMITS.lines).map((l) => excerpt(l, LIMITS.line));

function boundCheck(check: CheckResult, keepTranscript: boolean): CheckResult {
  const out: CheckResult = { ...check };
  if (check.message !== undefined) out.message = excerpt(check.message, LIMITS.message);
  if (check.counterexample) out.counterexample = lines(check.counterexample);
  if (check.transcript) {
    if (keepTranscript) out.transcript = boundTranscript(check.transcript);
    else delete out.transcript;
  }
  return out;
}

/** A copy of the report with every string from the target bounded. */
export function boundReport(report: RunReport): RunReport {
  // failures keep their transcripts first; past LIMITS.transcripts checks, only messages are kept
  const ranked = [...report.checks].filter((c) => c.transcript?.length).sort((a, b) => Number(b.status === 'fail') - Number(a.status === 'fail'));
  const withTranscript = new Set(ranked.slice(0, LIMITS.transcripts).map((c) => c.id));
  return {
    ...report,
    checks: report.checks.map((c) => boundCheck(c, withTranscript.has(c.id))),
    ...(report.notes ? { notes: lines(report.notes) } : {}),
    ...(report.findings ? { findings: report.findings.map((f) => ({ ...f, detail: excerpt(f.detail, LIMITS.message) })) } : {}),
  };
}
