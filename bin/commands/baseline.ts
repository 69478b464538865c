// `fps-conformance baseline --write <file> --from <results.json | report dir>`: records the current
// failures as known, so later runs with --baseline fail only on new ones (run/gate.ts).
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { UsageError } from '../../core/errors.ts';
import { baselineFromReport, entryKey, readBaseline, writeBaseline } from '../../run/gate.ts';
import { readReport } from '../../reporters/read.ts';

export function registerBaseline(program: Command): void {
  program
    .command('baseline')
    .description('record the failures of a run as a baseline file (known failures, by check id and requirement id)')
    .requiredOption('--write <file>', 'baseline file to write (notes of entries still failing are kept)')
    .option('--from <path>', 'results.json of a run, or its report directory', 'fps-conformance-report')
    .addHelpText('after', '\nExample:\n  fps-conformance baseline --write fps-baseline.json --from fps-conformance-report\nThen: fps-conformance run --baseline fps-baseline.json (fails only on new failures).')
    .action((opts: { write: string; from: string }) => {
      if (!opts.write.trim()) throw new UsageError('--write needs a file name');
      const report = readReport(opts.from);
      const previous = existsSync(opts.write) ? readBaseline(opts.write) : undefined;
      const baseline = baselineFromReport(report, previous);
      writeBaseline(opts.write, baseline);
      const n = baseline.failures.length;
      process.stdout.write(`wrote ${opts.write}: ${n} known failure${n === 1 ? '' : 's'}${n ? ` (${baseline.failures.map(entryKey).join(', ')})` : ''}\n`);
      process.exitCode = 0;
    });
}
