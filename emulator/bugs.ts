// The injected-bug corpus: realistic mistakes an independent FPS emulator author makes, switched
// on by name (`createEmulator({ bugs: ['settle-twice'] })`, `serve --bug settle-twice`). The kit's
// detection test runs every suite against each and expects a check citing one of `rules` to fail.
import type { Hooks } from './hooks.ts';
import type { Bug, BugArea } from './bugs/kit.ts';
import { NOT_YET_CAUGHT } from './bugs/pending.ts';
import { SIGNATURE_BUGS, WIRE_BUGS } from './bugs/signature-wire.ts';
import { REFUND_BUGS, RESERVE_BUGS, TOKEN_BUGS } from './bugs/payments.ts';
import { AUTHZ_BUGS, CONCURRENCY_BUGS, IDEMPOTENCY_BUGS, IPN_BUGS, ROBUSTNESS_BUGS } from './bugs/service.ts';
import { MORE_ROBUSTNESS_BUGS, MORE_SIGNATURE_BUGS, MORE_WIRE_BUGS } from './bugs/wire-auth.ts';
import { MORE_TOKEN_BUGS } from './bugs/tokens-more.ts';
import { MORE_REFUND_BUGS, MORE_RESERVE_BUGS } from './bugs/transactions-more.ts';
import { MARKETPLACE_BUGS, MORE_AUTHZ_BUGS, MORE_CONCURRENCY_BUGS, MORE_IDEMPOTENCY_BUGS, MORE_IPN_BUGS } from './bugs/service-more.ts';

export type { Bug, BugArea };

/** Every bug written, caught or not (emulator/bugs/pending.ts lists the ones no check catches yet). */
export const ALL_BUGS: readonly Bug[] = [
  ...SIGNATURE_BUGS,
  ...MORE_SIGNATURE_BUGS,
  ...WIRE_BUGS,
  ...MORE_WIRE_BUGS,
  ...TOKEN_BUGS,
  ...MORE_TOKEN_BUGS,
  ...RESERVE_BUGS,
  ...MORE_RESERVE_BUGS,
  ...REFUND_BUGS,
  ...MORE_REFUND_BUGS,
  ...IDEMPOTENCY_BUGS,
  ...MORE_IDEMPOTENCY_BUGS,
  ...IPN_BUGS,
  ...MORE_IPN_BUGS,
  ...AUTHZ_BUGS,
  ...MORE_AUTHZ_BUGS,
  ...MARKETPLACE_BUGS,
  ...CONCURRENCY_BUGS,
  ...MORE_CONCURRENCY_BUGS,
  ...ROBUSTNESS_BUGS,
  ...MORE_ROBUSTNESS_BUGS,
];

/** The registered corpus: the bugs a check catches. */
export const BUGS: readonly Bug[] = ALL_BUGS.filter((b) => !(b.name in NOT_YET_CAUGHT));

export const BUG_NAMES: readonly string[] = BUGS.map((b) => b.name);

const byName = new Map(BUGS.map((b) => [b.name, b]));
/** every bug written, registered or pending: a pending one may be switched on by name to measure it */
const anyByName = new Map(ALL_BUGS.map((b) => [b.name, b]));

/** The bug record, or undefined. */
export function bugInfo(name: string): Omit<Bug, 'make'> | undefined {
  const b = byName.get(name);
  return b && { name: b.name, area: b.area, clause: b.clause, description: b.description, rules: b.rules };
}

/** Fresh hooks for the named bugs; an unknown name is a TypeError naming the known ones. */
export function bugHooks(names: readonly string[]): Hooks[] {
  return names.map((name) => {
    const bug = anyByName.get(name);
    if (bug === undefined) throw new TypeError(`unknown injected bug ${JSON.stringify(name)}; known: ${BUG_NAMES.join(', ')}`);
    return bug.make();
  });
}
