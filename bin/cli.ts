// Builds the root command and adds one subcommand per file; only this file sets the exit code.
import { Command, CommanderError } from 'commander';
import { KIT_NAME, KIT_VERSION } from '../harness/kit.ts';
import { UsageError, formatFatal } from '../harness/errors.ts';
import { registerVectors } from './commands/vectors.ts';
import { registerServe } from './commands/serve.ts';
import { registerRun } from './commands/run.ts';
import { registerSdk } from './commands/sdk.ts';
import { registerBaseline } from './commands/baseline.ts';
import { registerSign } from './commands/sign.ts';
import { registerMerge } from './commands/merge.ts';

const program = new Command();
program
  .name(KIT_NAME)
  .version(KIT_VERSION, '-V, --version')
  .description(
    'Conformance kit for the Amazon Flexible Payments Service API (2008-09-17, 2010-08-28).\n' +
      'Checks an FPS emulator (run), an FPS SDK (sdk), or serves the reference emulator (serve).',
  )
  .exitOverride()
  // one line, with commander's "(Did you mean ...?)" kept on it and the pointer to --help at its end
  // (showHelpAfterError would write that pointer as a second line)
  .configureOutput({ outputError: (str, write) => write(`${str.trim().split('\n').map((l) => l.trim()).join(' ')} (run with --help for usage)\n`) });

registerRun(program);
registerSdk(program);
registerServe(program);
registerVectors(program);
registerBaseline(program);
registerSign(program);
registerMerge(program);

program.addHelpText(
  'after',
  '\nExit codes: 0 every check holds, 1 a check failed, 2 usage or setup error.\n' +
    'Examples:\n' +
    '  fps-conformance run                       # check the embedded reference emulator\n' +
    '  fps-conformance run --target http://127.0.0.1:8080\n' +
    '  fps-conformance serve --port 8080\n' +
    '  fps-conformance vectors',
);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // help and version exit 0; unknown flags, commands and bad values exit 2
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof UsageError) {
    process.stderr.write(`${KIT_NAME}: ${err.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`${KIT_NAME}: ${formatFatal(err)}\n`);
    process.exitCode = 2;
  }
}

// A setup error, or a run a signal cut short, may leave work behind (an fs call that never returns, a
// check still running): exit now rather than wait for it. Success paths end on their own, so `serve`
// keeps listening.
const code = Number(process.exitCode ?? 0);
if (code === 2 || code === 130 || code === 143) process.exit(code);
