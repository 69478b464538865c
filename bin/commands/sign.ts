// `fps-conformance sign`: sign one FPS request or Co-Branded URL for curl (logic in emulator/sign-helper.ts).
import type { Command } from 'commander';
import { parseSignOptions, signLine } from '../../emulator/sign-helper.ts';
import { VERSIONS } from '../../spec/types.ts';
import { choiceOption } from './choices.ts';

export function registerSign(program: Command): void {
  program
    .command('sign')
    .description('Print a signed FPS API request (GET URL or POST body) or Co-Branded UI URL; keys from FPS_ACCESS_KEY_ID and FPS_SECRET_ACCESS_KEY')
    .argument('<name=value...>', 'request parameters, e.g. Action=Pay SenderTokenId=... TransactionAmount.Value=1.00')
    .option('--endpoint <url>', 'FPS endpoint (its sandbox clock gives the Timestamp)', 'http://127.0.0.1:8080/')
    .option('--cbui', 'sign a Co-Branded UI URL instead (callerKey is added)')
    .option('--method <verb>', 'GET prints a URL, POST prints a form body', 'GET')
    .addOption(choiceOption('--api-version <version>', 'the request Version parameter', VERSIONS).default('2010-08-28'))
    .addOption(choiceOption('--signature-method <m>', 'HmacSHA256 or HmacSHA1', ['HmacSHA256', 'HmacSHA1']).default('HmacSHA256'))
    .option('--timestamp <iso>', 'Timestamp to sign (default: the endpoint\'s sandbox clock)')
    .option('--access-key-id <key>', 'AWSAccessKeyId (default FPS_ACCESS_KEY_ID)')
    .action(async (args: string[], raw: Record<string, unknown>) => {
      process.stdout.write((await signLine(parseSignOptions(raw, args, process.env))) + '\n');
      process.exitCode = 0;
    });
}
