// Finding the caller's own transaction (R-AUTH-6).
import type { ErrorCode } from '../catalogue/errors.ts';
import { v, type Violation } from './violations.ts';
import { own, type Txn, type World } from './worlds.ts';

export type Found = { txn: Txn } | { violation: Violation };

export function findTxn(w: World, caller: string, id: string | undefined, unknownCodes: readonly ErrorCode[] = ['InvalidTransactionId']): Found | undefined {
  if (id === undefined) return undefined;
  const txn = own(w.txns, id);
  if (!txn) return { violation: v(unknownCodes, ['R-PAY-4', 'R-REF-1'], 'TransactionId unknown') };
  // R-AUTH-6: another caller's transaction
  if (txn.caller !== caller) return { violation: v(['InvalidTransactionId', 'TransactionDenied'], ['R-AUTH-6'], "another caller's transaction") };
  return { txn };
}
