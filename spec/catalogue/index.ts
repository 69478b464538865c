// The catalogue's front door: re-exports, every Requirement the kit can hold a target to, and a digest
// of the contract (catalogue data + rulings) that reports print so two runs can tell they checked the
// same contract.
import { createHash } from 'node:crypto';
import { ACTIONS, PIPELINES, type ActionName, type Area, type Requirement } from '../types.ts';
import { ACCEPTED_CODES } from './accepted.ts';
import { ACTION_SPECS, COMMON_PARAMS } from './actions.ts';
import { COMPLEX_TYPES } from './complex-types.ts';
import { ENUM_TYPES } from './enums.ts';
import { ERRORS } from './errors.ts';
import { IPN_FIELDS, IPN_MARKETPLACE_FIELDS } from './ipn.ts';
import { CBUI_COMMON_PARAMS, CBUI_COMMON_RESPONSE, PIPELINE_SPECS } from './pipelines.ts';
import { OPEN_POINTS } from './open-points.ts';
import { RULINGS_REQUIREMENTS } from './rulings.ts';

export * from './accepted.ts';
export * from './actions.ts';
export * from './complex-types.ts';
export * from './enums.ts';
export * from './errors.ts';
export * from './ipn.ts';
export * from './open-points.ts';
export * from './pipelines.ts';
export * from './rulings.ts';

const ACTION_AREA: Readonly<Record<ActionName, Area>> = {
  Pay: 'payments', Reserve: 'payments', Settle: 'payments', Cancel: 'payments', GetTransactionStatus: 'payments',
  Refund: 'refunds', CancelToken: 'tokens', GetTokenByCaller: 'tokens', GetRecipientVerificationStatus: 'tokens',
  VerifySignature: 'ipn',
};

function catalogueRequirements(): Requirement[] {
  const actions = ACTIONS.map((name): Requirement => {
    const spec = ACTION_SPECS[name];
    const required = spec.params.filter((p) => p.required === 'yes').map((p) => p.name);
    return {
      id: `ACTION-${name}`, kind: 'seed', area: ACTION_AREA[name], title: `${name} action`,
      text: `${spec.description} Required parameters: ${required.join(', ') || 'none'}. Result element: ${spec.resultElement ?? 'none'}. Errors: ${spec.errors.join(', ')}.`,
      cites: [...spec.cites], appliesTo: 'both',
    };
  });
  const pipelines = PIPELINES.map((name): Requirement => {
    const spec = PIPELINE_SPECS[name];
    return {
      id: `PIPELINE-${name}`, kind: 'seed', area: 'cbui', title: `${spec.title}`,
      text: `${spec.description} Status codes: ${spec.statusCodes.map((s) => s.code).join(', ')}.`,
      cites: [...spec.cites], appliesTo: 'both',
    };
  });
  const errors = ERRORS.map((e): Requirement => ({
    id: `ERROR-${e.code}`, kind: 'seed', area: 'wire', title: e.code, text: e.meaning, cites: [...e.cites], appliesTo: 'service',
  }));
  return [...actions, ...pipelines, ...errors];
}

let cached: readonly Requirement[] | undefined;
function requirements(): readonly Requirement[] {
  cached ??= [...RULINGS_REQUIREMENTS, ...catalogueRequirements()];
  return cached;
}

/** The rulings plus one record per action (ACTION-<Name>), pipeline (PIPELINE-<Name>) and error (ERROR-<Code>). */
export function allRequirements(): Requirement[] {
  return requirements().map((r) => ({ ...r, cites: [...r.cites] }));
}

export function requirementById(id: string): Requirement | undefined {
  const found = requirements().find((r) => r.id === id);
  return found === undefined ? undefined : { ...found, cites: [...found.cites] };
}

/** JSON with object keys sorted, so the digest does not depend on property order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** sha256 hex digests of the catalogue data, of the rulings, and of both together. */
export function contractDigest(): { digest: string; catalogueDigest: string; rulingsDigest: string } {
  const catalogueDigest = sha256(canonicalJson({
    actions: ACTION_SPECS, commonParams: COMMON_PARAMS, enums: ENUM_TYPES, errors: ERRORS, complexTypes: COMPLEX_TYPES,
    pipelines: PIPELINE_SPECS, cbuiCommonParams: CBUI_COMMON_PARAMS, cbuiCommonResponse: CBUI_COMMON_RESPONSE,
    ipn: IPN_FIELDS, ipnMarketplace: IPN_MARKETPLACE_FIELDS,
  }));
  // the accepted sets and the open points read the rulings, so a change to any changes the rulings digest
  const rulingsDigest = sha256(canonicalJson({ rulings: RULINGS_REQUIREMENTS, accepted: ACCEPTED_CODES, openPoints: OPEN_POINTS }));
  return { digest: sha256(`${catalogueDigest}\n${rulingsDigest}`), catalogueDigest, rulingsDigest };
}
