// `fps-conformance sdk`: check an FPS client library, the kit playing FPS. Wiring only; the work is
// in bin/actions/sdk.ts.
import type { Command } from 'commander';
import { sdkCommand, type SdkFlags } from '../actions/sdk.ts';

export function registerSdk(program: Command): void {
  program
    .command('sdk')
    .description('Check an FPS SDK: the kit serves FPS, checks every request the SDK sends and every answer it hands back')
    .option('--driver <command>', 'a command speaking fps-driver/1 JSON lines on stdin/stdout (any language; see docs/sdk-driver.md)')
    .option('--adapter <path>', 'a module exporting an fps-driver adapter object (Node SDKs, intercepted in-process with MSW)')
    .option('--seed <n>', 'seed for the generated sequences (default: random; printed in the report)')
    .option('--runs <n>', 'generated sequences (default 5)')
    .option('--timeout <ms>', 'how long the kit waits for each driver answer (default 20000)')
    .option('--report-dir <dir>', 'where results.json, junit.xml, report.html and summary.md go (default fps-conformance-report/)')
    .option('--grep <pattern>', 'run only checks whose id contains or matches this, e.g. faults/ or request/signature')
    .option('--strict', 'refuse a deviating request as a real service would; by default the kit records the deviation and answers as if the request had been right, so later behaviour is still judged')
    .option('--shard <i/n>', 'run part i of n (the scenarios dealt round-robin); join the parts with `fps-conformance merge`')
    .option('--json', 'print results.json to stdout instead of the summary (progress goes to stderr)')
    .addHelpText(
      'after',
      '\nExit codes: 0 every check holds, 1 deviations found (listed with their rule and exchange), 2 usage or setup error.\n' +
        'Examples:\n' +
        '  fps-conformance sdk --driver "python3 adapters/boto/driver.py"\n' +
        '  fps-conformance sdk --driver "python3 adapters/boto/driver.py --shim"\n' +
        '  fps-conformance sdk --adapter adapters/awssum\n' +
        '  fps-conformance sdk --adapter ./my-adapter.ts --grep faults/ --seed 7',
    )
    .action(async (flags: SdkFlags) => {
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
      const { exitCode } = await sdkCommand(flags, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), color });
      process.exitCode = exitCode;
    });
}
