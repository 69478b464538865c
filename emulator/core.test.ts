// The emulator's own machinery (queue, IPN delivery, strict parsing, InternalError) over a stub
// model kept here, so these tests do not depend on the reference model's rules.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer, ExpectedIpn, Model, ModelInput, ModelState, Outcome } from '../spec/model/api.ts';
import { createEmulator, type Emulator } from './core.ts';
import { LocalSandbox } from '../test/support/emulator-client.ts';

interface StubState extends ModelState {
  keys: Record<string, true>;
  used: Record<string, true>;
  txns: { id: string; status: string; url?: string }[];
  ipns: Record<string, ExpectedIpn>;
}

const out = (answer: Answer, rules: string[], next: (b: Readonly<Record<string, string>>) => ModelState): Outcome => ({ answer, rules, why: 'stub', next });

/** Accounts, the clock, process, and Pay that uses each SenderTokenId once; everything else InvalidParams. */
function stubModel(): Model {
  const owe = (s: StubState, id: string, status: string, url: string | undefined): Record<string, ExpectedIpn> =>
    url === undefined ? s.ipns : { ...s.ipns, [`${id} ${status}`]: { key: `${id} ${status}`, url, rules: ['R-IPN-1'], fields: { transactionId: id, transactionStatus: status, operation: 'PAY', signature: { present: true } } } };
  const concrete = (st: ModelState, input: ModelInput): Outcome => {
    const s = st as StubState;
    switch (input.kind) {
      case 'account':
        return out(
          { kind: 'account', fields: { accountId: { fresh: 'AccountId', bind: 'a' }, email: { fresh: 'Email', bind: 'e' }, accessKeyId: { fresh: 'AccessKeyId', bind: 'k' }, secretAccessKey: { fresh: 'SecretAccessKey', bind: 's' } } },
          [],
          (b) => ({ ...s, keys: { ...s.keys, [b.k!]: true } }),
        );
      case 'clock':
        return out({ kind: 'clock', now: input.to }, [], () => ({ ...s, now: input.to }));
      case 'process': {
        const pending = s.txns.filter((t) => t.status === 'Pending');
        let ipns = s.ipns;
        for (const t of pending) ipns = owe({ ...s, ipns }, t.id, 'SUCCESS', t.url);
        return out({ kind: 'process', completed: pending.map((t) => t.id) }, [], () => ({ ...s, ipns, txns: s.txns.map((t) => (t.status === 'Pending' ? { ...t, status: 'Success' } : t)) }));
      }
      case 'api': {
        if (input.auth.signature !== 'valid' || !s.keys[input.auth.accessKeyId ?? '']) return out({ kind: 'error', code: 'SignatureDoesNotMatch' }, ['R-AUTH-2'], () => s);
        if (input.action !== 'Pay') return out({ kind: 'error', code: 'InvalidParams' }, ['R-WIRE-5'], () => s);
        const token = input.params.SenderTokenId ?? '';
        if (s.used[token]) return out({ kind: 'error', code: 'TokenUsageError' }, ['R-TOK-6'], () => s);
        const url = input.params.OverrideIPNURL;
        return out(
          { kind: 'result', action: 'Pay', fields: { TransactionId: { fresh: 'TransactionId', bind: 't', maxLength: 35 }, TransactionStatus: 'Pending', RequestId: { fresh: 'RequestId', bind: 'RequestId' } } },
          ['R-PAY-1'],
          (b) => ({ ...s, used: { ...s.used, [token]: true }, txns: [...s.txns, { id: b.t!, status: 'Pending', ...(url ? { url } : {}) }], ipns: owe(s, b.t!, 'PENDING', url) }),
        );
      }
      default:
        return out({ kind: 'recorded' }, [], () => s);
    }
  };
  return {
    initial: (start) => ({ now: start, keys: {}, used: {}, txns: [], ipns: {} }) as StubState,
    step: (s, i) => [concrete(s, i)],
    unknown: (s) => s,
    stepConcrete: (s, i) => concrete(s, i),
    owedIpns: (s) => Object.values((s as StubState).ipns),
  };
}

const BASE = 'http://127.0.0.1:8080/';
let emulators: Emulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  emulators = [];
});

function setup(options: Parameters<typeof createEmulator>[0] = {}) {
  const emulator = createEmulator({ seed: 7, model: stubModel(), baseUrl: BASE, ...options });
  emulators.push(emulator);
  return { emulator, sandbox: new LocalSandbox((r) => emulator.handle(r), BASE) };
}

const raw = (emulator: Emulator, init: RequestInit & { path?: string } = {}) =>
  emulator.handle(new Request(BASE + (init.path ?? ''), { ...init, headers: { host: '127.0.0.1:8080', ...(init.headers as Record<string, string>) } }));

describe('queue (R-TOK-6, R-REF-2)', () => {
  it('lets exactly one of 20 concurrent Pays through one SingleUse token', async () => {
    const { sandbox } = setup();
    const caller = await sandbox.account('caller');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => sandbox.call('Pay', { SenderTokenId: 'TOKEN1', CallerReference: `r${i}` }, caller)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.answer.kind === 'error' && r.answer.code === 'TokenUsageError')).toHaveLength(19);
  });

  it('with the race-pay bug, concurrent Pays on one token all go through', async () => {
    const { sandbox } = setup({ bugs: ['race-pay'] });
    const caller = await sandbox.account('caller');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => sandbox.call('Pay', { SenderTokenId: 'TOKEN1', CallerReference: `r${i}` }, caller)));
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThan(1);
  });
});

describe('malformed input is a 4xx FPS error document (R-WIRE-5)', () => {
  const cases: [string, RequestInit & { path?: string }][] = [
    ['bad percent-encoding in the query', { path: '?Action=Pay&CallerReference=%zz' }],
    ['a truncated escape at the end', { path: '?Action=Pay&X=%E' }],
    ['non-UTF-8 bytes', { path: '?Action=Pay&X=%FF%FE' }],
    ['a duplicate name', { path: '?Action=Pay&Action=Refund' }],
    ['an unknown Action', { path: '?Action=Bogus' }],
    ['no parameters at all', { path: '' }],
    ['a JSON body', { method: 'POST', body: '{"Action":"Pay"}', headers: { 'content-type': 'application/json' } }],
    ['a form body without a content type', { method: 'POST', body: 'Action=Pay' }],
    ['a form body in another charset', { method: 'POST', body: 'Action=Pay', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-1' } }],
    ['raw non-UTF-8 body bytes', { method: 'POST', body: new Uint8Array([0x41, 0x3d, 0xff, 0xfe]), headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
    ['a 2 MiB value', { method: 'POST', body: 'Action=Pay&X=' + 'a'.repeat(2 * 1024 * 1024), headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
    ['2,000 parameters', { path: '?' + Array.from({ length: 2000 }, (_, i) => `p${i}=1`).join('&') }],
    ['a PUT', { method: 'PUT', path: '?Action=Pay', body: '' }],
    ['an empty name', { path: '?=1&Action=Pay' }],
  ];
  for (const [name, init] of cases) {
    it(name, async () => {
      const { emulator } = setup();
      const res = await raw(emulator, init);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await res.text()).toMatch(/^<\?xml[^>]*>\n<Response><Errors><Error><Code>[A-Za-z_]+<\/Code><Message>[^<]*<\/Message><\/Error><\/Errors><RequestID>[^<]+<\/RequestID><\/Response>$/);
    });
  }

  it('a body stream that breaks off (truncated upload)', async () => {
    const { emulator } = setup();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('Action=Pay&Caller'));
        c.error(new Error('connection reset'));
      },
    });
    const res = await emulator.handle(new Request(BASE, { method: 'POST', body, duplex: 'half', headers: { 'content-type': 'application/x-www-form-urlencoded' } } as RequestInit));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>InvalidParams</Code>');
  });

  it('a failure inside the emulator is InternalError 500, not a crash', async () => {
    const lines: string[] = [];
    const { emulator } = setup({ log: (l) => lines.push(l), hooks: [{ beforeParse: () => { throw new Error('boom'); } }] });
    const res = await raw(emulator, { path: '?Action=Pay' });
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('<Code>InternalError</Code>');
    expect(lines.join('\n')).toContain('boom');
  });

  it('the robustness bugs turn bad percent-encoding and a huge value into 500', async () => {
    const { emulator } = setup({ bugs: ['robust-bad-percent-500'] });
    expect((await raw(emulator, { path: '?Action=Pay&X=%zz' })).status).toBe(500);
    const huge = setup({ bugs: ['robust-huge-value-500'] }).emulator;
    expect((await raw(huge, { path: '?Action=Pay&X=' + 'a'.repeat(70_000) })).status).toBe(500);
    expect((await raw(huge, { path: '?Action=Pay&X=' + 'a'.repeat(60_000) })).status).toBe(400);
  });
});

describe('the three request styles mean the same (R-WIRE-1)', () => {
  for (const style of ['GET', 'POST-form', 'POST-query'] as const) {
    it(style, async () => {
      const { sandbox } = setup();
      const caller = await sandbox.account('caller');
      const r = await sandbox.call('Pay', { SenderTokenId: `T-${style}`, CallerReference: 'r' }, caller, { style });
      expect(r.status).toBe(200);
      expect(r.answer.kind).toBe('result');
    });
  }

  it('a signature over the host without its port is accepted too (R-AUTH-1b)', async () => {
    const { sandbox } = setup();
    const caller = await sandbox.account('caller');
    expect((await sandbox.call('Pay', { SenderTokenId: 'T1', CallerReference: 'r' }, caller, { hostWithoutPort: true })).status).toBe(200);
    const tampered = await sandbox.call('Pay', { SenderTokenId: 'T2', CallerReference: 'r' }, { ...caller, secretAccessKey: 'wrong' });
    expect(tampered.answer).toMatchObject({ kind: 'error', code: 'SignatureDoesNotMatch' });
  });
});

describe('IPN delivery (R-IPN-1)', () => {
  it('retries a failing loopback receiver until it answers 2xx, with signed form bodies', async () => {
    const hits: { status: number; body: string; type: string | undefined }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const status = hits.length < 2 ? 500 : 200;
        hits.push({ status, body, type: req.headers['content-type'] });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ipn`;
    try {
      const { emulator, sandbox } = setup({ ipn: { initialDelayMs: 10, maxDelayMs: 40, maxTries: 5 } });
      const caller = await sandbox.account('caller');
      expect((await sandbox.call('Pay', { SenderTokenId: 'T', CallerReference: 'r', OverrideIPNURL: url }, caller)).status).toBe(200);
      await emulator.idle();
      expect(hits.map((h) => h.status)).toEqual([500, 500, 200]);
      expect(hits[2]!.type).toMatch(/^application\/x-www-form-urlencoded/);
      const params = new URLSearchParams(hits[2]!.body);
      expect(params.get('transactionStatus')).toBe('PENDING');
      expect(params.get('signatureVersion')).toBe('2');
      expect(params.get('signature')).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(emulator.state().ipn[0]).toMatchObject({ state: 'delivered', attempts: 3 });
    } finally {
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });

  it('gives up after maxTries and never posts outside loopback', async () => {
    const seen: string[] = [];
    const { emulator, sandbox } = setup({ ipn: { initialDelayMs: 1, maxDelayMs: 2, maxTries: 3, deliver: async (u) => (seen.push(u), 503) } });
    const caller = await sandbox.account('caller');
    await sandbox.call('Pay', { SenderTokenId: 'T', CallerReference: 'r', OverrideIPNURL: 'http://127.0.0.1:9/x' }, caller);
    await emulator.idle();
    expect(seen).toHaveLength(3);
    expect(emulator.state().ipn[0]).toMatchObject({ state: 'gave-up', attempts: 3 });

    const remote = setup({ ipn: { initialDelayMs: 1 } });
    const c2 = await remote.sandbox.account('caller');
    await remote.sandbox.call('Pay', { SenderTokenId: 'T', CallerReference: 'r', OverrideIPNURL: 'http://203.0.113.9/ipn' }, c2);
    await remote.emulator.idle();
    expect(remote.emulator.state().ipn[0]).toMatchObject({ state: 'refused', attempts: 1 });
  });

  it('close() stops retries', async () => {
    let calls = 0;
    const { emulator, sandbox } = setup({ ipn: { initialDelayMs: 30, maxTries: 10, deliver: async () => (calls++, 500) } });
    const caller = await sandbox.account('caller');
    await sandbox.call('Pay', { SenderTokenId: 'T', CallerReference: 'r', OverrideIPNURL: 'http://127.0.0.1:9/x' }, caller);
    await new Promise((r) => setTimeout(r, 5));
    await emulator.close();
    const before = calls;
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(before);
  });
});

describe('sandbox hooks (shared/sandbox-protocol.md)', () => {
  it('discovery, clock that never goes backwards, process, reset', async () => {
    const { sandbox } = setup({ profile: 'sandbox-simulation' });
    expect((await sandbox.json('GET', '_sandbox')).body).toEqual({
      protocol: 'fps-sandbox/1',
      versions: ['2008-09-17', '2010-08-28'],
      cbui: 'http://127.0.0.1:8080/cobranded-ui/actions/start',
      profiles: ['core', 'sandbox-simulation'],
      clock: true,
      ipn: true,
    });
    expect(await sandbox.now()).toBe('2026-01-01T00:00:00Z');
    expect(await sandbox.advance(3600)).toBe('2026-01-01T01:00:00Z');
    expect((await sandbox.json('POST', '_sandbox/clock', { now: '2026-01-01T00:30:00Z' })).status).toBe(400);
    expect((await sandbox.json('POST', '_sandbox/clock', { now: '2026-02-01T00:00:00Z' })).body).toEqual({ now: '2026-02-01T00:00:00Z' });
    expect((await sandbox.json('POST', '_sandbox/clock', { advanceSeconds: -1 })).status).toBe(400);
    expect((await sandbox.json('POST', '_sandbox/clock', {})).body.error).toMatch(/advanceSeconds or now/);
    const caller = await sandbox.account('caller');
    const pay = await sandbox.call('Pay', { SenderTokenId: 'T', CallerReference: 'r' }, caller);
    expect(pay.answer.kind).toBe('result');
    const id = pay.answer.kind === 'result' ? pay.answer.fields.TransactionId : '';
    expect(id).toMatch(/^[0-9A-Z]{35}$/);
    // R-WIRE-7: RequestId ≤ 64, shaped like the seed's c21e7735-9c08-4cd8-99bf-535a848c79b4:0
    expect(pay.answer.kind === 'result' && pay.answer.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}:0$/);
    expect(await sandbox.process()).toEqual([id]);
    expect((await sandbox.json('POST', '_sandbox/reset')).body).toEqual({ now: '2026-01-01T00:00:00Z' });
    // the account is forgotten: its key is unknown now
    expect((await sandbox.call('Pay', { SenderTokenId: 'T9', CallerReference: 'r' }, caller)).status).toBe(400);
  });

  it('bad hook input is a 4xx JSON error', async () => {
    const { sandbox, emulator } = setup();
    expect((await sandbox.json('POST', '_sandbox/accounts', { role: 'admin' })).status).toBe(400);
    expect((await sandbox.json('POST', '_sandbox/accounts', { role: 'sender', instruments: ['VISA'] })).status).toBe(400);
    const notJson = await raw(emulator, { path: '_sandbox/accounts', method: 'POST', body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'body is not valid JSON' });
    expect((await sandbox.json('GET', '_sandbox/nothing')).status).toBe(404);
    expect((await sandbox.json('GET', '_sandbox/process')).status).toBe(405);
  });
});

describe('materialize: Expect → the values sent', () => {
  it('binds fresh ids once, picks oneOf with the chooser, fills present fields from the others, leaves optional out', async () => {
    const { materialize } = await import('./materialize.ts');
    const picks: string[] = [];
    const bound: Record<string, string> = {};
    let n = 0;
    const out = materialize(
      {
        transactionId: { fresh: 'TransactionId', bind: 't' },
        again: { fresh: 'TransactionId', bind: 't' },
        transactionStatus: 'PENDING',
        statusMessage: { present: true },
        statusCode: { present: true },
        operation: { oneOf: ['CANCEL', 'CANCEL_TRANSACTION'] },
        certificateUrl: { optional: true },
        RequestId: { present: true },
      },
      { choose: (k, what) => (picks.push(`${what}:${k}`), 1), fresh: () => `ID${++n}`, requestId: 'req-1', now: 0 },
      bound,
    );
    expect(out).toEqual({
      transactionId: 'ID1',
      again: 'ID1',
      transactionStatus: 'PENDING',
      statusMessage: 'This transaction is awaiting a response from the backend payment processor.',
      statusCode: 'PendingNetworkResponse',
      operation: 'CANCEL_TRANSACTION',
      RequestId: 'req-1',
    });
    expect(bound).toEqual({ t: 'ID1' });
    expect(picks).toEqual(['operation:2']);
  });
});
