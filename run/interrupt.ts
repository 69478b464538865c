// Ctrl-C and SIGTERM during a run: the first stops new work (an AbortSignal the runners read) so the
// partial reports are still written, marked "interrupted"; a second one exits at once. The exit code
// is 128 + the signal number, as shells report it (130 SIGINT, 143 SIGTERM).
export type TrappedSignal = 'SIGINT' | 'SIGTERM';

export const SIGNAL_EXIT: Record<TrappedSignal, 130 | 143> = { SIGINT: 130, SIGTERM: 143 };

export interface SignalSource {
  on(event: TrappedSignal, listener: () => void): unknown;
  removeListener(event: TrappedSignal, listener: () => void): unknown;
  exit(code: number): never | void;
}

export interface Interrupts {
  /** aborted on the first signal, with the signal's name as reason */
  readonly signal: AbortSignal;
  /** the exit code the first signal asks for, or undefined */
  exitCode(): 130 | 143 | undefined;
  /** removes the handlers (the run is over) */
  dispose(): void;
}

export function trapSignals(say: (line: string) => void, source: SignalSource = process): Interrupts {
  const controller = new AbortController();
  let first: TrappedSignal | undefined;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((sig) => {
    const handler = (): void => {
      if (first !== undefined) {
        say(`${sig} again: exiting now, without reports`);
        source.exit(SIGNAL_EXIT[first]);
        return;
      }
      first = sig;
      say(`${sig}: stopping (no new check starts); writing the partial reports, marked interrupted. ${sig === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'} again exits at once.`);
      controller.abort(sig);
    };
    source.on(sig, handler);
    return [sig, handler] as const;
  });
  return {
    signal: controller.signal,
    exitCode: () => (first ? SIGNAL_EXIT[first] : undefined),
    dispose: () => {
      for (const [sig, handler] of handlers) source.removeListener(sig, handler);
    },
  };
}
