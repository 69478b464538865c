// The package's programmatic entry ("fps-conformance"): run the conformance suites from code, or
// build on the targets and clients the suites use.
export { runConformance } from './runner.ts';
export type { RunOutcome } from './runner.ts';
export type { RunOptions, ReplaySpec, RunEvents, Profile } from './run-options.ts';
export { DEFAULT_RUNS, DEFAULT_TIMEOUT_MS, DEFAULT_REPORT_DIR, parseReplay, formatReplay } from './run-options.ts';
export { UsageError } from './errors.ts';
export { TransportError } from './target.ts';
export type { Target, SendOptions } from './target.ts';
export type { WireRequest, WireResponse, Exchange } from './wire.ts';
export type { CheckResult, CheckStatus, RunReport, RequirementStatus, Replay, TargetInfo } from './result.ts';
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
} from './suite.ts';
export { createHttpTarget } from './targets/http.ts';
export { createInProcessTarget } from './targets/in-process.ts';
export type { FetchHandler } from './targets/in-process.ts';
export { recordingTarget } from './targets/recording.ts';
export type { RecordingTarget } from './targets/recording.ts';
export { createFpsClient } from './fps-client.ts';
export type { KitFpsClient, SignedRequest } from './fps-client.ts';
export { createSandboxClient, SandboxError } from './sandbox-client.ts';
export { startIpnReceiver } from './ipn-receiver.ts';
export type { IpnReceiver, ReceivedIpn } from './ipn-receiver.ts';
export { TargetClock } from './clock.ts';
export { checkProperty } from './property.ts';
export { toCurl } from './curl.ts';
export { SUITES } from '../suites/index.ts';
export { mergeShards } from './merge.ts';
export type { MergePart } from './merge.ts';
export { parseShard, caseBlock, checksOfShard } from './shard.ts';
export type { Shard } from './shard.ts';
export { runCompare } from './compare-run.ts';
export type { CompareOutcome, VerdictDifference } from './compare-run.ts';
export { compareCases, failingDifferences } from './compare.ts';
export type { Difference, DifferenceKind, CaseRecord, StepRecord } from './compare.ts';
