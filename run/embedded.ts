// The reference emulator started in-process when `run` has no --target (emulator/index.ts:
// createEmulator(options) → { handle(Request): Promise<Response>; close() }).
import { UsageError } from '../core/errors.ts';
import { createInProcessTarget } from '../transports/in-process.ts';
import type { Target } from '../core/target.ts';

// the emulator module beside this one: .ts from sources, .js when compiled (dist/)
const EMULATOR_MODULE = new URL(`../emulator/index${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

type EmulatorModule = {
  createEmulator(options?: Record<string, unknown>): { handle(request: Request): Promise<Response>; close(): Promise<void> | void };
};

/** The in-process base URL the embedded emulator answers as (never a socket). */
export const EMBEDDED_BASE_URL = 'http://127.0.0.1:8080/';

export async function startEmbeddedEmulator(timeoutMs: number, profile?: string, seed?: number): Promise<Target> {
  let mod: EmulatorModule;
  try {
    mod = (await import(EMULATOR_MODULE)) as EmulatorModule;
  } catch (err) {
    throw new UsageError(`the embedded reference emulator could not be loaded (${(err as Error).message.split('\n')[0]}); pass --target URL`);
  }
  if (typeof mod.createEmulator !== 'function') throw new UsageError('the embedded reference emulator has no createEmulator(); pass --target URL');
  const emulator = mod.createEmulator({ baseUrl: EMBEDDED_BASE_URL, ...(profile ? { profile } : {}), ...(seed !== undefined ? { seed } : {}) });
  return createInProcessTarget((r) => emulator.handle(r), { baseUrl: EMBEDDED_BASE_URL, timeoutMs, onClose: () => emulator.close() });
}
