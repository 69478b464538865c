// `runConformance`: one conformance run against an emulator. Picks the checks, starts or reaches the
// target (discovery through /_sandbox), gives every check a SuiteContext over the recorded target,
// rolls results up per requirement and returns the RunReport with the exit code.
import { randomInt } from 'node:crypto';
import { loadCatalogue } from '../reporters/catalogue.ts';
import { VERSIONS, type Version } from '../spec/types.ts';
import { TargetClock } from './clock.ts';
import { replayCommand, runCommand } from './command-line.ts';
import { contractDigest } from '../spec/catalogue/index.ts';
import { startEmbeddedEmulator } from './embedded.ts';
import { UsageError } from './errors.ts';
import { executeCheck } from './execute.ts';
import { createFpsClient } from './fps-client.ts';
import { startIpnReceiver, type IpnReceiver } from './ipn-receiver.ts';
import { KIT_NAME, KIT_VERSION } from './kit.ts';
import { rollUp } from './rollup.ts';
import { DEFAULT_RUNS, DEFAULT_TIMEOUT_MS, validateOptions, type Profile, type RunOptions } from './run-options.ts';
import type { CheckResult, RunReport } from './result.ts';
import { createSandboxClient, discover } from './sandbox-client.ts';
import { selectChecks, type Selection } from './select.ts';
import type { Credentials, FpsClient, SandboxAccount, SandboxClient, SandboxDiscovery, Suite, SuiteContext } from './suite.ts';
import type { Target } from './target.ts';
import { createHttpTarget } from './targets/http.ts';
import { createInProcessTarget } from './targets/in-process.ts';
import { recordingTarget, type RecordingTarget } from './targets/recording.ts';

export interface RunOutcome {
  /** 0 every check that ran held; 1 a check failed; 2 the kit itself failed on some check */
  exitCode: 0 | 1 | 2;
  report: RunReport;
}

/** Sandbox-simulation rules (R-SBX-*): not-applicable under the core profile. */
const PROFILE_ONLY = /^R-SBX-/;

async function defaultRegistry(): Promise<readonly Suite[]> {
  const mod = (await import('../suites/index.ts')) as { SUITES: readonly Suite[] };
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
  const target: RecordingTarget = recordingTarget(inner, {
    sandboxNow: () => (clock.source === 'sandbox' ? clock.isoOrUndefined() : undefined),
    secrets: options.credentials ? [options.credentials.secretAccessKey] : [],
  });
  let ipn: IpnReceiver | undefined;
  try {
    const { sandbox, discovery, profile, version, credentials } = await setUp(target, clock, options, selection, notes, progress, timeoutMs);
    if (discovery?.ipn) ipn = await startIpnReceiver();

    const deadline = options.timeLimitMs !== undefined ? startedAt.getTime() + options.timeLimitMs : Number.MAX_SAFE_INTEGER;
    const internalErrors: string[] = [];
    const checks: CheckResult[] = [];
    const fps = createFpsClient({ target, clock, version, timeoutMs });
    for (const suite of selection.suites) {
      const t0 = performance.now();
      const results: CheckResult[] = [];
      options.events?.suiteStart(suite.name, suite.checks.length);
      for (const check of suite.checks) {
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
          deadline,
          profile,
          version,
          ...(credentials ? { credentials } : {}),
          ...(options.replay?.path !== undefined && selection.run.has(check.id) ? { replayPath: options.replay.path } : {}),
          transcript: () => target.transcript(),
          markTranscript: () => target.markTranscript(),
          progress: (m) => progress(`  ${check.id}: ${m}`),
          ...(ipn ? { ipnReceiver: { url: ipn.url, received: () => ipn!.received() } } : {}),
        };
        const skipReason = selection.run.has(check.id) ? undefined : options.replay ? 'not selected: --replay runs one check' : `not selected by --grep ${JSON.stringify(options.grep)}`;
        const result = await executeCheck(check, ctx, {
          suite: suite.name,
          ...(skipReason ? { skipReason } : {}),
          replayCommand: (spec) => replayCommand(effective, suite.name, spec),
          internalErrors,
        });
        results.push(result);
        options.events?.checkDone(suite.name, result.id, result.status);
        if (result.status === 'fail' && !options.events) progress(`  FAIL ${result.id}: ${(result.message ?? '').split('\n')[0]}`);
      }
      checks.push(...results);
      if (options.events) options.events.suiteEnd(suite.name);
      else progress(suiteLine(suite.name, results, performance.now() - t0));
    }
    for (const e of internalErrors) notes.push(`internal error: ${e}`);

    const catalogue = loadCatalogue();
    const profileOnly = new Set([...catalogue.map((r) => r.id), ...checks.flatMap((c) => c.requirements)].filter((id) => PROFILE_ONLY.test(id)));
    const report: RunReport = {
      schemaVersion: 1,
      kit: { name: KIT_NAME, version: KIT_VERSION },
      contract: contractDigest(),
      target: { kind: 'emulator', url: target.baseUrl, embedded },
      profile,
      seed,
      command: runCommand(effective, seed),
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      timeLimited: checks.some((c) => c.message?.startsWith('time limit')) || (options.timeLimitMs !== undefined && Date.now() >= deadline),
      suites: selection.suites.map((s) => s.name),
      checks,
      requirements: rollUp(catalogue, checks, { profile, kind: 'emulator', profileOnly }),
      ...(notes.length ? { notes } : {}),
    };
    const exitCode = checks.some((c) => c.status === 'fail') ? 1 : internalErrors.length ? 2 : 0;
    return { exitCode, report };
  } finally {
    options.events?.done();
    await ipn?.close();
    await target.close();
  }
}

function suiteLine(name: string, results: readonly CheckResult[], ms: number): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const parts = ['pass', 'fail', 'warn', 'not-tested', 'not-applicable', 'info'].filter((s) => counts.get(s)).map((s) => `${counts.get(s)} ${s}`);
  return `${name}: ${results.length} checks, ${parts.join(', ') || 'none run'} (${(ms / 1000).toFixed(1)} s)`;
}
