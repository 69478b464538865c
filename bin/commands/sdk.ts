// `fps-conformance sdk`: check an FPS client library, the kit playing FPS. Wiring only; the work is
// in bin/actions/sdk.ts.
import { Option, type Command } from 'commander';
import { FAIL_ON } from '../../run/gate.ts';
import { choiceList } from './choices.ts';
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
    .option('--time-limit <duration>', 'start no new scenario or generated sequence after this long: 90, 90s, 2m, 1m30s; checks not reached are "not tested"')
    .option('--report-dir <dir>', 'where results.json, junit.xml, report.html and summary.md go (default fps-conformance-report/)')
    .option('--grep <pattern>', 'run only checks matching a requirement id (R-WIRE-1), a tag, or part of a check id (comma-separated alternatives), or a regular expression over the id, e.g. faults/ or ^request/sig')
    .option('--replay <spec>', 'replay one failing generated sequence: <check-id>@<seed>:<path>, as printed under the failure')
    .option('--strict', 'refuse a deviating request as a real service would; by default the kit records the deviation and answers as if the request had been right, so later behaviour is still judged')
    .option('--shard <i/n>', 'run part i of n (the scenarios dealt round-robin); join the parts with `fps-conformance merge`')
    .option('--json', 'print results.json to stdout instead of the summary (progress goes to stderr)')
    .option('--baseline <file>', 'known failures (see `fps-conformance baseline`): the run fails only on failures it does not list')
    .addOption(new Option('--fail-on <list>', `what fails the run, comma-separated: ${FAIL_ON.join(', ')} (default fail; fail-new is fail)`).argParser(choiceList(FAIL_ON)))
    .addHelpText(
      'after',
      '\nExit codes: 0 every check holds, 1 deviations found (listed with their rule and exchange) or the gate failed, 2 usage or setup error, 130/143 interrupted.\n' +
        'Examples:\n' +
        '  fps-conformance sdk --driver "python3 adapters/boto/driver.py"\n' +
        '  fps-conformance sdk --driver "python3 adapters/boto/driver.py --shim"\n' +
        '  fps-conformance sdk --adapter adapters/awssum\n' +
        '  fps-conformance sdk --adapter ./my-adapter.ts --grep faults/ --seed 7\n' +
        '  fps-conformance sdk --adapter adapters/awssum --fail-on fail,unsupported --baseline known.json\n' +
        '  fps-conformance sdk --driver "python3 adapters/boto/driver.py" --replay sequences/token-pay-reserve-settle-refund@7:3:0',
    )
    .action(async (flags: SdkFlags) => {
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
      const { exitCode } = await sdkCommand(flags, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), color });
      process.exitCode = exitCode;
    });
}
