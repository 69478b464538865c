// One concrete world of the model: plain JSON data, so worlds can be cloned, deduplicated by
// canonical JSON, and have placeholder ids substituted once the target's choice is known.
import type { ExpectedIpn, Instrument, Millis, Role } from './api.ts';
import type { Period } from './time.ts';
import { worldIndexOf } from './world-index.ts';

export interface Account {
  accountId: string;
  email: string;
  accessKeyId: string;
  role: Role;
  instruments: Instrument[];
}

export type TokenPipeline = 'SingleUse' | 'MultiUse' | 'Recurring' | 'Recipient';

export interface UsageLimit {
  type: 'Count' | 'Amount';
  /** a count, or cents */
  value: number;
  /** absent: over the token's lifetime (R-TOK-6) */
  period?: Period;
}

export interface Use {
  at: Millis;
  cents: number;
  transactionId: string;
}

export interface Token {
  tokenId: string;
  /** the caller (callerKey's account) that installed it */
  caller: string;
  /** the buyer who signed in: sender, or recipient for a Recipient token */
  buyer: string;
  pipeline: TokenPipeline;
  instrument: Instrument;
  status: 'Active' | 'Inactive';
  callerReference: string;
  callerReferenceRefund?: string;
  installedAt: Millis;
  transactionAmount?: number;
  amountType?: 'Exact' | 'Maximum' | 'Minimum';
  recurringPeriod?: Period;
  globalAmountLimit?: number;
  limits: UsageLimit[];
  validityStart?: Millis;
  validityExpiry?: Millis;
  recipientTokenList?: string[];
  /** as given ("Type: Long", unit unstated) */
  maxFixedFee?: number;
  maxVariableFee?: number;
  recipientPaysFee?: boolean;
  paymentReason?: string;
  oldTokenId?: string;
  uses: Use[];
}

export type TxnKind = 'Pay' | 'Reserve' | 'Refund';
export type TxnStatus = 'Pending' | 'Reserved' | 'Success' | 'Failure' | 'Cancelled';

export interface Txn {
  transactionId: string;
  caller: string;
  kind: TxnKind;
  status: TxnStatus;
  /** why it is Cancelled: the caller's Cancel, or the 7-day reserve timeout (R-PAY-5) */
  cancelReason?: 'Canceled' | 'Expired';
  cents: number;
  callerReference: string;
  at: Millis;
  instrument: Instrument;
  senderTokenId?: string;
  recipientTokenId?: string;
  /** refunds: the original transaction (R-REF-3) */
  parentTransactionId?: string;
  /** reserves: the settle request, if any (R-PAY-3) */
  settle?: { cents: number; at: Millis; status: 'Pending' | 'Success' | 'Failure' };
  ipnUrl?: string;
  /** OverrideIPNURL of the Settle request */
  settleIpnUrl?: string;
  /** `process` has run since it went Pending: it is final, which final is chosen when observed */
  done?: boolean;
  /** sandbox-simulation: the amount forces a Failure (R-SBX-1) */
  forcedFailure?: boolean;
  /** sandbox-simulation: a Settle/Refund amount in the forced range may or may not fail (R-SBX-1) */
  mayFail?: boolean;
}

/** What a CallerReference is bound to (R-IDEM-*), per caller. */
export interface IdemEntry {
  at: Millis;
  action: string;
  /** the request parameters, minus Signature, SignatureMethod, SignatureVersion, Timestamp */
  params: Record<string, string>;
  transactionId?: string;
  /** the TransactionStatus first answered */
  firstStatus?: string;
  error?: string;
}

export interface Outbound {
  urlEndPoint: string;
  params: Record<string, string>;
}

/** R-TOK-8: whether a Failure / Cancel / Refund gives a token use back; a target's policy, adopted lazily. */
export interface GiveBackPolicy {
  failure?: boolean;
  cancel?: boolean;
  refund?: boolean;
}

export interface World {
  now: Millis;
  /** counter for placeholder ids */
  seq: number;
  accounts: Record<string, Account>;
  /** accessKeyId → accountId */
  keys: Record<string, string>;
  tokens: Record<string, Token>;
  txns: Record<string, Txn>;
  /** `${callerAccountId} ${CallerReference}` → entry */
  idem: Record<string, IdemEntry>;
  outbound: Outbound[];
  ipns: Record<string, ExpectedIpn>;
  giveBack: GiveBackPolicy;
}

export function emptyWorld(now: Millis): World {
  return { now, seq: 0, accounts: {}, keys: {}, tokens: {}, txns: {}, idem: {}, outbound: [], ipns: {}, giveBack: {} };
}

/** Canonical JSON: object keys sorted, so equal worlds and answers compare equal as strings. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

// Placeholders stand for ids the target picks: "⟦7:TransactionId⟧". They may sit in keys and values.
const PH = /⟦\d+:[A-Za-z]+⟧/g;
export function placeholder(seq: number, kind: string): string {
  return `⟦${seq}:${kind}⟧`;
}
export function isPlaceholder(s: string): boolean {
  return /^⟦\d+:[A-Za-z]+⟧$/.test(s);
}
export function hasPlaceholder(s: string): boolean {
  return s.includes('⟦');
}

/** Replace placeholders by the values bound for them; placeholders not in `map` stay. */
export function substitute<T>(value: T, map: Readonly<Record<string, string>>): T {
  if (Object.keys(map).length === 0) return value;
  const json = JSON.stringify(value).replace(PH, (ph) => (ph in map ? jsonInner(map[ph]!) : ph));
  return JSON.parse(json) as T;
}
function jsonInner(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** A record entry by a key that came from outside (an id as sent): own properties only, so
 *  "constructor" or "__proto__" are unknown ids, not Object's. */
export function own<T>(rec: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(rec, key) ? rec[key] : undefined;
}

/** A deep copy of plain JSON-like data (faster than structuredClone, and it reads through the
 *  emulator world's node proxies, which structuredClone refuses). */
export function clone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(clone) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = clone((value as Record<string, unknown>)[k]);
  return out as T;
}

/** The accounts with this email, in the record's order (indexed on the emulator side). */
export function accountsByEmail(w: World, email: string): Account[] {
  const idx = worldIndexOf(w);
  return idx ? idx.ids('accountsByEmail', email).map((id) => w.accounts[id]!) : Object.values(w.accounts).filter((a) => a.email === email);
}

/** The tokens installed with this callerReference (any caller), in the record's order (indexed on the emulator side). */
export function tokensByCallerReference(w: World, callerReference: string): Token[] {
  const idx = worldIndexOf(w);
  return idx ? idx.ids('tokensByCallerReference', callerReference).map((id) => w.tokens[id]!) : Object.values(w.tokens).filter((t) => t.callerReference === callerReference);
}

/** The outbound messages the target sent to `urlEndPoint`, in the order sent (indexed on the emulator side; R-IPN-3). */
export function outboundTo(w: World, urlEndPoint: string): Outbound[] {
  const idx = worldIndexOf(w);
  return idx ? idx.outboundTo(urlEndPoint).map((i) => w.outbound[i]!) : w.outbound.filter((o) => o.urlEndPoint === urlEndPoint);
}

/** The tokens whose callerReferenceRefund is this (any caller), in the record's order (indexed on the emulator side). */
export function tokensByRefundReference(w: World, callerReferenceRefund: string): Token[] {
  const idx = worldIndexOf(w);
  return idx ? idx.ids('tokensByRefundReference', callerReferenceRefund).map((id) => w.tokens[id]!) : Object.values(w.tokens).filter((t) => t.callerReferenceRefund === callerReferenceRefund);
}
