import type { ErrorCode } from '../../../shared/contract/errors';
import { TesseraError } from '../tessera-error';

/** The codes an issuer key fetch can fail with. */
export type IssuerKeysErrorCode = Extract<
  ErrorCode,
  'ERR_ISSUER_UNREACHABLE' | 'ERR_ISSUER_INVALID'
>;

/**
 * Fetching an issuer's published keys failed: the issuer could not be reached, or what it
 * served is not a usable discovery document or key set. The message names the URL.
 */
export class IssuerKeysError extends TesseraError {
  declare readonly code: IssuerKeysErrorCode;

  constructor(code: IssuerKeysErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message);
    this.name = 'IssuerKeysError';
    // Kept for logs only: the message is what crosses a transport.
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
