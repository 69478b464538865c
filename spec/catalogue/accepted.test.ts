// The accepted-code sets are data taken from the rulings: each entry names a real ruling, and every code
// it accepts is an FPS error code that the ruling's own text names.
import { describe, expect, it } from 'vitest';
import { ACCEPTED_CODES, acceptedCodes, type AcceptedCodesKey } from './accepted.ts';
import { isErrorCode } from './errors.ts';
import { ruling } from './rulings.ts';

const entries = Object.entries(ACCEPTED_CODES) as [AcceptedCodesKey, (typeof ACCEPTED_CODES)[AcceptedCodesKey]][];

describe('ACCEPTED_CODES', () => {
  it('keys each set by the ruling that gives it, and cites that ruling', () => {
    expect(entries.length).toBeGreaterThan(10);
    for (const [key, entry] of entries) {
      expect(key.split(' ')[0]).toBe(entry.rule);
      expect(ruling(entry.rule), `${key} names an unknown ruling`).toBeDefined();
      expect(entry.cites).toContainEqual({ source: 'fps-rulings.md', section: entry.rule });
    }
  });

  it('every accepted code is an error code the ruling text names', () => {
    for (const [key, entry] of entries) {
      const text = ruling(entry.rule)!.text;
      expect(entry.codes.length, key).toBeGreaterThan(0);
      for (const code of entry.codes) {
        expect(isErrorCode(code), `${key}: ${code}`).toBe(true);
        expect(new RegExp(`\\b${code}\\b`).test(text), `${key}: ${code} is not in the text of ${entry.rule}`).toBe(true);
      }
      // more than one code only where the ruling is a set: each is accepted
      if (entry.codes.length > 1) expect(text, key).toMatch(/\(set\b/);
    }
  });

  it('holds the sets of the rulings as written', () => {
    expect(acceptedCodes('R-AUTH-4')).toEqual(['InvalidParams', 'AuthFailure', 'RequestExpired']);
    expect(acceptedCodes('R-AUTH-3')).toEqual(['InvalidParams', 'SignatureDoesNotMatch', 'AuthFailure']);
    expect(acceptedCodes('R-AUTH-2 Signature')).toEqual(['SignatureDoesNotMatch']);
    expect(acceptedCodes('R-PAY-6 unknown')).toEqual(['InvalidTransactionId', 'InvalidParams']);
  });
});
