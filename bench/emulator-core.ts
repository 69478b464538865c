// The emulator core alone, in this process (no HTTP): CPU time per signed Pay through
// `handleApi` (the node adapter's path), for profiling (`node --cpu-prof --import tsx
// bench/emulator-core.ts`) and for the cost of one token's history: Pays per token `uses` (default
// 20, as throughput.ts), so `uses` 2000 shows whether a Pay costs what its token's history holds.
// With an older build's dist/ folder as third argument, that build's core and this one serve the
// same kind of Pays side by side, in alternating batches of 1,000 in this one process: the ratio of
// their CPU per Pay is what a change to the core saved (the machine's drift cancels out).
//   npx tsx bench/emulator-core.ts [pays=20000] [uses per token=20] [old dist folder]
//   node --expose-gc --import tsx bench/emulator-core.ts  (heap per Pay without garbage)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { alternating, loadavg, medianAfterWarmUp } from './lib.ts';
import { codeRoot, kit, measuring } from './code.ts';

type Sig = typeof import('../spec/sigv2/index.ts');
type Core = typeof import('../emulator/core.ts');
const [paysArg, usesArg, oldDir] = process.argv.slice(2);
const [pays, uses] = [paysArg ?? '20000', usesArg ?? '20'].map(Number) as [number, number];
if (![pays, uses].every((n) => Number.isSafeInteger(n) && n >= 1) || pays < 10 || (oldDir !== undefined && !existsSync(`${resolve(oldDir)}/emulator/core.js`))) {
  process.stderr.write('usage: npx tsx bench/emulator-core.ts [pays>=10] [uses per token>=1] [old dist folder, holding emulator/core.js]\n');
  process.exit(2);
}
const base = 'http://127.0.0.1:8080/';
const BATCH = 1000;

/** An emulator of `core` with a caller, a buyer and MultiUse tokens; `serve(n)` answers the next n Pays, giving CPU µs per Pay. */
async function bench(sig: Sig, core: Core): Promise<(n: number) => Promise<number>> {
  const emulator = core.createEmulator({ seed: 1, baseUrl: base });
  const json = async (path: string, method: string, body?: unknown): Promise<Record<string, unknown>> =>
    (await (await emulator.handle(new Request(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }))).json()) as Record<string, unknown>;
  const caller = await json('_sandbox/accounts', 'POST', { role: 'caller', instruments: ['ABT'] });
  await json('_sandbox/accounts', 'POST', { role: 'sender', instruments: ['ABT'], email: 'bench-buyer@example.com' });
  const accessKeyId = String(caller.accessKeyId), secret = String(caller.secretAccessKey);
  const timestamp = String((await json('_sandbox/clock', 'GET')).now);
  const tokens: string[] = [];
  for (let i = 0; i < Math.ceil(pays / uses); i++) {
    const url = sig.signCbuiUrl(base + 'cobranded-ui/actions/start', { callerKey: accessKeyId, pipelineName: 'MultiUse', callerReference: `bench-token-${i}`, globalAmountLimit: '100000', paymentMethod: 'ABT', returnURL: 'http://127.0.0.1:9/return' }, secret);
    const res = await emulator.handle(new Request(url, { redirect: 'manual', headers: { 'x-sandbox-buyer': 'bench-buyer@example.com' } }));
    tokens.push(new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('tokenID') ?? '');
  }
  const bodies = Array.from({ length: pays }, (_, i) => new TextEncoder().encode(new URLSearchParams(sig.signedParams({
    action: 'Pay', accessKeyId, secret, method: 'POST', host: '127.0.0.1:8080', path: '/', timestamp, version: '2010-08-28', signatureMethod: 'HmacSHA256',
    params: { SenderTokenId: tokens[Math.floor(i / uses)]!, 'TransactionAmount.Value': '1.00', 'TransactionAmount.CurrencyCode': 'USD', CallerReference: `bench-pay-${i}` },
  })).toString()));
  let next = 0;
  return async (n) => {
    const c0 = process.cpuUsage();
    for (let k = 0; k < n; k++, next++) {
      const { answer } = await emulator.handleApi({ method: 'POST', host: '127.0.0.1:8080', path: '/', query: '', contentType: 'application/x-www-form-urlencoded', body: { ok: true, bytes: bodies[next]! } });
      if (answer.status !== 200) throw new Error(`Pay ${next} refused: ${answer.body.slice(0, 300)}`);
    }
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / n;
  };
}

// the compiled dist/ as the CLI ships it, unless BENCH_CODE=src (bench/code.ts)
const serve = await bench(await kit<Sig>('spec/sigv2/index'), await kit<Core>('emulator/core'));
if (oldDir === undefined) {
  // what the world keeps per Pay (after a full GC when node runs with --expose-gc): heap growth drives GC cost at 100k Pays
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const tenth = Math.floor(pays / 10);
  const per: string[] = [];
  for (let i = 0; i < 10; i++) per.push((await serve(tenth)).toFixed(0));
  gc?.();
  const heapPerPay = ((process.memoryUsage().heapUsed - heap0) / (tenth * 10)).toFixed(0);
  process.stdout.write(`measuring ${measuring}\n${pays} Pays, ${uses} per token: CPU µs per Pay by tenth: ${per.join(' ')}; heap per Pay ${heapPerPay} bytes${gc ? '' : ' (no --expose-gc: garbage included)'}; load ${await loadavg()}\n`);
} else {
  const old = resolve(oldDir);
  const serveOld = await bench((await import(`${old}/spec/sigv2/index.js`)) as Sig, (await import(`${old}/emulator/core.js`)) as Core);
  const { old: theirs, mine } = await alternating(Math.floor(pays / BATCH), () => serveOld(BATCH), () => serve(BATCH));
  const [m, t] = [medianAfterWarmUp(mine), medianAfterWarmUp(theirs)];
  process.stdout.write(`measuring ${measuring} (${codeRoot()}) against ${old}\n${Math.floor(pays / BATCH)} batches of ${BATCH} Pays each, ${uses} per token, alternating: CPU µs per Pay (median after the first quarter) old ${t.toFixed(1)}, this ${m.toFixed(1)}: this / old ${(m / t).toFixed(3)}; load ${await loadavg()}\n  old  ${theirs.map((x) => x.toFixed(0)).join(' ')}\n  this ${mine.map((x) => x.toFixed(0)).join(' ')}\n`);
}
