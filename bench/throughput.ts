// Two ratios, each measured side by side in one run (the machine is shared: absolute rates drift,
// ratios much less):
//  1. client: the kit's FpsClient (sign, record, redact, decode, validate) against a bare undici loop
//     sending the same kind of pre-signed requests, both to one fixed-answer node:http server in
//     another process; alternating rounds, best round of each (target ≥ 0.8).
//  2. emulator: the reference emulator against a bare node:http server (fixed Pay answer), both in
//     another process, serving the same pre-signed, distinct, accepted Pays to the same undici loop
//     (target ≥ 0.5), and flat: the emulator's rate over the last 10 % of the Pays against the first
//     10 % (target ≥ 0.9). The world grows: every Pay is a new accepted payment, on MultiUse tokens
//     made beforehand, 20 consecutive Pays each (a usage check reads its token's uses, so a
//     round-robin over the tokens would measure token histories growing, not the world).
//     The emulator first serves a warm-up of distinct Pays (not timed), so the first tenth is not
//     flattered by JIT warm-up: flat then means the cost per Pay does not grow with the world. The
//     emulator process's CPU time per Pay in the first and last tenth is printed beside the rates:
//     on a shared machine a rate can fall because the load rose; the CPU time per Pay barely moves.
//   npx tsx bench/throughput.ts [client requests per round=4000] [pays=100000] [concurrency=8] [rounds=3]
const { signCbuiUrl, signedParams } = await kit<typeof import('../spec/sigv2/index.ts')>('spec/sigv2/index');
const { TargetClock } = await kit<typeof import('../clients/clock.ts')>('clients/clock');
const { createFpsClient } = await kit<typeof import('../clients/fps-client.ts')>('clients/fps-client');
const { createHttpTarget } = await kit<typeof import('../transports/http.ts')>('transports/http');
const { recordingTarget } = await kit<typeof import('../transports/recording.ts')>('transports/recording');
import { bareDispatchLoop, bareLoop, childServer, fixedBody, loadavg, newAgent, pool, rate, type Presigned } from './lib.ts';
import { kit, measuring } from './code.ts';

const [clientTotal, pays, width, rounds] = [4000, 100_000, 8, 3].map((d, i) => Number(process.argv[2 + i] ?? d)) as [number, number, number, number];
if (![clientTotal, pays, width, rounds].every((n) => Number.isSafeInteger(n) && n >= 1) || pays < 20) {
  process.stderr.write('usage: tsx bench/throughput.ts [client requests>=1] [pays>=20] [concurrency>=1] [rounds>=1]\n');
  process.exit(2);
}
/** Pays per MultiUse token in the emulator part */
const USES_PER_TOKEN = 20;
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
{
  const emulator = await childServer('emulator');
  const agent = newAgent();
  const host = new URL(emulator.url).host;
  const json = async (path: string, method: string, body?: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(new URL(path, emulator.url), { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return (await res.json()) as Record<string, unknown>;
  };
  try {
    const caller = await json('/_sandbox/accounts', 'POST', { role: 'caller', instruments: ['ABT'] });
    await json('/_sandbox/accounts', 'POST', { role: 'sender', instruments: ['ABT'], email: 'bench-buyer@example.com' });
    const accessKeyId = String(caller.accessKeyId), secret = String(caller.secretAccessKey);
    // the sandbox clock stands still between requests (no --realtime): one Timestamp serves every Pay
    const timestamp = String((await json('/_sandbox/clock', 'GET')).now);
    // tokens: USES_PER_TOKEN consecutive Pays each, so the first and the last tenth see the same
    // token histories (a usage check reads its token's uses, R-TOK-7/8) while the world grows
    const tokens: string[] = [];
    const warmUp = Math.min(2000, Math.ceil(pays / 10));
    const tokenCount = Math.max(1, Math.ceil((pays + warmUp) / USES_PER_TOKEN));
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
    const reqs: Presigned[] = Array.from({ length: pays + warmUp }, (_, i) => {
      const params = signedParams({
        action: 'Pay', accessKeyId, secret, method: 'POST', host, path: '/', timestamp, version: '2010-08-28', signatureMethod: 'HmacSHA256',
        params: { SenderTokenId: tokens[Math.floor(i / USES_PER_TOKEN) % tokens.length]!, 'TransactionAmount.Value': '1.00', 'TransactionAmount.CurrencyCode': 'USD', CallerReference: `bench-pay-${i}` },
      });
      return { method: 'POST', url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() };
    });
    // the answer must be an accepted payment: check a few before timing
    for (const probe of [0, 1]) {
      const r = reqs[probe]!;
      const res = await fetch(new URL('/', emulator.url), { method: 'POST', headers: r.headers, body: r.body });
      const text = await res.text();
      if (!/<TransactionStatus>(Success|Pending)</.test(text)) throw new Error(`a bench Pay was not accepted: ${text.slice(0, 300)}`);
    }
    const rest = reqs.slice(2 + warmUp);
    await bareLoop(emulator.url, reqs.slice(2, 2 + warmUp), width, agent);
    const bare = await childServer('fixed', { BENCH_BODY: fixedBody('Pay', { TransactionId: '14GKD9GE66FAA63E6O6B2JDPZKN53LZ7F22', TransactionStatus: 'Success' }) });
    let bareMs: number, bareCpu: number;
    try {
      // the floor on a slice of the same requests (it does not grow)
      const slice = rest.slice(0, Math.min(rest.length, 20_000));
      const c0 = await bare.cpu();
      bareMs = (await bareLoop(bare.url, slice, width, agent)).ms / slice.length * rest.length;
      bareCpu = ((await bare.cpu()) - c0) / slice.length;
    } finally {
      await bare.close();
    }
    // the first tenth, the middle and the last tenth of the Pays one after another, the emulator
    // process's CPU time read between them: the rate per tenth is what the target asks for, the CPU
    // time per Pay says whether a change in rate is the world growing or the machine's load
    const tenth = Math.floor(rest.length / 10);
    const parts = [rest.slice(0, tenth), rest.slice(tenth, rest.length - tenth), rest.slice(rest.length - tenth)];
    const times: number[] = [], cpus: number[] = [];
    // user and system time apart: system time (the socket writes that wake the waiting client) grows
    // when the client waits on a slower server, so it says how much of a Pay the kernel's share is
    let user = 0, system = 0;
    for (const part of parts) {
      const c0 = await emulator.cpuSplit();
      times.push((await bareLoop(emulator.url, part, width, agent)).ms);
      const c1 = await emulator.cpuSplit();
      cpus.push((c1.user + c1.system - c0.user - c0.system) / part.length);
      user += c1.user - c0.user;
      system += c1.system - c0.system;
    }
    const ms = times.reduce((a, b) => a + b, 0);
    const firstRate = tenth / times[0]!;
    const lastRate = tenth / times[2]!;
    out(`emulator: ${rest.length} signed Pays after ${warmUp} warm-up Pays (distinct CallerReferences, ${tokens.length} MultiUse tokens made in ${(setupMs / 1000).toFixed(1)} s), concurrency ${width}, both servers in another process`);
    out(`  reference emulator: ${rate(rest.length, ms)} req/s (${(ms / 1000).toFixed(1)} s)`);
    out(`  bare node:http:     ${rate(rest.length, bareMs)} req/s (its CPU per request ${bareCpu.toFixed(0)} µs)`);
    out(`  ratio emulator / bare: ${(rate(rest.length, ms) / rate(rest.length, bareMs)).toFixed(2)} (target >= 0.50)`);
    out(`  flat: last 10 % ${Math.round(lastRate * 1000)} req/s vs first 10 % ${Math.round(firstRate * 1000)} req/s: ${(lastRate / firstRate).toFixed(2)} (target >= 0.90)`);
    out(`  emulator CPU per Pay: first 10 % ${cpus[0]!.toFixed(0)} µs, middle ${cpus[1]!.toFixed(0)} µs, last 10 % ${cpus[2]!.toFixed(0)} µs (last / first ${(cpus[2]! / cpus[0]!).toFixed(2)}, flat: <= 1.11); load now ${await loadavg()}`);
    out(`  emulator CPU per Pay over all of them: user ${(user / rest.length).toFixed(0)} µs + system ${(system / rest.length).toFixed(0)} µs`);
    summary.push(`emulator emulator / bare node:http: ${(rate(rest.length, ms) / rate(rest.length, bareMs)).toFixed(2)} (target >= 0.50; ${rate(rest.length, ms)} vs ${rate(rest.length, bareMs)} req/s)`);
    summary.push(`emulator last 10 % / first 10 %:   ${(lastRate / firstRate).toFixed(2)} (target >= 0.90; ${Math.round(lastRate * 1000)} vs ${Math.round(firstRate * 1000)} req/s over ${rest.length} Pays)`);
    summary.push(`emulator CPU per Pay last / first:  ${(cpus[2]! / cpus[0]!).toFixed(2)} (flat: <= 1.11, whatever the load; ${cpus[2]!.toFixed(0)} vs ${cpus[0]!.toFixed(0)} µs)`);
    summary.push(`emulator CPU per request, bare / emulator: ${(bareCpu / ((cpus[0]! + cpus[1]! * 8 + cpus[2]!) / 10)).toFixed(2)} (${bareCpu.toFixed(0)} vs ${((cpus[0]! + cpus[1]! * 8 + cpus[2]!) / 10).toFixed(0)} µs; the rate ratio's ceiling while the emulator is CPU-bound)`);
  } finally {
    await agent.close();
    await emulator.close();
  }
}
out(`load average at end: ${await loadavg()}`);
out('summary (ratios measured side by side in this run):');
for (const line of summary) out(`  ${line}`);
