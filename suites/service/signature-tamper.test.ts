import { describe, expect, it } from 'vitest';
import { changedSignatureBytes } from './signature-tamper.ts';

describe('an altered Signature', () => {
  it('always decodes to other bytes, also where the last character carries pad bits (RFC 4648 3.5)', () => {
    const sig = Buffer.alloc(32, 7).toString('base64'); // 43 data characters and one "="
    for (let at = 0; at < sig.length + 5; at++) {
      const altered = changedSignatureBytes(sig, at);
      expect(altered).not.toBe(sig);
      expect(Buffer.from(altered, 'base64').equals(Buffer.from(sig, 'base64')), `at ${at}: ${altered}`).toBe(false);
    }
  });
});
