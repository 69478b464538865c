// `fps-conformance sdk`: plugs an SDK in (driver process or in-process adapter), plays FPS for it
// through the checking service, runs the scenarios and returns `{ exitCode, report }`.
import { randomBytes } from 'node:crypto';
import { parseForm } from '../spec/wire/form.ts';
import { UsageError } from '../core/errors.ts';
import type { CheckResult, RunReport } from '../core/result.ts';
import type { CheckRecord } from '../core/suite.ts';
import { assembleReport } from './report.ts';
import { timeLimited } from '../core/outcome.ts';
import { grepSelect } from './select.ts';
import { sdkReplayCommand, withSeed } from './command-line.ts';
import { checkReplaySeed, type ReplaySpec } from './run-options.ts';
import { adapterConnection, loadAdapter } from '../clients/driver-adapter.ts';
import { helloNotes, recordDeclaredCapabilities, recordPipelines } from '../suites/client/capabilities.ts';
import { SDK_CHECK, SDK_CHECKS, SDK_SUITES, sdkRecorder } from '../suites/client/checks.ts';
import type { CapturedIpn, SdkRunContext } from '../suites/client/context.ts';
import { startDriver } from '../clients/driver-process.ts';
import { interceptInProcess } from '../transports/msw.ts';
import { KitSandbox } from '../clients/kit-sandbox.ts';
import { serveLoopback } from '../transports/loopback.ts';
import { SecretBook } from '../transports/redact.ts';
import { short, type SdkConnection, type SdkSupports } from '../clients/driver-protocol.ts';
import { runAnswerVariants, runErrorVariants } from '../suites/client/scenarios/answers.ts';
import { runCalls } from '../suites/client/scenarios/calls.ts';
import { runOutboundVariants } from '../suites/client/scenarios/outbound.ts';
import { runCbui } from '../suites/client/scenarios/cbui.ts';
import { runFaults } from '../suites/client/scenarios/faults.ts';
import { runSequences } from '../suites/client/scenarios/sequences.ts';
import { runVerify } from '../suites/client/scenarios/verify.ts';
import { KitService, type Backend } from '../suites/client/service.ts';
import { ERROR_VARIANT_CHECKS, RESULT_VARIANTS, VERSION_VARIANT } from '../suites/client/variants.ts';
import { OUTBOUND_CHECKS } from '../suites/client/outbound.ts';
import type { Shard } from '../core/shard.ts';

export interface SdkRunOptions {
  /** a command speaking fps-driver/1 on stdin/stdout */
  driver?: string;
  /** a module exporting an SdkAdapter (in-process, Node SDKs) */
  adapter?: string;
  seed?: number;
  /** fast-check sequences (default 5) */
  runs?: number;
  /** per driver message (default 20000 ms) */
  timeoutMs?: number;
  /** --time-limit: no scenario and no generated sequence starts after this long (ms) */
  timeLimitMs?: number;
  /** run only the checks this selects (run/select.ts grepMatches: requirement id, tag, part of a check id, or a regular expression) */
  grep?: string;
  /** replay one generated sequence: `<check-id>@<seed>:<path>` as printed under its failure */
  replay?: ReplaySpec;
  /** how long the slow-answer fault withholds an answer (default 1500 ms) */
  slowAnswerMs?: number;
  /** the FPS to serve; default: the reference emulator (emulator/core.ts) */
  backend?: BackendFactory;
  /** the command line that reproduces the run, for the report */
  command?: string;
  progress?: (line: string) => void;
  cwd?: string;
  /** refuse a deviating request as a real service would (default: record it and answer as if it had been right) */
  strict?: boolean;
  /** aborted (reason 'SIGINT' / 'SIGTERM') → the driver is ended at once, no new message is sent, the report is marked interrupted */
  signal?: AbortSignal;
  /** `--shard i/n`: the scenarios are dealt round-robin; `fps-conformance merge` joins the parts */
  shard?: Shard;
}

export type BackendFactory = (options: { baseUrl: string; seed: number; onIpn: (url: string, body: string) => void }) => Promise<Backend & { idle?(): Promise<void> }>;

export interface SdkRunResult {
  exitCode: 0 | 1;
  report: RunReport;
}

/** The in-process endpoint: loopback, on a port nothing should listen on (and not on fetch's bad-port list, as 9 is). */
const IN_PROCESS_BASE = 'http://127.0.0.1:65533/';

const defaultBackend: BackendFactory = async ({ baseUrl, seed, onIpn }) => {
  const { createEmulator } = await import('../emulator/core.ts');
  const emulator = createEmulator({
    seed,
    choice: 'nominal',
    baseUrl,
    // SDKs stamp requests with the wall clock; the service's clock must agree (R-AUTH-4).
    start: new Date(),
    ipn: { deliver: async (url, body) => (onIpn(url, body), 200) },
  });
  return emulator;
};

// the variant rows are scenarios of their own: --grep answer/variant- runs them without the calls
const ANSWER_VARIANT_IDS = new Set<string>([...RESULT_VARIANTS.map((v) => v.check), VERSION_VARIANT.check]);
const ERROR_VARIANT_IDS = new Set<string>(ERROR_VARIANT_CHECKS.map((v) => v.check));
const OUTBOUND_IDS = new Set<string>(OUTBOUND_CHECKS.map((c) => c.check));
const isVariant = (id: string): boolean => ANSWER_VARIANT_IDS.has(id) || ERROR_VARIANT_IDS.has(id) || OUTBOUND_IDS.has(id);

const inSuite = (...suites: string[]) => (c: CheckRecord): boolean => suites.includes(c.suite);

const SCENARIOS: { name: string; checks: (c: CheckRecord) => boolean; run(ctx: SdkRunContext): Promise<void> }[] = [
  { name: 'calls', checks: (c) => inSuite(SDK_SUITES.sdk, SDK_SUITES.request, SDK_SUITES.answer)(c) && !isVariant(c.id), run: runCalls },
  { name: 'answer variants', checks: (c) => ANSWER_VARIANT_IDS.has(c.id), run: runAnswerVariants },
  { name: 'error variants', checks: (c) => ERROR_VARIANT_IDS.has(c.id), run: runErrorVariants },
  { name: 'cbui', checks: inSuite(SDK_SUITES.cbui), run: runCbui },
  { name: 'verify', checks: (c) => inSuite(SDK_SUITES.verify)(c) && !OUTBOUND_IDS.has(c.id), run: runVerify },
  { name: 'outbound variants', checks: (c) => OUTBOUND_IDS.has(c.id), run: runOutboundVariants },
  { name: 'sequences', checks: inSuite(SDK_SUITES.sequences), run: runSequences },
  // last: a fault may leave a client broken, which would blur every check after it
  { name: 'faults', checks: inSuite(SDK_SUITES.faults), run: runFaults },
];

/** --replay names one check (or --grep narrows to one); the run seed is the replay's. */
function replaySelection(replay: ReplaySpec, selected: Set<string>): Set<string> {
  if (replay.checkId !== undefined) {
    if (!SDK_CHECKS.some((c) => c.id === replay.checkId)) throw new UsageError(`--replay names check ${JSON.stringify(replay.checkId)}, which is not an SDK check`);
    return new Set([replay.checkId]);
  }
  if (selected.size !== 1) throw new UsageError(`--replay needs one check: name it (--replay <check-id>@<seed>:<path>) or narrow --grep (it selects ${selected.size})`);
  return selected;
}

export async function runSdkConformance(options: SdkRunOptions): Promise<SdkRunResult> {
  if ((options.driver === undefined) === (options.adapter === undefined)) throw new UsageError('give exactly one of --driver "<command>" or --adapter <path>');
  checkReplaySeed(options.seed, options.replay);
  const grepped = grepSelect(SDK_CHECKS, options.grep, 'the SDK checks');
  const selected = options.replay ? replaySelection(options.replay, grepped) : grepped;
  const seed = options.replay?.seed ?? options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const runs = options.runs ?? 5;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const progress = options.progress ?? (() => undefined);
  const startedAt = new Date();
  const deadline = options.timeLimitMs !== undefined ? startedAt.getTime() + options.timeLimitMs : Number.MAX_SAFE_INTEGER;
  // checks of the scenarios the time limit kept from starting: not tested, tagged so (core/outcome.ts)
  const unreached = new Set<string>();
  const rec = sdkRecorder();
  options.signal?.addEventListener('abort', () => rec.interrupt(String(options.signal!.reason ?? 'SIGINT')), { once: true });
  const notes: string[] = [];
  const ipns: CapturedIpn[] = [];

  // The adapter is loaded (and a driver started) first: a missing module or command is a usage error.
  const adapter = options.adapter !== undefined ? await loadAdapter(options.adapter, options.cwd) : undefined;
  let service: KitService | undefined;
  let loopback: Awaited<ReturnType<typeof serveLoopback>> | undefined;
  let baseUrl = IN_PROCESS_BASE;
  // the server starts first (its port is the backend's base URL); the service exists by the first request
  const late = { handle: (r: Request) => service!.handle(r) };
  if (options.driver !== undefined) {
    loopback = await serveLoopback(late);
    baseUrl = loopback.url;
  }
  const makeBackend = options.backend ?? defaultBackend;
  const backend = await makeBackend({
    baseUrl,
    seed,
    onIpn: (url, body) => {
      const f = parseForm(body);
      ipns.push({ url, params: f.ok ? { ...f.params } : {} });
    },
  });
  service = new KitService(backend, { ...(options.slowAnswerMs !== undefined ? { slowAnswerMs: options.slowAnswerMs } : {}), strict: options.strict === true });
  const interception = adapter !== undefined ? interceptInProcess(service) : undefined;
  let sdk: SdkConnection | undefined;
  // the caller's secret goes to the SDK in `configure`: blanked (transports/redact.ts) in transcripts, notes and messages
  const secrets = new SecretBook();
  let identity: RunReport['target']['sdk'];
  try {
    const connected = adapter !== undefined ? adapterConnection(adapter, `adapter: ${options.adapter}`) : await startDriver(options.driver!, { ...(options.cwd ? { cwd: options.cwd } : {}) });
    sdk = interruptible(connected, options.signal);
    const sandbox = new KitSandbox(backend, baseUrl);
    const caller = await sandbox.createAccount('caller', ['ABT', 'CC', 'ACH']);
    secrets.add(caller.secretAccessKey);
    service.addSecret(caller.secretAccessKey);
    const sender = await sandbox.createAccount('sender', ['ABT', 'CC', 'ACH']);

    const hello = await sdk.send({ type: 'hello' }, timeoutMs);
    let supports: SdkSupports = { actions: [], pipelines: [], verifyReturnUrl: false, verifyIpn: false };
    if (hello.kind === 'ok') {
      const s = hello.answer.supports ?? {};
      supports = {
        actions: Array.isArray(s.actions) ? s.actions.map(String) : [],
        pipelines: Array.isArray(s.pipelines) ? s.pipelines.map(String) : [],
        verifyReturnUrl: s.verifyReturnUrl === true,
        verifyIpn: s.verifyIpn === true,
      };
      const id = hello.answer.sdk;
      if (id !== undefined && typeof id.name === 'string') identity = { name: id.name, ...(id.version ? { version: String(id.version) } : {}), ...(id.language ? { language: String(id.language) } : {}) };
      for (const n of helloNotes(hello.answer)) notes.push(`sdk: ${n}`);
      rec.pass(SDK_CHECK.driverProtocol);
    } else {
      // a driver that cannot say hello never started: a setup error (exit 2), not a deviation of the SDK
      throw new UsageError(`${sdk.label} did not start: hello ${hello.kind === 'broken' ? hello.what : `answered ${short(hello)}`}${stderrHint(sdk)}`);
    }
    const endpoint = baseUrl;
    const cbuiEndpoint = `${baseUrl}cobranded-ui/actions/start`;
    const configured = await sdk.send({ type: 'configure', endpoint, cbuiEndpoint, accessKeyId: caller.accessKeyId, secretAccessKey: caller.secretAccessKey, version: '2010-08-28' }, timeoutMs);
    if (configured.kind === 'broken') throw new UsageError(`${sdk.label} did not start: configure ${configured.what}${stderrHint(sdk)}`);
    if (configured.kind !== 'ok') rec.fail(SDK_CHECK.driverProtocol, `configure: ${JSON.stringify(configured)}`);
    progress(`${sdk.label}: ${identity ? `${identity.name} ${identity.version ?? ''}`.trim() : 'unknown SDK'}; FPS served at ${endpoint}`);

    if (hello.kind === 'ok' && configured.kind === 'ok') {
      let refs = 0;
      const runTag = randomBytes(3).toString('hex');
      const ctx: SdkRunContext = {
        sdk, service, sandbox, rec, caller, sender, endpoint, cbuiEndpoint, supports, timeoutMs, seed, runs,
        ipns: () => [...ipns],
        ipnUrl: `${new URL(baseUrl).origin}/ipn`,
        progress,
        ref: (prefix) => `${prefix}-${runTag}-${++refs}`,
        deadline,
        ...(options.replay?.path !== undefined ? { replay: { checkId: [...selected][0]!, path: options.replay.path } } : {}),
      };
      // what hello leaves out is a row of every run, whichever scenarios --grep or --shard pick
      recordDeclaredCapabilities(ctx);
      recordPipelines(ctx);
      const scenarios = SCENARIOS.filter((scenario) => SDK_CHECKS.some((c) => scenario.checks(c) && selected.has(c.id)));
      for (const [i, scenario] of scenarios.entries()) {
        if (options.shard && i % options.shard.count !== options.shard.index - 1) continue;
        if (options.signal?.aborted) break;
        if (Date.now() >= deadline) {
          for (const c of SDK_CHECKS) if (scenario.checks(c) && !rec.observed(c.id)) unreached.add(c.id);
          continue;
        }
        progress(`${scenario.name}`);
        try {
          await scenario.run(ctx);
        } catch (err) {
          // A setup step of the kit failed (e.g. the backend refused a token): say so, never a stack.
          notes.push(`scenario ${scenario.name} stopped: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
  } finally {
    if (sdk !== undefined) {
      await sdk.close();
      notes.push(...sdk.notes());
    }
    interception?.close();
    await loopback?.close();
    await backend.close();
  }

  // whatever the driver echoes, the secret is never reported
  const redact = (text: string): string => secrets.blank(text);
  for (let i = 0; i < notes.length; i++) notes[i] = redact(notes[i]!);

  // the command always carries the seed, so the run and each replay line reproduce it
  const command = withSeed(options.command ?? `npx fps-conformance sdk ${options.driver !== undefined ? `--driver ${JSON.stringify(options.driver)}` : `--adapter ${options.adapter}`}`, seed);
  rec.replayCommand = (spec) => sdkReplayCommand(command, spec);
  rec.seed = seed;
  // a replay is about one check and what its case broke: the others are left out, not listed as skipped
  const shown = (c: CheckResult): boolean => selected.has(c.id) || (options.replay !== undefined && c.status === 'fail');
  const checks: CheckResult[] = rec
    .results()
    .filter((c) => options.replay === undefined || shown(c))
    .map((c) => (shown(c) ? c : ({ ...c, status: 'not-tested' as const, message: `excluded by --grep ${options.grep}`, transcript: undefined } as CheckResult)))
    .map((c) => (c.message !== undefined ? { ...c, message: redact(c.message) } : c))
    .map((c) => (unreached.has(c.id) && selected.has(c.id) ? timeLimited({ ...c, message: 'time limit: the run reached --time-limit before this scenario started' }) : c));
  const report = assembleReport({
    target: {
      kind: 'sdk',
      url: baseUrl,
      ...(identity ? { sdk: identity } : {}),
      driver: options.driver !== undefined ? options.driver : `adapter: ${options.adapter}`,
    },
    profile: 'core',
    seed,
    command,
    startedAt,
    checks,
    suites: [...new Set((options.replay ? checks : SDK_CHECKS).map((c) => c.suite))],
    interrupted: options.signal?.aborted ? String(options.signal.reason ?? 'SIGINT') : undefined,
    deadlinePassed: options.timeLimitMs !== undefined && Date.now() >= deadline,
    notes,
    findings: true,
    onlyCoveredRequirements: options.replay !== undefined,
    // every SDK check may be observed by several scenarios: all are split, and a part names what it did not reach
    ...(options.shard ? { shard: { ...options.shard, plan: checks.map((c) => c.id), split: checks.map((c) => c.id), untouched: checks.filter((c) => !rec.observed(c.id)).map((c) => c.id) } } : {}),
  });
  const failed = checks.filter((c) => c.status === 'fail');
  return { exitCode: failed.length > 0 ? 1 : 0, report };
}

/** The driver's last stderr lines, to say why it did not start. */
function stderrHint(sdk: SdkConnection): string {
  const said = (sdk.stderr?.() ?? []).slice(-3);
  return said.length ? ` (its stderr: ${said.join(' | ')})` : '';
}

/** After a signal, every message answers at once and the driver is ended (no orphan keeps running). */
function interruptible(sdk: SdkConnection, signal: AbortSignal | undefined): SdkConnection {
  if (!signal) return sdk;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= sdk.close());
  signal.addEventListener('abort', () => void close(), { once: true });
  return {
    label: sdk.label,
    send: (message, timeoutMs) => (signal.aborted ? Promise.resolve({ kind: 'broken', what: `interrupted (${String(signal.reason)})` }) : sdk.send(message, timeoutMs)),
    notes: () => sdk.notes(),
    ...(sdk.stderr ? { stderr: () => sdk.stderr!() } : {}),
    close,
  };
}
