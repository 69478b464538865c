// Signature Version 2 for FPS (seed 004 "Working with Signatures"; R-AUTH-1, R-AUTH-1b, R-WIRE-2,
// R-IPN-3, R-TOK-1). The public entry; the work lives in one module per job. Pure: node:crypto only.
export { encodeRfc3986, encodeRfc3986Bytes, canonicalQuery, compareUtf8, toPairs, excludeApiSignature } from './encode.ts';
export type { Params, CanonicalOptions } from './encode.ts';
export {
  stringToSign,
  hmac,
  sign,
  signedParams,
  verify,
  isSignatureMethod,
  hostWithoutPort,
  sameSignature,
  SIGNATURE_METHODS,
} from './sign.ts';
export type { SignatureMethod, RequestToSign, SignedParamsInput, VerifyResult } from './sign.ts';
export { signCbuiUrl, verifyCbuiUrl } from './cbui.ts';
export type { CbuiVerifyResult } from './cbui.ts';
export {
  signOutbound,
  verifyOutbound,
  checkOutbound,
  outboundStringToSign,
  encodeHttpParameters,
  decodeHttpParameters,
} from './outbound.ts';
export type { OutboundCheck } from './outbound.ts';
