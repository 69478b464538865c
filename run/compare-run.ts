// `run --target A --compare B`: one seed, two runs, the same generated cases; every case of every
// model-based check recorded on both sides and compared step by step (run/compare.ts), and every
// check whose verdict differs between the targets listed beside them.
import { randomInt } from 'node:crypto';
import { caseRecord } from './compare-record.ts';
import { compareCases, failingDifferences, type CaseRecord, type Difference } from './compare.ts';
import type { CheckStatus } from '../core/result.ts';
import type { RunOptions } from './run-options.ts';
import { runConformance, type RunOutcome } from './service-runner.ts';
import type { Exchange } from '../core/wire.ts';

/** Bodies kept per recorded exchange: enough to show both answers side by side, bounded per run. */
const KEPT_BODY = 4096;
/** Cases kept per check and side (a run with --runs 100000 compares the first ones only, and says so). */
export const MAX_CASES_PER_CHECK = 2000;

export interface VerdictDifference {
  check: string;
  a: CheckStatus;
  b: CheckStatus;
  /** one line from each side */
  messageA?: string;
  messageB?: string;
}

export interface CompareOutcome {
  /** 0 no difference beyond the choices the contract leaves open; 1 otherwise; 2 a run could not be made */
  exitCode: 0 | 1 | 2;
  seed: number;
  a: RunOutcome;
  b: RunOutcome;
  /** every step difference, allowed choices included */
  differences: Difference[];
  /** the differences that fail the comparison (the model allows one side only, or neither) */
  failing: Difference[];
  /** checks whose status differs between the two targets */
  verdicts: VerdictDifference[];
  /** cases compared, and cases left out past MAX_CASES_PER_CHECK */
  compared: number;
  leftOut: number;
}

function slim(e: Exchange): Exchange {
  const cut = (s: string | undefined): string | undefined => (s !== undefined && s.length > KEPT_BODY ? `${s.slice(0, KEPT_BODY)}… (${s.length} characters)` : s);
  const body = cut(e.request.body);
  return {
    ...e,
    request: { ...e.request, ...(body !== undefined ? { body } : {}) },
    ...(e.response ? { response: { ...e.response, body: cut(e.response.body) ?? '' } } : {}),
  };
}

function recorder(): { cases: CaseRecord[]; leftOut: () => number; options: Pick<RunOptions, 'recordCase'> } {
  const cases: CaseRecord[] = [];
  const perCheck = new Map<string, number>();
  let dropped = 0;
  return {
    cases,
    leftOut: () => dropped,
    options: {
      recordCase: (check, r) => {
        const n = perCheck.get(check) ?? 0;
        if (n >= MAX_CASES_PER_CHECK) {
          dropped++;
          return;
        }
        perCheck.set(check, n + 1);
        cases.push(caseRecord(check, r.index, r.exchanges.map(slim), r.refusedSeq));
      },
    },
  };
}

const firstLine = (s: string | undefined): string | undefined => s?.split('\n')[0];

/** Runs A, then B, with one seed, and compares what they answered. */
export async function runCompare(a: RunOptions, b: RunOptions, say: (line: string) => void = () => {}): Promise<CompareOutcome> {
  const seed = a.seed ?? b.seed ?? randomInt(0, 2 ** 31 - 1);
  const recA = recorder();
  const recB = recorder();
  say(`compare: target A first, then target B, both with seed ${seed}`);
  const outA = await runConformance({ ...a, seed, ...recA.options });
  const outB = await runConformance({ ...b, seed, ...recB.options });
  const differences = compareCases(recA.cases, recB.cases);
  const failing = failingDifferences(differences);
  const statusB = new Map(outB.report.checks.map((c) => [c.id, c]));
  const verdicts: VerdictDifference[] = [];
  for (const ca of outA.report.checks) {
    const cb = statusB.get(ca.id);
    if (!cb || cb.status === ca.status) continue;
    verdicts.push({ check: ca.id, a: ca.status, b: cb.status, ...(ca.message ? { messageA: firstLine(ca.message)! } : {}), ...(cb.message ? { messageB: firstLine(cb.message)! } : {}) });
  }
  const verdictFails = verdicts.some((v) => v.a === 'fail' || v.b === 'fail');
  const kitError = outA.exitCode === 2 || outB.exitCode === 2;
  return {
    exitCode: kitError ? 2 : failing.length > 0 || verdictFails ? 1 : 0,
    seed,
    a: outA,
    b: outB,
    differences,
    failing,
    verdicts,
    compared: Math.min(recA.cases.length, recB.cases.length),
    leftOut: recA.leftOut() + recB.leftOut(),
  };
}
