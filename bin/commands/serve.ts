// `fps-conformance serve`: the reference emulator as a local FPS sandbox (logic in emulator/serve.ts).
import type { Command } from 'commander';
import { CHOICE_MODES } from '../../emulator/chooser.ts';
import { parseServeOptions, runServe } from '../../emulator/serve.ts';
import { PROFILES } from '../../run/run-options.ts';
import { choiceOption } from './choices.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the reference FPS emulator on loopback: FPS API, Co-Branded UI and the fps-sandbox/1 hooks')
    .option('--port <port>', 'port to listen on (0: any free port)', '8080')
    .option('--host <host>', 'loopback address to listen on', '127.0.0.1')
    .option('--seed <n>', 'seed for ids and random choices')
    .addOption(choiceOption('--choice <mode>', 'nominal (the reference behaviour), random (a seeded pick among allowed outcomes) or contrary (the allowed outcome least like the nominal one)', CHOICE_MODES).default('nominal'))
    .addOption(choiceOption('--profile <profile>', 'core or sandbox-simulation', PROFILES).default('core'))
    .option('--bug <name...>', 'inject a named bug (for testing the kit; see emulator/README.md)')
    .option('--realtime', 'the sandbox clock also follows the wall clock (for real SDKs that stamp requests with the time of day)')
    .option('--ipn-any-host', 'also deliver IPNs to OverrideIPNURLs that are not loopback')
    .option('--quiet', 'no per-request log lines')
    .action(async (raw: Record<string, unknown>) => {
      const opts = parseServeOptions(raw);
      process.exitCode = await runServe(opts, {
        out: (line) => process.stdout.write(line + '\n'),
        err: (line) => process.stderr.write(line + '\n'),
      });
    });
}
