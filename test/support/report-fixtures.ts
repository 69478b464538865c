// Example reports for the reporter tests (built by fixtures/reports/build.ts) and a hostile variant.
import { readFileSync } from 'node:fs';
import type { RunReport } from '../../core/result.ts';
import { toCurl } from '../../core/curl.ts';

/** Built examples (fixtures/reports/build.ts). */
export const FIXTURES = ['passing', 'failing', 'time-limited'] as const;
/** Examples plus a real report: the runner against the reference emulator (fps-conformance serve). */
export const ALL_REPORTS = [...FIXTURES, 'reference-emulator'] as const;

export function fixture(name: (typeof ALL_REPORTS)[number]): RunReport {
  return JSON.parse(readFileSync(new URL(`../../fixtures/reports/${name}.report.json`, import.meta.url), 'utf8')) as RunReport;
}

/** A target answer built to break out of every format the reporters write. */
export const HOSTILE = '</pre><script>window.__pwned=1</script>"\'><img src=x onerror="window.__pwned=2"> ]]> --> \u001b[31mred\u001b[0m \u0000\u0007 `code` | cell | \\';

/** The secret the hostile report leaks (in a query parameter and a header); no reporter may print it. */
export const LEAKED_SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY';

/** As the harness does (run/execute.ts): every exchange of a failing check gets its curl command. */
function withCurl(report: RunReport): RunReport {
  return {
    ...report,
    checks: report.checks.map((c) => (c.status === 'fail' && c.transcript ? { ...c, transcript: c.transcript.map((e) => ({ ...e, curl: toCurl(e.request) })) } : c)),
  };
}

/**
 * The failing report with a hostile check id, title, message and answer body added, and a leaked secret
 * (also inside the curl commands, which the harness sets on failing checks' exchanges).
 */
export function hostileReport(): RunReport {
  const base = fixture('failing');
  const first = base.checks.find((c) => c.transcript?.length)!;
  return withCurl({
    ...base,
    checks: [
      ...base.checks,
      {
        ...first,
        id: `wire/${HOSTILE}`,
        title: HOSTILE,
        message: `${HOSTILE}\nsecond line`,
        counterexample: [HOSTILE],
        transcript: first.transcript!.map((e) => ({
          ...e,
          label: HOSTILE,
          request: {
            ...e.request,
            url: `${e.request.url}&AWSSecretKey=${LEAKED_SECRET}&X=${encodeURIComponent(HOSTILE)}`,
            headers: { ...e.request.headers, 'X-Secret-Token': `${LEAKED_SECRET}'quoted` },
          },
          response: { status: 500, headers: { 'content-type': HOSTILE }, body: `<Response><Errors><Error><Code>${HOSTILE}</Code></Error></Errors></Response>` },
          expected: HOSTILE,
        })),
        replay: { seed: 1, command: `npx fps-conformance run --replay '${HOSTILE}'` },
      },
    ],
  });
}
