// Reads and rewrites the parameters of a WireRequest wherever they travel (query string or form
// body, R-WIRE-1). Used by `tamper` functions and by suites that send deliberately odd requests.
import { encodeRfc3986 } from '../sigv2/index.ts';
import type { WireRequest } from './message.ts';

export type Pairs = [string, string][];

function hasFormBody(req: WireRequest): boolean {
  return req.body !== undefined && req.body !== '' && /x-www-form-urlencoded/i.test(headerValue(req, 'content-type') ?? '');
}

export function headerValue(req: WireRequest, name: string): string | undefined {
  const key = Object.keys(req.headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : req.headers[key];
}

/** Where the parameters are: the form body when there is one, else the query string. */
export function readPairs(req: WireRequest): Pairs {
  const raw = hasFormBody(req) ? req.body! : new URL(req.url).search.slice(1);
  return raw === '' ? [] : raw.split('&').map((seg) => {
    const eq = seg.indexOf('=');
    const dec = (s: string): string => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    return eq < 0 ? [dec(seg), ''] : [dec(seg.slice(0, eq)), dec(seg.slice(eq + 1))];
  });
}

export function encodePairs(pairs: Pairs): string {
  return pairs.map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`).join('&');
}

/** The same request with its parameters replaced by `pairs`, in the same place (body or query). */
export function writePairs(req: WireRequest, pairs: Pairs): WireRequest {
  const encoded = encodePairs(pairs);
  if (hasFormBody(req)) return { ...req, body: encoded };
  const url = new URL(req.url);
  return { ...req, url: `${url.origin}${url.pathname}${encoded ? `?${encoded}` : ''}` };
}

/** Set (or add) one parameter after signing. */
export function withParam(req: WireRequest, name: string, value: string): WireRequest {
  const pairs = readPairs(req);
  const i = pairs.findIndex(([n]) => n === name);
  if (i >= 0) pairs[i] = [name, value];
  else pairs.push([name, value]);
  return writePairs(req, pairs);
}

export function withoutParam(req: WireRequest, name: string): WireRequest {
  return writePairs(req, readPairs(req).filter(([n]) => n !== name));
}
