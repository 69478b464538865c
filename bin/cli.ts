// Builds the root command and adds one subcommand per file; only this file sets the exit code.
import { Command, CommanderError } from 'commander';
import { KIT_NAME, KIT_VERSION } from '../core/kit.ts';
import { UsageError, formatFatal } from '../core/errors.ts';

/** One module per subcommand, loaded only when named (start-up pays for the one command it runs). */
const COMMANDS: Readonly<Record<string, () => Promise<(p: Command) => void>>> = {
  run: async () => (await import('./commands/run.ts')).registerRun,
  sdk: async () => (await import('./commands/sdk.ts')).registerSdk,
  serve: async () => (await import('./commands/serve.ts')).registerServe,
  vectors: async () => (await import('./commands/vectors.ts')).registerVectors,
  baseline: async () => (await import('./commands/baseline.ts')).registerBaseline,
  sign: async () => (await import('./commands/sign.ts')).registerSign,
  merge: async () => (await import('./commands/merge.ts')).registerMerge,
};

// a reader that goes away (`fps-conformance --help | head`) ends the output, not the process with a stack
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

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

// help, a typo or no command: every command, for the listing and commander's "Did you mean"
const named = process.argv.slice(2).find((a) => !a.startsWith('-'));
const wanted = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
for (const register of await Promise.all(wanted.map((n) => COMMANDS[n]!()))) register(program);

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
