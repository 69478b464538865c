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

/** The fixed SDK check ids, written once: scenarios and the runner name them through this table. */
export const SDK_CHECK = {
  driverProtocol: 'driver/protocol',
  callsComplete: 'sdk/calls-complete',
  sequences: 'sequences/token-pay-reserve-settle-refund',
  requestWireForm: 'request/wire-form',
  requestStyle: 'request/style',
  requestSignature: 'request/signature',
  requestSignatureHost: 'request/signature-host',
  requestSigningHosts: 'request/signing-hosts',
  requestSpaceEncoding: 'request/space-encoding',
  requestVerifySignatureSigned: 'request/verify-signature-signed',
  requestCommonParameters: 'request/common-parameters',
  requestVersion: 'request/version',
  requestTimestamp: 'request/timestamp',
  requestActionDocumented: 'request/action-documented',
  requestParameterNames: 'request/parameter-names',
  requestRequiredParameters: 'request/required-parameters',
  requestOptionalOmittable: 'request/optional-omittable',
  requestAmounts: 'request/amounts',
  requestParametersAsCalled: 'request/parameters-as-called',
  requestEndpoint: 'request/endpoint',
  answerResultFields: 'answer/result-fields',
  answerErrorSurfaced: 'answer/error-surfaced',
  answerNoFalseSuccess: 'answer/no-false-success',
  sdkParameters: 'sdk/parameters',
  sdkVerifyHelpers: 'sdk/verify-helpers',
  cbuiSignature: 'cbui/signature',
  cbuiRequiredParameters: 'cbui/required-parameters',
  cbuiValuesAsGiven: 'cbui/values-as-given',
  cbuiEndpoint: 'cbui/endpoint',
  verifyReturnUrlGenuine: 'verify/return-url-genuine',
  verifyReturnUrlTampered: 'verify/return-url-tampered',
  verifyIpnGenuine: 'verify/ipn-genuine',
  verifyIpnTampered: 'verify/ipn-tampered',
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
  def(SDK_CHECK.requestWireForm, 'Requests are GET with a query, POST with a form body, or POST with the query and an empty body', ['R-WIRE-1']),
  def(SDK_CHECK.requestStyle, 'Which request style the SDK uses (info)', ['R-WIRE-1']),
  def(SDK_CHECK.requestSignature, 'Every request carries a valid Signature Version 2 signature', ['R-AUTH-1', 'R-AUTH-1b']),
  def(SDK_CHECK.requestSignatureHost, 'Which Host form the SDK signs: with or without the port (info)', ['R-AUTH-1b']),
  def(SDK_CHECK.requestSigningHosts, 'API requests and Co-Branded URLs are signed over the same Host form (with or without the port)', ['R-AUTH-1', 'R-AUTH-1b']),
  def(SDK_CHECK.requestSpaceEncoding, 'How spaces are sent and how they are signed (info)', ['R-AUTH-1', 'R-WIRE-1']),
  def(SDK_CHECK.requestVerifySignatureSigned, 'VerifySignature is signed like every other action', ['R-IPN-4', 'R-AUTH-1']),
  def(SDK_CHECK.requestCommonParameters, 'AWSAccessKeyId, SignatureVersion=2, SignatureMethod, Timestamp, Version, Action are sent', ['R-WIRE-2']),
  def(SDK_CHECK.requestVersion, 'Version is 2008-09-17 or 2010-08-28', ['R-WIRE-2']),
  def(SDK_CHECK.requestTimestamp, 'Timestamp is ISO 8601 UTC', ['R-WIRE-2']),
  def(SDK_CHECK.requestActionDocumented, 'Action is one of the documented actions', ['R-WIRE-2']),
  def(SDK_CHECK.requestParameterNames, 'Every parameter name is a documented one, spelt with the same case', ['R-WIRE-2']),
  def(SDK_CHECK.requestRequiredParameters, 'Every required parameter is sent', ['R-WIRE-8', 'R-TOK-3']),
  def(SDK_CHECK.requestOptionalOmittable, 'A call without its optional parameters can be made', ['R-WIRE-8']),
  def(SDK_CHECK.requestAmounts, 'Amounts go as X.Value (at most two decimals) and X.CurrencyCode USD', ['R-WIRE-6']),
  def(SDK_CHECK.requestParametersAsCalled, 'The SDK sends what its caller asked for, unchanged', ['R-WIRE-2']),
  def(SDK_CHECK.requestEndpoint, 'The SDK sends to the endpoint it was configured with', ['R-WIRE-1']),
  def(SDK_CHECK.answerResultFields, "The SDK hands its caller the served TransactionId, TransactionStatus, RequestId and token fields", ['R-WIRE-3']),
  def(SDK_CHECK.answerErrorSurfaced, 'The SDK surfaces each FPS error with its code, message and request id', ['R-WIRE-4']),
  def(SDK_CHECK.answerNoFalseSuccess, 'Nothing is reported as success that was not one', ['R-WIRE-3', 'R-WIRE-4']),
  ...RESULT_VARIANTS.map((v) => def(v.check, `Answers ${v.title} are read`, v.rules)),
  def(VERSION_VARIANT.check, `Answers ${VERSION_VARIANT.title} are read`, [...VERSION_VARIANT.rules]),
  ...ERROR_VARIANT_CHECKS.map((v) => def(v.check, v.title, [...v.rules])),
  // capability rows: what the SDK cannot do is a first-class row, never a silent skip
  ...ACTIONS.map((a) => def(`sdk/action-${a}`, `The SDK offers ${a}`, [`ACTION-${a}`])),
  ...PIPELINES.map((p) => def(`sdk/pipeline-${p}`, `The SDK builds Co-Branded URLs for the ${p} pipeline`, [`PIPELINE-${p}`])),
  def(SDK_CHECK.sdkParameters, "The SDK can express every documented parameter the kit's calls use", ['R-WIRE-2']),
  def(SDK_CHECK.sdkVerifyHelpers, 'The SDK can verify return URLs and IPNs', ['R-IPN-3']),
  ...FAULTS.map((f) => def(`faults/${f.name}`, `Fault: ${f.title}${f.retriable ? ' (a resend must repeat the request)' : ' (must not be resent)'}`, f.rules)),
  def(SDK_CHECK.cbuiSignature, 'Co-Branded URLs the SDK builds carry a valid signature', ['R-TOK-1', 'R-AUTH-1']),
  def(SDK_CHECK.cbuiRequiredParameters, "Co-Branded URLs carry the pipeline's required parameters", ['R-TOK-1']),
  def(SDK_CHECK.cbuiValuesAsGiven, 'Co-Branded URL values arrive as the caller gave them (signed form and sent form agree)', ['R-TOK-1', 'R-WIRE-2']),
  def(SDK_CHECK.cbuiEndpoint, 'Co-Branded URLs go to the configured Co-Branded endpoint', ['R-TOK-1']),
  def(SDK_CHECK.verifyReturnUrlGenuine, 'A return URL the service signed is accepted', ['R-IPN-3', 'R-TOK-2']),
  def(SDK_CHECK.verifyReturnUrlTampered, 'A return URL with a changed value is rejected', ['R-IPN-3']),
  def(SDK_CHECK.verifyIpnGenuine, 'An IPN the service signed is accepted', ['R-IPN-3', 'R-IPN-2']),
  def(SDK_CHECK.verifyIpnTampered, 'An IPN with a changed value is rejected', ['R-IPN-3']),
  ...OUTBOUND_CHECKS.map((c) => def(c.check, c.title, [...c.rules])),
  def(SDK_CHECK.sequences, 'Model-based sequences: tokens, Pay, Reserve/Settle, Refund and idempotent resends through the SDK', ['R-IDEM-2', 'R-PAY-1', 'R-PAY-3', 'R-REF-3']),
];

export const faultCheckId = (f: FaultName): string => `faults/${f}`;

/** A recorder over every SDK check. */
export function sdkRecorder(): Recorder {
  return new Recorder(SDK_CHECKS);
}

export { Recorder };
