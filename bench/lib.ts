// What the benches share: servers in a child process (bench/servers.ts), a bare undici loop, a
// worker pool, and figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Agent, request } from 'undici';
import { renderResult } from '../emulator/render.ts';

export interface ChildServer {
  url: string;
  /** the child's CPU time so far (user + system), µs */
  cpu(): Promise<number>;
  /** the same, split into user and system time, µs */
  cpuSplit(): Promise<NodeJS.CpuUsage>;
  close(): Promise<void>;
}

/** Starts bench/servers.ts in its own process (through tsx) and waits for its URL. */
export async function childServer(mode: 'emulator' | 'fixed', env: Record<string, string> = {}, args: string[] = []): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_CHILD_FLAGS?.split(' ').filter((f) => f !== '') ?? []), '--import', 'tsx', new URL('./servers.ts', import.meta.url).pathname, mode, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const lines = createInterface({ input: child.stdout! });
  // the first line starting with http:// is the URL; anything else it prints (a V8 trace flag in
  // BENCH_CHILD_FLAGS writes to stdout) goes to stderr, so the pipe never fills and stalls the child
  let found: (url: string) => void = () => undefined;
  const urlLine = new Promise<string>((resolve) => (found = resolve));
  let seen = false;
  lines.on('line', (line) => {
    if (!seen && line.startsWith('http://')) {
      seen = true;
      found(line);
    } else process.stderr.write(`[${mode} server] ${line}\n`);
  });
  const url = await Promise.race([urlLine, once(child, 'exit').then(() => { throw new Error(`bench server ${mode} exited`); })]);
  const cpuSplit = async (): Promise<NodeJS.CpuUsage> => {
    child.send('cpu');
    const [m] = (await once(child, 'message')) as [{ cpu: NodeJS.CpuUsage }];
    return m.cpu;
  };
  return {
    url,
    async cpu() {
      const c = await cpuSplit();
      return c.user + c.system;
    },
    cpuSplit,
    async close() {
      lines.close();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

/** A fixed answer: a well-formed result document of `action` (what the emulator would render). */
export function fixedBody(action: string, fields: Record<string, string>): string {
  return renderResult(action, '2010-08-28', fields, 'c21e7735-9c08-4cd8-99bf-535a848c79b4:0').body;
}

/** `width` workers take jobs 0..n-1 in order; returns the wall ms. */
export async function pool(n: number, width: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await job(next++);
  }));
  return performance.now() - t0;
}

export interface Presigned {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** The bare loop: undici, keep-alive, no signing, decoding or recording. Returns per-request end times (ms). */
export async function bareLoop(base: string, reqs: readonly Presigned[], width: number, agent: Agent): Promise<{ ms: number; ends: Float64Array }> {
  const ends = new Float64Array(reqs.length);
  const t0 = performance.now();
  const ms = await pool(reqs.length, width, async (i) => {
    const r = reqs[i]!;
    const res = await request(new URL(r.url, base), { method: r.method, headers: r.headers, body: r.body, dispatcher: agent });
    await res.body.text();
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode} for request ${i}`);
    ends[i] = performance.now() - t0;
  });
  return { ms, ends };
}

/**
 * The cheapest undici path for comparison: dispatch with a handler that gathers the bytes (no body
 * stream), what the kit's HTTP target (transports/http.ts) is built on. Returns the wall ms.
 */
export async function bareDispatchLoop(base: string, reqs: readonly Presigned[], width: number, agent: Agent): Promise<number> {
  const origin = new URL(base).origin;
  const one = (r: Presigned): Promise<number> => new Promise((resolve, reject) => {
    let status = 0;
    const chunks: Buffer[] = [];
    agent.dispatch({ origin, path: r.url.startsWith(origin) ? r.url.slice(origin.length) : r.url, method: r.method, headers: r.headers, body: r.body }, {
      onRequestStart() {},
      onResponseStart(_c: unknown, s: number) { status = s; },
      onResponseData(_c: unknown, chunk: Buffer) { chunks.push(chunk); },
      onResponseEnd() { Buffer.concat(chunks).toString('utf8'); resolve(status); },
      onResponseError(_c: unknown, err: Error) { reject(err); },
    } as never);
  });
  return pool(reqs.length, width, async (i) => {
    const status = await one(reqs[i]!);
    if (status !== 200) throw new Error(`HTTP ${status} for request ${i}`);
  });
}

export const newAgent = (): Agent => new Agent({ keepAliveTimeout: 30_000, connections: 16 });
export const rate = (n: number, ms: number): number => Math.round((n / ms) * 1000);

/** Machine load, to print beside any wall time. */
export async function loadavg(): Promise<string> {
  const os = await import('node:os');
  return os.loadavg().map((x) => x.toFixed(2)).join(' ');
}

/**
 * Two measurements, `times` each, in alternating order (which goes first alternates, so neither
 * always runs right after the other's garbage): what an older build and this one cost side by side.
 */
export async function alternating(times: number, old: () => Promise<number>, mine: () => Promise<number>): Promise<{ old: number[]; mine: number[] }> {
  const out = { old: [] as number[], mine: [] as number[] };
  for (let i = 0; i < times; i++) {
    if (i % 2 === 0) out.old.push(await old()), out.mine.push(await mine());
    else out.mine.push(await mine()), out.old.push(await old());
  }
  return out;
}

/** The median of the figures after the first quarter (JIT warm-up). */
export function medianAfterWarmUp(xs: readonly number[]): number {
  const s = xs.slice(Math.floor(xs.length / 4)).sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)] ?? NaN;
}
