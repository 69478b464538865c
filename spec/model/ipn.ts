// Notifications the target owes (R-IPN-1, R-IPN-2). Owed only where the request carried
// OverrideIPNURL; events whose URL the documents leave open (an expiry, a Settle or Cancel without
// its own OverrideIPNURL) are not asserted.
import type { Expect, ExpectedIpn } from './api.ts';
import { IPN_AMOUNT_PATTERN, ipnAmount } from './amounts.ts';
import type { Token, Txn, World } from './worlds.ts';

export type IpnStatus = 'PENDING' | 'RESERVED' | 'SUCCESS' | 'FAILURE' | 'CANCELLED';
export type IpnOperation = 'PAY' | 'RESERVE' | 'SETTLE' | 'REFUND' | 'CANCEL';

const SIGNED: Record<string, Expect> = {
  signatureVersion: '2',
  signatureMethod: { oneOf: ['RSA-SHA1', 'HmacSHA256', 'HmacSHA1'] },
  signature: { present: true },
  // the seed's samples carry it with RSA-SHA1; with an Hmac method there is no certificate
  certificateUrl: { optional: true },
};

const STATUS_CODE: Partial<Record<IpnStatus, Expect>> = {
  CANCELLED: { present: true },
  SUCCESS: { present: true },
};

/** Owe a transaction notification for `txn` reaching `status` through `operation`. */
export function oweTxnIpn(w: World, url: string | undefined, txn: Txn, status: IpnStatus, operation: IpnOperation, cents: number): void {
  if (!url) return;
  const ipn = txnIpn(url, txn, status, operation, cents);
  w.ipns[ipn.key] = ipn;
}

/** The notification itself; `status` may be a set while the final is not yet known. */
export function txnIpn(url: string, txn: Txn, status: IpnStatus | readonly IpnStatus[], operation: IpnOperation, cents: number): ExpectedIpn {
  const key = typeof status === 'string' ? `${txn.transactionId} ${operation} ${status}` : `${txn.transactionId} ${operation} final`;
  const fields: Record<string, Expect> = {
    notificationType: 'TransactionStatus',
    transactionId: txn.transactionId,
    transactionStatus: typeof status === 'string' ? status : { oneOf: [...status] },
    operation: operation === 'CANCEL' ? { oneOf: ['CANCEL', 'CANCEL_TRANSACTION', txn.kind.toUpperCase()] } : operation,
    // a cancel notification's amount (the reserve's, the settle's, what was cancelled) and a cancel or
    // settle notification's CallerReference are open in the documents: only the amount's form
    // (R-IPN-2 "USD 1.00") is asserted there
    transactionAmount: operation === 'CANCEL' ? { pattern: IPN_AMOUNT_PATTERN, example: ipnAmount(cents) } : ipnAmount(cents),
    callerReference: operation === 'CANCEL' || operation === 'SETTLE' ? { optional: true } : txn.callerReference,
    statusCode: (typeof status === 'string' ? STATUS_CODE[status] : undefined) ?? { present: true },
    ...SIGNED,
  };
  if (txn.parentTransactionId !== undefined) fields['parentTransactionId'] = txn.parentTransactionId;
  return { key, url, fields, rules: ['R-IPN-1', 'R-IPN-2'] };
}

/** Owe a TokenCancellation notification (R-IPN-1 "token cancel"). */
export function oweTokenCancelIpn(w: World, url: string | undefined, token: Token): void {
  if (!url) return;
  const key = `${token.tokenId} TokenCancellation`;
  w.ipns[key] = {
    key,
    url,
    fields: {
      notificationType: 'TokenCancellation',
      tokenId: token.tokenId,
      tokenType: tokenTypeExpect(token),
      ...SIGNED,
    },
    rules: ['R-IPN-1', 'R-IPN-2'],
  };
}

/** TokenType as the documents spell it; a Recipient token may be Unrestricted or Recipient (R-TOK-2). */
export function tokenTypeExpect(token: Token): Expect {
  return token.pipeline === 'Recipient' ? { oneOf: ['Unrestricted', 'Recipient'] } : token.pipeline;
}
