// What every SDK scenario works with.
import type { Recorder } from './checks.ts';
import type { KitAccount, KitSandbox } from '../../clients/kit-sandbox.ts';
import type { SdkConnection, SdkSupports } from '../../clients/driver-protocol.ts';
import type { KitService } from './service.ts';

export interface CapturedIpn {
  url: string;
  params: Record<string, string>;
}

export interface SdkRunContext {
  sdk: SdkConnection;
  service: KitService;
  sandbox: KitSandbox;
  rec: Recorder;
  /** the account whose keys the SDK was configured with */
  caller: KitAccount;
  /** a sender account holding every instrument */
  sender: KitAccount;
  /** configured endpoints */
  endpoint: string;
  cbuiEndpoint: string;
  supports: SdkSupports;
  timeoutMs: number;
  seed: number;
  runs: number;
  /** wall-clock epoch ms after which no generated sequence starts (--time-limit) */
  deadline: number;
  /** notifications the backend delivered so far */
  ipns(): CapturedIpn[];
  /** a loopback URL the backend delivers IPNs to (captured, never sent on the network) */
  ipnUrl: string;
  progress(message: string): void;
  /** fresh CallerReference values, unique within the run */
  ref(prefix: string): string;
  /** --replay: the one check replayed and the fast-check path of the generated case to run again */
  replay?: { checkId: string; path: string };
}

export function supportsAction(ctx: SdkRunContext, action: string): boolean {
  return ctx.supports.actions.includes(action);
}
