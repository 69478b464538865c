// `fps-conformance run --target A --compare B`: both runs' reports (report-dir/a, report-dir/b), the
// comparison as compare.json and compare.html, and the console account. Exit 0 when the targets differ
// only where the contract leaves a choice open, 1 otherwise, 2 when a run could not be made.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderCompareHtml, renderCompareText, type CompareView } from '../../reporters/compare.ts';
import { writeReports } from '../../reporters/write.ts';
import { runCompare } from '../../run/compare-run.ts';
import { UsageError } from '../../core/errors.ts';
import type { Io } from './run.ts';
import type { RunReport } from '../../core/result.ts';
import type { RunOptions } from '../../run/run-options.ts';

export async function compareCommand(options: RunOptions, compareTarget: string, reportDir: string, io: Io): Promise<{ exitCode: 0 | 1 | 2; report: RunReport }> {
  if (options.shard) throw new UsageError('--compare runs whole: it does not take --shard');
  if (options.replay) throw new UsageError('--compare does not take --replay (replay each target on its own)');
  const urlA = options.target ?? 'the embedded reference emulator';
  const b: RunOptions = { ...options, target: compareTarget };
  const tell = (prefix: string) => (line: string) => io.err(`${prefix} ${line}\n`);
  const outcome = await runCompare({ ...options, progress: tell('[A]') }, { ...b, progress: tell('[B]') }, (l) => io.err(`${l}\n`));
  const view: CompareView = {
    seed: outcome.seed,
    a: { url: outcome.a.report.target.url ?? urlA, exitCode: outcome.a.exitCode },
    b: { url: outcome.b.report.target.url ?? compareTarget, exitCode: outcome.b.exitCode },
    differences: outcome.differences,
    failing: outcome.failing,
    verdicts: outcome.verdicts,
    compared: outcome.compared,
    leftOut: outcome.leftOut,
    exitCode: outcome.exitCode,
  };
  io.out(renderCompareText(view));
  const dir = resolve(reportDir);
  await writeReports(outcome.a.report, join(dir, 'a'));
  await writeReports(outcome.b.report, join(dir, 'b'));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'compare.json'), `${JSON.stringify(view, null, 2)}\n`);
    writeFileSync(join(dir, 'compare.html'), renderCompareHtml(view));
  } catch (err) {
    throw new UsageError(`cannot write the comparison to "${reportDir}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  io.out(`reports: ${join(dir, 'a')} and ${join(dir, 'b')} (each run), ${join(dir, 'compare.html')} and compare.json (the comparison)\n`);
  return { exitCode: outcome.exitCode, report: outcome.a.report };
}
