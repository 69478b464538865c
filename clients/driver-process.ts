// Runs a driver command and speaks fps-driver/1 JSON lines with it. Every failure of the driver
// (not found, early exit, garbage on stdout, no answer in time) becomes an outcome or a UsageError,
// never a hang or a stack trace.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { UsageError } from '../core/errors.ts';
import { short, toOutcome, type DistributiveOmit, type DriverMessage, type SdkConnection, type SdkOutcome } from './driver-protocol.ts';

/** Splits a command line the way a POSIX shell would for plain words, '…' and "…" (no expansions). */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < command.length) cur += command[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < command.length) {
      cur += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote !== undefined) throw new UsageError(`--driver: unbalanced ${quote} in ${JSON.stringify(command)}`);
  if (inWord) words.push(cur);
  return words;
}

const MAX_STDERR_LINES = 200;
/** Longest stdout line read (1 MiB): a longer one is a protocol error at once, never buffered whole. */
export const MAX_LINE_BYTES = 1024 * 1024;
/** Longest stderr line kept. */
const MAX_STDERR_LINE = 2000;

interface Pending {
  resolve(outcome: SdkOutcome): void;
  timer: NodeJS.Timeout;
}

export async function startDriver(command: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<SdkConnection> {
  const argv = splitCommand(command);
  if (argv.length === 0) throw new UsageError('--driver: empty command');
  const child: ChildProcess = spawn(argv[0]!, argv.slice(1), {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // A command that cannot start is a usage error (exit 2), reported in one line.
  const started = await Promise.race([
    // events.once rejects when 'error' fires first: both paths end in the error value
    once(child, 'spawn').then(
      () => undefined,
      (err: unknown) => err as NodeJS.ErrnoException,
    ),
  ]);
  if (started !== undefined) {
    const why = started.code === 'ENOENT' ? 'command not found' : started.message;
    throw new UsageError(`--driver: cannot start ${JSON.stringify(argv[0])}: ${why}`);
  }

  const notes: string[] = [];
  const stderrLines: string[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: string | undefined;
  let outBuf = '';
  let errBuf = '';

  const failAll = (what: string): void => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.resolve({ kind: 'broken', what });
    }
  };
  /**
   * The driver broke fps-driver/1 (garbage, an oversized line, no answer in time): one finding, then it is
   * dead for the rest of the run (every later message answers at once) and this one process is killed.
   */
  const kill = (what: string): void => {
    if (dead !== undefined) return;
    dead = what;
    notes.push(what);
    failAll(what);
    outBuf = '';
    child.kill('SIGKILL');
  };

  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    if (dead !== undefined) return;
    outBuf += chunk;
    let nl: number;
    while ((nl = outBuf.indexOf('\n')) >= 0) {
      const line = outBuf.slice(0, nl).replace(/\r$/, '');
      outBuf = outBuf.slice(nl + 1);
      if (line.trim() === '') continue;
      if (line.length > MAX_LINE_BYTES) return kill(`protocol error: the driver printed a line of ${line.length} characters (at most ${MAX_LINE_BYTES} are read): ${short(line)}`);
      let msg: unknown;
      try {
        msg = JSON.parse(line);
      } catch {
        return kill(`protocol error: the driver printed a line that is not fps-driver/1 JSON on stdout: ${short(line)}`);
      }
      const id = typeof msg === 'object' && msg !== null ? (msg as { id?: unknown }).id : undefined;
      const p = typeof id === 'number' ? pending.get(id) : undefined;
      if (p === undefined) {
        notes.push(`driver answered an id the kit is not waiting for: ${short(line)}`);
        continue;
      }
      clearTimeout(p.timer);
      pending.delete(id as number);
      p.resolve(toOutcome(msg));
    }
    if (outBuf.length > MAX_LINE_BYTES) kill(`protocol error: the driver printed more than ${MAX_LINE_BYTES} characters without a newline: ${short(outBuf)}`);
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    errBuf += chunk;
    const lines = errBuf.split('\n');
    errBuf = (lines.pop() ?? '').slice(0, MAX_STDERR_LINE);
    for (const l of lines) if (stderrLines.length < MAX_STDERR_LINES) stderrLines.push(short(l, MAX_STDERR_LINE));
  });
  child.stdin!.on('error', () => undefined); // EPIPE after an early exit is reported through 'exit'
  child.on('exit', (code, signal) => {
    if (dead === undefined) dead = `driver exited (${signal ?? `code ${code}`})`;
    failAll(dead);
  });

  const send = (message: DistributiveOmit<DriverMessage, 'id'>, timeoutMs: number): Promise<SdkOutcome> => {
      if (dead !== undefined) return Promise.resolve({ kind: 'broken', what: dead });
      const id = nextId++;
      return new Promise<SdkOutcome>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          const what = `driver did not answer ${message.type} within ${timeoutMs} ms; it is treated as dead for the rest of the run`;
          resolve({ kind: 'broken', what });
          if (message.type !== 'shutdown') kill(what);
        }, timeoutMs);
        pending.set(id, { resolve, timer });
        child.stdin!.write(`${JSON.stringify({ id, ...message })}\n`);
      });
  };
  const stderrOf = (): string[] => [...stderrLines, ...(errBuf ? [errBuf] : [])];
  return {
    label: `driver: ${command}`,
    send,
    notes: () => [...notes, ...stderrOf().map((l) => `driver stderr: ${l}`)],
    stderr: stderrOf,
    async close(): Promise<void> {
      if (dead !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (dead === undefined) {
        // shutdown, then a short grace to exit, then SIGKILL to this one process (never a group)
        const exited = once(child, 'exit');
        await send({ type: 'shutdown' }, 1000);
        const grace = (ms: number) => new Promise((r) => setTimeout(r, ms));
        if (dead === undefined && (await Promise.race([exited.then(() => true), grace(700).then(() => false)])) === false) {
          child.kill('SIGKILL');
          await Promise.race([exited, grace(1000)]);
        }
      }
      failAll('driver closed');
    },
  };
}
