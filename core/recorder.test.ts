// The one recorder: worst-status collapse, not-tested for what nobody observed, replay lines, and
// failures after a signal filed as not tested (a false alarm is the worst bug).
import { describe, expect, it } from 'vitest';
import { Recorder, worstStatus } from './recorder.ts';
import type { CheckRecord } from './suite.ts';

const CHECKS: CheckRecord[] = [
  { id: 'request/signature', suite: 'sdk-requests', title: 'signed', requirements: ['R-AUTH-1'] },
  { id: 'sequences/x', suite: 'sdk-sequences', title: 'sequences', requirements: ['R-IDEM-2'] },
  { id: 'sdk/pipeline-Recipient', suite: 'sdk-calls', title: 'Recipient', requirements: ['PIPELINE-Recipient'] },
];
const byId = (rec: Recorder, id: string) => rec.results().find((r) => r.id === id)!;

describe('Recorder', () => {
  it('a failure outranks passes; an unobserved check is not-tested, never pass', () => {
    const rec = new Recorder(CHECKS);
    rec.pass('request/signature');
    rec.fail('request/signature', 'Pay: bad signature', undefined, ['ACTION-Pay']);
    expect(byId(rec, 'request/signature')).toMatchObject({ status: 'fail', message: 'Pay: bad signature', requirements: ['R-AUTH-1', 'ACTION-Pay'] });
    expect(byId(rec, 'sequences/x')).toMatchObject({ status: 'not-tested', message: 'not reached in this run' });
    expect(() => rec.pass('no/such-check')).toThrow(/unknown check/);
  });

  it('an unsupported row stays a row of its own status (R-WIRE-2: what the SDK cannot express is reported)', () => {
    const rec = new Recorder(CHECKS);
    rec.unsupported('sdk/pipeline-Recipient', 'the hello leaves Recipient out');
    expect(byId(rec, 'sdk/pipeline-Recipient')).toMatchObject({ status: 'unsupported', message: 'the hello leaves Recipient out' });
  });

  it('worstStatus ranks fail over blocked, warn, unsupported and pass', () => {
    expect(worstStatus(['pass', 'unsupported', 'warn'])).toBe('warn');
    expect(worstStatus(['pass', 'blocked', 'fail'])).toBe('fail');
    expect(worstStatus([])).toBe('not-tested');
  });

  it('a failure replays with the seed; a generated case with its fast-check path', () => {
    const rec = new Recorder(CHECKS);
    rec.seed = 5;
    rec.replayCommand = ({ checkId, seed, path }) => `cmd ${checkId}@${seed}${path ? `:${path}` : ''}`;
    rec.fail('request/signature', 'bad');
    rec.fail('sequences/x', 'a resend got a new TransactionId (R-IDEM-2)');
    rec.counterexample('sequences/x', ['#1 Pay(1.00 USD)'], { seed: 5, path: '3:0' });
    expect(byId(rec, 'request/signature').replay).toEqual({ seed: 5, command: 'cmd request/signature@5' });
    expect(byId(rec, 'sequences/x')).toMatchObject({ counterexample: ['#1 Pay(1.00 USD)'], replay: { seed: 5, path: '3:0', command: 'cmd sequences/x@5:3:0' } });
  });

  it('after interrupt(), a failure is what the signal did to the client: not tested, with what was seen', () => {
    const rec = new Recorder(CHECKS);
    rec.pass('request/signature');
    rec.interrupt('SIGINT');
    rec.fail('sequences/x', 'driver exited');
    expect(byId(rec, 'sequences/x')).toMatchObject({ status: 'not-tested', message: 'interrupted (SIGINT): driver exited' });
    expect(byId(rec, 'request/signature').status).toBe('pass');
  });

  it('a redirected view files under the mapped id, prefixing the message', () => {
    const rec = new Recorder(CHECKS);
    rec.redirect((id) => (id === 'request/signature' ? 'sequences/x' : undefined), 'variant: ').fail('request/signature', 'bad');
    expect(byId(rec, 'sequences/x')).toMatchObject({ status: 'fail', message: 'variant: bad' });
    expect(byId(rec, 'request/signature').status).toBe('not-tested');
  });
});
