// FPS answers on the wire through the codec: success is HTTP 200 with `{Action}Response` in the
// request Version's namespace (R-WIRE-3); an error is the one-Error document (R-WIRE-4) with a 4xx
// status for caller errors, 500 only for the retriable InternalError.
import { errorEntry, type ErrorCode } from '../spec/catalogue/errors.ts';
import type { Version } from '../spec/types.ts';
import { encodeError, encodeResult } from '../spec/wire/codec.ts';

export interface Rendered {
  status: number;
  body: string;
}

// The only two error codes the emulator names itself (every other one comes from the model).
/** malformed input the model never sees (R-WIRE-5), and the model's "any 4xx code" answer */
export const INVALID_PARAMS: ErrorCode = 'InvalidParams';
/** the emulator's own failure: retriable, 500 (R-WIRE-4) */
export const INTERNAL_ERROR: ErrorCode = 'InternalError';

/** R-WIRE-4: retriable errors may use 5xx; the emulator uses it only for its own failures. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = { [INTERNAL_ERROR]: 500 };

export function statusFor(code: string): number {
  return STATUS_BY_CODE[code] ?? 400;
}

export function renderResult(action: string, version: Version, fields: Readonly<Record<string, string>>, requestId: string): Rendered {
  return { status: 200, body: encodeResult(action, version, fields, requestId) };
}

/** The error table's meaning of a code (the Message of its error document). */
export function errorMeaning(code: string): string {
  return errorEntry(code === '*' ? INVALID_PARAMS : code)?.meaning ?? code;
}

/** `message` defaults to the error table's meaning of the code. */
export function renderError(code: string, message: string | undefined, requestId: string): Rendered {
  // '*': the model allows any 4xx code here (R-WIRE-5, unknown Action)
  if (code === '*') code = INVALID_PARAMS;
  return { status: statusFor(code), body: encodeError(code, message ?? errorMeaning(code), requestId) };
}
