// `fps-conformance vectors`: placeholder until its issue lands; it says so and exits 2.
import type { Command } from 'commander';
import { UsageError } from '../../harness/errors.ts';

export function registerVectors(program: Command): void {
  program
    .command('vectors')
    .description('(not built yet)')
    .action(() => {
      throw new UsageError('"vectors" is not built yet');
    });
}
