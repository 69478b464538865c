// Errors the CLI turns into one clear line and exit code 2, never a stack trace.

/** A usage or setup problem: bad flag value, unreachable target, unreadable config. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One line for an unexpected error; the stack only with FPS_CONFORMANCE_DEBUG=1. */
export function formatFatal(err: unknown): string {
  if (process.env.FPS_CONFORMANCE_DEBUG === '1' && err instanceof Error && err.stack) return err.stack;
  const msg = err instanceof Error ? err.message : String(err);
  return `internal error: ${msg.split('\n')[0]} (set FPS_CONFORMANCE_DEBUG=1 for details)`;
}
