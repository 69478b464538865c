// `runConformance`: one conformance run against an emulator. Picks the checks, starts or reaches the
// target (discovery through /_sandbox), gives every check a SuiteContext over the recorded target,
// rolls results up per requirement and returns the RunReport with the exit code.
import { randomInt } from 'node:crypto';
import { VERSIONS, type Version } from '../spec/types.ts';
import { TargetClock } from '../clients/clock.ts';
import { replayCommand, runCommand } from './command-line.ts';
import { startEmbeddedEmulator } from './embedded.ts';
import { UsageError } from '../core/errors.ts';
import { executeCheck } from './execute.ts';
import { createFpsClient } from '../clients/fps-client.ts';
import { startIpnReceiver, type IpnReceiver } from '../clients/ipn-receiver.ts';
import { DEFAULT_RUNS, DEFAULT_TIMEOUT_MS, validateOptions, type Profile, type RunOptions } from './run-options.ts';
import type { CheckResult, RunReport } from '../core/result.ts';
import { internalErrorNote, type InternalError } from '../core/outcome.ts';
import { assembleReport, runExitCode } from './report.ts';
import { createSandboxClient, discover } from '../clients/sandbox-client.ts';
import { selectChecks, type Selection } from './select.ts';
import type { Credentials, FpsClient, SandboxAccount, SandboxClient, SandboxDiscovery, Suite, SuiteContext } from '../core/suite.ts';
import type { Target } from '../core/target.ts';
import { createHttpTarget } from '../transports/http.ts';
import { createInProcessTarget } from '../transports/in-process.ts';
import { checkSpeaksFps } from './setup-checks.ts';
import { recordingTarget, type RecordingTarget } from '../transports/recording.ts';
import { tapAccounts } from '../clients/account-tap.ts';
import { buildRepro, type ReproData } from './repro.ts';
import { checksOfShard } from '../core/shard.ts';

export interface RunOutcome {
  /** 0 every check that ran held; 1 a check failed; 2 the kit itself failed on some check */
  exitCode: 0 | 1 | 2;
  report: RunReport;
  /** what a standalone repro script needs, per failing check with exchanges (reporters/repro-script.ts) */
  repros: ReproData[];
  /** checks on which the kit itself failed (exit code 2): bin/ shows them where they cannot be missed */
  internalErrors: InternalError[];
}


async function defaultRegistry(): Promise<readonly Suite[]> {
  const mod = (await import('../suites/service/index.ts')) as { SUITES: readonly Suite[] };
  return mod.SUITES;
}

async function openTarget(o: RunOptions, timeoutMs: number, seed: number): Promise<{ target: Target; embedded: boolean }> {
  if (o.handler) return { target: createInProcessTarget(o.handler, { timeoutMs }), embedded: false };
  if (o.target !== undefined) return { target: createHttpTarget(o.target, { timeoutMs }), embedded: false };
  return { target: await startEmbeddedEmulator(timeoutMs, o.profile, seed), embedded: true };
}

function pickVersion(o: RunOptions, d: SandboxDiscovery | undefined): Version {
  if (o.version) return o.version;
  const declared = (d?.versions ?? []).filter((v): v is Version => (VERSIONS as readonly string[]).includes(v));
  return declared.includes('2010-08-28') || declared.length === 0 ? '2010-08-28' : declared[declared.length - 1]!;
}

interface Session {
  sandbox: SandboxClient | undefined;
  discovery: SandboxDiscovery | undefined;
  profile: Profile;
  version: Version;
  credentials: Credentials | undefined;
}

/** Discovery, profile, Version and the caller's credentials; notes say what is missing and why. */
async function setUp(
  target: RecordingTarget,
  clock: TargetClock,
  options: RunOptions,
  selection: Selection,
  notes: string[],
  progress: (line: string) => void,
  timeoutMs: number,
): Promise<Session> {
  const say = (line: string): void => {
    notes.push(line);
    progress(line);
  };
  const sandboxClient = createSandboxClient(target, clock, timeoutMs);
  const found = await discover(sandboxClient);
  if (found.kind === 'unreachable') throw new UsageError(`target ${target.baseUrl} is unreachable: ${found.reason}`);
  let sandbox: SandboxClient | undefined;
  let discovery: SandboxDiscovery | undefined;
  if (found.kind === 'sandbox') {
    sandbox = sandboxClient;
    discovery = found.discovery;
    if (discovery.clock) {
      clock.refresher = () => sandboxClient.now();
      await clock.fresh().catch((err: Error) => notes.push(`sandbox clock unreadable: ${err.message}`));
    }
  } else {
    // no fps-sandbox/1 hooks: make sure this is FPS at all before judging it (a static web server is not)
    await checkSpeaksFps(target, timeoutMs);
    const needing = selection.suites.filter((s) => s.checks.some((c) => c.needs?.some((n) => n !== 'credentials'))).map((s) => s.name);
    say(`no sandbox hooks (${found.reason}); checks that need them are not tested${needing.length ? ` (suites: ${needing.join(', ')})` : ''}`);
  }
  const declared = discovery?.profiles.includes('sandbox-simulation') ?? false;
  const profile: Profile = options.profile ?? (declared ? 'sandbox-simulation' : 'core');
  if (options.profile === 'sandbox-simulation' && !declared) {
    say('--profile sandbox-simulation was asked for, but the target does not declare it in /_sandbox: R-SBX checks hold it to rules it may not claim');
  }
  let credentials: Credentials | undefined = options.credentials;
  if (!credentials && sandbox) {
    try {
      const account: SandboxAccount = await sandbox.createAccount('caller', ['CC', 'ACH', 'ABT']);
      credentials = { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey };
      target.addSecret(account.secretAccessKey);
    } catch (err) {
      say(`could not create a caller account through /_sandbox/accounts: ${(err as Error).message}`);
    }
  }
  if (!credentials) notes.push('no API credentials: checks that need them are not tested (pass --access-key-id/--secret-access-key)');
  return { sandbox, discovery, profile, version: pickVersion(options, discovery), credentials };
}

/**
 * Throws UsageError for usage and setup problems (bad option, unknown suite, --grep matching
 * nothing, unreachable target): the CLI prints its one line and exits 2.
 */
export async function runConformance(options: RunOptions): Promise<RunOutcome> {
  validateOptions(options);
  const startedAt = new Date();
  const progress = options.progress ?? (() => {});
  const registry = options.registry ?? (await defaultRegistry());
  const selection = selectChecks(registry, options);
  const seed = options.replay?.seed ?? options.seed ?? randomInt(0, 2 ** 31 - 1);
  const runs = options.runs ?? DEFAULT_RUNS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const effective: RunOptions = { ...options, seed };
  progress(`seed ${seed} (rerun this exact run with --seed ${seed})`);

  const notes: string[] = [];
  const { target: inner, embedded } = await openTarget(options, timeoutMs, seed);
  const clock = new TargetClock();
  // the keys of every account the run makes, to judge how a failing exchange was signed (repro scripts)
  const tap = tapAccounts(yielding(inner));
  if (options.credentials) tap.addKey(options.credentials.accessKeyId, options.credentials.secretAccessKey);
  const repros: ReproData[] = [];
  const target: RecordingTarget = recordingTarget(tap.target, {
    sandboxNow: () => (clock.source === 'sandbox' ? clock.isoOrUndefined() : undefined),
    secrets: options.credentials ? [options.credentials.secretAccessKey] : [],
  });
  let ipn: IpnReceiver | undefined;
  try {
    const { sandbox, discovery, profile, version, credentials } = await setUp(target, clock, options, selection, notes, progress, timeoutMs);
    if (discovery?.ipn) ipn = await startIpnReceiver();

    const deadline = options.timeLimitMs !== undefined ? startedAt.getTime() + options.timeLimitMs : Number.MAX_SAFE_INTEGER;
    const internalErrors: InternalError[] = [];
    const checks: CheckResult[] = [];
    const fps = createFpsClient({ target, clock, version, timeoutMs });
    const signal = options.signal;
    const interrupted = (): string | undefined => (signal?.aborted ? String(signal.reason ?? 'SIGINT') : undefined);
    // --shard: every part knows the whole plan; model-based checks split by case, the rest go round-robin
    const plan = selection.suites.flatMap((s) => (options.replay ? s.checks.filter((c) => selection.run.has(c.id)) : s.checks));
    const split = plan.filter((c) => selection.run.has(c.id) && c.tags?.includes('model-based')).map((c) => c.id);
    const mine = options.shard ? checksOfShard(plan.map((c) => c.id), (id) => split.includes(id), options.shard) : undefined;
    for (const suite of selection.suites) {
      const t0 = performance.now();
      const results: CheckResult[] = [];
      // a replay is about one check: the others are left out of the report, not listed as skipped
      const suiteChecks = (options.replay ? suite.checks.filter((c) => selection.run.has(c.id)) : suite.checks).filter((c) => mine === undefined || mine.has(c.id));
      options.events?.suiteStart(suite.name, suiteChecks.length);
      for (const check of suiteChecks) {
        const sig = interrupted();
        if (sig) {
          // stop new work: what was not reached is not tested, never passed
          const r: CheckResult = { id: check.id, suite: suite.name, title: check.title, requirements: [...check.requirements], status: 'not-tested', message: `interrupted (${sig}) before this check started`, durationMs: 0 };
          results.push(r);
          options.events?.checkDone(suite.name, r.id, r.status);
          continue;
        }
        options.events?.checkStart?.(suite.name, check.id);
        // an answer that decoded as a result of its action held that action's response schema (ACTION-<Name>)
        const judgedFps: FpsClient = {
          call: async (action, params, creds, callOptions) => {
            const r = await fps.call(action, params, creds, callOptions);
            if (r.decoded?.kind === 'result') ctx.exercised?.([`ACTION-${r.decoded.action}`]);
            return r;
          },
        };
        const ctx: SuiteContext = {
          target,
          fps: judgedFps,
          sandbox,
          discovery,
          seed,
          runs,
          timeoutMs,
          // a signal ends the run's time at once: property checks read it before each case
          get deadline() {
            return signal?.aborted ? 0 : deadline;
          },
          profile,
          version,
          ...(credentials ? { credentials } : {}),
          ...(options.replay?.path !== undefined && selection.run.has(check.id) ? { replayPath: options.replay.path } : {}),
          transcript: () => target.transcript(),
          markTranscript: () => target.markTranscript(),
          progress: (m) => {
            // "N runs" notes feed the live counter instead of scrolling the console
            const runsSoFar = /^(\d+) runs$/.exec(m);
            if (runsSoFar && options.events?.caseDone) options.events.caseDone(suite.name, check.id, Number(runsSoFar[1]), runs);
            else progress(`  ${check.id}: ${m}`);
          },
          caseDone: (done, total) => options.events?.caseDone?.(suite.name, check.id, done, total),
          ...(options.shard && split.includes(check.id) ? { shard: options.shard } : {}),
          ...(options.recordCase ? { recordCase: (r: Parameters<NonNullable<RunOptions['recordCase']>>[1]) => options.recordCase!(check.id, r) } : {}),
          ...(ipn ? { ipnReceiver: { url: ipn.url, received: () => ipn!.received() } } : {}),
        };
        const skipReason = selection.run.has(check.id) ? undefined : `not selected by --grep ${JSON.stringify(options.grep)}`;
        const running = executeCheck(check, ctx, {
          suite: suite.name,
          ...(skipReason ? { skipReason } : {}),
          replayCommand: (spec) => replayCommand(effective, suite.name, spec),
          internalErrors,
        });
        const t1 = performance.now();
        let result = await untilInterrupted(running, signal);
        if (result === undefined || (interrupted() && result.status === 'pass')) {
          // a check the signal cut short did not run all its cases: not tested, whatever it saw so far
          const why = `interrupted (${interrupted()}) while this check ran`;
          result = result ?? { id: check.id, suite: suite.name, title: check.title, requirements: [...check.requirements], status: 'not-tested', durationMs: Math.round(performance.now() - t1) };
          result = { ...result, status: 'not-tested', message: result.message ? `${why}; so far: ${result.message}` : why };
        }
        results.push(result);
        if (result.status === 'fail') {
          const repro = buildRepro(result, { baseUrl: target.baseUrl, accounts: tap.accounts(), secretOf: tap.secretOf, ...(options.credentials ? { givenKeyId: options.credentials.accessKeyId } : {}) });
          if (repro) repros.push(repro);
        }
        options.events?.checkDone(suite.name, result.id, result.status);
        if (result.status === 'fail' && !options.events) progress(`  FAIL ${result.id}: ${(result.message ?? '').split('\n')[0]}`);
      }
      checks.push(...results);
      if (options.events) options.events.suiteEnd(suite.name);
      else progress(suiteLine(suite.name, results, performance.now() - t0));
    }
    for (const e of internalErrors) notes.push(internalErrorNote(e));
    const report = assembleReport({
      target: { kind: 'emulator', url: target.baseUrl, embedded },
      profile,
      seed,
      command: runCommand(effective, seed),
      startedAt,
      checks,
      suites: selection.suites.map((s) => s.name),
      interrupted: interrupted(),
      deadlinePassed: options.timeLimitMs !== undefined && Date.now() >= deadline,
      notes,
      onlyCoveredRequirements: options.replay !== undefined,
      ...(options.shard ? { shard: { ...options.shard, plan: plan.map((c) => c.id), split } } : {}),
    });
    return { exitCode: runExitCode(checks, internalErrors.length), report, repros, internalErrors };
  } finally {
    options.events?.done();
    await ipn?.close();
    await target.close();
  }
}

/**
 * Each request first yields to the event loop's macrotask queue. An in-process target answers through
 * promises alone, so without this a long check never lets a timer or a signal handler run: no progress
 * redraw, and Ctrl-C unheard until the run ends.
 */
function yielding(inner: Target): Target {
  return {
    baseUrl: inner.baseUrl,
    send: async (request, opts) => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return inner.send(request, opts);
    },
    close: () => inner.close(),
  };
}

/** How long an in-flight check may go on after a signal before the run stops waiting for it. */
export const INTERRUPT_GRACE_MS = 2000;

/** The check's result, or undefined when a signal came and the check did not end within the grace. */
async function untilInterrupted(running: Promise<CheckResult>, signal: AbortSignal | undefined): Promise<CheckResult | undefined> {
  if (!signal) return running;
  let onAbort: (() => void) | undefined;
  const cut = new Promise<undefined>((resolve) => {
    onAbort = () => setTimeout(() => resolve(undefined), INTERRUPT_GRACE_MS).unref();
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([running, cut]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

function suiteLine(name: string, results: readonly CheckResult[], ms: number): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const parts = ['pass', 'fail', 'warn', 'blocked', 'unsupported', 'not-tested', 'not-applicable', 'info'].filter((s) => counts.get(s)).map((s) => `${counts.get(s)} ${s}`);
  return `${name}: ${results.length} checks, ${parts.join(', ') || 'none run'} (${(ms / 1000).toFixed(1)} s)`;
}
