// `fps-conformance baseline`: placeholder until its issue lands; it says so and exits 2.
import type { Command } from 'commander';
import { UsageError } from '../../harness/errors.ts';

export function registerBaseline(program: Command): void {
  program
    .command('baseline')
    .description('(not built yet)')
    .action(() => {
      throw new UsageError('"baseline" is not built yet');
    });
}
