// Loads an in-process adapter module (`--adapter <path>`) and speaks to it as if it were a driver:
// the same answers, the same timeout, a throw or a bad answer turned into an outcome.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../core/errors.ts';
import { short, toOutcome, type DistributiveOmit, type DriverMessage, type SdkAdapter, type SdkConnection, type SdkOutcome } from './driver-protocol.ts';

const OPERATIONS = ['hello', 'configure', 'call', 'cbuiUrl', 'verifyReturnUrl', 'verifyIpn'] as const;

function isAdapter(v: unknown): v is SdkAdapter {
  return typeof v === 'object' && v !== null && OPERATIONS.every((op) => typeof (v as Record<string, unknown>)[op] === 'function');
}

/** Resolves a path (a file, or a folder with index.ts / index.js) and imports its adapter. */
export async function loadAdapter(path: string, cwd = process.cwd()): Promise<SdkAdapter> {
  const base = resolve(cwd, path);
  const candidates = [base, `${base}.ts`, `${base}.js`, resolve(base, 'index.ts'), resolve(base, 'index.js')];
  const file = candidates.find((c) => existsSync(c) && !isDir(c));
  if (file === undefined) throw new UsageError(`--adapter: no module at ${JSON.stringify(path)}`);
  let mod: Record<string, unknown>;
  try {
    if (TS_FILE.test(file)) await registerTypeScript();
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw new UsageError(`--adapter: cannot load ${JSON.stringify(path)}: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
  }
  const adapter = [mod.default, mod.adapter].find(isAdapter);
  if (adapter === undefined) {
    throw new UsageError(`--adapter: ${JSON.stringify(path)} must export (default or "adapter") an object with ${OPERATIONS.join(', ')}`);
  }
  return adapter;
}

const TS_FILE = /\.[mc]?ts$/;
let tsLoader: Promise<void> | undefined;

/**
 * Compiled (dist/), Node cannot import a .ts adapter ("Unknown file extension .ts"): tsx's loader is
 * registered once, before the import. Run from the sources (this file is .ts), a TypeScript loader
 * (tsx or vitest) is already in place and a second one is not stacked on it.
 */
function registerTypeScript(): Promise<void> {
  if (import.meta.url.endsWith('.ts')) return Promise.resolve();
  return (tsLoader ??= import('tsx/esm/api').then(({ register }) => void register()));
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function adapterConnection(adapter: SdkAdapter, label: string): SdkConnection {
  const notes: string[] = [];
  const invoke = (m: DistributiveOmit<DriverMessage, 'id'>): Promise<unknown> | unknown => {
    switch (m.type) {
      case 'hello':
        return adapter.hello();
      case 'configure': {
        const { type: _t, ...config } = m;
        return adapter.configure(config);
      }
      case 'call':
        return adapter.call(m.action, m.params);
      case 'cbuiUrl':
        return adapter.cbuiUrl(m.pipeline, m.params);
      case 'verifyReturnUrl':
        return adapter.verifyReturnUrl(m.url);
      case 'verifyIpn':
        return adapter.verifyIpn(m.endpoint, m.params);
      case 'shutdown':
        return Promise.resolve(adapter.shutdown?.()).then(() => ({ ok: true }));
    }
  };
  return {
    label,
    async send(message, timeoutMs): Promise<SdkOutcome> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<SdkOutcome>((res) => {
        timer = setTimeout(() => res({ kind: 'broken', what: `adapter did not answer ${message.type} within ${timeoutMs} ms` }), timeoutMs);
      });
      const run = (async (): Promise<SdkOutcome> => {
        try {
          return toOutcome(await invoke(message));
        } catch (err) {
          // An adapter should catch its SDK's throws and answer `crash`; one that lets them through is noted.
          const what = err instanceof Error ? `${err.name}: ${err.message}` : short(err);
          return { kind: 'crash', what };
        }
      })();
      try {
        return await Promise.race([run, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    notes: () => [...notes],
    async close(): Promise<void> {
      try {
        await adapter.shutdown?.();
      } catch (err) {
        notes.push(`adapter shutdown threw: ${err instanceof Error ? err.message : short(err)}`);
      }
    },
  };
}
