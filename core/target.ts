// One interface for everything the kit talks to; suites never ask which implementation they have.
import type { WireRequest, WireResponse } from './wire.ts';

/** A transport failure: the answer never arrived (timeout, reset, refused). Jepsen calls its outcome unknown. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    readonly kind: 'timeout' | 'reset' | 'refused' | 'other',
  ) {
    super(message);
  }
}

export interface SendOptions {
  /** the answer must arrive within this many ms, else TransportError('timeout') */
  timeoutMs?: number;
  /** a short human label for the transcript, e.g. "Pay(#2, 10.00 USD)" */
  label?: string;
}

export interface Target {
  /** base URL of the FPS API, ending in "/" (e.g. http://127.0.0.1:8080/) */
  readonly baseUrl: string;
  /** send one request; resolves with whatever came back (any status), rejects only with TransportError */
  send(request: WireRequest, options?: SendOptions): Promise<WireResponse>;
  close(): Promise<void>;
}
