// The emulator core alone, in this process (no HTTP): CPU time per signed Pay through
// `handleApi` (the node adapter's path), for profiling (`node --cpu-prof --import tsx
// bench/emulator-core.ts`) and for the cost of one token's history: Pays per token `uses` (default
// 20, as throughput.ts), so `uses` 2000 shows whether a Pay costs what its token's history holds.
//   npx tsx bench/emulator-core.ts [pays=20000] [uses per token=20]
//   node --expose-gc --import tsx bench/emulator-core.ts  (heap per Pay without garbage)
import { loadavg } from './lib.ts';
import { kit, measuring } from './code.ts';
// the compiled dist/ as the CLI ships it, unless BENCH_CODE=src (bench/code.ts)
const { signCbuiUrl, signedParams } = await kit<typeof import('../spec/sigv2/index.ts')>('spec/sigv2/index');
const { createEmulator } = await kit<typeof import('../emulator/core.ts')>('emulator/core');

const [pays, uses] = [20_000, 20].map((d, i) => Number(process.argv[2 + i] ?? d)) as [number, number];
const base = 'http://127.0.0.1:8080/';
const emulator = createEmulator({ seed: 1, baseUrl: base });
const json = async (path: string, method: string, body?: unknown): Promise<Record<string, unknown>> =>
  (await (await emulator.handle(new Request(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }))).json()) as Record<string, unknown>;
const caller = await json('_sandbox/accounts', 'POST', { role: 'caller', instruments: ['ABT'] });
await json('_sandbox/accounts', 'POST', { role: 'sender', instruments: ['ABT'], email: 'bench-buyer@example.com' });
const accessKeyId = String(caller.accessKeyId), secret = String(caller.secretAccessKey);
const timestamp = String((await json('_sandbox/clock', 'GET')).now);
const tokens: string[] = [];
for (let i = 0; i < Math.ceil(pays / uses); i++) {
  const url = signCbuiUrl(base + 'cobranded-ui/actions/start', { callerKey: accessKeyId, pipelineName: 'MultiUse', callerReference: `bench-token-${i}`, globalAmountLimit: '100000', paymentMethod: 'ABT', returnURL: 'http://127.0.0.1:9/return' }, secret);
  const res = await emulator.handle(new Request(url, { redirect: 'manual', headers: { 'x-sandbox-buyer': 'bench-buyer@example.com' } }));
  tokens.push(new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('tokenID') ?? '');
}
const bodies = Array.from({ length: pays }, (_, i) => new TextEncoder().encode(new URLSearchParams(signedParams({
  action: 'Pay', accessKeyId, secret, method: 'POST', host: '127.0.0.1:8080', path: '/', timestamp, version: '2010-08-28', signatureMethod: 'HmacSHA256',
  params: { SenderTokenId: tokens[Math.floor(i / uses)]!, 'TransactionAmount.Value': '1.00', 'TransactionAmount.CurrencyCode': 'USD', CallerReference: `bench-pay-${i}` },
})).toString()));
const tenth = Math.floor(pays / 10);
// what the world keeps per Pay (after a full GC when node runs with --expose-gc): heap growth drives GC cost at 100k Pays
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heap0 = process.memoryUsage().heapUsed;
const cpu: number[] = [];
for (let i = 0; i < pays; i++) {
  if (i % tenth === 0) cpu.push(process.cpuUsage().user + process.cpuUsage().system);
  const { answer } = await emulator.handleApi({ method: 'POST', host: '127.0.0.1:8080', path: '/', query: '', contentType: 'application/x-www-form-urlencoded', body: { ok: true, bytes: bodies[i]! } });
  if (answer.status !== 200) throw new Error(`Pay ${i} refused: ${answer.body.slice(0, 300)}`);
}
cpu.push(process.cpuUsage().user + process.cpuUsage().system);
const per = cpu.slice(1).map((c, i) => ((c - cpu[i]!) / tenth).toFixed(0));
gc?.();
const heapPerPay = ((process.memoryUsage().heapUsed - heap0) / pays).toFixed(0);
process.stdout.write(`measuring ${measuring}\n${pays} Pays, ${uses} per token: CPU µs per Pay by tenth: ${per.join(' ')}; heap per Pay ${heapPerPay} bytes${gc ? '' : ' (no --expose-gc: garbage included)'}; load ${await loadavg()}\n`);
await emulator.close();
