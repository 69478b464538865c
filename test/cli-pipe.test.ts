// `fps-conformance ... | head`: a reader that goes away ends the output quietly, never with a stack trace.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '..', 'bin', 'fps-conformance.js');

describe('a closed stdout', () => {
  it('ends the CLI without a stack trace', async () => {
    const child = spawn(process.execPath, [CLI, 'vectors'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // the reader is gone before the first line is written (as `| head -0`, or a pager quit early)
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code === 0 || code === 1).toBe(true);
  }, 60_000);
});
