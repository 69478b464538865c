// `fps-conformance/vitest`: the conformance suites inside a project's own vitest run, against its own
// target. One describe per suite, one it per check; the four report files are written in afterAll.
//
// The runner runs a selection as a whole (one target session, one seed), so the selection runs once
// in beforeAll and each `it` reports its check's result: a failing check fails with its message,
// rule and transcript; not-tested / not-applicable checks are skipped with their reason.
import { afterAll, beforeAll, describe, it, type TestContext } from 'vitest';
import { SUITES } from '../suites/service/index.ts';
import { loadCatalogue } from '../run/catalogue.ts';
import { failureText } from '../reporters/exchange-text.ts';
import { ruleTextLookup } from '../reporters/view.ts';
import { writeReports, DEFAULT_REPORT_DIR } from '../reporters/write.ts';
import { applyGate, entriesOf, entryKey, isKnownFailure, parseFailOn, readBaseline, type Baseline, type FailOn, type GateResult } from '../run/gate.ts';
import type { CheckResult } from '../core/result.ts';
import { runConformance, type RunOutcome } from '../run/service-runner.ts';
import type { RunOptions } from '../run/run-options.ts';
import { selectChecks } from '../run/select.ts';

export interface ConformanceOptions extends Omit<RunOptions, 'progress' | 'reportDir'> {
  /** where afterAll writes results.json, junit.xml, report.html, summary.md; false: none (default fps-conformance-report) */
  reportDir?: string | false;
  /** known failures: a baseline file path or its content; their checks are skipped as "known failure" */
  baseline?: string | Baseline;
  /** what fails: "fail" (default), "fail-new", "warn", "not-tested" (run/gate.ts) */
  failOn?: string | readonly FailOn[];
  /** title of the outer describe (default "FPS conformance") */
  title?: string;
  /** beforeAll timeout, ms (default: --time-limit plus one minute, else 10 minutes) */
  hookTimeoutMs?: number;
  /** progress lines of the run (default: none) */
  progress?: (line: string) => void;
}

/** A check that broke a rule: the message is the whole story (rule, transcript, replay), no stack. */
export class ConformanceFailure extends Error {
  override name = 'ConformanceFailure';
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

/** Registers the suites with vitest; call at the top level of a test file. Bad options throw at once (UsageError). */
export function registerConformance(options: ConformanceOptions = {}): void {
  const registry = options.registry ?? SUITES;
  const selection = selectChecks(registry, options);
  const failOn = options.failOn === undefined ? undefined : parseFailOn(typeof options.failOn === 'string' ? options.failOn : [...options.failOn]);
  const baseline = typeof options.baseline === 'string' ? readBaseline(options.baseline) : options.baseline;
  const ruleText = ruleTextLookup(loadCatalogue());
  const hookTimeout = options.hookTimeoutMs ?? (options.timeLimitMs !== undefined ? options.timeLimitMs + 60_000 : 600_000);
  const { reportDir = DEFAULT_REPORT_DIR, baseline: _b, failOn: _f, title = 'FPS conformance', hookTimeoutMs: _h, ...runOptions } = options;

  let outcome: RunOutcome | undefined;
  let startError: unknown;
  let gate: GateResult | undefined;

  describe(title, () => {
    beforeAll(async () => {
      try {
        outcome = await runConformance({ ...runOptions, registry, ...(reportDir ? { reportDir } : {}) });
        gate = applyGate(outcome.report, { ...(baseline ? { baseline } : {}), ...(failOn ? { failOn } : {}) });
      } catch (err) {
        startError = err;
      }
    }, hookTimeout);

    afterAll(async () => {
      if (!outcome || reportDir === false) return;
      await writeReports(outcome.report, reportDir, { ...(gate ? { gate } : {}), ...(failOn ? { failOn } : {}) });
    });

    const resultOf = (id: string): CheckResult => {
      if (startError) throw new ConformanceFailure(`the conformance run did not start: ${startError instanceof Error ? startError.message : String(startError)}`);
      const result = outcome?.report.checks.find((c) => c.id === id);
      if (!result) throw new ConformanceFailure(`the run reported no result for ${id}`);
      return result;
    };

    for (const suite of selection.suites) {
      describe(suite.name, () => {
        for (const check of suite.checks.filter((c) => selection.run.has(c.id))) {
          it(`${check.id}: ${check.title}`, async (ctx) => judge(resultOf(check.id), ctx));
        }
      });
    }

    if (baseline) {
      it('baseline is current (no entry now passes)', () => {
        if (startError || !gate) return; // the checks above already say the run did not start
        if (gate.stale.length && failOn?.includes('stale-baseline')) {
          throw new ConformanceFailure(`stale baseline entries (now passing or gone), remove them: ${gate.stale.join(', ')}`);
        }
      });
    }
  });

  async function judge(result: CheckResult, ctx: TestContext): Promise<void> {
    const reason = (result.message ?? '').split('\n')[0] || 'no reason given';
    switch (result.status) {
      case 'fail':
        if (isKnownFailure(baseline, result)) ctx.skip(`known failure (baseline: ${entriesOf(result).map(entryKey).join(', ')}): ${reason}`);
        throw new ConformanceFailure(failureText(result, ruleText));
      case 'warn':
        if (failOn?.includes('warn') && !isKnownFailure(baseline, result)) throw new ConformanceFailure(`warning: ${failureText(result, ruleText)}`);
        await ctx.annotate(`warning: ${reason}`, 'warning');
        return;
      case 'not-tested':
        if (failOn?.includes('not-tested')) throw new ConformanceFailure(`not tested: ${reason}`);
        ctx.skip(`not tested: ${reason}`);
        return;
      case 'not-applicable':
        ctx.skip(`not applicable: ${reason}`);
        return;
      case 'unsupported':
        if (failOn?.includes('unsupported')) throw new ConformanceFailure(`not supported by the SDK: ${reason}`);
        ctx.skip(`not supported by the SDK: ${reason}`);
        return;
      case 'blocked':
        ctx.skip(`blocked by ${(result.blockedBy ?? []).join(', ') || 'another failure'}: ${reason}`);
        return;
      case 'info':
        if (result.message) await ctx.annotate(result.message, 'info');
        return;
      case 'pass':
        return;
    }
  }
}
