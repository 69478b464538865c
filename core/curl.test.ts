// curl lines for transcripts: a reader can paste them to resend the exact bytes.
import { describe, expect, it } from 'vitest';
import { toCurl } from './curl.ts';

describe('curl rendering', () => {
  it('renders a paste-able command with quoting and raw bytes', () => {
    expect(toCurl({ method: 'GET', url: 'http://127.0.0.1:8080/?a=1&b=2', headers: {} })).toBe(`curl -sS -i 'http://127.0.0.1:8080/?a=1&b=2'`);
    expect(toCurl({ method: 'POST', url: 'http://127.0.0.1:8080/', headers: { 'content-type': 'text/plain' }, body: "it's" })).toBe(
      `curl -sS -i -X POST -H 'content-type: text/plain' --data-binary 'it'\\''s' http://127.0.0.1:8080/`,
    );
    expect(toCurl({ method: 'POST', url: 'http://127.0.0.1:8080/', headers: {}, body: '\xff', bodyEncoding: 'latin1' })).toBe(
      `printf '\\377' | curl -sS -i -X POST --data-binary @- http://127.0.0.1:8080/`,
    );
  });
});
