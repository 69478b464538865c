// Requests per second of the kit's FpsClient (sign, record, decode, validate) against the reference
// emulator over loopback, side by side with a bare undici loop sending the same kind of pre-signed
// requests, in the same run. The two alternate for several rounds (the first rounds warm the JIT of
// both sides) and the best round of each is printed, with the ratio (the kit's overhead).
//   npx tsx bench/throughput.ts [requests per round=2000] [concurrency=8] [rounds=3]
import { Agent, request } from 'undici';
import { startServer } from '../emulator/index.ts';
import { TargetClock } from '../harness/clock.ts';
import { createFpsClient } from '../harness/fps-client.ts';
import { createSandboxClient } from '../harness/sandbox-client.ts';
import { createHttpTarget } from '../harness/targets/http.ts';
import { recordingTarget } from '../harness/targets/recording.ts';
import type { WireRequest } from '../harness/wire.ts';

const total = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 8);
const rounds = Number(process.argv[4] ?? 3);
if (![total, concurrency, rounds].every((n) => Number.isSafeInteger(n) && n >= 1)) {
  process.stderr.write('usage: tsx bench/throughput.ts [requests>=1] [concurrency>=1] [rounds>=1]\n');
  process.exit(2);
}

async function pool(n: number, width: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await job(next++);
  }));
  return performance.now() - t0;
}

const server = await startServer({ port: 0, host: '127.0.0.1', seed: 1 });
try {
  const clock = new TargetClock();
  const target = recordingTarget(createHttpTarget(server.url, { timeoutMs: 10_000 }), { maxKept: 100 });
  const sandbox = createSandboxClient(target, clock, 10_000);
  clock.refresher = () => sandbox.now();
  const account = await sandbox.createAccount('caller', ['CC', 'ACH', 'ABT']);
  const creds = { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey };
  const fps = createFpsClient({ target, clock, version: '2010-08-28', timeoutMs: 10_000 });
  const params = (i: number) => ({ TransactionId: `BENCH${String(i).padStart(20, '0')}` });

  const agent = new Agent({ keepAliveTimeout: 10_000, connections: 16 });
  const kitRound = (): Promise<number> =>
    pool(total, concurrency, async (i) => {
      const r = await fps.call('GetTransactionStatus', params(i), creds);
      if (r.decoded?.kind !== 'error') throw new Error(`unexpected answer: ${r.response?.status}`);
    });
  const bareRound = async (): Promise<number> => {
    const presigned: WireRequest[] = [];
    for (let i = 0; i < total; i++) presigned.push((await fps.build('GetTransactionStatus', params(i), creds)).request);
    return pool(total, concurrency, async (i) => {
      const req = presigned[i]!;
      const res = await request(req.url, { method: 'GET', headers: req.headers, dispatcher: agent });
      await res.body.text();
    });
  };
  let kitMs = Infinity;
  let bareMs = Infinity;
  for (let r = 0; r < rounds; r++) {
    kitMs = Math.min(kitMs, await kitRound());
    bareMs = Math.min(bareMs, await bareRound());
  }
  await agent.close();
  await target.close();

  const rps = (ms: number): number => Math.round((total / ms) * 1000);
  const lines = [
    `requests per round: ${total}, concurrency: ${concurrency}, rounds: ${rounds} (best round shown), target: reference emulator on ${server.url}`,
    `kit FpsClient (sign + record + decode + validate): ${rps(kitMs)} req/s (${kitMs.toFixed(0)} ms)`,
    `bare undici loop (pre-signed, no decoding):        ${rps(bareMs)} req/s (${bareMs.toFixed(0)} ms)`,
    `ratio kit / bare: ${(rps(kitMs) / rps(bareMs)).toFixed(2)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await server.close();
}
