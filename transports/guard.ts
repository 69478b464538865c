// Where the kit may send traffic: the target it was given, and loopback (ground rules). Checked once
// per request in the recording wrapper, so no suite can reach anywhere else by accident.
import { UsageError } from '../core/errors.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Parses a target base URL: http(s) only, no credentials, no query; normalized to end in "/". */
export function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--target ${JSON.stringify(raw)} is not a URL (expected e.g. http://127.0.0.1:8080/)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--target must be an http:// or https:// URL, got ${url.protocol}`);
  }
  if (url.username || url.password) throw new UsageError('--target must not carry a user name or password');
  if (url.search || url.hash) throw new UsageError('--target must not carry a query string or fragment');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/** Throws when `requestUrl` is neither on the target's origin nor on loopback. */
export function assertAllowed(requestUrl: string, targetBase: string): void {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    throw new UsageError(`refusing to send a request to a malformed URL ${JSON.stringify(requestUrl.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`refusing to send a request to ${url.protocol} URL`);
  if (url.origin === new URL(targetBase).origin || isLoopback(url)) return;
  throw new UsageError(`refusing to send a request to ${url.origin}: the kit talks only to the target (${new URL(targetBase).origin}) and loopback`);
}
