// Blanking by name (the second line of defence every report writer uses): values of secret-named
// fields, parameters and headers go, whatever the book knows (architecture: "Secrets are never printed").
import { describe, expect, it } from 'vitest';
import { REDACTED, redactCommand, redactText, redactValue } from './redact.ts';

describe('blanking by name', () => {
  it('blanks JSON fields, escaped quotes included, and form parameters named as secrets or passwords', () => {
    expect(redactText('{"secretAccessKey":"a\\"b","password":"p","email":"e"}')).toBe(`{"secretAccessKey":"${REDACTED}","password":"${REDACTED}","email":"e"}`);
    expect(redactText('/?Action=Pay&AWSSecretKey=abc&x=1')).toBe(`/?Action=Pay&AWSSecretKey=${REDACTED}&x=1`);
    expect(redactText('no such names here')).toBe('no such names here');
  });
  it('blanks secret-named headers, in records and in curl commands', () => {
    expect(redactValue('X-Private-Key', 'k')).toBe(REDACTED);
    expect(redactValue('host', '127.0.0.1')).toBe('127.0.0.1');
    expect(redactCommand("curl -H 'X-Secret-Token: t' -H 'Host: h' 'http://127.0.0.1/?Secret=s'")).toBe(`curl -H 'X-Secret-Token: ${REDACTED}' -H 'Host: h' 'http://127.0.0.1/?Secret=${REDACTED}'`);
  });
});
