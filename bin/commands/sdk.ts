// `fps-conformance sdk`: placeholder until its issue lands; it says so and exits 2.
import type { Command } from 'commander';
import { UsageError } from '../../harness/errors.ts';

export function registerSdk(program: Command): void {
  program
    .command('sdk')
    .description('(not built yet)')
    .action(() => {
      throw new UsageError('"sdk" is not built yet');
    });
}
