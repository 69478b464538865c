// Two ratios, each measured side by side in one run (the machine is shared: absolute rates drift,
// ratios much less):
//  1. client: the kit's FpsClient (sign, record, redact, decode, validate) against a bare undici loop
//     sending the same kind of pre-signed requests, both to one fixed-answer node:http server in
//     another process; alternating rounds, best round of each (target ≥ 0.8).
//  2. emulator: the reference emulator against a bare node:http server (fixed Pay answer), both in
//     another process, serving the same pre-signed, distinct, accepted Pays to the same undici loop
//     (target ≥ 0.5), and flat: the emulator's rate over the last 10 % of the Pays against the first
//     10 % (target ≥ 0.9). The floor is measured in ten slices, one after each tenth of the Pays, so
//     both rates span the same stretch of the machine's load. The world grows: every Pay is a new
//     accepted payment, on MultiUse tokens made beforehand, 20 consecutive Pays each (a usage check
//     reads its token's uses, so a round-robin over the tokens would measure token histories
//     growing, not the world).
//     The emulator first serves 10,000 distinct Pays (not timed), so the first tenth is not slowed
//     by JIT warm-up (after 2,000 it still was, by a fifth or more): flat then means the cost per Pay
//     does not grow with the world, and does not flatter it. The emulator process's CPU time per Pay
//     in each tenth is printed beside the rates: on a shared machine a rate can fall because the load
//     rose; the CPU time per Pay moves less. Then the grown emulator serves a tenth's worth more in
//     bursts that alternate with bursts of a second emulator's first tenth (set up and warmed up the
//     same way): their CPU per Pay side by side says what the grown world costs with the machine's
//     drift cancelled, and the CPU per Pay of each burst shows one that holds a full collection of
//     the grown heap.
//   npx tsx bench/throughput.ts [client requests per round=4000] [pays=100000] [concurrency=8] [rounds=3]
const { signCbuiUrl, signedParams } = await kit<typeof import('../spec/sigv2/index.ts')>('spec/sigv2/index');
const { TargetClock } = await kit<typeof import('../clients/clock.ts')>('clients/clock');
const { createFpsClient } = await kit<typeof import('../clients/fps-client.ts')>('clients/fps-client');
const { createHttpTarget } = await kit<typeof import('../transports/http.ts')>('transports/http');
const { recordingTarget } = await kit<typeof import('../transports/recording.ts')>('transports/recording');
import type { Agent } from 'undici';
import { bareDispatchLoop, bareLoop, childServer, fixedBody, loadavg, newAgent, pool, rate, type ChildServer, type Presigned } from './lib.ts';
import { kit, measuring } from './code.ts';

const [clientTotal, pays, width, rounds] = [4000, 100_000, 8, 3].map((d, i) => Number(process.argv[2 + i] ?? d)) as [number, number, number, number];
if (![clientTotal, pays, width, rounds].every((n) => Number.isSafeInteger(n) && n >= 1) || pays < 20) {
  process.stderr.write('usage: tsx bench/throughput.ts [client requests>=1] [pays>=20] [concurrency>=1] [rounds>=1]\n');
  process.exit(2);
}
/** Pays per MultiUse token in the emulator part */
const USES_PER_TOKEN = 20;
/** bursts per side in the side-by-side flat measurement (about 1,000 Pays each by default) */
const BURSTS = 10;
const out = (line: string): boolean => process.stdout.write(`${line}\n`);
/** the figures, printed together at the end */
const summary: string[] = [];
out(`load average at start: ${await loadavg()}; measuring ${measuring}`);

// 1. the kit's client against the floor, one fixed-answer server
{
  const body = fixedBody('GetTransactionStatus', { TransactionId: '14GKD9GE66FAA63E6O6B2JDPZKN53LZ7F22', TransactionStatus: 'Success', CallerReference: 'ref-1', StatusCode: 'Success', StatusMessage: 'ok' });
  const server = await childServer('fixed', { BENCH_BODY: body });
  const agent = newAgent();
  try {
    const target = recordingTarget(createHttpTarget(server.url, { timeoutMs: 10_000 }), { maxKept: 100 });
    const fps = createFpsClient({ target, clock: new TargetClock(), version: '2010-08-28', timeoutMs: 10_000 });
    const creds = { accessKeyId: 'AKIABENCHBENCHBENCH1', secretAccessKey: 'benchbenchbenchbenchbenchbenchbenchbench' };
    const params = (i: number) => ({ TransactionId: `BENCH${String(i).padStart(20, '0')}` });
    const kitRound = () => pool(clientTotal, width, async (i) => {
      const r = await fps.call('GetTransactionStatus', params(i), creds);
      if (r.decoded?.kind !== 'result') throw new Error(`the kit did not decode the fixed answer: ${JSON.stringify(r.decoded).slice(0, 200)}`);
    });
    const presigned = async (): Promise<Presigned[]> => {
      const reqs: Presigned[] = [];
      for (let i = 0; i < clientTotal; i++) {
        const q = (await fps.build('GetTransactionStatus', params(i), creds)).request;
        reqs.push({ method: 'GET', url: q.url, headers: q.headers });
      }
      return reqs;
    };
    const bareRound = async () => (await bareLoop(server.url, await presigned(), width, agent)).ms;
    const dispatchRound = async () => bareDispatchLoop(server.url, await presigned(), width, agent);
    let kit = Infinity, bare = Infinity, dispatch = Infinity;
    // one untimed round of each first, so every side is timed JIT-warm (the kit has the most code to compile)
    await kitRound();
    await bareRound();
    await dispatchRound();
    for (let r = 0; r < rounds; r++) {
      kit = Math.min(kit, await kitRound());
      bare = Math.min(bare, await bareRound());
      dispatch = Math.min(dispatch, await dispatchRound());
    }
    await target.close();
    out(`client: ${clientTotal} GetTransactionStatus per round, concurrency ${width}, best of ${rounds} rounds, fixed-answer node:http server in another process`);
    out(`  kit FpsClient (sign + record + redact + decode + validate): ${rate(clientTotal, kit)} req/s`);
    out(`  bare undici loop (pre-signed, nothing decoded):              ${rate(clientTotal, bare)} req/s`);
    out(`  ratio kit / bare: ${(rate(clientTotal, kit) / rate(clientTotal, bare)).toFixed(2)} (target >= 0.80)`);
    // the kit's transport is undici's dispatch API, cheaper than request(): the ratio to that floor too
    out(`  bare undici dispatch loop (the kit's transport, nothing else): ${rate(clientTotal, dispatch)} req/s; kit / dispatch ${(rate(clientTotal, kit) / rate(clientTotal, dispatch)).toFixed(2)}`);
    summary.push(`client   kit / bare undici:        ${(rate(clientTotal, kit) / rate(clientTotal, bare)).toFixed(2)} (target >= 0.80; ${rate(clientTotal, kit)} vs ${rate(clientTotal, bare)} req/s)`);
    summary.push(`client   kit / bare undici dispatch: ${(rate(clientTotal, kit) / rate(clientTotal, dispatch)).toFixed(2)} (no target; ${rate(clientTotal, dispatch)} req/s)`);
  } finally {
    await agent.close();
    await server.close();
  }
}

// 2. the emulator against the floor, the same signed Pays

/**
 * An emulator in another process with a caller, a buyer and MultiUse tokens for `warmUp + count`
 * Pays (and two probes), those Pays presigned and the probes checked accepted: `warm(agent)` serves
 * the warm-up Pays (not timed), and `reqs` are the `count` Pays left to time after them. Closes the
 * emulator itself when it cannot get that far.
 */
async function preparedEmulator(count: number, warmUp: number, env: Record<string, string> = {}): Promise<{ emulator: ChildServer; warm(agent: Agent): Promise<void>; reqs: Presigned[]; tokens: number; setupMs: number }> {
  const emulator = await childServer('emulator', env);
  try {
    const host = new URL(emulator.url).host;
    const json = async (path: string, method: string, body?: unknown): Promise<Record<string, unknown>> => {
      const res = await fetch(new URL(path, emulator.url), { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return (await res.json()) as Record<string, unknown>;
    };
    const caller = await json('/_sandbox/accounts', 'POST', { role: 'caller', instruments: ['ABT'] });
    await json('/_sandbox/accounts', 'POST', { role: 'sender', instruments: ['ABT'], email: 'bench-buyer@example.com' });
    const accessKeyId = String(caller.accessKeyId), secret = String(caller.secretAccessKey);
    // the sandbox clock stands still between requests (no --realtime): one Timestamp serves every Pay
    const timestamp = String((await json('/_sandbox/clock', 'GET')).now);
    // tokens: USES_PER_TOKEN consecutive Pays each, so the first and the last tenth see the same
    // token histories (a usage check reads its token's uses, R-TOK-7/8) while the world grows
    const tokens: string[] = [];
    const tokenCount = Math.max(1, Math.ceil((count + 2 + warmUp) / USES_PER_TOKEN));
    const t0 = performance.now();
    await pool(tokenCount, width, async (i) => {
      const url = signCbuiUrl(new URL('/cobranded-ui/actions/start', emulator.url).href, {
        callerKey: accessKeyId, pipelineName: 'MultiUse', callerReference: `bench-token-${i}`, globalAmountLimit: '1000', paymentMethod: 'ABT', returnURL: 'http://127.0.0.1:9/return',
      }, secret);
      const res = await fetch(url, { redirect: 'manual', headers: { 'x-sandbox-buyer': 'bench-buyer@example.com' } });
      const id = new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('tokenID');
      if (!id) throw new Error(`no token made: ${res.status} ${res.headers.get('location')}`);
      tokens[i] = id;
    });
    const setupMs = performance.now() - t0;
    const reqs: Presigned[] = Array.from({ length: count + 2 + warmUp }, (_, i) => {
      const params = signedParams({
        action: 'Pay', accessKeyId, secret, method: 'POST', host, path: '/', timestamp, version: '2010-08-28', signatureMethod: 'HmacSHA256',
        params: { SenderTokenId: tokens[Math.floor(i / USES_PER_TOKEN) % tokens.length]!, 'TransactionAmount.Value': '1.00', 'TransactionAmount.CurrencyCode': 'USD', CallerReference: `bench-pay-${i}` },
      });
      return { method: 'POST', url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() };
    });
    // presigning many Pays can keep this loop busy past the server's keep-alive timeout (5 s): let the
    // pool see the idle connections the server closed meanwhile, or a probe reuses one and fails
    await new Promise((resolve) => setTimeout(resolve, 100));
    // the answer must be an accepted payment: check a few before timing
    for (const probe of [0, 1]) {
      const r = reqs[probe]!;
      const res = await fetch(new URL('/', emulator.url), { method: 'POST', headers: r.headers, body: r.body });
      const text = await res.text();
      if (!/<TransactionStatus>(Success|Pending)</.test(text)) throw new Error(`a bench Pay was not accepted: ${text.slice(0, 300)}`);
    }
    const warm = async (agent: Agent): Promise<void> => void (await bareLoop(emulator.url, reqs.slice(2, 2 + warmUp), width, agent));
    return { emulator, warm, reqs: reqs.slice(2 + warmUp), tokens: tokens.length, setupMs };
  } catch (e) {
    await emulator.close();
    throw e;
  }
}

/** `xs` in `n` consecutive parts, as even as they come (none empty unless `xs` is shorter than `n`) */
function parts<T>(xs: readonly T[], n: number): T[][] {
  const k = Math.min(n, xs.length);
  return Array.from({ length: k }, (_, i) => xs.slice(Math.floor((i * xs.length) / k), Math.floor(((i + 1) * xs.length) / k)));
}

{
  const warmUp = Math.min(10_000, Math.ceil(pays / 10));
  // After the ten tenths, the grown world beside a fresh one: the grown emulator serves as many
  // Pays again as a tenth, in bursts that alternate with bursts of a second emulator's first tenth
  // (set up the same way, warmed up right before, as the grown one is before its first tenth), so
  // their CPU per Pay spans the same stretch of the machine's load: the tenths of one world, a minute
  // apart, also read the machine's swings (the cheapest tenth of a run has cost 59-71 % of its
  // dearest). The ten tenths themselves stay unbroken, so flat is measured as the target defines it.
  // The rates of the bursts are printed but are no flat figure: the grown world's concurrent marking
  // can go on while the other serves, and slow the other's client.
  const beside = Math.floor(pays / 10);
  // every child started so far, closed at the end whatever happens
  const started: ChildServer[] = [];
  const agent = newAgent();
  try {
    // (BENCH_CPU_PROF profiles the grown one only: both would write the one file)
    const young = await preparedEmulator(beside, warmUp, { BENCH_CPU_PROF: '', BENCH_NAME: 'second emulator server' });
    started.push(young.emulator);
    const grown = await preparedEmulator(pays + beside, warmUp);
    const emulator = grown.emulator;
    started.push(emulator);
    const bare = await childServer('fixed', { BENCH_BODY: fixedBody('Pay', { TransactionId: '14GKD9GE66FAA63E6O6B2JDPZKN53LZ7F22', TransactionStatus: 'Success' }) });
    started.push(bare);
    await grown.warm(agent);
    const rest = grown.reqs.slice(0, pays);
    const tenths = parts(rest, 10);
    // the Pays in tenths, each followed by a slice of the floor's requests: both rates are summed over
    // windows spread across the whole run, so a change in the machine's speed meets both sides (one
    // floor measurement before or after the emulator's left the ratio to whichever window was faster)
    const bareSlice = rest.slice(0, Math.min(rest.length, 2000));
    // the emulator process's CPU time from the start of each tenth to the start of the next: the rate
    // per tenth is what the target asks for, the CPU time per Pay says whether a change in rate is the
    // world growing or the load. The floor's slice after a tenth counts in it: a collection the
    // emulator goes on with while it waits is the cost of the Pays before (an idle process costs nothing else)
    const times: number[] = [], cpus: number[] = [];
    let bareMsSum = 0, bareCpuSum = 0, bareCount = 0;
    // user and system time apart: system time (the socket writes that wake the waiting client) grows
    // when the client waits on a slower server, so it says how much of a Pay the kernel's share is
    let user = 0, system = 0;
    let mark = await emulator.cpuSplit();
    for (const [t, part] of tenths.entries()) {
      // beside the server's log of its full collections (BENCH_GC=1): which tenth each fell in
      if (process.env.BENCH_GC === '1') process.stderr.write(`emulator tenth ${t + 1} starts at ${Date.now()}\n`);
      times.push((await bareLoop(emulator.url, part, width, agent)).ms);
      const b0 = await bare.cpu();
      bareMsSum += (await bareLoop(bare.url, bareSlice, width, agent)).ms;
      bareCpuSum += (await bare.cpu()) - b0;
      bareCount += bareSlice.length;
      const now = await emulator.cpuSplit();
      cpus.push((now.user + now.system - mark.user - mark.system) / part.length);
      user += now.user - mark.user;
      system += now.system - mark.system;
      mark = now;
    }
    // the grown world beside a fresh one, BURSTS bursts each, the grown one first (it idled through
    // the other's warm-up: if anything, that costs the grown world); each process's CPU counted over
    // the whole stretch, the gaps included (a collection may run on while it waits for its next
    // burst), the grown one's from before the other's warm-up: what it does meanwhile counts against
    // it, as what the warm-up leaves to collect counts against the fresh one
    if (process.env.BENCH_GC === '1') process.stderr.write(`emulator beside a fresh one from ${Date.now()}\n`);
    const g0 = await emulator.cpu();
    await young.warm(agent);
    const mine = parts(grown.reqs.slice(pays), BURSTS), theirs = parts(young.reqs, BURSTS);
    const side = { grown: { ms: 0, bursts: [] as number[], cpu: 0 }, young: { ms: 0, bursts: [] as number[], cpu: 0 } };
    const y0 = await young.emulator.cpu();
    for (let b = 0; b < Math.max(mine.length, theirs.length); b++) {
      for (const [server, part, into] of [[emulator, mine[b], side.grown], [young.emulator, theirs[b], side.young]] as const) {
        if (!part) continue;
        const c0 = await server.cpu();
        into.ms += (await bareLoop(server.url, part, width, agent)).ms;
        into.bursts.push(((await server.cpu()) - c0) / part.length);
      }
    }
    side.grown.cpu = ((await emulator.cpu()) - g0) / beside;
    side.young.cpu = ((await young.emulator.cpu()) - y0) / beside;
    const bareMs = bareMsSum / bareCount * rest.length;
    const bareCpu = bareCpuSum / bareCount;
    // tenths 2–9 are the same length (give or take one): their mean is the middle's
    const middle = cpus.slice(1, -1);
    const middleCpu = middle.reduce((a, c) => a + c, 0) / Math.max(1, middle.length);
    const ms = times.reduce((a, b) => a + b, 0);
    const [emulatorRate, bareRate] = [rate(rest.length, ms), rate(rest.length, bareMs)];
    const ratio = (emulatorRate / bareRate).toFixed(2);
    const last = tenths.length - 1;
    const firstRate = tenths[0]!.length / times[0]!;
    const lastRate = tenths[last]!.length / times[last]!;
    const flat = (lastRate / firstRate).toFixed(2);
    const [firstCpu, lastCpu] = [cpus[0]!, cpus[last]!];
    const allCpu = (user + system) / rest.length;
    const besideRatio = (side.grown.cpu / side.young.cpu).toFixed(2);
    const burstRate = (x: { ms: number }): number => Math.round((beside / x.ms) * 1000);
    out(`emulator: ${rest.length} signed Pays after ${warmUp} warm-up Pays (distinct CallerReferences, ${grown.tokens} MultiUse tokens made in ${(grown.setupMs / 1000).toFixed(1)} s), concurrency ${width}, both servers in another process, the floor measured on ${bareCount} requests in ten slices between the emulator's tenths`);
    out(`  reference emulator: ${emulatorRate} req/s (${(ms / 1000).toFixed(1)} s)`);
    out(`  bare node:http:     ${bareRate} req/s (its CPU per request ${bareCpu.toFixed(0)} µs)`);
    out(`  ratio emulator / bare: ${ratio} (target >= 0.50)`);
    out(`  flat: last 10 % ${Math.round(lastRate * 1000)} req/s vs first 10 % ${Math.round(firstRate * 1000)} req/s: ${flat} (target >= 0.90)`);
    out(`  emulator CPU per Pay: first 10 % ${firstCpu.toFixed(0)} µs, middle ${middleCpu.toFixed(0)} µs, last 10 % ${lastCpu.toFixed(0)} µs (last / first ${(lastCpu / firstCpu).toFixed(2)}, flat: <= 1.11); load now ${await loadavg()}`);
    // a full collection of the grown heap lands in one tenth or another: it shows as one tenth's rise
    out(`  emulator CPU per Pay by tenth: ${cpus.map((c) => c.toFixed(0)).join(' ')} µs`);
    out(`  emulator CPU per Pay over all of them: user ${(user / rest.length).toFixed(0)} µs + system ${(system / rest.length).toFixed(0)} µs`);
    out(`  beside a fresh world: ${beside} more Pays of this emulator in ${mine.length} bursts alternating with the first ${beside} of a second emulator set up the same way: CPU per Pay ${side.grown.cpu.toFixed(0)} vs ${side.young.cpu.toFixed(0)} µs (${besideRatio}, flat: <= 1.11); rates ${burstRate(side.grown)} vs ${burstRate(side.young)} req/s`);
    out(`    CPU per Pay by burst: this emulator ${side.grown.bursts.map((c) => c.toFixed(0)).join(' ')} µs; the second ${side.young.bursts.map((c) => c.toFixed(0)).join(' ')} µs`);
    summary.push(`emulator emulator / bare node:http: ${ratio} (target >= 0.50; ${emulatorRate} vs ${bareRate} req/s)`);
    summary.push(`emulator last 10 % / first 10 %:   ${flat} (target >= 0.90; ${Math.round(lastRate * 1000)} vs ${Math.round(firstRate * 1000)} req/s over ${rest.length} Pays)`);
    summary.push(`emulator CPU per Pay last / first:  ${(lastCpu / firstCpu).toFixed(2)} (flat: <= 1.11, whatever the load; ${lastCpu.toFixed(0)} vs ${firstCpu.toFixed(0)} µs)`);
    summary.push(`emulator CPU per Pay grown / fresh world, alternating bursts: ${besideRatio} (flat: <= 1.11; ${side.grown.cpu.toFixed(0)} vs ${side.young.cpu.toFixed(0)} µs)`);
    summary.push(`emulator CPU per request, bare / emulator: ${(bareCpu / allCpu).toFixed(2)} (${bareCpu.toFixed(0)} vs ${allCpu.toFixed(0)} µs; the rate ratio's ceiling while the emulator is CPU-bound)`);
  } finally {
    await agent.close();
    await Promise.all(started.map((s) => s.close()));
  }
}
out(`load average at end: ${await loadavg()}`);
out('summary (ratios measured side by side in this run):');
for (const line of summary) out(`  ${line}`);
