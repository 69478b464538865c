// `fps-conformance sign`: signs one FPS API request or Co-Branded UI URL for curl, so the local
// sandbox can be driven by hand (emulator/README.md). Keys come from the environment; the secret is
// never printed. The Timestamp defaults to the sandbox clock (R-AUTH-4 judges it against that clock).
import { UsageError } from '../core/errors.ts';
import { encodeRfc3986, signCbuiUrl, signedParams } from '../spec/sigv2/index.ts';
import { VERSIONS, type Version } from '../spec/types.ts';
import { isLoopbackUrl } from './http.ts';

export interface SignOptions {
  endpoint: string;
  cbui: boolean;
  method: 'GET' | 'POST';
  version: Version;
  timestamp?: string;
  signatureMethod: 'HmacSHA256' | 'HmacSHA1';
  params: [string, string][];
  accessKeyId: string;
  secret: string;
}

export function parseSignOptions(raw: Record<string, unknown>, args: string[], env: NodeJS.ProcessEnv): SignOptions {
  const endpoint = String(raw.endpoint ?? 'http://127.0.0.1:8080/');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint must be a URL such as http://127.0.0.1:8080/, not ${endpoint}`);
  }
  const method = String(raw.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'POST') throw new UsageError(`--method must be GET or POST, not ${method}`);
  const version = String(raw.apiVersion ?? '2010-08-28');
  if (!(VERSIONS as readonly string[]).includes(version)) throw new UsageError(`--api-version must be one of ${VERSIONS.join(', ')}`);
  const signatureMethod = String(raw.signatureMethod ?? 'HmacSHA256');
  if (signatureMethod !== 'HmacSHA256' && signatureMethod !== 'HmacSHA1') throw new UsageError('--signature-method must be HmacSHA256 or HmacSHA1');
  const params = args.map((a): [string, string] => {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(`parameters are name=value, not ${JSON.stringify(a)}`);
    return [a.slice(0, eq), a.slice(eq + 1)];
  });
  const accessKeyId = String(raw.accessKeyId ?? env.FPS_ACCESS_KEY_ID ?? '');
  const secret = env.FPS_SECRET_ACCESS_KEY ?? '';
  if (accessKeyId === '' || secret === '') throw new UsageError('set FPS_ACCESS_KEY_ID and FPS_SECRET_ACCESS_KEY (serve prints both)');
  const timestamp = raw.timestamp === undefined ? undefined : String(raw.timestamp);
  return { endpoint: url.href.endsWith('/') ? url.href : url.href + '/', cbui: raw.cbui === true, method, version: version as Version, ...(timestamp ? { timestamp } : {}), signatureMethod, params, accessKeyId, secret };
}

/** The sandbox clock of a loopback endpoint, else the wall clock. */
async function clockOf(endpoint: string): Promise<string> {
  if (isLoopbackUrl(endpoint)) {
    try {
      const res = await fetch(`${endpoint}_sandbox/clock`, { signal: AbortSignal.timeout(3000) });
      const body = (await res.json()) as { now?: unknown };
      if (res.ok && typeof body.now === 'string') return body.now;
    } catch {
      // no sandbox hooks there: the wall clock it is
    }
  }
  return new Date().toISOString();
}

/** One line: a signed GET URL, a signed POST form body, or a signed Co-Branded URL. */
export async function signLine(o: SignOptions): Promise<string> {
  const given = Object.fromEntries(o.params);
  if (o.cbui) return signCbuiUrl(`${o.endpoint}cobranded-ui/actions/start`, { callerKey: o.accessKeyId, ...given }, o.secret, o.signatureMethod);
  const action = given.Action;
  if (action === undefined) throw new UsageError('give Action=<name> (e.g. Action=Pay)');
  delete given.Action;
  const url = new URL(o.endpoint);
  const all = signedParams({
    action,
    params: given,
    accessKeyId: o.accessKeyId,
    secret: o.secret,
    method: o.method,
    host: url.host,
    path: url.pathname,
    timestamp: o.timestamp ?? (await clockOf(o.endpoint)),
    version: o.version,
    signatureMethod: o.signatureMethod,
  });
  const query = Object.entries(all).map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`).join('&');
  return o.method === 'GET' ? `${o.endpoint}?${query}` : query;
}
