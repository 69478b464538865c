// The fps-driver/1 transport: command parsing, drivers that misbehave (garbage on stdout, early
// exit, silence), usage errors, and a whole run over the loopback server with a driver process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../harness/errors.ts';
import { loadAdapter } from '../sdk/adapter.ts';
import { splitCommand, startDriver } from '../sdk/driver-process.ts';
import { runSdkConformance } from '../sdk/runner.ts';

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

  it('garbage on stdout is noted and the real answer still read', async () => {
    const cmd = script('chatty.js', `${answerHello} console.log('Loading SDK...'); console.log(JSON.stringify({ id: m.id, ok: true, sdk: { name: 'chatty' } })); });`);
    const d = await startDriver(cmd);
    const out = await d.send({ type: 'hello' }, 5000);
    expect(out.kind).toBe('ok');
    expect(d.notes().join('\n')).toContain('not fps-driver/1 JSON on stdout: Loading SDK...');
    await d.close();
  });

  it('a silent driver times out and one that exits is reported, never a hang', async () => {
    const silent = await startDriver(script('silent.js', `setInterval(() => {}, 1000); process.stdin.resume();`));
    const t0 = Date.now();
    expect(await silent.send({ type: 'hello' }, 300)).toEqual({ kind: 'broken', what: 'driver did not answer hello within 300 ms' });
    expect(Date.now() - t0).toBeLessThan(3000);
    await silent.close();

    const quitter = await startDriver(script('quitter.js', `process.stderr.write('boom: cannot import sdk\\n'); process.exit(3);`));
    const out = await quitter.send({ type: 'hello' }, 5000);
    expect(out).toMatchObject({ kind: 'broken' });
    expect(out.kind === 'broken' && out.what).toMatch(/exited \(code 3\)/);
    expect(quitter.notes().join('\n')).toContain('boom: cannot import sdk');
    await quitter.close();
  });

  it('a run with a driver that exits at once completes with exit 1 and says why', async () => {
    const { exitCode, report } = await runSdkConformance({ driver: script('dead.js', 'process.exit(0)'), seed: 1, runs: 1, timeoutMs: 2000 });
    expect(exitCode).toBe(1);
    const protocol = report.checks.find((c) => c.id === 'driver/protocol')!;
    expect(protocol.status).toBe('fail');
    expect(protocol.message).toMatch(/exited/);
    expect(report.checks.filter((c) => c.status === 'pass')).toEqual([]);
  });
});

describe('secrets', () => {
  it('a secret a driver echoes to stderr never reaches the report', async () => {
    const leaky = script('leaky.js', `${answerHello} if (m.type === 'configure') process.stderr.write('got ' + JSON.stringify(m) + '\\n'); const ok = m.type === 'hello' ? { ok: true, sdk: { name: 'leaky' }, supports: { actions: [] } } : { ok: true }; console.log(JSON.stringify({ id: m.id, ...ok })); if (m.type === 'shutdown') process.exit(0); });`);
    const { report } = await runSdkConformance({ driver: leaky, seed: 1, runs: 1, timeoutMs: 3000 });
    const text = JSON.stringify(report);
    expect(text).toContain('secretAccessKey\\":\\"[secret]');
    expect(text).not.toMatch(/secretAccessKey\\":\\"(?!\[secret\])/);
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
