// Each injected bug (emulator/bugs.ts) changes what the emulator observably does: the same scenario
// is run against the reference emulator and against the emulator with that one bug.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BUGS, BUG_NAMES, bugInfo } from './bugs.ts';
import { createEmulator, type Emulator, type EmulatorOptions } from './core.ts';
import { LocalSandbox, sandboxWorld, usd } from '../test/support/emulator-client.ts';
import { sign } from '../spec/sigv2/index.ts';
import { encodeForm } from '../spec/wire/form.ts';

const BASE = 'http://127.0.0.1:8080/';
let open: Emulator[] = [];
afterEach(async () => {
  await Promise.all(open.map((e) => e.close()));
  open = [];
});

async function world(options: EmulatorOptions) {
  const delivered: string[] = [];
  const emulator = createEmulator({ seed: 5, baseUrl: BASE, ipn: { deliver: async (_u, body) => (delivered.push(body), 200) }, ...options });
  open.push(emulator);
  const sb = new LocalSandbox((r) => emulator.handle(r), BASE);
  return { emulator, delivered, ...(await sandboxWorld(sb)) };
}
type World = Awaited<ReturnType<typeof world>>;

const hourAgo = (now: string): string => new Date(Date.parse(now) - 3_600_000).toISOString();
const days = (n: number): number => n * 86_400;
const epochSeconds = (iso: string, plusDays: number): string => String(Math.floor(Date.parse(iso) / 1000) + days(plusDays));
const summary = (r: { status: number; answer: { kind: string; code?: string } }): string => (r.answer.kind === 'error' ? `${r.status} ${r.answer.code}` : `${r.status} ${r.answer.kind}`);
const pay = (token: string, ref: string, amount = '1.00', extra: Record<string, string> = {}) => ({ SenderTokenId: token, ...usd('TransactionAmount', amount), CallerReference: ref, ...extra });

/** What to observe per bug, and what the reference emulator and the buggy one show there. */
const CASES: Record<string, { observe: (w: World) => Promise<string>; reference: RegExp; buggy: RegExp }> = {
  'sig-plus-for-space': {
    observe: async (w) => summary(await w.call('VerifySignature', { UrlEndPoint: 'http://127.0.0.1:9/a b', HttpParameters: 'x=1&signatureVersion=2' })),
    reference: /^200 result$/,
    buggy: /^400 SignatureDoesNotMatch$/,
  },
  'sig-host-port-only': {
    observe: async (w) => summary(await w.call('GetTransactionStatus', { TransactionId: 'NOPE' }, w.caller, { hostWithoutPort: true })),
    reference: /^400 InvalidTransactionId$/,
    buggy: /^400 SignatureDoesNotMatch$/,
  },
  'sig-stale-timestamp': {
    observe: async (w) => summary(await w.call('VerifySignature', { UrlEndPoint: 'http://127.0.0.1:9/x', HttpParameters: 'x=1&signatureVersion=2' }, w.caller, { timestamp: hourAgo(await w.sb.now()) })),
    reference: /^400 (InvalidParams|AuthFailure|RequestExpired)$/,
    buggy: /^200 result$/,
  },
  'sig-any-version': {
    observe: async (w) => {
      const params: Record<string, string> = {
        Action: 'VerifySignature', UrlEndPoint: 'http://127.0.0.1:9/x', HttpParameters: 'x=1&signatureVersion=2', AWSAccessKeyId: w.caller.accessKeyId,
        SignatureVersion: '1', SignatureMethod: 'HmacSHA256', Timestamp: await w.sb.now(), Version: '2010-08-28',
      };
      params.Signature = sign({ method: 'GET', host: '127.0.0.1:8080', path: '/', params, secret: w.caller.secretAccessKey, signatureMethod: 'HmacSHA256' });
      return summary(await w.sb.send('GET', params));
    },
    reference: /^400 (InvalidParams|SignatureDoesNotMatch|AuthFailure)$/,
    buggy: /^200 result$/,
  },
  'wire-wrong-namespace': {
    observe: async (w) => (await w.call('VerifySignature', { UrlEndPoint: 'http://127.0.0.1:9/x', HttpParameters: 'x=1&signatureVersion=2' })).body.match(/xmlns="([^"]+)"/)![1]!,
    reference: /doc\/2010-08-28\/$/,
    buggy: /doc\/2008-09-17\/$/,
  },
  'wire-long-transaction-id': {
    observe: async (w) => String((await w.field('Pay', pay(await w.token({ pipelineName: 'SingleUse', transactionAmount: '1.00' }), 'p'), 'TransactionId')).length),
    reference: /^35$/,
    buggy: /^37$/,
  },
  'wire-two-errors': {
    observe: async (w) => String((await w.call('GetTransactionStatus', { TransactionId: 'NOPE' })).body.match(/<Error>/g)!.length),
    reference: /^1$/,
    buggy: /^2$/,
  },
  'wire-200-on-error': {
    observe: async (w) => summary(await w.call('GetTransactionStatus', { TransactionId: 'NOPE' })),
    reference: /^400 InvalidTransactionId$/,
    buggy: /^200 InvalidTransactionId$/,
  },
  'tok-month-no-clamp': {
    // anchor Jan 31: true windows [Jan 31, Feb 28), [Feb 28, Mar 31); naive ones [Jan 31, Mar 3), [Mar 3, Mar 31)
    observe: async (w) => {
      await w.sb.json('POST', '_sandbox/clock', { now: '2026-01-31T00:00:00Z' });
      const t = await w.token({ pipelineName: 'MultiUse', globalAmountLimit: '100.00', usageLimitType1: 'Count', usageLimitValue1: '1', usageLimitPeriod1: '1 Month' });
      await w.sb.json('POST', '_sandbox/clock', { now: '2026-03-01T12:00:00Z' });
      await w.field('Pay', pay(t, 'm1'), 'TransactionId');
      await w.sb.json('POST', '_sandbox/clock', { now: '2026-03-04T12:00:00Z' });
      return summary(await w.call('Pay', pay(t, 'm2')));
    },
    reference: /^400 TokenUsageError$/,
    buggy: /^200 result$/,
  },
  'tok-single-use-twice': {
    observe: async (w) => {
      const t = await w.token({ pipelineName: 'SingleUse', transactionAmount: '1.00' });
      await w.field('Pay', pay(t, 's1'), 'TransactionId');
      return summary(await w.call('Pay', pay(t, 's2')));
    },
    reference: /^400 TokenUsageError$/,
    buggy: /^200 result$/,
  },
  'tok-ignores-expiry': {
    observe: async (w) => {
      const t = await w.token({ pipelineName: 'MultiUse', globalAmountLimit: '100.00', validityExpiry: epochSeconds(await w.sb.now(), 1) });
      await w.sb.advance(days(2));
      return summary(await w.call('Pay', pay(t, 'x1')));
    },
    reference: /^400 IncompatibleTokens$/,
    buggy: /^200 result$/,
  },
  'tok-recurring-twice': {
    observe: async (w) => {
      const t = await w.token({ pipelineName: 'Recurring', transactionAmount: '5.00', recurringPeriod: '1 Month' });
      await w.sb.advance(120); // out of the 60 s band around the window's start
      await w.field('Pay', pay(t, 'r1', '5.00'), 'TransactionId');
      await w.sb.advance(days(2));
      return summary(await w.call('Pay', pay(t, 'r2', '5.00')));
    },
    reference: /^400 TokenUsageError$/,
    buggy: /^200 result$/,
  },
  'settle-more-than-reserved': {
    observe: async (w) => {
      const reserve = await w.field('Reserve', pay(await w.token({ pipelineName: 'SingleUse', transactionAmount: '10.00' }), 'v1', '10.00'), 'TransactionId');
      await w.sb.process();
      return summary(await w.call('Settle', { ReserveTransactionId: reserve, ...usd('TransactionAmount', '12.00') }));
    },
    reference: /^400 SettleAmountGreaterThanReserveAmount$/,
    buggy: /^200 result$/,
  },
  'settle-twice': {
    observe: async (w) => {
      const reserve = await w.field('Reserve', pay(await w.token({ pipelineName: 'SingleUse', transactionAmount: '10.00' }), 'v1', '10.00'), 'TransactionId');
      await w.sb.process();
      await w.field('Settle', { ReserveTransactionId: reserve }, 'TransactionId');
      await w.sb.process();
      return summary(await w.call('Settle', { ReserveTransactionId: reserve }));
    },
    reference: /^400 InvalidTransactionState$/,
    buggy: /^200 result$/,
  },
  'reserve-never-expires': {
    observe: async (w) => {
      const reserve = await w.field('Reserve', pay(await w.token({ pipelineName: 'SingleUse', transactionAmount: '10.00' }), 'v1', '10.00'), 'TransactionId');
      await w.sb.process();
      await w.sb.advance(days(8));
      return `${await w.status(reserve)} ${summary(await w.call('Settle', { ReserveTransactionId: reserve }))}`;
    },
    reference: /^Cancelled 400 InvalidTransactionState$/,
    buggy: /^Reserved 200 result$/,
  },
  'refund-ignores-pending': {
    observe: async (w) => {
      const id = await w.field('Pay', pay(await w.token({ pipelineName: 'SingleUse', transactionAmount: '10.00' }), 'p1', '10.00'), 'TransactionId');
      await w.sb.process();
      await w.field('Refund', { TransactionId: id, CallerReference: 'f1' }, 'TransactionId');
      return summary(await w.call('Refund', { TransactionId: id, CallerReference: 'f2', ...usd('RefundAmount', '1.00') }));
    },
    reference: /^400 (RefundAmountExceeded|TransactionFullyRefundedAlready)$/,
    buggy: /^200 result$/,
  },
  'refund-reuses-original-id': {
    observe: async (w) => {
      const id = await w.field('Pay', pay(await w.token({ pipelineName: 'SingleUse', transactionAmount: '10.00' }), 'p1', '10.00'), 'TransactionId');
      await w.sb.process();
      return (await w.field('Refund', { TransactionId: id, CallerReference: 'f1' }, 'TransactionId')) === id ? 'same id' : 'new id';
    },
    reference: /^new id$/,
    buggy: /^same id$/,
  },
  'idem-resend-new-transaction': {
    observe: async (w) => {
      const p = pay(await w.token({ pipelineName: 'MultiUse', globalAmountLimit: '100.00' }), 'same');
      return (await w.field('Pay', p, 'TransactionId')) === (await w.field('Pay', p, 'TransactionId')) ? 'same id' : 'new id';
    },
    reference: /^same id$/,
    buggy: /^new id$/,
  },
  'idem-altered-resend-accepted': {
    observe: async (w) => {
      const t = await w.token({ pipelineName: 'MultiUse', globalAmountLimit: '100.00' });
      await w.field('Pay', pay(t, 'same', '1.00'), 'TransactionId');
      return summary(await w.call('Pay', pay(t, 'same', '2.00')));
    },
    reference: /^400 DuplicateRequest$/,
    buggy: /^200 result$/,
  },
  'idem-scope-across-callers': {
    observe: async (w) => {
      const other = await w.sb.account('caller');
      await w.field('Pay', pay(await w.token({ pipelineName: 'MultiUse', globalAmountLimit: '100.00' }), 'shared'), 'TransactionId');
      const theirs = await w.token({ pipelineName: 'MultiUse', globalAmountLimit: '100.00' }, 'CC', other);
      return summary(await w.call('Pay', pay(theirs, 'shared'), other));
    },
    reference: /^200 result$/,
    buggy: /^400 /,
  },
  'ipn-none-for-refunds': {
    observe: async (w) => {
      const ipn = { OverrideIPNURL: 'http://127.0.0.1:9/ipn' };
      const id = await w.field('Pay', pay(await w.token({ pipelineName: 'SingleUse', transactionAmount: '10.00' }), 'p1', '10.00', ipn), 'TransactionId');
      await w.sb.process();
      await w.field('Refund', { TransactionId: id, CallerReference: 'f1', ...ipn }, 'TransactionId');
      await w.sb.process();
      await w.emulator.idle();
      return w.delivered.map((b) => new URLSearchParams(b).get('operation')).sort().join(',');
    },
    reference: /REFUND/,
    buggy: /^PAY,PAY$/,
  },
  'verify-signature-always-success': {
    observe: async (w) => {
      const r = await w.call('VerifySignature', { UrlEndPoint: 'http://127.0.0.1:9/x', HttpParameters: encodeForm([['status', 'SC'], ['signatureVersion', '2'], ['signature', 'forged']]) });
      return r.answer.kind === 'result' ? r.answer.fields.VerificationStatus! : summary(r);
    },
    reference: /^Failure$/,
    buggy: /^Success$/,
  },
  'authz-foreign-transaction-visible': {
    observe: async (w) => {
      const other = await w.sb.account('caller');
      const id = await w.field('Pay', pay(await w.token({ pipelineName: 'SingleUse', transactionAmount: '1.00' }), 'a1'), 'TransactionId');
      return summary(await w.call('GetTransactionStatus', { TransactionId: id }, other));
    },
    reference: /^400 (InvalidTransactionId|TransactionDenied)$/,
    buggy: /^200 result$/,
  },
  'authz-foreign-token-cancellable': {
    observe: async (w) => {
      const other = await w.sb.account('caller');
      const t = await w.token({ pipelineName: 'MultiUse', globalAmountLimit: '100.00' });
      return summary(await w.call('CancelToken', { TokenId: t }, other));
    },
    reference: /^400 (TokenAccessDenied|InvalidTokenId)$/,
    buggy: /^200 result$/,
  },
  'race-pay': {
    observe: async (w) => {
      const t = await w.token({ pipelineName: 'SingleUse', transactionAmount: '1.00' });
      const all = await Promise.all(Array.from({ length: 20 }, (_, i) => w.call('Pay', pay(t, `c${i}`))));
      return `${all.filter((r) => r.status === 200).length} accepted`;
    },
    reference: /^1 accepted$/,
    buggy: /^([2-9]|1\d|20) accepted$/,
  },
  'race-refund': {
    observe: async (w) => {
      const id = await w.field('Pay', pay(await w.token({ pipelineName: 'SingleUse', transactionAmount: '10.00' }), 'p1', '10.00'), 'TransactionId');
      await w.sb.process();
      const all = await Promise.all(Array.from({ length: 5 }, (_, i) => w.call('Refund', { TransactionId: id, CallerReference: `f${i}`, ...usd('RefundAmount', '10.00') })));
      return `${all.filter((r) => r.status === 200).length} accepted`;
    },
    reference: /^1 accepted$/,
    buggy: /^[2-5] accepted$/,
  },
  'robust-bad-percent-500': {
    observe: async (w) => String((await w.emulator.handle(new Request(`${BASE}?Action=Pay&CallerReference=%zz`))).status),
    reference: /^400$/,
    buggy: /^500$/,
  },
  'robust-huge-value-500': {
    observe: async (w) => String((await w.emulator.handle(new Request(`${BASE}?Action=Pay&CallerDescription=${'a'.repeat(100_000)}`))).status),
    reference: /^400$/,
    buggy: /^500$/,
  },
};

describe('the injected-bug corpus', () => {
  it('has at least 26 bugs, two or more per area, each breaking rulings that exist', () => {
    const rulings = readFileSync(new URL('../../shared/fps-rulings.md', import.meta.url), 'utf8');
    expect(BUGS.length).toBeGreaterThanOrEqual(26);
    expect(new Set(BUG_NAMES).size).toBe(BUGS.length);
    const perArea = new Map<string, number>();
    for (const b of BUGS) perArea.set(b.area, (perArea.get(b.area) ?? 0) + 1);
    expect([...perArea.values()].every((n) => n >= 2)).toBe(true);
    expect(perArea.size).toBe(11);
    for (const b of BUGS) {
      expect(b.rules.length, b.name).toBeGreaterThan(0);
      for (const r of b.rules) expect(rulings, `${b.name} cites ${r}`).toMatch(new RegExp(`- ${r.replace(/-/g, '\\-')} \\(`));
      expect(bugInfo(b.name)).toMatchObject({ name: b.name, area: b.area });
    }
  });

  // the first corpus has a direct scenario each; the clause-named bugs added since (emulator/bugs/clauses.ts)
  // show their change of behaviour through the detection tests (a check fails only on a changed answer)
  it('has a scenario below for each of the first corpus\'s bugs, and every scenario names a bug', () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(28);
    for (const name of Object.keys(CASES)) expect(BUG_NAMES).toContain(name);
  });

  it('refuses unknown bug names with the list of known ones', () => {
    expect(() => createEmulator({ bugs: ['no-such-bug'] })).toThrow(/unknown injected bug "no-such-bug".*settle-twice/);
  });
});

describe('each bug changes behaviour', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      expect(await c.observe(await world({}))).toMatch(c.reference);
      expect(await c.observe(await world({ bugs: [name] }))).toMatch(c.buggy);
    });
  }
});
