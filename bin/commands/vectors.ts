// `fps-conformance vectors`: checks the kit's Signature Version 2 code against the golden vectors.
import type { Command } from 'commander';
import { runVectors } from '../../run/vectors.ts';

export function registerVectors(program: Command): void {
  program
    .command('vectors')
    .description('check the kit\'s Signature Version 2 code against the golden vectors (fixtures/vectors)')
    .option('--json', 'print the rows as JSON')
    .action((opts: { json?: boolean }) => {
      const { exitCode, report } = runVectors({ json: opts.json === true });
      process.stdout.write(report);
      process.exitCode = exitCode;
    });
}
