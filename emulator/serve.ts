// `fps-conformance serve`: the reference emulator as a local FPS sandbox. Starts the server,
// creates a caller account and a buyer, prints what a person needs to start, logs one line per
// request, and stops on SIGINT/SIGTERM. bin/commands/serve.ts only wires the flags to this.
import { UsageError } from '../core/errors.ts';
import { BUG_NAMES } from './bugs.ts';
import { CHOICE_MODES, isChoiceMode, type ChoiceMode } from './chooser.ts';
import { startServer, type RunningServer } from './server.ts';

export interface ServeOptions {
  port: number;
  host: string;
  seed?: number;
  choice: ChoiceMode;
  profile: 'core' | 'sandbox-simulation';
  quiet: boolean;
  bugs: string[];
  /** deliver IPNs to non-loopback OverrideIPNURLs too */
  ipnAnyHost: boolean;
  /** the sandbox clock starts now and follows the wall clock */
  realtime: boolean;
}

const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1)$/;

/** Checks the flags; every problem is a UsageError (one line, exit 2). */
export function parseServeOptions(raw: Record<string, unknown>): ServeOptions {
  const port = Number(raw.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (0-65535), not ${String(raw.port)}`);
  const host = String(raw.host ?? '127.0.0.1');
  if (!LOOPBACK_HOST.test(host)) throw new UsageError(`--host must be a loopback address (127.0.0.1, ::1, localhost): the sandbox is for this machine only, not ${host}`);
  let seed: number | undefined;
  if (raw.seed !== undefined) {
    seed = Number(raw.seed);
    if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, not ${String(raw.seed)}`);
  }
  const choice = String(raw.choice ?? 'nominal');
  if (!isChoiceMode(choice)) throw new UsageError(`--choice must be one of ${CHOICE_MODES.join(', ')}, not ${choice}`);
  const profile = String(raw.profile ?? 'core');
  if (profile !== 'core' && profile !== 'sandbox-simulation') throw new UsageError(`--profile must be core or sandbox-simulation, not ${profile}`);
  const bugs = ((raw.bug as string[] | undefined) ?? []).flatMap((b) => b.split(',')).filter((b) => b !== '');
  const unknown = bugs.filter((b) => !BUG_NAMES.includes(b));
  if (unknown.length > 0) throw new UsageError(`unknown --bug ${unknown.join(', ')}; known: ${BUG_NAMES.join(', ')}`);
  return { port, host, ...(seed !== undefined ? { seed } : {}), choice, profile, quiet: raw.quiet === true, bugs, ipnAnyHost: raw.ipnAnyHost === true, realtime: raw.realtime === true };
}

export interface Console {
  out(line: string): void;
  err(line: string): void;
}

/** Starts serving; resolves with the running server once the caller account is made. */
export async function startServe(opts: ServeOptions, io: Console): Promise<RunningServer> {
  let server: RunningServer;
  try {
    server = await startServer({
      port: opts.port,
      host: opts.host,
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      choice: opts.choice,
      profile: opts.profile,
      bugs: opts.bugs,
      ipn: { anyHost: opts.ipnAnyHost },
      realtime: opts.realtime,
      log: (line) => io.err(line),
      logRequest: opts.quiet ? () => undefined : (line) => io.err(line),
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${opts.port} on ${opts.host} is already in use; pick another with --port`);
    if (code === 'EACCES') throw new UsageError(`not allowed to listen on port ${opts.port}; pick a port above 1023 with --port`);
    if (code === 'EADDRNOTAVAIL') throw new UsageError(`${opts.host} is not an address of this machine`);
    throw err;
  }
  const make = async (role: string, instruments: string[]): Promise<Record<string, string>> => {
    const res = await server.emulator.handle(
      new Request(`${server.url}_sandbox/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role, instruments }) }),
    );
    if (res.status >= 300) throw new Error(`could not create the ${role} account: ${await res.text()}`);
    return (await res.json()) as Record<string, string>;
  };
  const caller = await make('caller', ['CC', 'ACH', 'ABT']);
  const buyer = await make('sender', ['CC', 'ACH', 'ABT']);
  io.out(`FPS reference emulator (local sandbox) listening on ${server.url}`);
  io.out(`  FPS API:          ${server.url}`);
  io.out(`  Co-Branded UI:    ${server.url}cobranded-ui/actions/start`);
  io.out(`  sandbox hooks:    ${server.url}_sandbox  (protocol fps-sandbox/1, profile ${opts.profile}, choice ${opts.choice})`);
  io.out(`  sandbox clock:    ${(await (await server.emulator.handle(new Request(`${server.url}_sandbox/clock`))).json() as { now: string }).now}${opts.realtime ? ' (follows the wall clock)' : ' (moves only through POST /_sandbox/clock)'}`);
  if (opts.bugs.length > 0) io.out(`  INJECTED BUGS:    ${opts.bugs.join(', ')} (this emulator is wrong on purpose)`);
  io.out('');
  io.out('Local sandbox credentials (a caller account just created for you on this emulator only):');
  io.out(`  export FPS_ACCESS_KEY_ID=${caller.accessKeyId}`);
  io.out(`  export FPS_SECRET_ACCESS_KEY=${caller.secretAccessKey}`);
  io.out(`A buyer (sender with CC, ACH, ABT) to sign in at the Co-Branded UI: ${buyer.email}`);
  io.out('Press Ctrl-C to stop.');
  return server;
}

/** Serves until SIGINT or SIGTERM; resolves with the exit code. */
export async function runServe(opts: ServeOptions, io: Console): Promise<number> {
  const server = await startServe(opts, io);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.err('stopping');
  await server.close();
  return 0;
}
