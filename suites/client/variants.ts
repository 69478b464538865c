// The space of conforming answers the kit serves an SDK, as named data. A result variant re-dresses
// the backend's genuine answer (spec/wire/styles.ts); an error variant is served instead of
// processing. Each names its check row, so a failure says which variant broke the SDK.
import { ACTION_SPECS } from '../../spec/catalogue/actions.ts';
import { errorEntry } from '../../spec/catalogue/errors.ts';
import { ACTIONS, type ActionName } from '../../spec/types.ts';
import { encodeError } from '../../spec/wire/codec.ts';
import { optionalElements, resultText, sampleRootNames, sampleShaped, withOptional, withoutOptional } from '../../spec/wire/styles.ts';

export interface ResultVariant {
  name: string;
  check: string;
  title: string;
  rules: string[];
  /** the actions whose answers this variant changes (the scenario calls these) */
  actions: readonly ActionName[];
  restyle(xml: string, action: string): string;
}

const isAction = (a: string): a is ActionName => (ACTIONS as readonly string[]).includes(a);
const withOptionals = ACTIONS.filter((a) => optionalElements(a).length > 0);

/** Plausible text for an optional element the backend left out (the GetTokenByCaller sample repeats TokenId as OldTokenId). */
const OPTIONAL_TEXT: Record<string, (result: Parameters<Parameters<typeof withOptional>[2]>[1]) => string | undefined> = {
  FriendlyName: () => 'Friendly name given by the kit',
  OldTokenId: (r) => resultText(r, ['Token', 'TokenId']),
  PaymentReason: () => 'PaymentReason',
};

export const RESULT_VARIANTS: readonly ResultVariant[] = [
  {
    name: 'sample-shaped',
    check: 'answer/variant-sample-shaped',
    title: "shaped like the seed's samples (one element per line, no XML declaration, root tag broken before xmlns)",
    rules: ['R-WIRE-3'],
    actions: ACTIONS.filter((a) => a !== 'GetRecipientVerificationStatus'),
    restyle: (xml) => sampleShaped(xml, { declaration: false }),
  },
  {
    name: 'sample-root',
    check: 'answer/variant-sample-root',
    title: 'for GetRecipientVerificationStatus under the sample\'s root GetRecipientVerificationResponse',
    rules: ['R-WIRE-3', 'ACTION-GetRecipientVerificationStatus'],
    actions: ['GetRecipientVerificationStatus'],
    restyle: (xml) => sampleShaped(sampleRootNames(xml), { declaration: false }),
  },
  {
    name: 'optional-absent',
    check: 'answer/variant-optional-absent',
    title: 'without their optional elements',
    rules: ['R-WIRE-3', ...withOptionals.map((a) => `ACTION-${a}`)],
    actions: withOptionals,
    restyle: (xml, action) => withoutOptional(xml, action),
  },
  {
    name: 'optional-present',
    check: 'answer/variant-optional-present',
    title: 'with every optional element present',
    rules: ['R-WIRE-3', ...withOptionals.map((a) => `ACTION-${a}`)],
    actions: withOptionals,
    restyle: (xml, action) => withOptional(xml, action, (path, result) => OPTIONAL_TEXT[path[path.length - 1]!]?.(result)),
  },
];

/** Served under Version 2008-09-17 (its namespace, R-WIRE-3), the SDK reconfigured with that Version. */
export const VERSION_VARIANT = { name: 'version-2008-09-17', check: 'answer/variant-version-2008-09-17', title: 'in the 2008-09-17 namespace, when the SDK is configured with Version 2008-09-17', rules: ['R-WIRE-3', 'R-WIRE-2'] } as const;

export interface ErrorVariant {
  name: string;
  check: string;
  status: number;
  code: string;
  /** canonical: the codec's one-line document; sample: multi-line like "REST Errors" */
  shape: 'canonical' | 'sample';
  rules: string[];
}

/** A code in no table: a client must surface it as an error like any other (forward compatibility). */
export const UNKNOWN_CODE = 'KitFutureErrorCode';

export const ERROR_VARIANT_CHECKS = [
  { check: 'answer/error-every-code', title: "Every error code of the action's error list is surfaced with its code, message, request id and HTTP status", rules: ['R-WIRE-4'] },
  { check: 'answer/error-unknown-code', title: 'An error code no table lists is surfaced like any other error (forward compatibility)', rules: ['R-WIRE-4'] },
  { check: 'answer/error-retriable-4xx', title: 'A retriable error served with a 4xx status is surfaced (or retried to a genuine answer)', rules: ['R-WIRE-4', 'R-WIRE-10'] },
  { check: 'answer/error-retriable-5xx', title: 'A retriable error served with a 5xx status is surfaced (or retried to a genuine answer)', rules: ['R-WIRE-4', 'R-WIRE-10'] },
  { check: 'answer/error-sample-shaped', title: "An error document shaped like the seed's \"REST Errors\" sample (multi-line) is surfaced", rules: ['R-WIRE-4'] },
] as const;

const retriableCodes = (action: ActionName): string[] => ACTION_SPECS[action].errors.filter((c) => errorEntry(c)?.retriable === true);

/**
 * The error variants for one action: each code of its list at 400 (R-WIRE-4: 4xx for caller errors;
 * retriable ones may be 4xx too), a code no table lists, one retriable code at 4xx and at 5xx (R-WIRE-4
 * set; picked by `pick`, seeded), and its first code in the sample's multi-line shape.
 */
export function errorVariantsFor(action: string, pick: <T>(items: readonly T[]) => T | undefined): ErrorVariant[] {
  if (!isAction(action)) return [];
  const codes = ACTION_SPECS[action].errors;
  const out: ErrorVariant[] = codes.map((code) => ({ name: `${action}:${code}@400`, check: 'answer/error-every-code', status: 400, code, shape: 'canonical', rules: ['R-WIRE-4', `ACTION-${action}`, `ERROR-${code}`] }));
  out.push({ name: `${action}:${UNKNOWN_CODE}@400`, check: 'answer/error-unknown-code', status: 400, code: UNKNOWN_CODE, shape: 'canonical', rules: ['R-WIRE-4'] });
  const retriable = pick(retriableCodes(action));
  if (retriable !== undefined) {
    const five = pick([500, 503]) ?? 500;
    out.push({ name: `${action}:${retriable}@400`, check: 'answer/error-retriable-4xx', status: 400, code: retriable, shape: 'canonical', rules: ['R-WIRE-4', `ERROR-${retriable}`] });
    out.push({ name: `${action}:${retriable}@${five}`, check: 'answer/error-retriable-5xx', status: five, code: retriable, shape: 'canonical', rules: ['R-WIRE-4', `ERROR-${retriable}`] });
  }
  const first = codes[0];
  if (first !== undefined) out.push({ name: `${action}:${first}@400 sample-shaped`, check: 'answer/error-sample-shaped', status: 400, code: first, shape: 'sample', rules: ['R-WIRE-4', `ERROR-${first}`] });
  return out;
}

export function errorBody(v: ErrorVariant, requestId: string): string {
  const meaning = errorEntry(v.code)?.meaning ?? 'An error this client may not know yet.';
  const xml = encodeError(v.code, meaning, requestId);
  return v.shape === 'sample' ? sampleShaped(xml, { declaration: true, breakRootTag: false }) : xml;
}
