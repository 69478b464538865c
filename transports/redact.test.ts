// Secret blanking (ground rules: secrets are never printed): every known secret, as is or
// URI-encoded, anywhere in a text, with many secrets known at once.
import { describe, expect, it } from 'vitest';
import { REDACTED, SecretBook } from './redact.ts';

describe('SecretBook', () => {
  it('blanks every occurrence of each secret, as is and URI-encoded', () => {
    const book = new SecretBook();
    const a = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    book.add(a);
    book.add('short');
    const text = `k=${a}&e=${encodeURIComponent(a)} and again ${a}; short stays`;
    expect(book.blank(text)).toBe(`k=${REDACTED}&e=${REDACTED} and again ${REDACTED}; short stays`);
    expect(book.has(a)).toBe(true);
    expect(book.has('short')).toBe(false);
  });

  it('knows thousands of secrets, with shared prefixes, and prefers the longest at a position', () => {
    const book = new SecretBook();
    const secrets = Array.from({ length: 3000 }, (_, i) => `SECRETKEY${String(i).padStart(31, '0')}`);
    secrets.forEach((s) => book.add(s));
    book.add('SECRETKEY');
    const text = `"${secrets[17]}","${secrets[2999]}",SECRETKEY!,SECRETKE`;
    expect(book.blank(text)).toBe(`"${REDACTED}","${REDACTED}",${REDACTED}!,SECRETKE`);
  });

  it('leaves a text without secrets as it is', () => {
    const book = new SecretBook();
    book.add('ABCDEFGHIJKLMNOP');
    const text = 'ABCDEFGH IJKLMNOP ABCDEFGHIJKLMNO';
    expect(book.blank(text)).toBe(text);
    expect(new SecretBook().blank(text)).toBe(text);
  });
});
