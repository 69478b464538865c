// Every suite, registered by value. The runner filters them by name (--suite), and their checks by
// requirement id, tag or id (--grep); it never asks which target it has.
import type { Suite } from '../../core/suite.ts';
import { authorizationSuite } from './authorization.ts';
import { concurrencySuite } from './concurrency.ts';
import { idempotencySuite } from './idempotency.ts';
import { ipnSuite } from './ipn.ts';
import { marketplaceSuite } from './marketplace.ts';
import { refundsSuite } from './refunds.ts';
import { reserveSettleSuite } from './reserve-settle.ts';
import { robustnessSuite } from './robustness.ts';
import { sandboxSimulationSuite } from './sandbox-simulation.ts';
import { signatureSuite } from './signature.ts';
import { tokensSuite } from './tokens.ts';
import { unknownOutcomesSuite } from './unknown-outcomes.ts';
import { wireSuite } from './wire.ts';

/** Stateless suites first: they need only an account, and a target without /_sandbox can run them.
 *  Then the model-based suites, which need the sandbox hooks (shared/sandbox-protocol.md). */
export const SUITES: readonly Suite[] = [
  signatureSuite,
  wireSuite,
  robustnessSuite,
  tokensSuite,
  reserveSettleSuite,
  refundsSuite,
  idempotencySuite,
  authorizationSuite,
  marketplaceSuite,
  ipnSuite,
  concurrencySuite,
  unknownOutcomesSuite,
  sandboxSimulationSuite,
];

/** Names of the suites that need nothing but credentials (shared/sandbox-protocol.md). */
export const STATELESS_SUITES: readonly string[] = ['signature', 'wire', 'robustness'];
