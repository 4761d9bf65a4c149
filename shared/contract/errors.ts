/**
 * Error codes that may cross a transport, and the plain shape they travel in.
 * Codes are stable (`ERR_<AREA>_<REASON>`): the UI and scripts may branch on them.
 */
export const errorCodes = [
  'ERR_VALIDATION',
  'ERR_FORBIDDEN',
  'ERR_UNKNOWN_CALL',
  'ERR_INTERNAL',
  'ERR_TRANSPORT_CLOSED',
  'ERR_TOKEN_MALFORMED',
  'ERR_TOKEN_TOO_LARGE',
  'ERR_KEY_INVALID',
  'ERR_KEY_MISMATCH',
  'ERR_ISSUER_UNREACHABLE',
  'ERR_ISSUER_INVALID',
  'ERR_STORE_CORRUPT',
  'ERR_STORE_MIGRATION',
  'ERR_STORE_READONLY',
  'ERR_SECRETS_TAMPERED',
  'ERR_SECRETS_WRONG_KEY',
  'ERR_SECRETS_UNAVAILABLE',
  'ERR_KEY_NOT_FOUND',
  'ERR_KEY_STATE',
  'ERR_POLICY_CONFLICT',
  'ERR_TOKENS_UNAVAILABLE',
  'ERR_SESSION_NOT_FOUND',
  'ERR_SESSIONS_PREVIEW_STALE',
  'ERR_CONFIRMATION_REQUIRED',
  'ERR_REVOKE_JOB_NOT_FOUND',
  'ERR_CLIENT_EXISTS',
  'ERR_USER_EXISTS',
] as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof errorCodes)[number];

/** An error as it crosses a transport: a code to branch on and a sentence for people. */
export interface ContractError {
  readonly code: ErrorCode;
  readonly message: string;
}

/** The result of every call: never a thrown error across a transport. */
export type CallResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

/** The answer to a call name outside the contract; given by main and by the preload alike. */
export function unknownCallError(name: unknown): CallResult<never> {
  return {
    ok: false,
    error: {
      code: 'ERR_UNKNOWN_CALL',
      message: `There is no call named ${JSON.stringify(String(name)).slice(0, 80)}.`,
    },
  };
}
