// Remembers every account the run made through POST /_sandbox/accounts: its keys (to tell, after a
// failure, which recorded requests were signed right) and what the request asked for (so a repro
// script can make the same accounts again). The secrets stay in memory; nothing here is reported.
import type { Target } from '../core/target.ts';

export interface MadeAccount {
  /** the JSON body the kit sent, as sent */
  request: string;
  accountId: string;
  email: string;
  accessKeyId: string;
}

export interface AccountTap {
  target: Target;
  /** accounts made so far, in order (no secrets) */
  accounts(): readonly MadeAccount[];
  /** the secret of an access key the run made or was given */
  secretOf(accessKeyId: string): string | undefined;
  /** a key the run was given (flags or environment) rather than made */
  addKey(accessKeyId: string, secret: string): void;
}

const ACCOUNTS_PATH = /\/_sandbox\/accounts\/?$/;

export function tapAccounts(inner: Target): AccountTap {
  const made: MadeAccount[] = [];
  const secrets = new Map<string, string>();
  return {
    target: {
      baseUrl: inner.baseUrl,
      async send(request, options) {
        const response = await inner.send(request, options);
        // (the raw URL names "accounts" whenever its path does: most requests are API calls, never parsed here)
        if (request.method === 'POST' && response.status < 300 && request.url.includes('accounts') && ACCOUNTS_PATH.test(new URL(request.url).pathname)) {
          try {
            const o = JSON.parse(response.body) as Record<string, unknown>;
            const [accountId, email, accessKeyId, secret] = ['accountId', 'email', 'accessKeyId', 'secretAccessKey'].map((k) => (typeof o[k] === 'string' ? (o[k] as string) : ''));
            if (accessKeyId && secret) {
              secrets.set(accessKeyId, secret);
              made.push({ request: request.body ?? '', accountId: accountId!, email: email!, accessKeyId });
            }
          } catch {
            // not JSON: the sandbox client reports that; nothing to learn here
          }
        }
        return response;
      },
      close: () => inner.close(),
    },
    accounts: () => made,
    secretOf: (id) => secrets.get(id),
    addKey: (id, secret) => void secrets.set(id, secret),
  };
}
