// Every suite, registered by value. The runner filters them by name (--suite), and their checks by
// requirement id, tag or id (--grep); it never asks which target it has.
import type { Suite } from '../harness/suite.ts';
import { robustnessSuite } from './robustness.ts';
import { signatureSuite } from './signature.ts';
import { wireSuite } from './wire.ts';

/** Stateless suites first: they need only an account, and a target without /_sandbox can run them. */
export const SUITES: readonly Suite[] = [signatureSuite, wireSuite, robustnessSuite];

/** Names of the suites that need nothing but credentials (shared/sandbox-protocol.md). */
export const STATELESS_SUITES: readonly string[] = ['signature', 'wire', 'robustness'];
