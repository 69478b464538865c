// A copy-paste curl command for any recorded request, shown in failure transcripts.
import type { WireRequest } from './wire.ts';

/**
 * POSIX shell single-quoting, only when needed: safe for any text. Kept by hand on purpose: shell-quote
 * backslash-escapes every & ? = in a URL (unreadable to paste-and-read), shescape always quotes, and
 * shell-escape (same rule as this line) is unmaintained since 2015; one regex is easier to trust.
 */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Headers curl sets on its own are left out, so the command stays readable. */
const IMPLIED = new Set(['content-length', 'host', 'connection', 'user-agent', 'accept', 'accept-encoding']);

export function toCurl(req: WireRequest): string {
  const parts = ['curl', '-sS', '-i'];
  if (req.method !== 'GET' || req.body !== undefined) parts.push('-X', shellQuote(req.method));
  for (const [name, value] of Object.entries(req.headers)) {
    if (!IMPLIED.has(name.toLowerCase())) parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (req.body !== undefined) {
    if (req.bodyEncoding === 'latin1' && /[^\x20-\x7e]/.test(req.body)) {
      // raw bytes that are not text: printf writes them, curl reads them from stdin
      const escaped = [...req.body].map((c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`).join('');
      return `printf '${escaped}' | ${parts.join(' ')} --data-binary @- ${shellQuote(req.url)}`;
    }
    parts.push('--data-binary', shellQuote(req.body));
  }
  parts.push(shellQuote(req.url));
  return parts.join(' ');
}
