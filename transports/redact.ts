// Secret blanking for transcripts (ground rules: secrets are never printed). Applied where exchanges
// are recorded and only there: suites and the FPS client work with the real values.
import type { Exchange, WireRequest, WireResponse } from '../core/wire.ts';

export const REDACTED = '«redacted»';

/** Longest recorded body; a 1 MB robustness value is kept as its start and its length. */
export const MAX_RECORDED_BODY = 16_384;

/** Secrets are looked up by their first characters, so blanking is one pass over the text
 *  whatever the number of secrets known (a run learns one per account). */
const PREFIX = 8;

export class SecretBook {
  readonly #secrets = new Set<string>();
  /** every form blanked (as is, and URI-encoded) by its first PREFIX characters, longest first */
  readonly #byPrefix = new Map<string, string[]>();
  add(secret: string | undefined): void {
    // very short strings would blank ordinary text; real secret keys are long
    if (!secret || secret.length < PREFIX || this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      const key = form.slice(0, PREFIX);
      const list = this.#byPrefix.get(key) ?? [];
      list.push(form);
      list.sort((a, b) => b.length - a.length);
      this.#byPrefix.set(key, list);
    }
  }
  has(secret: string): boolean {
    return this.#secrets.has(secret);
  }
  blank(text: string): string {
    if (this.#byPrefix.size === 0) return text;
    let out = '';
    let last = 0;
    for (let i = 0; i + PREFIX <= text.length;) {
      const hit = this.#byPrefix.get(text.slice(i, i + PREFIX))?.find((s) => text.startsWith(s, i));
      if (hit === undefined) {
        i++;
        continue;
      }
      out += text.slice(last, i) + REDACTED;
      i += hit.length;
      last = i;
    }
    return last === 0 ? text : out + text.slice(last);
  }
}

/** `/_sandbox/accounts` answers carry `secretAccessKey`: learn it, then blank it. */
export function learnSecrets(book: SecretBook, req: WireRequest, res: WireResponse | undefined): void {
  // a pathname matching the pattern holds "accounts" in its raw URL too (URL parsing never decodes
  // letters), and most requests are API calls whose URL need not be parsed
  if (!res || !req.url.includes('accounts') || !/\/_sandbox\/accounts\b/.test(new URL(req.url).pathname)) return;
  try {
    const parsed = JSON.parse(res.body) as unknown;
    visit(parsed, (k, v) => {
      if (/secret/i.test(k) && typeof v === 'string') book.add(v);
    });
  } catch {
    // not JSON: nothing to learn
  }
}

function visit(value: unknown, fn: (key: string, v: unknown) => void): void {
  if (Array.isArray(value)) value.forEach((v) => visit(v, fn));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      fn(k, v);
      visit(v, fn);
    }
  }
}

function clipBody(body: string | undefined): string | undefined {
  if (body === undefined || body.length <= MAX_RECORDED_BODY) return body;
  return `${body.slice(0, MAX_RECORDED_BODY)}…[${body.length - MAX_RECORDED_BODY} more characters not recorded]`;
}

function blankHeaders(book: SecretBook, h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, book.blank(v)]));
}

/** The exchange as it may be shown: known secrets blanked everywhere, big bodies clipped. */
export function redactExchange(book: SecretBook, ex: Exchange): Exchange {
  const request: WireRequest = { ...ex.request, url: book.blank(ex.request.url), headers: blankHeaders(book, ex.request.headers) };
  const reqBody = clipBody(ex.request.body);
  if (reqBody !== undefined) request.body = book.blank(reqBody);
  const out: Exchange = { ...ex, request };
  if (ex.response) {
    out.response = { status: ex.response.status, headers: blankHeaders(book, ex.response.headers), body: book.blank(clipBody(blankSecretFields(ex.response.body)) ?? '') };
  }
  if (ex.error !== undefined) out.error = book.blank(ex.error);
  return out;
}

/** JSON bodies: any `secretAccessKey`-like field is blanked even before the book knows it. */
function blankSecretFields(body: string): string {
  if (!/secret/i.test(body)) return body;
  return body.replace(/("[^"]*secret[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`);
}

// Blanking by name, for text whose secrets no book knows (a report read back from its file, a value the
// target made up): the second line of defence of what is shown; every report writer uses these.

/** Parameter and header names whose values are secrets (never printed). */
const SECRET_NAME = /secret|password|passwd|private[-_]?key/i;

/** The value of a secret-named parameter or header, blanked. */
export function redactValue(name: string, value: string): string {
  return SECRET_NAME.test(name) && value !== '' ? REDACTED : value;
}

/** `"secretAccessKey":"..."`-style JSON fields and `SecretKey=...` parameters inside free text (bodies, messages, URLs). */
export function redactText(text: string): string {
  if (!/secret|password/i.test(text)) return text;
  return text
    .replace(/("[^"]*(?:secret|password)[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`)
    // a quote ends the value: it closes the shell word of a curl command (secret keys hold none)
    .replace(/([?&\s][A-Za-z_]*(?:[Ss]ecret|[Pp]assword)[A-Za-z_]*=)[^&\s'"]*/g, `$1${REDACTED}`);
}

/** A shell command (the curl of a failing exchange): `SecretKey=...` values, and `-H 'Name: value'` headers named as secrets. */
export function redactCommand(command: string): string {
  return redactText(command).replace(/(-H ')([^:']*):((?:[^']|'\\'')*)'/g, (all, flag: string, name: string) => (SECRET_NAME.test(name) ? `${flag}${name}: ${REDACTED}'` : all));
}
