// `fps-conformance run`: placeholder until its issue lands; it says so and exits 2.
import type { Command } from 'commander';
import { UsageError } from '../../harness/errors.ts';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('(not built yet)')
    .action(() => {
      throw new UsageError('"run" is not built yet');
    });
}
