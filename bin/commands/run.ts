// `fps-conformance run`: check an FPS emulator. Wiring only; the work is in bin/actions/run.ts.
import { Option, type Command } from 'commander';
import { runCommand, type RunFlags } from '../actions/run.ts';
import { FAIL_ON } from '../../run/gate.ts';
import { DEFAULT_REPORT_DIR, DEFAULT_RUNS, DEFAULT_TIMEOUT_MS, PROFILES } from '../../run/run-options.ts';
import { VERSIONS } from '../../spec/types.ts';
import { choiceList, choiceOption } from './choices.ts';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Check an FPS emulator against the FPS documents and rulings (starts the reference emulator in-process when --target is not given)')
    .option('--target <url>', 'base URL of the emulator, e.g. http://127.0.0.1:8080/ (default: the embedded reference emulator)')
    .option('--suite <names>', 'comma-separated suites to run (default: all), e.g. signature,wire,robustness')
    .option('--seed <n>', 'seed for generated cases (default: random; always printed, so any run can be repeated)')
    .option('--runs <n>', `generated cases per property (default ${DEFAULT_RUNS})`)
    .option('--replay <spec>', 'replay one failure: <check-id>@<seed>:<path>, as printed under a failure (or <seed>:<path> with --grep naming one check)')
    .option('--timeout <ms>', `per-request timeout in ms; a slower answer counts as a hang (default ${DEFAULT_TIMEOUT_MS})`)
    .option('--time-limit <duration>', 'stop starting new cases after this long: 90, 90s, 2m, 1m30s; checks not reached are "not tested"')
    .option('--grep <pattern>', 'run only checks matching a requirement id (R-AUTH-2), a tag, or part of a check id; comma-separated alternatives')
    .addOption(choiceOption('--profile <name>', 'core | sandbox-simulation (default: sandbox-simulation only when the target declares it in /_sandbox)', PROFILES))
    .option('--report-dir <dir>', `where results.json, junit.xml, report.html and summary.md go (default ${DEFAULT_REPORT_DIR}/)`)
    .option('--access-key-id <id>', 'API credentials for a target without /_sandbox (or env FPS_ACCESS_KEY_ID)')
    .option('--secret-access-key <key>', 'secret for --access-key-id (or env FPS_SECRET_ACCESS_KEY; never printed)')
    .addOption(choiceOption('--api-version <version>', 'default FPS Version for requests: 2008-09-17 or 2010-08-28 (default: the newest the target declares)', VERSIONS))
    .option('--shard <i/n>', 'run part i of n (a deterministic split of the checks and of the generated cases); join the parts with `fps-conformance merge`')
    .option('--compare <url>', 'run the same seed against this second target too and report every difference in their answers (ids mapped), and whether the contract allows both')
    .option('--json', 'print results.json to stdout instead of the summary table (progress goes to stderr)')
    .option('--baseline <file>', 'known failures (see `fps-conformance baseline`): the run fails only on failures it does not list')
    .addOption(new Option('--fail-on <list>', `what fails the run, comma-separated: ${FAIL_ON.join(', ')} (default fail; fail-new is fail)`).argParser(choiceList(FAIL_ON)))
    .addHelpText(
      'after',
      '\nExit codes: 0 every check that ran holds, 1 a check failed, 2 usage or setup error (bad flag, unreachable target).\n' +
        'Examples:\n' +
        '  fps-conformance run                                   # the embedded reference emulator\n' +
        '  fps-conformance run --target http://127.0.0.1:8080 --suite signature,wire\n' +
        '  fps-conformance run --grep R-AUTH-2 --seed 1234 --runs 200\n' +
        '  fps-conformance run --replay signature/tampered-request-rejected@1234:5:1:0\n' +
        '  FPS_ACCESS_KEY_ID=AK FPS_SECRET_ACCESS_KEY=... fps-conformance run --target http://127.0.0.1:9000 --suite signature',
    )
    .action(async (flags: RunFlags) => {
      // loaded here, not at start-up: the injected-bug table is only needed by a run's reports
      const { UNCHECKED_CLAUSES } = await import('../../emulator/bugs/clauses.ts');
      const { exitCode } = await runCommand(flags, {
        out: (t) => process.stdout.write(t),
        err: (t) => process.stderr.write(t),
        isTTY: process.stdout.isTTY === true,
        env: process.env,
      }, { uncheckedClauses: UNCHECKED_CLAUSES });
      process.exitCode = exitCode;
    });
}
