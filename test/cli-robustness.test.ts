// The CLI as a process, against what makes kits fall over: a target answering 30 MB bodies (memory
// measured), a static web server (not FPS), a report dir that cannot be written, SIGINT/SIGTERM mid-run,
// and the live progress line on a pseudo-terminal (util-linux `script`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve('bin/fps-conformance.js');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'fps-robust-'));

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** most resident memory seen, MB (sampled from /proc every 100 ms) */
  peakRssMb: number;
}

function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; onStdout?: (text: string, pid: number) => void; timeoutMs?: number } = {}): Promise<Ran> {
  return new Promise((done) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    const sample = setInterval(() => {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch {
        /* the process has ended */
      }
    }, 100);
    const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      opts.onStdout?.(stdout, child.pid!);
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('exit', (code, signal) => {
      clearInterval(sample);
      clearTimeout(killer);
      done({ code, signal, stdout, stderr, ms: Date.now() - t0, peakRssMb: peak });
    });
  });
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server };
}

const close = (server: Server): Promise<void> => new Promise((r) => (server.closeAllConnections(), server.close(() => r())));

describe('hostile targets', () => {
  let huge: { url: string; server: Server };
  let staticSite: { url: string; server: Server };
  beforeAll(async () => {
    // FPS-looking to the setup probe, then a 30 MB answer to everything else, streamed
    huge = await listen((req, res) => {
      if (req.url?.includes('FpsConformanceProbe') || req.url?.startsWith('/_sandbox')) {
        res.writeHead(req.url.startsWith('/_sandbox') ? 404 : 400, { 'content-type': 'text/xml' });
        res.end('<Response><Errors><Error><Code>InvalidAction</Code><Message>no</Message></Error></Errors><RequestID>1</RequestID></Response>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(1 << 20, 'a');
      let sent = 0;
      res.write('<Response>');
      const pump = (): void => {
        while (sent < 30 && res.write(chunk)) sent++;
        if (sent >= 30) res.end('</Response>');
        else res.once('drain', pump);
      };
      pump();
    });
    staticSite = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>It works!</body></html>');
    });
  });
  afterAll(async () => {
    await close(huge.server);
    await close(staticSite.server);
  });

  it('30 MB answers: the run ends within its time limit + 10 s, exit 1 or 2, RSS under 512 MB, bounded reports', async () => {
    const dir = tmp();
    const r = await runCli(['run', '--target', huge.url, '--suite', 'signature,wire', '--time-limit', '20s', '--timeout', '5000', '--seed', '1', '--access-key-id', 'AKHOSTILE', '--secret-access-key', 'not-a-real-secret', '--report-dir', dir]);
    // the figures, for the record (README, issue 13)
    console.info(`hostile 30 MB target: exit ${r.code}, ${r.ms} ms, peak RSS ${r.peakRssMb.toFixed(0)} MB, junit.xml ${statSync(join(dir, 'junit.xml')).size} bytes`);
    expect([1, 2]).toContain(r.code);
    expect(r.ms).toBeLessThan(30_000);
    expect(r.peakRssMb).toBeGreaterThan(0);
    expect(r.peakRssMb).toBeLessThan(512);
    expect(r.stderr).not.toMatch(/heap out of memory|FATAL ERROR/);
    for (const f of ['results.json', 'junit.xml', 'report.html', 'summary.md']) expect(statSync(join(dir, f)).size).toBeLessThan(20 * 1024 * 1024);
    expect(readFileSync(join(dir, 'results.json'), 'utf8')).not.toContain('not-a-real-secret');
  }, 60_000);

  it('a static web server is "not an FPS endpoint" with what was seen and a hint (exit 2), before any check', async () => {
    const r = await runCli(['run', '--target', staticSite.url, '--suite', 'signature', '--report-dir', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not an FPS endpoint: it answered an HTML page \(HTTP 200, text\/html, starting "<!DOCTYPE html>.*Hint: --target is the base URL/);
    expect(r.stdout).not.toMatch(/FAIL/);
  }, 30_000);

  it('--report-dir /proc/x is exit 2 at once, not a hang', async () => {
    const r = await runCli(['run', '--suite', 'signature', '--report-dir', '/proc/x'], { timeoutMs: 20_000 });
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.stderr).toContain('cannot write reports to "/proc/x"');
  }, 30_000);
});

describe('signals', () => {
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${sig} mid-run stops new work, writes the partial reports marked interrupted, exits ${code}`, async () => {
      const dir = tmp();
      let sent = false;
      // every suite, many cases: far longer than the moment the signal comes
      const r = await runCli(['run', '--runs', '300', '--seed', '3', '--report-dir', dir], {
        onStdout: (text, pid) => {
          // once the first suite has started, the run is under way
          if (!sent && /suite \S+: \d+ checks/.test(text)) {
            sent = true;
            process.kill(pid, sig);
          }
        },
      });
      expect(sent).toBe(true);
      expect(r.code).toBe(code);
      expect(r.stdout).toContain(`interrupted by ${sig}: these are partial results`);
      const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
      expect(results.interrupted.signal).toBe(sig);
      expect(results.checks.some((c: { message?: string }) => /^interrupted \(SIG/.test(c.message ?? ''))).toBe(true);
      expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain(`**Interrupted by ${sig}**`);
    }, 120_000);
  }
});

const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)('live progress on a pseudo-terminal', () => {
  it('one live line per suite with a counter, log lines above it, cleared at the end; NO_COLOR honoured', () => {
    const dir = tmp();
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} run --suite signature,wire --seed 5 --report-dir ${JSON.stringify(dir)}`;
    const r = spawnSync('script', ['-qefc', cmd, '/dev/null'], { env: { ...process.env, NO_COLOR: '1', COLUMNS: '120', TERM: 'xterm' }, encoding: 'utf8', timeout: 120_000 });
    const out = r.stdout;
    expect(existsSync(join(dir, 'results.json'))).toBe(true);
    // the live line: suite, bar, checks done of total
    expect(out).toMatch(/signature\s+\|[█░]+\| \d+\/\d+/);
    // suite end lines are log lines, written above the live line
    expect(out).toMatch(/suite signature: \d+ passed, \d+ failed/);
    expect(out).toMatch(/suite wire: \d+ passed, \d+ failed/);
    // the summary follows, with no colour codes under NO_COLOR
    expect(out).toMatch(/(PASS|FAIL)[^\n]*requirements checked hold/);
    expect(out).not.toMatch(/\u001b\[3\dm/);
  }, 130_000);
});
