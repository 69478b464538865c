// Two builds of the emulator fed the same request stream, every answer compared: status, headers
// and body of each (and state() at the end), byte for byte. For changes that must not change what
// the emulator answers: build the old code somewhere (e.g. `git worktree add /tmp/old <commit> &&
// (cd /tmp/old && npm ci && npm run build)` or a copy of dist/ taken before), then
//   npx tsx bench/emulator-diff.ts <old dist folder> [requests per configuration=300] [configuration filter]
// Configurations: nominal, random choices, the sandbox-simulation profile, and each injected bug of
// emulator/bugs.ts with random choices (each with its own seed). The stream: accounts, Co-Branded UI
// tokens of every pipeline (some refused or abandoned), Pay (most), Reserve, Settle, Refund, Cancel,
// CancelToken, GetTransactionStatus, GetTokenByCaller, VerifySignature and unknown Actions, signed
// well or badly, resent CallerReferences, clock moves and `process`; GET and POST, both Versions.
import { resolve } from 'node:path';
import { codeRoot } from './code.ts';

type Mod = typeof import('../emulator/core.ts');
type Sig = typeof import('../spec/sigv2/index.ts');
type Bugs = typeof import('../emulator/bugs.ts');
const [oldDir, n = '300', filter] = process.argv.slice(2);
if (!oldDir) {
  process.stderr.write('usage: npx tsx bench/emulator-diff.ts <old dist folder> [requests per configuration] [configuration filter]\n');
  process.exit(2);
}
const root = codeRoot();
const ext = root.endsWith('dist') ? 'js' : 'ts';
const A = (await import(`${resolve(oldDir)}/emulator/core.js`)) as Mod;
const B = (await import(`${root}/emulator/core.${ext}`)) as Mod;
const sig = (await import(`${root}/spec/sigv2/index.${ext}`)) as Sig;
const { BUG_NAMES } = (await import(`${root}/emulator/bugs.${ext}`)) as Bugs;
const N = Number(n);
const base = 'http://127.0.0.1:8080/';

function rng(seed: number) { let a = seed >>> 0; return () => { a = (Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0; return a / 2 ** 32; }; }

type Emu = ReturnType<Mod['createEmulator']>;
async function answer(e: Emu, req: { kind: 'fetch'; url: string; method: string; headers: Record<string, string>; body?: string } | { kind: 'api'; body: string; query: string; method: string; host: string }): Promise<string> {
  if (req.kind === 'fetch') {
    const r = await e.handle(new Request(req.url, { method: req.method, headers: req.headers, body: req.body, redirect: 'manual' }));
    const h: string[] = []; r.headers.forEach((v, k) => h.push(`${k}: ${v}`));
    return `${r.status}\n${h.join('\n')}\n\n${await r.text()}`;
  }
  const { answer: a, action } = await e.handleApi({ method: req.method, host: req.host, path: '/', query: req.query, contentType: 'application/x-www-form-urlencoded', body: { ok: true, bytes: new TextEncoder().encode(req.body) } });
  return `${a.status} ${action}\n${JSON.stringify(a.headers)}\n\n${a.body}`;
}

let total = 0, mismatches = 0;
const stats = new Map<string, number>();
async function run(name: string, opts: Parameters<Mod['createEmulator']>[0], seed: number): Promise<void> {
  const ea = A.createEmulator({ ...opts, seed, baseUrl: base }), eb = B.createEmulator({ ...opts, seed, baseUrl: base });
  const r = rng(seed * 7919 + 13);
  const pickOf = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const both = async (req: Parameters<typeof answer>[1]): Promise<string> => {
    const [x, y] = await Promise.all([answer(ea, req), answer(eb, req)]);
    total++;
    const st = /^(\d+) ?(\w*)/.exec(x); const kk = `${st?.[1]} ${st?.[2]}${/<TransactionStatus>(\w+)/.exec(x)?.[1] ?? /<Code>(\w+)/.exec(x)?.[1] ?? ''}`; stats.set(kk, (stats.get(kk) ?? 0) + 1);
    if (x !== y) { mismatches++; if (mismatches < 5) console.log(`MISMATCH ${name} #${total}\n--- old\n${x.slice(0, 800)}\n--- new\n${y.slice(0, 800)}`); }
    return x;
  };
  const json = async (path: string, method: string, body?: unknown) => JSON.parse((await both({ kind: 'fetch', url: base + path, method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })).split('\n\n').slice(1).join('\n\n') || '{}');
  const caller = await json('_sandbox/accounts', 'POST', { role: 'caller', instruments: ['ABT', 'CC', 'ACH'] });
  const caller2 = await json('_sandbox/accounts', 'POST', { role: 'caller', instruments: ['CC'] });
  await json('_sandbox/accounts', 'POST', { role: 'sender', instruments: ['ABT', 'CC', 'ACH'], email: 'buyer@example.com' });
  await json('_sandbox/accounts', 'POST', { role: 'recipient', instruments: ['ABT', 'CC'], email: 'seller@example.com' });
  const callers = [caller, caller2].map((c) => ({ key: String(c.accessKeyId), secret: String(c.secretAccessKey) }));
  const tokens: string[] = ['NOPE-TOKEN'];
  const txns: string[] = ['NOPE-TXN'];
  const refs: string[] = [];
  const outbound: string[] = [];
  const now = async () => String((await json('_sandbox/clock', 'GET')).now);
  let ts = await now();
  for (let i = 0; i < N; i++) {
    const c = r() < 0.9 ? callers[0]! : callers[1]!;
    const k = r();
    if (k < 0.08 || tokens.length < 3) {
      const pipeline = pickOf(['MultiUse', 'MultiUse', 'SingleUse', 'Recurring', 'Recipient']);
      const p: Record<string, string> = { callerKey: c.key, pipelineName: pipeline, callerReference: r() < 0.1 && refs.length ? pickOf(refs) : `tok-${i}`, returnURL: 'http://127.0.0.1:9/return' };
      if (pipeline === 'MultiUse') { p.globalAmountLimit = pickOf(['100', '5', '1000', '1000']); if (r() < 0.3) p.usageLimitType1 = 'Count', p.usageLimitValue1 = pickOf(['3', '10']), p.usageLimitPeriod1 = pickOf(['1 Day', '1 Month']); }
      if (pipeline === 'SingleUse') p.transactionAmount = pickOf(['1.00', '5.00']);
      if (pipeline === 'Recurring') { p.transactionAmount = '1.00'; p.recurringPeriod = '1 Month'; }
      if (pipeline !== 'Recipient') p.paymentMethod = pickOf(['ABT', 'CC', 'ACH', 'ABT,CC']);
      if (pipeline === 'Recipient') { p.recipientPaysFee = pickOf(['True', 'False']); p.maxFixedFee = '10'; p.maxVariableFee = '5'; }
      const url = sig.signCbuiUrl(base + 'cobranded-ui/actions/start', p, r() < 0.05 ? 'wrong' : c.secret);
      const text = await both({ kind: 'fetch', url, method: 'GET', headers: { 'x-sandbox-buyer': pipeline === 'Recipient' ? 'seller@example.com' : 'buyer@example.com', ...(r() < 0.05 ? { 'x-sandbox-decision': 'abandon' } : {}) } });
      const loc = /location: (\S+)/.exec(text)?.[1];
      const id = loc ? new URL(loc).searchParams.get('tokenID') : null;
      if (id) tokens.push(id);
      continue;
    }
    if (k < 0.11) { await json('_sandbox/clock', 'POST', { advanceSeconds: pickOf([3600, 86400, 8 * 86400, 40 * 86400, 1]) }); ts = await now(); continue; }
    if (k < 0.13) { await json('_sandbox/process', 'POST', {}); continue; }
    const action = r() < 0.5 ? 'Pay' : pickOf(['Pay', 'Pay', 'Reserve', 'Reserve', 'Settle', 'Refund', 'Cancel', ...(r() < 0.3 ? ['CancelToken'] : []), 'GetTransactionStatus', 'GetTokenByCaller', 'VerifySignature', 'Bogus']);
    const params: Record<string, string> = {};
    const ref = r() < 0.15 && refs.length ? pickOf(refs) : `ref-${seed}-${i}`;
    if (action === 'Pay' || action === 'Reserve') {
      Object.assign(params, { SenderTokenId: pickOf(tokens), 'TransactionAmount.Value': r() < 0.85 ? '1.00' : pickOf(['2.50', '0', '-1', '1.234', '100000', '3']), 'TransactionAmount.CurrencyCode': r() < 0.95 ? 'USD' : 'EUR', CallerReference: ref });
      if (r() < 0.1) params.RecipientTokenId = pickOf(tokens);
      if (r() < 0.05) params.MarketplaceFixedFee = '0.10';
      if (r() < 0.1) params.OverrideIPNURL = 'http://127.0.0.1:9/ipn';
      if (r() < 0.03) delete params.CallerReference;
    } else if (action === 'Settle' || action === 'Cancel') { params.ReserveTransactionId = pickOf(txns); if (action === 'Cancel') { delete params.ReserveTransactionId; params.TransactionId = pickOf(txns); } if (r() < 0.5 && action === 'Settle') params['TransactionAmount.Value'] = '1.00', params['TransactionAmount.CurrencyCode'] = 'USD'; }
    else if (action === 'Refund') Object.assign(params, { TransactionId: pickOf(txns), CallerReference: ref, ...(r() < 0.5 ? { 'RefundAmount.Value': pickOf(['0.50', '1.00', '5.00']), 'RefundAmount.CurrencyCode': 'USD' } : {}) });
    else if (action === 'CancelToken') params.TokenId = pickOf(tokens);
    else if (action === 'GetTransactionStatus') params.TransactionId = pickOf(txns);
    else if (action === 'GetTokenByCaller') { if (r() < 0.5) params.TokenId = pickOf(tokens); else params.CallerReference = r() < 0.5 && refs.length ? pickOf(refs) : `tok-${Math.floor(r() * i)}`; }
    else if (action === 'VerifySignature') { params.UrlEndPoint = 'http://127.0.0.1:9/ipn'; params.HttpParameters = outbound.length && r() < 0.7 ? pickOf(outbound) : 'a=b&signature=x'; }
    refs.push(ref);
    const version = r() < 0.9 ? '2010-08-28' : '2008-09-17';
    const host = r() < 0.9 ? '127.0.0.1:8080' : '127.0.0.1';
    const method = r() < 0.85 ? 'POST' : 'GET';
    const signed = sig.signedParams({ action, accessKeyId: c.key, secret: r() < 0.04 ? 'bad' : c.secret, method, host: r() < 0.5 ? host : '127.0.0.1:8080', path: '/', timestamp: r() < 0.03 ? '2001-01-01T00:00:00Z' : ts, version, signatureMethod: r() < 0.8 ? 'HmacSHA256' : 'HmacSHA1', params });
    let form = new URLSearchParams(signed).toString();
    if (r() < 0.02) form += '&bad=%zz';
    if (r() < 0.02) form += '&Action=Pay';
    const text = await both(method === 'POST' ? { kind: 'api', method, host, query: '', body: form } : { kind: 'api', method, host, query: form, body: '' });
    const tid = /<TransactionId>([^<]+)</.exec(text)?.[1];
    if (tid && !txns.includes(tid)) txns.push(tid);
  }
  const sa = JSON.stringify(ea.state()), sb = JSON.stringify(eb.state());
  total++;
  if (sa !== sb) { mismatches++; console.log(`STATE MISMATCH ${name}`); }
  await ea.close(); await eb.close();
}

const configs: [string, Parameters<Mod['createEmulator']>[0]][] = [
  ['nominal', {}], ['random', { choice: 'random' }], ['sandbox-sim', { profile: 'sandbox-simulation', choice: 'random' }],
  ...BUG_NAMES.map((b): [string, Parameters<Mod['createEmulator']>[0]] => [`bug:${b}`, { bugs: [b], choice: 'random' }]),
];
for (const [i, [name, opts]] of configs.entries()) {
  if (filter && !name.includes(filter)) continue;
  await run(name, opts, 1000 + i);
}
console.log('most frequent answers:', [...stats].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${k}:${v}`).join('  '));
console.log(`${total} answers compared over ${configs.filter(([name]) => !filter || name.includes(filter)).length} configurations, ${mismatches} mismatches`);
process.exitCode = mismatches === 0 ? 0 : 1;
