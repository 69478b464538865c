// A standalone repro script per failing check (`<report-dir>/repro/<check>.mjs`): `node` it against the
// target to see the failure again. It carries no secret: it makes its own accounts through
// /_sandbox/accounts (or reads FPS_ACCESS_KEY_ID / FPS_SECRET_ACCESS_KEY when the run was given keys).
import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReproData } from '../run/repro.ts';
import { controlSafe, redactText } from './escape.ts';
import { RUNTIME } from './repro-runtime.ts';

/** A file name for a check id: `tokens/single-use-once` → `tokens--single-use-once.mjs`. */
export function reproFileName(checkId: string): string {
  return `${checkId.replace(/\//g, '--').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120)}.mjs`;
}

const comment = (text: string): string => controlSafe(text.replace(/\s+/g, ' ')).slice(0, 300);

export function renderReproScript(data: ReproData): string {
  const header = [
    '#!/usr/bin/env node',
    `// Repro of ${comment(data.check)} [${comment(data.requirements.join(', '))}]: ${comment(data.title)}`,
    `// Failed with: ${comment(data.message.split('\n')[0] ?? '')}`,
    '//',
    '// Run: node <this file> [base-url]   (default: the target of the failing run; or FPS_TARGET).',
    '// Only loopback targets, unless FPS_REPRO_ANY_HOST=1.',
    '// Exit: 1 the failing step(s) answer as in the failing run (the failure reproduces), 0 they answer',
    '// otherwise, 2 the script could not run (unreachable target, a hook refused).',
    '// It makes fresh accounts, sets the sandbox clock forward to the first step (time never goes back:',
    '// when the clock is already later, the steps run from now, keeping their spacing), and re-signs each',
    '// request the failing run signed right, with a fresh Timestamp. Steps are sent one after another: a',
    '// failure that needs requests in parallel, or an IPN the kit received, may not reproduce this way.',
    '// The model is not consulted: each answer is compared with the one the failing run got.',
    '',
  ].join('\n');
  // transcripts are blanked where recorded; this is the second line of defence
  const json = JSON.stringify(data, (_key, value: unknown) => (typeof value === 'string' ? redactText(value) : value), 1);
  return `${header}const REPRO = ${json};\n${RUNTIME}`;
}

/** Writes one script per repro into `<dir>/repro/` (its earlier scripts removed); returns the paths written. */
export async function writeReproScripts(dir: string, repros: readonly ReproData[]): Promise<string[]> {
  const out = join(dir, 'repro');
  // scripts of an earlier run in this dir would repro failures this run no longer has
  const old = await readdir(out).catch(() => [] as string[]);
  for (const f of old.filter((n) => n.endsWith('.mjs'))) await rm(join(out, f), { force: true });
  if (repros.length === 0) return [];
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  for (const r of repros) {
    const file = join(out, reproFileName(r.check));
    await writeFile(file, renderReproScript(r));
    await chmod(file, 0o755);
    written.push(file);
  }
  return written;
}
