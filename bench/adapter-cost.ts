// The emulator's HTTP layer (emulator/server.ts) over a core that answers at once, against a bare
// node:http server, both in another process, the same pre-signed Pay bodies: the CPU per request of
// each (process.cpuUsage of the server), alternating rounds, best of each. What the adapter costs
// beyond node:http, apart from the emulator core (bench/emulator-core.ts measures that).
// With `core µs` > 0 the stand-in core first keeps the CPU busy that long per request, as the real
// core does, and the layer's cost is printed without it: a server that answers later keeps its
// client waiting, and each answer then costs the layer more (a wake-up per write, colder caches).
//   npx tsx bench/adapter-cost.ts [requests per round=20000] [rounds=3] [core µs=0]
import { bareLoop, childServer, fixedBody, loadavg, newAgent, type Presigned } from './lib.ts';

const [n, rounds, coreUs] = [20_000, 3, 0].map((d, i) => Number(process.argv[2 + i] ?? d)) as [number, number, number];
if (![n, rounds].every((x) => Number.isSafeInteger(x) && x >= 1) || !(Number.isFinite(coreUs) && coreUs >= 0 && coreUs <= 100_000)) {
  process.stderr.write('usage: tsx bench/adapter-cost.ts [requests per round>=1] [rounds>=1] [core µs, 0..100000]\n');
  process.exit(2);
}
const body = fixedBody('Pay', { TransactionId: '14GKD9GE66FAA63E6O6B2JDPZKN53LZ7F22', TransactionStatus: 'Success' });
const form = 'AWSAccessKeyId=AKIABENCHBENCHBENCH1&Action=Pay&CallerReference=bench-pay-0&SenderTokenId=T&Signature=x&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2026-01-01T00%3A00%3A00Z&TransactionAmount.CurrencyCode=USD&TransactionAmount.Value=1.00&Version=2010-08-28';
const reqs: Presigned[] = Array.from({ length: n }, () => ({ method: 'POST', url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }));
const agent = newAgent();
const servers = { adapter: await childServer('adapter' as 'fixed', { BENCH_BODY: body, BENCH_CORE_US: String(coreUs) }), bare: await childServer('fixed', { BENCH_BODY: body }) };
const best = { adapter: Infinity, bare: Infinity };
try {
  for (let r = 0; r < rounds; r++) {
    for (const k of ['adapter', 'bare'] as const) {
      const c0 = await servers[k].cpu();
      await bareLoop(servers[k].url, reqs, 8, agent);
      best[k] = Math.min(best[k], ((await servers[k].cpu()) - c0) / n);
    }
  }
} finally {
  await agent.close();
  await Promise.all(Object.values(servers).map((s) => s.close()));
}
// the busy wait is wall time: preempted, it spends a little less CPU than coreUs (the layer's figure is then a little low)
const layer = best.adapter - coreUs;
const core = coreUs > 0 ? ` over a core busy ${coreUs} µs per request (${best.adapter.toFixed(0)} µs in all)` : '';
process.stdout.write(`CPU per request, best of ${rounds} rounds of ${n}: emulator HTTP layer ${layer.toFixed(0)} µs${core}, bare node:http ${best.bare.toFixed(0)} µs (ratio ${(layer / best.bare).toFixed(2)}); load ${await loadavg()}\n`);
