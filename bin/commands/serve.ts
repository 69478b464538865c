// `fps-conformance serve`: placeholder until its issue lands; it says so and exits 2.
import type { Command } from 'commander';
import { UsageError } from '../../harness/errors.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('(not built yet)')
    .action(() => {
      throw new UsageError('"serve" is not built yet');
    });
}
