// What crosses the wire, as recorded in transcripts. Secrets are blanked where these are recorded (transports/recording.ts).

export type { WireRequest, WireResponse } from '../spec/wire/message.ts';
import type { WireRequest, WireResponse } from '../spec/wire/message.ts';

/** One request and what came back (or why nothing did), with what the model allowed when it disagreed. */
export interface Exchange {
  seq: number;
  /** ISO time the request was sent (wall clock), and the target's sandbox clock when known */
  sentAt: string;
  sandboxNow?: string;
  /** a short human label, e.g. "Pay(#2, 10.00 USD)" */
  label?: string;
  request: WireRequest;
  response?: WireResponse;
  /** transport failure: timeout, reset, refused */
  error?: string;
  elapsedMs: number;
  /** failures only: the request as a copy-paste curl command (secrets already blanked) */
  curl?: string;
  /** when this exchange broke a rule: what the model allowed instead, and the rule ids */
  expected?: string;
  rules?: string[];
}
