// Every check the sdk command can report, as data (the CheckRecord both directions share), and the
// recorder over them (core/recorder.ts). A check nobody observed is reported not-tested, never pass.
import { Recorder } from '../../core/recorder.ts';
import type { CheckRecord } from '../../core/suite.ts';
import { ACTIONS, PIPELINES } from '../../spec/types.ts';
import type { FaultName } from './faults.ts';
import { FAULTS } from './faults.ts';
import { ERROR_VARIANT_CHECKS, RESULT_VARIANTS, VERSION_VARIANT } from './variants.ts';
import { OUTBOUND_CHECKS } from './outbound.ts';

/** An SDK check is a CheckRecord like any emulator check. */
export type SdkCheckDef = CheckRecord;

/** The ids the runner and more than one scenario name: written once, here. */
export const SDK_CHECK = {
  driverProtocol: 'driver/protocol',
  callsComplete: 'sdk/calls-complete',
  sequences: 'sequences/token-pay-reserve-settle-refund',
} as const;

/** The SDK suites, by the first part of a check id. */
export const SDK_SUITES = {
  driver: 'sdk-driver',
  sdk: 'sdk-calls',
  request: 'sdk-requests',
  answer: 'sdk-answers',
  faults: 'sdk-faults',
  cbui: 'sdk-cbui',
  verify: 'sdk-verify',
  sequences: 'sdk-sequences',
} as const satisfies Record<string, string>;
const def = (id: string, title: string, requirements: string[]): SdkCheckDef => ({ id, suite: (SDK_SUITES as Record<string, string>)[id.split('/')[0]!] ?? 'sdk', title, requirements });

export const SDK_CHECKS: readonly SdkCheckDef[] = [
  def(SDK_CHECK.driverProtocol, 'The driver answers every fps-driver/1 message in time and in form', []),
  // the ACTION-<Name> / PIPELINE-<Name> ids come with each observation
  def(SDK_CHECK.callsComplete, 'The SDK performs each documented call it supports, without crashing', []),
  def('request/wire-form', 'Requests are GET with a query, POST with a form body, or POST with the query and an empty body', ['R-WIRE-1']),
  def('request/style', 'Which request style the SDK uses (info)', ['R-WIRE-1']),
  def('request/signature', 'Every request carries a valid Signature Version 2 signature', ['R-AUTH-1', 'R-AUTH-1b']),
  def('request/signature-host', 'Which Host form the SDK signs: with or without the port (info)', ['R-AUTH-1b']),
  def('request/signing-hosts', 'API requests and Co-Branded URLs are signed over the same Host form (with or without the port)', ['R-AUTH-1', 'R-AUTH-1b']),
  def('request/space-encoding', 'How spaces are sent and how they are signed (info)', ['R-AUTH-1', 'R-WIRE-1']),
  def('request/verify-signature-signed', 'VerifySignature is signed like every other action', ['R-IPN-4', 'R-AUTH-1']),
  def('request/common-parameters', 'AWSAccessKeyId, SignatureVersion=2, SignatureMethod, Timestamp, Version, Action are sent', ['R-WIRE-2']),
  def('request/version', 'Version is 2008-09-17 or 2010-08-28', ['R-WIRE-2']),
  def('request/timestamp', 'Timestamp is ISO 8601 UTC', ['R-WIRE-2']),
  def('request/action-documented', 'Action is one of the documented actions', ['R-WIRE-2']),
  def('request/parameter-names', 'Every parameter name is a documented one, spelt with the same case', ['R-WIRE-2']),
  def('request/required-parameters', 'Every required parameter is sent', ['R-WIRE-8', 'R-TOK-3']),
  def('request/optional-omittable', 'A call without its optional parameters can be made', ['R-WIRE-8']),
  def('request/amounts', 'Amounts go as X.Value (at most two decimals) and X.CurrencyCode USD', ['R-WIRE-6']),
  def('request/parameters-as-called', 'The SDK sends what its caller asked for, unchanged', ['R-WIRE-2']),
  def('request/endpoint', 'The SDK sends to the endpoint it was configured with', ['R-WIRE-1']),
  def('answer/result-fields', "The SDK hands its caller the served TransactionId, TransactionStatus, RequestId and token fields", ['R-WIRE-3']),
  def('answer/error-surfaced', 'The SDK surfaces each FPS error with its code, message and request id', ['R-WIRE-4']),
  def('answer/no-false-success', 'Nothing is reported as success that was not one', ['R-WIRE-3', 'R-WIRE-4']),
  ...RESULT_VARIANTS.map((v) => def(v.check, `Answers ${v.title} are read`, v.rules)),
  def(VERSION_VARIANT.check, `Answers ${VERSION_VARIANT.title} are read`, [...VERSION_VARIANT.rules]),
  ...ERROR_VARIANT_CHECKS.map((v) => def(v.check, v.title, [...v.rules])),
  // capability rows: what the SDK cannot do is a first-class row, never a silent skip
  ...ACTIONS.map((a) => def(`sdk/action-${a}`, `The SDK offers ${a}`, [`ACTION-${a}`])),
  ...PIPELINES.map((p) => def(`sdk/pipeline-${p}`, `The SDK builds Co-Branded URLs for the ${p} pipeline`, [`PIPELINE-${p}`])),
  def('sdk/parameters', "The SDK can express every documented parameter the kit's calls use", ['R-WIRE-2']),
  def('sdk/verify-helpers', 'The SDK can verify return URLs and IPNs', ['R-IPN-3']),
  ...FAULTS.map((f) => def(`faults/${f.name}`, `Fault: ${f.title}${f.retriable ? ' (a resend must repeat the request)' : ' (must not be resent)'}`, f.rules)),
  def('cbui/signature', 'Co-Branded URLs the SDK builds carry a valid signature', ['R-TOK-1', 'R-AUTH-1']),
  def('cbui/required-parameters', "Co-Branded URLs carry the pipeline's required parameters", ['R-TOK-1']),
  def('cbui/values-as-given', 'Co-Branded URL values arrive as the caller gave them (signed form and sent form agree)', ['R-TOK-1', 'R-WIRE-2']),
  def('cbui/endpoint', 'Co-Branded URLs go to the configured Co-Branded endpoint', ['R-TOK-1']),
  def('verify/return-url-genuine', 'A return URL the service signed is accepted', ['R-IPN-3', 'R-TOK-2']),
  def('verify/return-url-tampered', 'A return URL with a changed value is rejected', ['R-IPN-3']),
  def('verify/ipn-genuine', 'An IPN the service signed is accepted', ['R-IPN-3', 'R-IPN-2']),
  def('verify/ipn-tampered', 'An IPN with a changed value is rejected', ['R-IPN-3']),
  ...OUTBOUND_CHECKS.map((c) => def(c.check, c.title, [...c.rules])),
  def(SDK_CHECK.sequences, 'Model-based sequences: tokens, Pay, Reserve/Settle, Refund and idempotent resends through the SDK', ['R-IDEM-2', 'R-PAY-1', 'R-PAY-3', 'R-REF-3']),
];

export const faultCheckId = (f: FaultName): string => `faults/${f}`;

/** A recorder over every SDK check. */
export function sdkRecorder(): Recorder {
  return new Recorder(SDK_CHECKS);
}

export { Recorder };
