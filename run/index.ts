// The package's programmatic entry ("fps-conformance"): run the conformance suites from code, or
// build on the targets and clients the suites use.
export { runConformance } from './service-runner.ts';
export type { RunOutcome } from './service-runner.ts';
export type { RunOptions, ReplaySpec, RunEvents, Profile } from './run-options.ts';
export { DEFAULT_RUNS, DEFAULT_TIMEOUT_MS, DEFAULT_REPORT_DIR, parseReplay, formatReplay } from './run-options.ts';
export { UsageError } from '../core/errors.ts';
export { TransportError } from '../core/target.ts';
export type { Target, SendOptions } from '../core/target.ts';
export type { WireRequest, WireResponse, Exchange } from '../core/wire.ts';
export type { CheckResult, CheckStatus, RunReport, RequirementStatus, Replay, TargetInfo } from '../core/result.ts';
export type {
  Suite,
  Check,
  SuiteContext,
  FpsClient,
  SandboxClient,
  SandboxDiscovery,
  SandboxAccount,
  Credentials,
  CallOptions,
  CallResult,
  Decoded,
  RequestStyle,
} from '../core/suite.ts';
export { createHttpTarget } from '../transports/http.ts';
export { createInProcessTarget } from '../transports/in-process.ts';
export type { FetchHandler } from '../transports/in-process.ts';
export { recordingTarget } from '../transports/recording.ts';
export type { RecordingTarget } from '../transports/recording.ts';
export { createFpsClient } from '../clients/fps-client.ts';
export type { KitFpsClient, SignedRequest } from '../clients/fps-client.ts';
export { createSandboxClient, SandboxError } from '../clients/sandbox-client.ts';
export { startIpnReceiver } from '../clients/ipn-receiver.ts';
export type { IpnReceiver, ReceivedIpn } from '../clients/ipn-receiver.ts';
export { TargetClock } from '../clients/clock.ts';
export { checkProperty } from '../core/property.ts';
export { toCurl } from '../core/curl.ts';
export { SUITES } from '../suites/service/index.ts';
export { mergeShards } from './merge.ts';
export type { MergePart } from './merge.ts';
export { parseShard, caseBlock, checksOfShard } from '../core/shard.ts';
export type { Shard } from '../core/shard.ts';
export { runCompare } from './compare-run.ts';
export type { CompareOutcome, VerdictDifference } from './compare-run.ts';
export { compareCases, failingDifferences } from './compare.ts';
export type { Difference, DifferenceKind, CaseRecord, StepRecord } from './compare.ts';
// fps-driver/1: what an in-process SDK adapter (`sdk --adapter`) implements
export type { SdkAdapter, SdkIdentity, SdkSupports, CallParams, AmountValue, SdkErrorView, SdkOutcome } from '../clients/driver-protocol.ts';
