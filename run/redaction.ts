// Secret blanking for the report writers (reporters/ reach transports/ through here): the one set of
// rules of transports/redact.ts, so a report blanks exactly as a transcript does.
export { REDACTED, redactCommand, redactText, redactValue } from '../transports/redact.ts';
