// `fps-conformance merge <part>... --report-dir <dir>`: the results.json of the n `--shard i/n` parts of
// one run joined into one set of reports, with the verdict, coverage and gate of the unsharded run.
import { Option, type Command } from 'commander';
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.ts';
import { applyGate, FAIL_ON, resolveGateOptions } from '../../run/gate.ts';
import { mergeShards, type MergePart } from '../../run/merge.ts';
import { render as renderConsole } from '../../reporters/console.ts';
import { loadCatalogue } from '../../run/catalogue.ts';
import { readReport } from '../../reporters/read.ts';
import { DEFAULT_REPORT_DIR, writeReports } from '../../reporters/write.ts';
import { choiceList } from './choices.ts';

/** A part: a results.json, a report dir, or a dir of report dirs (as a CI job's artifacts download). */
function partsOf(path: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`cannot read "${path}": no such file or directory`);
  }
  if (!isDir) return [path];
  const own = join(path, 'results.json');
  try {
    if (statSync(own).isFile()) return [own];
  } catch {
    /* not a report dir: look one level down */
  }
  const below = readdirSync(path, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(path, d.name, 'results.json')).filter((f) => {
    try {
      return statSync(f).isFile();
    } catch {
      return false;
    }
  });
  if (below.length === 0) throw new UsageError(`"${path}" holds no results.json (nor do the directories in it)`);
  return below.sort();
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('join the results.json of the parts of a --shard run into one set of reports (refuses parts of different seeds, contracts or kit versions, and names missing parts)')
    .argument('<parts...>', 'results.json files, report directories, or a directory of report directories')
    .option('--report-dir <dir>', `where the merged results.json, junit.xml, report.html and summary.md go (default ${DEFAULT_REPORT_DIR}/)`)
    .option('--baseline <file>', 'known failures: the merged run fails only on failures it does not list')
    .addOption(new Option('--fail-on <list>', `what fails the merged run, comma-separated: ${FAIL_ON.join(', ')}`).argParser(choiceList(FAIL_ON)))
    .addHelpText('after', '\nExample (a CI matrix of 3 jobs, then one merge job):\n  fps-conformance run --seed 42 --shard 2/3 --report-dir part-2\n  fps-conformance merge part-1 part-2 part-3 --report-dir fps-conformance-report')
    .action(async (paths: string[], flags: { reportDir?: string; baseline?: string; failOn?: string }) => {
      const gateOptions = flags.baseline !== undefined || flags.failOn !== undefined ? resolveGateOptions(flags) : undefined;
      const parts: MergePart[] = paths.flatMap(partsOf).map((file) => ({ source: file, report: readReport(file) }));
      const report = mergeShards(parts, loadCatalogue());
      const gate = gateOptions ? applyGate(report, gateOptions) : undefined;
      const gateSummary = gate ? { exitCode: gate.exitCode, newFailures: gate.newFailures, knownFailures: gate.knownFailures, fixed: gate.fixed, stale: gate.stale, lines: gate.lines } : undefined;
      process.stdout.write(`merged ${parts.length} part${parts.length === 1 ? '' : 's'} of seed ${report.seed}\n`);
      process.stdout.write(renderConsole(report, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }));
      if (gate) for (const line of gate.lines) process.stdout.write(`${line}\n`);
      const written = await writeReports(report, flags.reportDir ?? DEFAULT_REPORT_DIR, {
        ...(gateSummary ? { gate: gateSummary } : {}),
        ...(gateOptions?.failOn ? { failOn: gateOptions.failOn } : {}),
      });
      process.stdout.write(`reports: ${written.dir} (results.json, junit.xml, report.html, summary.md)\n`);
      const failed = report.checks.some((c) => c.status === 'fail') ? 1 : 0;
      process.exitCode = gate ? gate.exitCode : failed;
    });
}
