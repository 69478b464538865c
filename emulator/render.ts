// FPS answers on the wire through the codec: success is HTTP 200 with `{Action}Response` in the
// request Version's namespace (R-WIRE-3); an error is the one-Error document (R-WIRE-4) with a 4xx
// status for caller errors; a retriable error may use 4xx or 5xx (R-WIRE-4 set), which the chooser
// picks when the caller passes one (500 for the emulator's own InternalError, 400 otherwise, nominally).
import { errorEntry, type ErrorCode, ERROR_CODE } from '../spec/catalogue/errors.ts';
import type { Chooser } from '../spec/model/api.ts';
import type { Version } from '../spec/types.ts';
import { encodeError, encodeResult } from '../spec/wire/codec.ts';

export interface Rendered {
  status: number;
  body: string;
}

// The only error codes the emulator names itself (every other one comes from the model).
/** malformed input the model never sees (R-WIRE-5), and the model's "any 4xx code" answer */
export const INVALID_PARAMS: ErrorCode = ERROR_CODE.InvalidParams;
/** the emulator's own failure: retriable, 500 (R-WIRE-4) */
export const INTERNAL_ERROR: ErrorCode = ERROR_CODE.InternalError;

/** R-WIRE-5 (set) "Unknown Action: any 4xx error code": what the emulator sends for the model's '*', nominal first. */
export const ANY_CODE_FORMS: readonly ErrorCode[] = [INVALID_PARAMS, ERROR_CODE.InvalidParam, ERROR_CODE.BadRule];

/** AuthFailure is retriable in the table, but R-AUTH-3/R-AUTH-4 say "4xx" where the model gives it. */
const ALWAYS_4XX: ReadonlySet<string> = new Set([ERROR_CODE.AuthFailure]);

/**
 * R-WIRE-4: the HTTP status of an error, nominal first. Non-retriable: 400 only. Retriable (the
 * error table, R-WIRE-10): "may use 4xx or 5xx"; the emulator's own InternalError nominally 500.
 */
export function statusOptions(code: string): readonly number[] {
  if (code === INTERNAL_ERROR) return [500, 503, 400];
  if (errorEntry(code)?.retriable === true && !ALWAYS_4XX.has(code)) return [400, 500, 503];
  return [400];
}

export function statusFor(code: string, choose?: Chooser): number {
  const options = statusOptions(code);
  const i = choose && options.length > 1 ? choose(options.length, `HTTP status of ${code} (R-WIRE-4)`) : 0;
  return options[i] ?? options[0]!;
}

export function renderResult(action: string, version: Version, fields: Readonly<Record<string, string>>, requestId: string): Rendered {
  return { status: 200, body: encodeResult(action, version, fields, requestId) };
}

/** The error table's meaning of a code (the Message of its error document). */
export function errorMeaning(code: string): string {
  return errorEntry(code === '*' ? INVALID_PARAMS : code)?.meaning ?? code;
}

/** `message` defaults to the error table's meaning of the code; `choose` picks the forms the contract leaves open. */
export function renderError(code: string, message: string | undefined, requestId: string, choose?: Chooser): Rendered {
  // '*': the model allows any 4xx code here (R-WIRE-5, unknown Action)
  if (code === '*') {
    code = choose ? ANY_CODE_FORMS[choose(ANY_CODE_FORMS.length, 'which code for an unknown Action (R-WIRE-5)')] ?? INVALID_PARAMS : INVALID_PARAMS;
    message = errorMeaning(code);
  }
  return { status: statusFor(code, choose), body: encodeError(code, message ?? errorMeaning(code), requestId) };
}
