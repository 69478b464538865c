// Setup checked before the run sends its first case: the report dir can be written (with a timeout:
// some paths, /proc/x for one, make a recursive mkdir spin forever) and the target speaks FPS at all.
// A failure is one UsageError line (exit 2), with what was seen and a hint.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../core/errors.ts';
import type { Target } from '../core/target.ts';
import type { WireResponse } from '../core/wire.ts';

export const REPORT_DIR_TIMEOUT_MS = 5000;

function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UsageError(`${what}: no answer from the file system within ${ms / 1000} s`)), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Creates each missing level on its own (never `recursive`, which spins on /proc), then writes and removes a probe file. */
async function createWritable(abs: string): Promise<void> {
  const levels: string[] = [];
  for (let p = abs; dirname(p) !== p; p = dirname(p)) levels.unshift(p);
  for (const level of levels) {
    try {
      await mkdir(level);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const probe = join(abs, `.fps-conformance-probe-${process.pid}`);
  await writeFile(probe, '');
  await rm(probe, { force: true });
}

/** The report dir exists (or is created) and takes a file, within `timeoutMs`; else a UsageError naming it. */
export async function checkReportDir(dir: string, timeoutMs = REPORT_DIR_TIMEOUT_MS): Promise<void> {
  const what = `cannot write reports to "${dir}"`;
  try {
    await within(timeoutMs, what, createWritable(resolve(dir)));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new UsageError(`${what}: ${e.code ?? e.message} (choose another --report-dir)`);
  }
}

/** What an answer looks like, in a few words, for "not an FPS endpoint" messages. */
function describe(res: WireResponse): string {
  const type = res.headers['content-type'] ?? 'no content-type';
  const head = res.body.trimStart().slice(0, 60).replace(/\s+/g, ' ');
  return `HTTP ${res.status}, ${type}${head ? `, starting ${JSON.stringify(head)}` : ', empty body'}`;
}

/**
 * Why this answer cannot come from an FPS endpoint, or undefined when it may. R-WIRE-4 and R-WIRE-5:
 * an unknown Action yields a 4xx error document `<Response><Errors>...`, so an HTML page, JSON or plain
 * text is not FPS. An empty body or a 5xx proves nothing either way: the run goes on and the checks judge it.
 */
export function notFpsReason(res: WireResponse): string | undefined {
  const body = res.body.replace(/^\uFEFF/, '').trimStart();
  const type = (res.headers['content-type'] ?? '').toLowerCase();
  // a 5xx is a broken answer to judge (R-WIRE-5 fails it), not proof of another kind of server
  if (body === '' || res.status >= 500) return undefined;
  if (type.includes('text/html') || /^<!doctype\s+html|^<html[\s>]/i.test(body)) return 'it answered an HTML page';
  if (!body.startsWith('<')) return type.includes('json') || /^[[{]/.test(body) ? 'it answered JSON, not XML' : 'it answered something that is not XML';
  return undefined;
}

/**
 * Sends one unsigned request with an Action no FPS has (R-WIRE-5: a 4xx error document) and refuses a
 * target whose answer cannot be FPS. Called only when /_sandbox did not answer as fps-sandbox/1.
 */
export async function checkSpeaksFps(target: Target, timeoutMs: number): Promise<void> {
  const url = new URL(target.baseUrl);
  url.searchParams.set('Action', 'FpsConformanceProbe');
  const res = await target.send({ method: 'GET', url: url.href, headers: { accept: 'text/xml' } }, { timeoutMs, label: 'is this FPS? (unknown Action, unsigned)' });
  const why = notFpsReason(res);
  if (why) {
    throw new UsageError(
      `${target.baseUrl} is not an FPS endpoint: ${why} (${describe(res)}) to a request with an unknown Action, where FPS answers an XML error document (R-WIRE-4, R-WIRE-5). Hint: --target is the base URL of the FPS API itself, e.g. http://127.0.0.1:8080/`,
    );
  }
}
