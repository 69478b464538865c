// fps-driver adapter for awssum-amazon-fps 1.3.0 (awssum 1.2.0), run in-process: the kit's MSW
// interception answers its node:http requests. Maps the kit's calls onto awssum's operations
// (config.js) and its xml2js answers back to the documents' names; adds nothing awssum would not send.
import { createRequire } from 'node:module';
import type { CallParams, ConfigureMessage, DriverAnswer, SdkAdapter } from '../../clients/driver-protocol.ts';

const require = createRequire(import.meta.url);

interface ArgSpec {
  name?: string;
  required: boolean;
  type: string;
}
interface Operation {
  defaults: { Action: string };
  args: Record<string, ArgSpec>;
}
type Callback = (err: AwssumError | null, data?: { StatusCode: number; Body: unknown }) => void;
interface AwssumError {
  Code?: string;
  Message?: string;
  StatusCode?: number;
  Body?: unknown;
  OriginalError?: { code?: string; message?: string };
}
type FpsClient = Record<string, (args: Record<string, string>, cb: Callback) => void> & { host: () => string };

const { Fps } = require('awssum-amazon-fps') as { Fps: new (opts: Record<string, string>) => FpsClient };
const OPERATIONS = require('awssum-amazon-fps/config.js') as Record<string, Operation>;
const VERSION = (require('awssum-amazon-fps/package.json') as { version: string }).version;

/**
 * The documents' action → awssum's operation. awssum has no GetTokenByCaller; its nearest operation
 * is GetTokensByCaller (config.js), which is what a user of the library would call.
 */
const OPERATION_FOR: Record<string, string> = {
  Pay: 'Pay',
  Reserve: 'Reserve',
  Settle: 'Settle',
  Refund: 'Refund',
  Cancel: 'Cancel',
  CancelToken: 'CancelToken',
  GetTransactionStatus: 'GetTransactionStatus',
  GetTokenByCaller: 'GetTokensByCaller',
  GetRecipientVerificationStatus: 'GetRecipientVerificationStatus',
  VerifySignature: 'VerifySignature',
};

let fps: FpsClient | undefined;
const notes: string[] = [];

/** xml2js (explicitArray false, attrkey '@') → plain values; attributes and whitespace-only text dropped. */
function plain(v: unknown): unknown {
  if (typeof v === 'string') return v.trim();
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== '@') out[k] = plain(x);
    if ('#' in out) return out['#'];
    return out;
  }
  return v;
}

function resultOf(action: string, body: unknown): Record<string, unknown> {
  const b = plain(body) as Record<string, Record<string, unknown>>;
  const rootName = Object.keys(b)[0] ?? '';
  const root = b[rootName] ?? {};
  const resultName = Object.keys(root).find((k) => k.endsWith('Result'));
  const result = (resultName !== undefined && typeof root[resultName] === 'object' ? { ...(root[resultName] as Record<string, unknown>) } : {}) as Record<string, unknown>;
  const meta = root.ResponseMetadata as Record<string, unknown> | undefined;
  if (typeof meta?.RequestId === 'string') result.RequestId = meta.RequestId;
  void action;
  return result;
}

function toAnswer(action: string, err: AwssumError | null, data?: { Body: unknown }): DriverAnswer {
  if (err === null) return { ok: true, result: resultOf(action, data?.Body) };
  if (err.Code === 'AwsSumCheck') return { ok: false, unsupported: `awssum refuses the call: ${err.Message ?? ''}` };
  if (err.Code !== undefined && err.Code.startsWith('AwsSum')) {
    const why = err.OriginalError ? ` (${err.OriginalError.code ?? err.OriginalError.message ?? ''})` : '';
    return { ok: false, crash: `${err.Code}: ${err.Message ?? ''}${why}` };
  }
  const body = plain(err.Body) as { Response?: { Errors?: { Error?: { Code?: string; Message?: string } }; RequestID?: string } } | undefined;
  const e = body?.Response?.Errors?.Error;
  if (e === undefined) {
    // awssum hands back a bare { StatusCode } when its XML parser produced nothing for the body
    return { ok: false, crash: `awssum called back with an error and no FPS error document (HTTP ${err.StatusCode ?? '?'}): ${JSON.stringify(err).slice(0, 160)}` };
  }
  return {
    ok: false,
    error: {
      ...(e.Code !== undefined ? { code: e.Code } : {}),
      ...(e.Message !== undefined ? { message: e.Message } : {}),
      ...(body?.Response?.RequestID !== undefined ? { requestId: body.Response.RequestID } : {}),
      ...(err.StatusCode !== undefined ? { httpStatus: err.StatusCode } : {}),
    },
  };
}

function call(action: string, params: CallParams): Promise<DriverAnswer> {
  const opName = OPERATION_FOR[action];
  const op = opName !== undefined ? OPERATIONS[opName] : undefined;
  if (fps === undefined) return Promise.resolve({ ok: false, crash: 'call before configure' });
  if (opName === undefined || op === undefined) return Promise.resolve({ ok: false, unsupported: `awssum-amazon-fps has no operation for ${action}` });
  // wire name → awssum argument name (e.g. OverrideIPNURL is the argument OverrideIpnUrl)
  const argFor = new Map(Object.entries(op.args).map(([arg, spec]) => [spec.name ?? arg, arg]));
  const args: Record<string, string> = {};
  const flat: [string, string][] = [];
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'string') flat.push([k, v]);
    else for (const [child, x] of Object.entries(v)) flat.push([`${k}.${child}`, x]);
  }
  for (const [name, value] of flat) {
    // a user looks an argument up by the documents' name; awssum spells some differently
    // (DescriptorPolicy.CsOwner for the seed's CSOwner), and that spelling is what it sends
    const arg = argFor.get(name) ?? [...argFor].find(([wire]) => wire.toLowerCase() === name.toLowerCase())?.[1];
    if (arg === undefined) return Promise.resolve({ ok: false, unsupported: `awssum's ${opName} has no argument for ${name}` });
    args[arg] = value;
  }
  return new Promise((resolve) => {
    try {
      fps![opName]!(args, (err, data) => resolve(toAnswer(action, err, data)));
    } catch (err) {
      resolve({ ok: false, crash: `${err instanceof Error ? err.message : String(err)}` });
    }
  });
}

async function verify(endpoint: string, pairs: [string, string][]): Promise<DriverAnswer> {
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const answer = await call('VerifySignature', { UrlEndPoint: endpoint, HttpParameters: pairs.map(([n, v]) => `${enc(n)}=${enc(v)}`).join('&') });
  if (!answer.ok) return answer;
  return { ok: true, valid: answer.result?.VerificationStatus === 'Success' };
}

const adapter: SdkAdapter = {
  hello: () => ({
    ok: true,
    sdk: { name: 'awssum-amazon-fps', version: VERSION, language: `node ${process.versions.node}` },
    supports: { actions: Object.keys(OPERATION_FOR), pipelines: [], verifyReturnUrl: true, verifyIpn: true },
    notes: [
      'awssum has no endpoint option: the adapter replaces the client\'s host() with the configured host, and protocol http (no port can be set)',
      'GetTokenByCaller is called through awssum\'s GetTokensByCaller operation (its only token lookup)',
      'awssum builds no Co-Branded URLs; return URLs and IPNs are verified through its VerifySignature operation',
      ...notes,
    ],
  }),
  configure: (c: ConfigureMessage) => {
    const url = new URL(c.endpoint);
    fps = new Fps({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, region: 'FPS-SANDBOX', protocol: url.protocol.replace(':', '') });
    const host = url.hostname;
    fps.host = () => host;
    if (c.version !== '2010-08-28') notes.push('awssum always sends Version=2010-08-28');
    return { ok: true };
  },
  call,
  cbuiUrl: () => ({ ok: false, unsupported: 'awssum-amazon-fps builds no Co-Branded UI URLs' }),
  verifyReturnUrl: (href: string) => {
    const u = new URL(href);
    return verify(`${u.origin}${u.pathname}`, [...u.searchParams.entries()]);
  },
  verifyIpn: (endpoint: string, params: Record<string, string>) => verify(endpoint, Object.entries(params)),
};

export default adapter;
