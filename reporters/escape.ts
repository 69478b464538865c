// Escaping for what the reporters write. Target answers are hostile input: every string that came off
// the wire goes through one of these (or through XMLBuilder, reporters/junit.ts) before it lands in a file.
import escape from 'escape-html';

/** Characters XML 1.0 forbids anywhere (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/FFFF). */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Shows forbidden characters as \uXXXX so a JUnit reader still parses the file (XMLBuilder escapes the rest). */
export function xmlSafe(text: string): string {
  return text.replace(XML_FORBIDDEN, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** HTML text and quoted attribute values (escape-html); control characters shown as \\uXXXX first (not as boxes). */
export function escapeHtml(text: string): string {
  return escape(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`));
}

/** C0/C1 controls (ESC included) as \\uXXXX: a hostile answer must not drive the terminal or the renderer. */
export function controlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Markdown inline text: the characters that start formatting, tables or HTML. */
export function escapeMarkdown(text: string): string {
  return controlSafe(text.replace(/\r?\n/g, ' ')).replace(/[\\`*_\[\]<>|~&]/g, (ch) => `\\${ch}`);
}

/** Markdown inline code: a fence longer than any backtick run inside. */
export function markdownCode(text: string): string {
  const oneLine = controlSafe(text.replace(/\r?\n/g, ' '));
  const longest = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

// Secrets are blanked by the kit's one set of rules (transports/redact.ts): transcripts when recorded,
// reports again here because a report is handed to other people.
export { redactCommand, redactText, redactValue } from '../run/redaction.ts';
