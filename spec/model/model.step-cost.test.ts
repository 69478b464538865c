// The emulator's step costs what the request touches: with a world of many transactions, tokens,
// accounts and outbound messages, Pay on a token with uses, Refund, GetTokenByCaller by
// CallerReference, a Co-Branded request and VerifySignature read through the indexes
// (spec/model/world-index.ts), never walking a whole record from the model's usage, refund, query,
// Co-Branded or VerifySignature code. Counted, not timed: every Object.values or Array some call made
// from those modules over a whole record's worth of entities is recorded.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmulator } from '../../emulator/core.ts';
import { LocalSandbox, sandboxWorld, usd } from '../../test/support/emulator-client.ts';

/** the modules whose per-request walks were replaced by index look-ups */
const WATCHED = /spec\/model\/(usage|refund|cbui|queries|verify)\.ts/;
/** more entities than any one request touches in this world */
const MANY = 40;

afterEach(() => vi.restoreAllMocks());

/** Runs `f` and answers the watched modules' walks: the record sizes they read. */
async function walksDuring(f: () => Promise<unknown>): Promise<string[]> {
  const walks: string[] = [];
  const record = (n: number): void => {
    if (n < MANY) return;
    const from = new Error().stack?.split('\n').find((l) => WATCHED.test(l));
    if (from) walks.push(`${n} entities from ${from.trim()}`);
  };
  const values = Object.values;
  vi.spyOn(Object, 'values').mockImplementation(((o: object) => {
    const out = values(o);
    record(out.length);
    return out;
  }) as typeof Object.values);
  // the outbound messages are an array (VerifySignature looked through every one with .some)
  const some = Array.prototype.some;
  vi.spyOn(Array.prototype, 'some').mockImplementation(function (this: unknown[], ...args: Parameters<typeof some>) {
    record(this.length);
    return some.apply(this, args);
  });
  await f();
  return walks;
}

describe('per-request cost on a large emulator world', () => {
  it('Pay, Refund, GetTokenByCaller and a Co-Branded request walk no whole record', async () => {
    const emu = createEmulator({ seed: 1, choice: 'nominal', baseUrl: 'http://127.0.0.1:8080/', bugs: [], profile: 'core' });
    try {
      const { sb, token, call } = await sandboxWorld(new LocalSandbox((r) => emu.handle(r)));
      for (let i = 0; i < MANY; i++) await sb.account('sender');
      const tokens: string[] = [];
      for (let i = 0; i < MANY; i++) tokens.push(await token({ pipelineName: 'MultiUse', globalAmountLimit: '1000.00' }, 'ABT'));
      const pays: string[] = [];
      for (let i = 0; i < MANY; i++) {
        const r = await call('Pay', { SenderTokenId: tokens[i % 4]!, CallerReference: `pay-${i}`, ...usd('TransactionAmount', '1.00') });
        if (r.answer.kind !== 'result') throw new Error(r.body);
        pays.push(r.answer.fields.TransactionId!);
      }
      await sb.process();
      for (let i = 0; i < 4; i++) await call('Refund', { TransactionId: pays[i]!, CallerReference: `refund-${i}`, ...usd('RefundAmount', '0.50') });

      const walks = await walksDuring(async () => {
        // R-TOK-8 counts the token's uses and their refunds; R-REF-2 sums the original's refunds
        expect((await call('Pay', { SenderTokenId: tokens[0]!, CallerReference: 'pay-last', ...usd('TransactionAmount', '1.00') })).answer.kind).toBe('result');
        expect((await call('Refund', { TransactionId: pays[0]!, CallerReference: 'refund-last', ...usd('RefundAmount', '0.25') })).answer.kind).toBe('result');
        // R-TOK-3 by CallerReference; a Co-Branded request reusing one (the buyer by email, the caller's tokens of that reference)
        expect((await call('GetTokenByCaller', { CallerReference: 'tok-3' })).answer.kind).toBe('result');
        expect(await token({ pipelineName: 'MultiUse', globalAmountLimit: '1000.00', callerReference: 'tok-3' }, 'ABT')).toBeTruthy();
        // R-IPN-3 against the messages sent to that UrlEndPoint (none here; every token's return URL is another)
        const verified = await call('VerifySignature', { UrlEndPoint: 'http://127.0.0.1:9/elsewhere', HttpParameters: 'a=1&signatureVersion=2' });
        expect(verified.answer).toMatchObject({ kind: 'result', fields: { VerificationStatus: 'Failure' } });
      });
      expect(walks).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});
