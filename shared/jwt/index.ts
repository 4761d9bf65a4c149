/** Decoding, explaining and linting of JWT access tokens, with no runtime dependencies. */
export { decodeJwt } from './decode';
export type { DecodeError, DecodeResult } from './decode';
export { describeClaims, describeHeader } from './claims';
export { lintJwt } from './lint';
export type {
  ClaimView,
  DecodedJwt,
  Finding,
  JsonObject,
  JsonValue,
  Severity,
  TimeView,
} from './types';
