// Recorded exchanges are blanked when read (lazily), and read exactly as eagerly blanked ones would.
import { describe, expect, it } from 'vitest';
import type { Target } from '../core/target.ts';
import type { WireRequest, WireResponse } from '../core/wire.ts';
import { recordingTarget } from './recording.ts';
import { MAX_RECORDED_BODY, REDACTED } from './redact.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

function fake(answer: (req: WireRequest) => WireResponse): Target {
  return { baseUrl: 'http://127.0.0.1:9/', send: async (req) => answer(req), close: async () => {} };
}

describe('recordingTarget', () => {
  it('blanks secrets in what it shows: fields, spreads and JSON alike', async () => {
    const rec = recordingTarget(fake(() => ({ status: 200, headers: { 'x-echo': SECRET }, body: `<a>${SECRET}</a>` })), { secrets: [SECRET] });
    const req: WireRequest = { method: 'GET', url: `http://127.0.0.1:9/?k=${encodeURIComponent(SECRET)}`, headers: { h: SECRET } };
    await rec.send(req, { label: 'L' });
    const ex = rec.exchangeOf(req)!;
    expect(ex.request.url).toBe(`http://127.0.0.1:9/?k=${REDACTED}`);
    expect(ex.response?.body).toBe(`<a>${REDACTED}</a>`);
    expect(JSON.stringify(rec.transcript())).not.toContain(SECRET.slice(0, 12));
    expect({ ...ex }).toEqual({ seq: 1, sentAt: ex.sentAt, label: 'L', elapsedMs: ex.elapsedMs, request: { method: 'GET', url: `http://127.0.0.1:9/?k=${REDACTED}`, headers: { h: REDACTED } }, response: { status: 200, headers: { 'x-echo': REDACTED }, body: `<a>${REDACTED}</a>` } });
    expect('error' in ex).toBe(false);
    // the raw exchange the view reads from is not among its enumerable fields
    expect(Object.keys(ex)).toEqual(['seq', 'sentAt', 'elapsedMs', 'label', 'request', 'response']);
    expect(Object.getOwnPropertySymbols({ ...ex })).toEqual([]);
    // the caller still holds the real request
    expect(req.url).toContain(encodeURIComponent(SECRET));
  });

  it('blanks a secret learned after the exchange was recorded, and lets readers replace fields', async () => {
    const rec = recordingTarget(fake(() => ({ status: 200, headers: {}, body: SECRET })));
    const req: WireRequest = { method: 'GET', url: 'http://127.0.0.1:9/', headers: {} };
    await rec.send(req);
    rec.addSecret(SECRET);
    const ex = rec.exchangeOf(req)!;
    expect(ex.response?.body).toBe(REDACTED);
    ex.response = { status: 500, headers: {}, body: 'x' };
    expect(ex.response.status).toBe(500);
  });

  it('clips a big body at once', async () => {
    const rec = recordingTarget(fake(() => ({ status: 200, headers: {}, body: 'x'.repeat(MAX_RECORDED_BODY * 4) })));
    const req: WireRequest = { method: 'GET', url: 'http://127.0.0.1:9/', headers: {} };
    await rec.send(req);
    expect(Object.getOwnPropertyDescriptor(rec.exchangeOf(req)!, 'response')?.get).toBeUndefined();
    expect(rec.exchangeOf(req)!.response!.body.length).toBeLessThan(MAX_RECORDED_BODY + 100);
  });

  it('finds the exchange of every request it sent, frozen ones and ones sent twice included, and leaves no visible mark on them', async () => {
    let n = 0;
    const rec = recordingTarget(fake(() => ({ status: 200, headers: {}, body: String(++n) })));
    const plain: WireRequest = { method: 'GET', url: 'http://127.0.0.1:9/a', headers: {} };
    const frozen: WireRequest = Object.freeze({ method: 'GET', url: 'http://127.0.0.1:9/b', headers: {} });
    await rec.send(plain);
    await rec.send(frozen);
    expect(rec.exchangeOf(plain)?.response?.body).toBe('1');
    expect(rec.exchangeOf(frozen)?.response?.body).toBe('2');
    // sent again, after being frozen: the latest exchange
    Object.freeze(plain);
    await rec.send(plain);
    expect(rec.exchangeOf(plain)).toMatchObject({ seq: 3, response: { body: '3' } });
    expect(rec.exchangeOf({ ...plain })).toBeUndefined();
    expect(plain).toStrictEqual({ method: 'GET', url: 'http://127.0.0.1:9/a', headers: {} });
    expect(JSON.stringify(plain)).toBe('{"method":"GET","url":"http://127.0.0.1:9/a","headers":{}}');
    // another recorder does not read this one's exchanges
    const other = recordingTarget(fake(() => ({ status: 204, headers: {}, body: '' })));
    expect(other.exchangeOf(plain)).toBeUndefined();
    const shared: WireRequest = { method: 'GET', url: 'http://127.0.0.1:9/c', headers: {} };
    await rec.send(shared);
    await other.send(shared);
    expect(rec.exchangeOf(shared)?.response?.status).toBe(200);
    expect(other.exchangeOf(shared)?.response?.status).toBe(204);
  });
});
