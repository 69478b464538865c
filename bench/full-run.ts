// The default full run (every suite, default runs, the reference emulator in-process, as
// `fps-conformance run --seed N` runs it) beside its floor, measured in the same run: the number of
// requests it sends divided by a bare undici loop's rate against a bare node:http server in another
// process. wall / floor is what the kit costs over the cheapest possible client and server.
//   npx tsx bench/full-run.ts [seed=42]
const { EMBEDDED_BASE_URL } = await kit<typeof import('../run/embedded.ts')>('run/embedded');
const { runConformance } = await kit<typeof import('../run/service-runner.ts')>('run/service-runner');
const { createEmulator } = await kit<typeof import('../emulator/index.ts')>('emulator/index');
import { bareLoop, childServer, fixedBody, loadavg, newAgent, rate } from './lib.ts';
import { kit, measuring } from './code.ts';

const seed = Number(process.argv[2] ?? 42);
process.stdout.write(`load average at start: ${await loadavg()}; measuring ${measuring}\n`);
// the embedded emulator as run/embedded.ts makes it, counting the requests it answers
const emulator = createEmulator({ baseUrl: EMBEDDED_BASE_URL, seed });
let requests = 0;
const t0 = performance.now();
const { exitCode, report } = await runConformance({ seed, handler: (r) => { requests++; return emulator.handle(r); } });
const ms = performance.now() - t0;
await emulator.close();

const server = await childServer('fixed', { BENCH_BODY: fixedBody('Pay', { TransactionId: '14GKD9GE66FAA63E6O6B2JDPZKN53LZ7F22', TransactionStatus: 'Success' }) });
const agent = newAgent();
const n = 5000;
const reqs = Array.from({ length: n }, (_, i) => ({ method: 'GET' as const, url: `/?Action=GetTransactionStatus&TransactionId=T${i}`, headers: {} }));
await bareLoop(server.url, reqs.slice(0, 1000), 8, agent);
const bare = await bareLoop(server.url, reqs, 8, agent);
await agent.close();
await server.close();
const bareRate = rate(n, bare.ms);
const floorMs = (requests / bareRate) * 1000;

const counts = new Map<string, number>();
for (const c of report.checks) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
process.stdout.write(
  `default full run (seed ${seed}, ${report.suites.length} suites, ${report.checks.length} checks): ${(ms / 1000).toFixed(1)} s wall, exit ${exitCode}\n` +
    `  ${[...counts].map(([s, k]) => `${k} ${s}`).join(', ')}\n` +
    `  requests: ${requests}; bare undici loop vs bare node:http (same run): ${bareRate} req/s; floor ${(floorMs / 1000).toFixed(2)} s; wall / floor ${(ms / floorMs).toFixed(1)}\n`,
);
const perSuite = new Map<string, number>();
for (const c of report.checks) perSuite.set(c.suite, (perSuite.get(c.suite) ?? 0) + c.durationMs);
for (const [suite, total] of [...perSuite].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${suite.padEnd(20)} ${(total / 1000).toFixed(1)} s\n`);
process.stdout.write(`load average at end: ${await loadavg()}\n`);
