// The fps-driver/1 transport: command parsing, drivers that misbehave (garbage on stdout, early
// exit, silence), usage errors, and a whole run over the loopback server with a driver process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.ts';
import { loadAdapter } from '../clients/driver-adapter.ts';
import { splitCommand, startDriver } from '../clients/driver-process.ts';
import { runSdkConformance } from '../run/client-runner.ts';
import { REDACTED } from '../transports/redact.ts';

const dir = mkdtempSync(join(tmpdir(), 'fps-sdk-driver-'));
const script = (name: string, body: string): string => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return `"${process.execPath}" "${p}"`;
};
const answerHello = `require('readline').createInterface({ input: process.stdin }).on('line', (l) => { const m = JSON.parse(l);`;

describe('splitCommand', () => {
  it('splits words and keeps quoted spaces', () => {
    expect(splitCommand(`python3 adapters/boto/driver.py --shim`)).toEqual(['python3', 'adapters/boto/driver.py', '--shim']);
    expect(splitCommand(`node "my dir/d.js" 'a b' c\\ d`)).toEqual(['node', 'my dir/d.js', 'a b', 'c d']);
  });
  it('rejects an unbalanced quote as a usage error', () => {
    expect(() => splitCommand(`node "x`)).toThrow(UsageError);
  });
});

describe('driver processes', () => {
  it('a command that does not exist is a usage error, not a crash', async () => {
    await expect(startDriver('no-such-driver-command-xyz --flag')).rejects.toThrow(/command not found/);
  });

  it('garbage on stdout is a protocol error at once: no wait for the timeout, the driver is dead after it', async () => {
    const cmd = script('chatty.js', `${answerHello} console.log('Loading SDK... \\u001b[2J'); console.log(JSON.stringify({ id: m.id, ok: true, sdk: { name: 'chatty' } })); });`);
    const d = await startDriver(cmd);
    const t0 = Date.now();
    const out = await d.send({ type: 'hello' }, 20_000);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(out).toMatchObject({ kind: 'broken' });
    expect(out.kind === 'broken' && out.what).toMatch(/^protocol error: the driver printed a line that is not fps-driver\/1 JSON on stdout: Loading SDK/);
    // dead for the rest of the run: the next message answers at once
    const t1 = Date.now();
    expect((await d.send({ type: 'hello' }, 20_000)).kind).toBe('broken');
    expect(Date.now() - t1).toBeLessThan(100);
    await d.close();
  });

  it('an oversized line is capped and reported at once, never buffered whole', async () => {
    const cmd = script('huge.js', `${answerHello} const chunk = 'x'.repeat(1 << 20); for (let i = 0; i < 3; i++) process.stdout.write(chunk); });`);
    const d = await startDriver(cmd);
    const out = await d.send({ type: 'hello' }, 20_000);
    expect(out.kind === 'broken' && out.what).toMatch(/^protocol error: the driver printed (more than 1048576 characters without a newline|a line of \d+ characters)/);
    expect(out.kind === 'broken' && out.what.length).toBeLessThan(600);
    await d.close();
  });

  it('a driver that hangs on call costs one timeout, then is dead for the rest of the run', async () => {
    const cmd = script('hangs.js', `${answerHello} if (m.type === 'call') return; console.log(JSON.stringify({ id: m.id, ok: true })); });`);
    const d = await startDriver(cmd);
    expect((await d.send({ type: 'hello' }, 5000)).kind).toBe('ok');
    const first = await d.send({ type: 'call', action: 'Pay', params: {} }, 300);
    expect(first).toEqual({ kind: 'broken', what: 'driver did not answer call within 300 ms; it is treated as dead for the rest of the run' });
    const t0 = Date.now();
    for (let i = 0; i < 20; i++) expect((await d.send({ type: 'call', action: 'Pay', params: {} }, 300)).kind).toBe('broken');
    expect(Date.now() - t0).toBeLessThan(200);
    await d.close();
  });

  it('a silent driver times out and one that exits is reported, never a hang', async () => {
    const silent = await startDriver(script('silent.js', `setInterval(() => {}, 1000); process.stdin.resume();`));
    const t0 = Date.now();
    expect(await silent.send({ type: 'hello' }, 300)).toEqual({ kind: 'broken', what: 'driver did not answer hello within 300 ms; it is treated as dead for the rest of the run' });
    expect(Date.now() - t0).toBeLessThan(3000);
    await silent.close();

    const quitter = await startDriver(script('quitter.js', `process.stderr.write('boom: cannot import sdk\\n'); process.exit(3);`));
    const out = await quitter.send({ type: 'hello' }, 5000);
    expect(out).toMatchObject({ kind: 'broken' });
    expect(out.kind === 'broken' && out.what).toMatch(/exited \(code 3\)/);
    expect(quitter.notes().join('\n')).toContain('boom: cannot import sdk');
    await quitter.close();
  });

  it('a driver that exits at start is a setup error (exit 2 in the CLI), naming what it said', async () => {
    const run = runSdkConformance({ driver: script('dead.js', `process.stderr.write('ImportError: no module named boto\\n'); process.exit(1)`), seed: 1, runs: 1, timeoutMs: 2000 });
    await expect(run).rejects.toThrow(UsageError);
    await expect(runSdkConformance({ driver: script('dead2.js', `process.stderr.write('ImportError: no module named boto\\n'); process.exit(1)`), seed: 1, runs: 1, timeoutMs: 2000 })).rejects.toThrow(
      /did not start: hello driver exited \(code 1\).*ImportError: no module named boto/,
    );
  });

  it('a driver that answers hello with garbage is a setup error too', async () => {
    await expect(runSdkConformance({ driver: script('garbage-hello.js', `${answerHello} console.log('not json'); });`), seed: 1, runs: 1, timeoutMs: 2000 })).rejects.toThrow(/did not start: hello protocol error/);
  });
});

describe('secrets', () => {
  it('a secret a driver echoes to stderr never reaches the report', async () => {
    const leaky = script('leaky.js', `${answerHello} if (m.type === 'configure') process.stderr.write('got ' + JSON.stringify(m) + '\\n'); const ok = m.type === 'hello' ? { ok: true, sdk: { name: 'leaky' }, supports: { actions: [] } } : { ok: true }; console.log(JSON.stringify({ id: m.id, ...ok })); if (m.type === 'shutdown') process.exit(0); });`);
    const { report } = await runSdkConformance({ driver: leaky, seed: 1, runs: 1, timeoutMs: 3000 });
    const text = JSON.stringify(report);
    expect(text).toContain(`secretAccessKey\\":\\"${REDACTED}`);
    expect(text).not.toMatch(new RegExp(`secretAccessKey\\\\":\\\\"(?!${REDACTED})`));
  });
});

describe('adapters', () => {
  it('a missing module or one without the operations is a usage error', async () => {
    await expect(loadAdapter('test/fakes/no-such-adapter.ts')).rejects.toThrow(UsageError);
    const p = join(dir, 'half.mjs');
    writeFileSync(p, 'export default { hello() {} };');
    await expect(loadAdapter(p)).rejects.toThrow(/must export/);
  });
});

describe('the loopback transport with a driver process', () => {
  it('the good fake as a driver passes every check; it signs the Host with its port', async () => {
    const { exitCode, report } = await runSdkConformance({ driver: `"${process.execPath}" --import tsx test/fakes/fake-driver.ts`, seed: 3, runs: 2, slowAnswerMs: 200 });
    const notPassing = report.checks.filter((c) => c.status !== 'pass' && c.status !== 'info').map((c) => `${c.id}: ${c.status} ${c.message ?? ''}`);
    expect(notPassing).toEqual([]);
    expect(exitCode).toBe(0);
    expect(report.target.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(report.checks.find((c) => c.id === 'request/signature-host')?.message).toContain('with its port');
  });
});
