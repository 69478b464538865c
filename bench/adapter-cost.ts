// The emulator's HTTP layer (emulator/server.ts) over a core that answers at once, against a bare
// node:http server, both in another process, the same pre-signed Pay bodies: the CPU per request of
// each (process.cpuUsage of the server), alternating rounds, best of each. What the adapter costs
// beyond node:http, apart from the emulator core (bench/emulator-core.ts measures that).
//   npx tsx bench/adapter-cost.ts [requests per round=20000] [rounds=3]
import { bareLoop, childServer, fixedBody, loadavg, newAgent, type Presigned } from './lib.ts';

const [n, rounds] = [20_000, 3].map((d, i) => Number(process.argv[2 + i] ?? d)) as [number, number];
const body = fixedBody('Pay', { TransactionId: '14GKD9GE66FAA63E6O6B2JDPZKN53LZ7F22', TransactionStatus: 'Success' });
const form = 'AWSAccessKeyId=AKIABENCHBENCHBENCH1&Action=Pay&CallerReference=bench-pay-0&SenderTokenId=T&Signature=x&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2026-01-01T00%3A00%3A00Z&TransactionAmount.CurrencyCode=USD&TransactionAmount.Value=1.00&Version=2010-08-28';
const reqs: Presigned[] = Array.from({ length: n }, () => ({ method: 'POST', url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }));
const agent = newAgent();
const servers = { adapter: await childServer('adapter' as 'fixed', { BENCH_BODY: body }), bare: await childServer('fixed', { BENCH_BODY: body }) };
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
process.stdout.write(`CPU per request, best of ${rounds} rounds of ${n}: emulator HTTP layer ${best.adapter.toFixed(0)} µs, bare node:http ${best.bare.toFixed(0)} µs (ratio ${(best.adapter / best.bare).toFixed(2)}); load ${await loadavg()}\n`);
