// The SDK's exchanges are recorded by the kit's one recorder (transports/recording.ts): numbered in
// arrival order, labelled with the call they belong to, secrets blanked (architecture: "transcripts
// blank them"), and a reset the kit caused recorded as a transport error, as in an emulator run.
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../transports/redact.ts';
import { KitService, RESET, type Backend } from './service.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const PAY = '<PayResponse xmlns="http://fps.amazonaws.com/doc/2010-08-28/"><PayResult><TransactionId>T1</TransactionId><TransactionStatus>Success</TransactionStatus></PayResult><ResponseMetadata><RequestId>R1</RequestId></ResponseMetadata></PayResponse>';
const backend: Backend = { handle: async () => new Response(PAY, { status: 200, headers: { 'content-type': 'text/xml' } }), close: async () => undefined };
const BASE = 'http://127.0.0.1:65533/';

describe('the kit service records through the one recorder', () => {
  it('numbers, labels and blanks what transcripts show, and keeps the real request for the checks', async () => {
    const service = new KitService(backend);
    service.addSecret(SECRET);
    const mark = service.mark('Pay(#1)');
    await service.handle(new Request(`${BASE}?Action=Pay&AWSSecretKey=${encodeURIComponent(SECRET)}`));
    service.mark();
    await service.handle(new Request(`${BASE}?Action=Pay`));
    const [first, second] = service.since(mark);
    const ex = service.exchangeOf(first!);
    expect(ex).toMatchObject({ seq: 1, label: 'Pay(#1)', response: { status: 200 } });
    expect(ex.request.url).toBe(`${BASE}?Action=Pay&AWSSecretKey=${REDACTED}`);
    // request checks verify signatures over what was really sent
    expect(first!.request.url).toContain(encodeURIComponent(SECRET));
    expect(first!.answer).toMatchObject({ kind: 'result', action: 'Pay', fields: { TransactionId: 'T1' } });
    expect(service.exchangeOf(second!)).toMatchObject({ seq: 2 });
    expect(service.exchangeOf(second!).label).toBeUndefined();
  });

  it('a connection reset is the transport error of its exchange', async () => {
    const service = new KitService(backend);
    service.arm('connection-reset');
    expect(await service.handle(new Request(`${BASE}?Action=Pay`))).toBe(RESET);
    const s = service.served[0]!;
    expect(s).toMatchObject({ fault: 'connection-reset', genuine: false, error: 'connection reset by the kit (fault)' });
    expect(service.exchangeOf(s).error).toBe('reset: connection reset by the kit (fault)');
    expect(service.exchangeOf(s).response).toBeUndefined();
  });

  it('a request still waiting for its answer is in the transcript as sent', async () => {
    const service = new KitService(backend, { slowAnswerMs: 200 });
    service.arm('slow-answer');
    const answered = service.handle(new Request(`${BASE}?Action=Pay`));
    await new Promise((r) => setTimeout(r, 20));
    const s = service.served[0]!;
    expect(service.exchangeOf(s)).toMatchObject({ seq: 1, request: { url: `${BASE}?Action=Pay` } });
    expect(service.exchangeOf(s).response).toBeUndefined();
    await answered;
    expect(service.exchangeOf(s).response?.status).toBe(200);
  });

  it('a request to any host is served and recorded: the kit receives it, it sends nothing', async () => {
    const service = new KitService(backend);
    const res = await service.handle(new Request('https://fps.sandbox.amazonaws.com/?Action=Pay'));
    expect(res !== RESET && res.status).toBe(200);
    expect(service.exchangeOf(service.served[0]!).request.url).toBe('https://fps.sandbox.amazonaws.com/?Action=Pay');
  });
});
