// The body of every repro script (reporters/repro-script.ts puts `const REPRO = {...}` before it): plain
// Node 20, no dependencies. It makes its own accounts, sets the sandbox clock forward to the first
// step's time, sends each step with this run's keys and ids, re-signs what the failing run signed
// right (fresh Timestamp, same skew from the clock), and compares each answer with the failing run's.
// Kept as text (as html-assets.ts keeps the report's script): it is written into files, never run here.
export const RUNTIME = String.raw`import { createHmac, randomBytes } from 'node:crypto';

const say = (line) => process.stdout.write(line + '\n');
const stop = (line) => { process.stderr.write('repro: ' + line + '\n'); process.exit(2); };
const base = new URL(process.argv[2] || process.env.FPS_TARGET || REPRO.target);
if (!base.pathname.endsWith('/')) base.pathname += '/';
if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname) && process.env.FPS_REPRO_ANY_HOST !== '1') stop('the target ' + base.href + ' is not loopback (set FPS_REPRO_ANY_HOST=1 to allow it)');
const tag = randomBytes(3).toString('hex');
/** values of the failing run -> values of this run (keys, emails, account, token and transaction ids) */
const map = new Map();
/** access key id -> secret, for the accounts this script made (never printed) */
const keys = new Map();

// Signature Version 2 (R-AUTH-1): RFC 3986 encoding, names sorted by their UTF-8 bytes, HMAC in base64.
const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;
function enc(s) {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    out += b < 128 && UNRESERVED.test(c) ? c : '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
  }
  return out;
}
const bytes = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
function stringToSign(method, host, path, pairs, isSignature) {
  const canonical = pairs.filter(([n]) => !isSignature(n)).sort((p, q) => bytes(p[0], q[0]) || bytes(p[1], q[1])).map(([n, v]) => enc(n) + '=' + enc(v)).join('&');
  return method + '\n' + host.toLowerCase() + '\n' + (path || '/') + '\n' + canonical;
}
const hmac = (text, secret, method) => createHmac(method === 'HmacSHA1' ? 'sha1' : 'sha256', secret).update(text, 'utf8').digest('base64');
const decode = (s) => { try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; } };
const split = (text) => (text === '' ? [] : text.split('&').map((kv) => { const i = kv.indexOf('='); return i < 0 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)]; }));

/** Every value of the failing run replaced by this run's, in decoded text. */
function remap(text) {
  let out = text;
  for (const [from, to] of [...map].sort((a, b) => b[0].length - a[0].length)) if (from.length >= 4) out = out.split(from).join(to);
  return out;
}
/** The same in a URL-encoded text (an email's @ is %40 there). */
function remapEncoded(text) {
  let out = text;
  for (const [from, to] of [...map].sort((a, b) => b[0].length - a[0].length)) if (from.length >= 4) out = out.split(enc(from)).join(enc(to)).split(from).join(to);
  return out;
}
function learn(before, after) {
  const seen = new Map();
  for (const [name, value] of before) {
    const i = seen.get(name) || 0;
    seen.set(name, i + 1);
    const now = after.filter(([n]) => n === name)[i];
    if (now && now[1] !== value && value.length >= 4 && !map.has(value)) map.set(value, now[1]);
  }
}
const xmlIds = (text) => [...String(text || '').matchAll(/<([A-Za-z]*I[dD])>([^<]+)<\/\1>/g)].map((m) => [m[1], m[2].trim()]);
const locationIds = (loc) => { try { return [...new URL(loc).searchParams].filter(([n]) => /I[dD]$/.test(n)); } catch { return []; } };
const jsonIds = (text) => { try { const o = JSON.parse(text); return ['accountId', 'email', 'accessKeyId'].filter((k) => typeof o[k] === 'string').map((k) => [k, o[k]]); } catch { return []; } };

/** What an answer says, briefly: status, then the error code, or the response root and TransactionStatus. */
function shape(status, body, error) {
  if (error !== undefined) return 'no answer (' + String(error).split(':')[0] + ')';
  const code = /<Code>([^<]*)<\/Code>/.exec(body || '');
  if (code) return 'HTTP ' + status + ' ' + code[1];
  const root = /<([A-Za-z]+Response)[\s>]/.exec(body || '');
  const st = /<TransactionStatus>([^<]*)<\/TransactionStatus>/.exec(body || '');
  return 'HTTP ' + status + (root ? ' ' + root[1] : '') + (st ? ' ' + st[1] : '');
}

async function send(method, path, headers, body) {
  const url = /^https?:/.test(path) ? new URL(path) : new URL(path, base);
  try {
    const res = await fetch(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body, redirect: 'manual', signal: AbortSignal.timeout(20000) });
    return { status: res.status, location: res.headers.get('location') || undefined, body: await res.text() };
  } catch (err) {
    return { error: String((err && err.cause && err.cause.code) || (err && err.name) || err) };
  }
}
async function hook(method, path, json) {
  const r = await send(method, path, { 'content-type': 'application/json' }, json === undefined ? undefined : JSON.stringify(json));
  if (r.error !== undefined || r.status >= 300) stop(method + ' /' + path + ' failed: ' + (r.error || 'HTTP ' + r.status + ' ' + r.body.slice(0, 200)));
  return JSON.parse(r.body);
}

/** An account as the failing run made it, with an email of its own (a shared target keeps the old ones). */
async function remake(request, old) {
  const body = JSON.parse(request || '{}');
  if (typeof body.email === 'string' && !map.has(body.email)) map.set(body.email, body.email.replace('@', '-' + tag + '@'));
  if (typeof body.email === 'string') body.email = map.get(body.email);
  const made = await hook('POST', '_sandbox/accounts', body);
  learn(old, jsonIds(JSON.stringify(made)));
  keys.set(made.accessKeyId, made.secretAccessKey);
  return made;
}

const discovery = await send('GET', '_sandbox', {});
if (discovery.error !== undefined) stop('target ' + base.href + ' is unreachable: ' + discovery.error);
let sandbox;
try { sandbox = discovery.status === 200 ? JSON.parse(discovery.body) : undefined; } catch { sandbox = undefined; }
const clocked = sandbox !== undefined && sandbox.clock === true;

say('repro of ' + REPRO.check + ' [' + REPRO.requirements.join(', ') + ']: ' + REPRO.title);
say('  failed with: ' + REPRO.message.split('\n')[0]);
say('  target: ' + base.href + (clocked ? '' : ' (no sandbox clock: Timestamps follow the wall clock)'));

// The clock: the first step's time, set forward only (fps-sandbox/1: time never goes back).
let offsetMs = 0;
if (clocked) {
  const first = REPRO.steps[0].clock;
  const now = (await hook('GET', '_sandbox/clock')).now;
  if (Date.parse(now) < Date.parse(first)) {
    await hook('POST', '_sandbox/clock', { now: first });
    say('  sandbox clock set forward to ' + first + ', the time of the first step');
  } else {
    offsetMs = Date.parse(now) - Date.parse(first);
    say('  sandbox clock is at ' + now + ', past the first step (' + first + '); it never goes back, so the steps run from now, ' + Math.round(offsetMs / 1000) + ' s later than in the failing run, keeping their spacing');
  }
}
const clockNow = async () => (clocked ? Date.parse((await hook('GET', '_sandbox/clock')).now) : Date.now());

if (REPRO.givenKeyId !== undefined) {
  const id = process.env.FPS_ACCESS_KEY_ID, secret = process.env.FPS_SECRET_ACCESS_KEY;
  if (!id || !secret) stop('the failing run used keys it was given: set FPS_ACCESS_KEY_ID and FPS_SECRET_ACCESS_KEY');
  map.set(REPRO.givenKeyId, id);
  keys.set(id, secret);
}
for (const a of REPRO.accounts) {
  if (sandbox === undefined) stop('the steps need accounts, and the target has no /_sandbox hooks to make them');
  await remake(a.request, jsonIds(JSON.stringify(a)));
}

/** An API request re-signed with this run's key and a fresh Timestamp (its skew from the clock kept). */
async function apiRequest(step) {
  const raw = step.paramsIn === 'query' ? step.path.slice(step.path.indexOf('?') + 1) : step.body || '';
  const timestamp = step.timestampSkewMs === undefined ? undefined : new Date((await clockNow()) + step.timestampSkewMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  let text;
  if (step.signature === 'valid' || step.signature === 'valid-without-port') {
    const pairs = split(raw).map(([n, v]) => [decode(n), remap(decode(v))]).map(([n, v]) => [n, n === 'Timestamp' && timestamp ? timestamp : v]);
    const get = (name) => (pairs.find(([n]) => n === name) || [])[1];
    const secret = keys.get(get('AWSAccessKeyId'));
    if (secret === undefined) stop('step "' + (step.label || step.path) + '": no key of this run stands for ' + get('AWSAccessKeyId'));
    const url = /^https?:/.test(step.path) ? new URL(step.path) : new URL(step.path, base);
    const host = step.signature === 'valid-without-port' ? url.hostname : url.host;
    const signature = hmac(stringToSign(step.method, host, url.pathname, pairs, (n) => n === 'Signature'), secret, get('SignatureMethod'));
    text = pairs.map(([n, v]) => enc(n) + '=' + enc(n === 'Signature' ? signature : v)).join('&');
  } else {
    // sent as recorded (a wrong or missing signature stays wrong), with this run's ids and Timestamp
    text = split(remapEncoded(raw)).map(([n, v]) => [n, decode(n) === 'Timestamp' && timestamp ? enc(timestamp) : v]).map(([n, v]) => n + '=' + v).join('&');
  }
  if (step.paramsIn === 'query') return { path: step.path.slice(0, step.path.indexOf('?') + 1) + text, body: step.body };
  return { path: remapEncoded(step.path), body: text };
}

/** A Co-Branded UI start URL re-signed with this run's callerKey (its parameters in their order). */
function cbuiRequest(step) {
  const q = step.path.indexOf('?');
  const pairs = split(step.path.slice(q + 1)).map(([n, v]) => [decode(n), remap(decode(v))]);
  if (step.signature === 'valid') {
    const isSig = (n) => n.toLowerCase() === 'signature';
    const secret = keys.get((pairs.find(([n]) => n.toLowerCase() === 'callerkey') || [])[1]);
    const method = (pairs.find(([n]) => n.toLowerCase() === 'signaturemethod') || [])[1];
    const url = new URL(step.path, base);
    if (secret !== undefined) {
      const signature = hmac(stringToSign('GET', url.host, url.pathname, pairs, isSig), secret, /sha1$/i.test(method || '') ? 'HmacSHA1' : 'HmacSHA256');
      for (const p of pairs) if (isSig(p[0])) p[1] = signature;
    }
  }
  return step.path.slice(0, q + 1) + pairs.map(([n, v]) => enc(n) + '=' + enc(v)).join('&');
}

let reproduced = true;
for (let i = 0; i < REPRO.steps.length; i++) {
  const step = REPRO.steps[i];
  const headers = {};
  for (const [n, v] of Object.entries(step.headers)) if (!['host', 'content-length', 'connection'].includes(n.toLowerCase())) headers[n] = remap(v);
  let path = remapEncoded(step.path);
  let body = step.body === undefined ? undefined : step.latin1 ? Buffer.from(step.body, 'latin1') : remap(step.body);
  if (step.kind === 'other' && /^https?:/.test(step.path) && new URL(step.path).origin !== base.origin) {
    say('#' + (i + 1) + ' ' + (step.label || '') + ': not sent (it went to ' + new URL(step.path).origin + ', not the target)');
    continue;
  }
  if (step.kind === 'sandbox' && step.method === 'POST' && /^_sandbox\/accounts/.test(step.path)) {
    await remake(step.body, jsonIds(step.was.body));
    say('#' + (i + 1) + ' ' + (step.label || 'account') + ': made');
    continue;
  }
  if (step.kind === 'sandbox' && step.method === 'POST' && /^_sandbox\/clock/.test(step.path) && step.body) {
    const o = JSON.parse(step.body);
    if (typeof o.now === 'string') body = JSON.stringify({ ...o, now: new Date(Date.parse(o.now) + offsetMs).toISOString() });
  }
  if (step.kind === 'api') ({ path, body } = await apiRequest(step));
  if (step.kind === 'cbui') path = cbuiRequest(step);
  const got = await send(step.method, path, headers, body);
  learn([...xmlIds(step.was.body), ...locationIds(step.was.location), ...jsonIds(step.was.body)], [...xmlIds(got.body), ...locationIds(got.location), ...jsonIds(got.body)]);
  const now = shape(got.status, got.body, got.error);
  const then = shape(step.was.status, step.was.body, step.was.error);
  const failing = REPRO.failing.includes(i);
  say('#' + (i + 1) + ' ' + (step.label || step.method + ' /' + step.path.split('?')[0]) + ': ' + now + (now === then ? '' : ' (the failing run: ' + then + ')') + (failing ? '  <- broke ' + (step.rules || REPRO.requirements).join(', ') : ''));
  if (failing) {
    if (step.expected) say('     allowed instead: ' + step.expected.split('\n')[0]);
    if (now !== then) reproduced = false;
  }
}
say(reproduced ? 'REPRODUCED: the target answers the failing step(s) as in the failing run (exit 1)' : 'NOT REPRODUCED: the target now answers the failing step(s) otherwise (exit 0)');
if (REPRO.replayCommand) say('the kit\'s own replay: ' + REPRO.replayCommand);
process.exitCode = reproduced ? 1 : 0;
`;
