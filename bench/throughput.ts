// Requests per second of the kit's FpsClient (sign, record, decode, validate) against the reference
// emulator over loopback, side by side with a bare undici loop sending the same kind of pre-signed
// requests, in the same run. Prints both and the ratio (the kit's overhead).
//   npx tsx bench/throughput.ts [requests=2000] [concurrency=8]
import { Agent, request } from 'undici';
import { startServer } from '../emulator/index.ts';
import { TargetClock } from '../harness/clock.ts';
import { loadDecoders } from '../harness/decode.ts';
import { createFpsClient } from '../harness/fps-client.ts';
import { createSandboxClient } from '../harness/sandbox-client.ts';
import { createHttpTarget } from '../harness/targets/http.ts';
import { recordingTarget } from '../harness/targets/recording.ts';
import type { WireRequest } from '../harness/wire.ts';

const total = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 8);
if (!Number.isSafeInteger(total) || total < 1 || !Number.isSafeInteger(concurrency) || concurrency < 1) {
  process.stderr.write('usage: tsx bench/throughput.ts [requests>=1] [concurrency>=1]\n');
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
  await loadDecoders();
  const clock = new TargetClock();
  const target = recordingTarget(createHttpTarget(server.url, { timeoutMs: 10_000 }), { maxKept: 100 });
  const sandbox = createSandboxClient(target, clock, 10_000);
  clock.refresher = () => sandbox.now();
  const account = await sandbox.createAccount('caller', ['CC', 'ACH', 'ABT']);
  const creds = { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey };
  const fps = createFpsClient({ target, clock, version: '2010-08-28', timeoutMs: 10_000 });
  const params = (i: number) => ({ TransactionId: `BENCH${String(i).padStart(20, '0')}` });

  // warm both paths up (JIT, keep-alive connections)
  await pool(200, concurrency, async (i) => void (await fps.call('GetTransactionStatus', params(i), creds)));

  const kitMs = await pool(total, concurrency, async (i) => {
    const r = await fps.call('GetTransactionStatus', params(i), creds);
    if (r.decoded?.kind !== 'error') throw new Error(`unexpected answer: ${r.response?.status}`);
  });

  const presigned: WireRequest[] = [];
  for (let i = 0; i < total; i++) presigned.push((await fps.build('GetTransactionStatus', params(i), creds)).request);
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: 16 });
  const bareMs = await pool(total, concurrency, async (i) => {
    const req = presigned[i]!;
    const res = await request(req.url, { method: 'GET', headers: req.headers, dispatcher: agent });
    await res.body.text();
  });
  await agent.close();
  await target.close();

  const rps = (ms: number): number => Math.round((total / ms) * 1000);
  const lines = [
    `requests: ${total}, concurrency: ${concurrency}, target: reference emulator on ${server.url}`,
    `kit FpsClient (sign + record + decode + validate): ${rps(kitMs)} req/s (${kitMs.toFixed(0)} ms)`,
    `bare undici loop (pre-signed, no decoding):        ${rps(bareMs)} req/s (${bareMs.toFixed(0)} ms)`,
    `ratio kit / bare: ${(rps(kitMs) / rps(bareMs)).toFixed(2)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await server.close();
}
