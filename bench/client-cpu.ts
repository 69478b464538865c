// Where the kit client's time goes: this process's CPU time per request (process.cpuUsage, user +
// system; best of `rounds`) for each layer of FpsClient.call, one after another against the same
// fixed-answer node:http server in another process (the one bench/throughput.ts part 1 uses), and
// the in-process cost of the steps that do no I/O. CPU per request, unlike a rate, barely moves with
// the machine's load.
//   npx tsx bench/client-cpu.ts [requests per round=4000] [concurrency=8] [rounds=4] [old dist folder]
// With an older build's dist/ folder (copied before a change) as fourth argument, that build's
// FpsClient.call and this one's run in alternating rounds in this process instead, and it prints
// the CPU per request of each (median after the first quarter) and their ratio: what a change to
// the client saved, measured side by side (a rate or a separate run moves more with the load).
const { TargetClock } = await kit<typeof import('../clients/clock.ts')>('clients/clock');
const { decodeBody } = await kit<typeof import('../spec/wire/decode.ts')>('spec/wire/decode');
const { createFpsClient } = await kit<typeof import('../clients/fps-client.ts')>('clients/fps-client');
const { createHttpTarget } = await kit<typeof import('../transports/http.ts')>('transports/http');
const { recordingTarget } = await kit<typeof import('../transports/recording.ts')>('transports/recording');
const { decodeAnswer } = await kit<typeof import('../spec/wire/codec.ts')>('spec/wire/codec');
const { parseXml } = await kit<typeof import('../spec/wire/xml.ts')>('spec/wire/xml');
const { signQuery } = await kit<typeof import('../spec/sigv2/sign.ts')>('spec/sigv2/sign');
import { alternating, bareDispatchLoop, bareLoop, childServer, fixedBody, loadavg, medianAfterWarmUp, newAgent, pool, type Presigned } from './lib.ts';
import { codeRoot, kit, measuring } from './code.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const [n, width, rounds] = [4000, 8, 4].map((d, i) => Number(process.argv[2 + i] ?? d)) as [number, number, number];
const oldDir = process.argv[5];
if (![n, width, rounds].every((x) => Number.isSafeInteger(x) && x >= 1) || (oldDir !== undefined && !existsSync(`${resolve(oldDir)}/clients/fps-client.js`))) {
  process.stderr.write('usage: npx tsx bench/client-cpu.ts [requests>=1] [concurrency>=1] [rounds>=1] [old dist folder, holding clients/fps-client.js]\n');
  process.exit(2);
}
const out = (line: string): boolean => process.stdout.write(`${line}\n`);
const cpuNow = (): number => {
  const c = process.cpuUsage();
  return c.user + c.system;
};
/** best CPU µs per request of `rounds` runs of `round` (each does n requests) */
async function cpuPer(round: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const c0 = cpuNow();
    await round();
    best = Math.min(best, (cpuNow() - c0) / n);
  }
  return best;
}
/** in-process µs per call of a synchronous step (wall = CPU here: nothing waits) */
function usPer(fn: (i: number) => unknown, times = 20_000): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const c0 = cpuNow();
    for (let i = 0; i < times; i++) fn(i);
    best = Math.min(best, (cpuNow() - c0) / times);
  }
  return best;
}

out(`load average at start: ${await loadavg()}; measuring ${measuring}`);
const body = fixedBody('GetTransactionStatus', { TransactionId: '14GKD9GE66FAA63E6O6B2JDPZKN53LZ7F22', TransactionStatus: 'Success', CallerReference: 'ref-1', StatusCode: 'Success', StatusMessage: 'ok' });
const server = await childServer('fixed', { BENCH_BODY: body });
const agent = newAgent();
try {
  const creds = { accessKeyId: 'AKIABENCHBENCHBENCH1', secretAccessKey: 'benchbenchbenchbenchbenchbenchbenchbench' };
  const params = (i: number) => ({ TransactionId: `BENCH${String(i).padStart(20, '0')}` });
  const http = createHttpTarget(server.url, { timeoutMs: 10_000 });
  const recorded = recordingTarget(createHttpTarget(server.url, { timeoutMs: 10_000 }), { maxKept: 100 });
  const fps = createFpsClient({ target: recordingTarget(createHttpTarget(server.url, { timeoutMs: 10_000 }), { maxKept: 100 }), clock: new TargetClock(), version: '2010-08-28', timeoutMs: 10_000 });
  const reqs: Presigned[] = [];
  for (let i = 0; i < n; i++) {
    const q = (await fps.build('GetTransactionStatus', params(i), creds)).request;
    reqs.push({ method: 'GET', url: q.url, headers: q.headers });
  }
  if (oldDir === undefined) await layered();
  else await sideBySide(resolve(oldDir));

  /** each layer of FpsClient.call, then the in-process steps */
  async function layered(): Promise<void> {
    const wire = reqs.map((r) => ({ method: r.method, url: r.url, headers: r.headers }));
    const rows: [string, number][] = [];
    // one warm-up round of each, so every layer is measured JIT-warm
    const layers: [string, () => Promise<unknown>][] = [
      ['bare undici loop', () => bareLoop(server.url, reqs, width, agent)],
      ['bare dispatch loop', () => bareDispatchLoop(server.url, reqs, width, agent)],
      ['HTTP target', () => pool(n, width, async (i) => { await http.send(wire[i]!); })],
      ['+ recording', () => pool(n, width, async (i) => { await recorded.send({ ...wire[i]! }); })],
      ['+ decoding', () => pool(n, width, async (i) => { decodeBody((await recorded.send({ ...wire[i]! })).body, 'GetTransactionStatus'); })],
      ['whole FpsClient.call', () => pool(n, width, async (i) => { await fps.call('GetTransactionStatus', params(i), creds); })],
    ];
    for (const [, round] of layers) await round();
    for (const [name, round] of layers) rows.push([name, await cpuPer(round)]);
    out(`client CPU per request (this process, best of ${rounds} rounds of ${n}, concurrency ${width}):`);
    for (const [name, us] of rows) out(`  ${name.padEnd(22)} ${us.toFixed(1)} µs`);
    const pairs = { Action: 'GetTransactionStatus', AWSAccessKeyId: creds.accessKeyId, SignatureVersion: '2', SignatureMethod: 'HmacSHA256', Timestamp: '2026-12-03T16:45:00.000Z', Version: '2010-08-28' };
    out('in-process, µs per call:');
    out(`  parseXml (${body.length} chars)      ${usPer(() => parseXml(body)).toFixed(1)}`);
    out(`  decodeAnswer              ${usPer(() => decodeAnswer(body)).toFixed(1)}`);
    out(`  decodeBody (+ schemas)    ${usPer(() => decodeBody(body, 'GetTransactionStatus')).toFixed(1)}`);
    out(`  signQuery                 ${usPer((i) => signQuery({ method: 'GET', host: '127.0.0.1:8080', path: '/', params: { ...pairs, ...params(i) }, secret: creds.secretAccessKey, signatureMethod: 'HmacSHA256' })).toFixed(1)}`);
    out(`  fps.build                 ${(await cpuPer(async () => { for (let i = 0; i < n; i++) await fps.build('GetTransactionStatus', params(i), creds); })).toFixed(1)}`);
  }

  /** the older build's FpsClient.call and this one's, in alternating rounds */
  async function sideBySide(old: string): Promise<void> {
    const load = <T>(path: string): Promise<T> => import(`${old}/${path}.js`) as Promise<T>;
    const oldClock = await load<typeof import('../clients/clock.ts')>('clients/clock');
    const oldClient = await load<typeof import('../clients/fps-client.ts')>('clients/fps-client');
    const oldHttp = await load<typeof import('../transports/http.ts')>('transports/http');
    const oldRecording = await load<typeof import('../transports/recording.ts')>('transports/recording');
    const oldTarget = oldRecording.recordingTarget(oldHttp.createHttpTarget(server.url, { timeoutMs: 10_000 }), { maxKept: 100 });
    const theirs = oldClient.createFpsClient({ target: oldTarget, clock: new oldClock.TargetClock(), version: '2010-08-28', timeoutMs: 10_000 });
    const round = (c: typeof fps) => async (): Promise<number> => {
      const c0 = cpuNow();
      await pool(n, width, async (i) => { await c.call('GetTransactionStatus', params(i), creds); });
      return (cpuNow() - c0) / n;
    };
    const [runOld, runNew] = [round(theirs), round(fps)];
    const { old: a, mine: b } = await alternating(Math.max(rounds, 4), runOld, runNew);
    await oldTarget.close();
    const [mo, mn] = [medianAfterWarmUp(a), medianAfterWarmUp(b)];
    // the load only ever adds time: the best round of each is the steadier figure
    const [bo, bn] = [Math.min(...a), Math.min(...b)];
    out(`whole FpsClient.call, ${a.length} alternating rounds of ${n} (concurrency ${width}) against ${old}, measuring ${codeRoot()}:`);
    out(`  CPU µs per request, best round: old ${bo.toFixed(1)}, this ${bn.toFixed(1)}: this / old ${(bn / bo).toFixed(3)}`);
    out(`  median after the first quarter: old ${mo.toFixed(1)}, this ${mn.toFixed(1)}: this / old ${(mn / mo).toFixed(3)}`);
    out(`  old  ${a.map((x) => x.toFixed(1)).join(' ')}\n  this ${b.map((x) => x.toFixed(1)).join(' ')}`);
  }
  await http.close();
  await recorded.close();
} finally {
  await agent.close();
  await server.close();
}
out(`load average at end: ${await loadavg()}`);
