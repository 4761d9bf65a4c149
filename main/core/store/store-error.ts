import type { ErrorCode } from '../../../shared/contract/errors';
import { TesseraError } from '../tessera-error';

/** The codes opening, migrating or backing up the store can fail with. */
export type StoreErrorCode = Extract<
  ErrorCode,
  'ERR_STORE_CORRUPT' | 'ERR_STORE_MIGRATION' | 'ERR_STORE_READONLY'
>;

/**
 * The data file cannot be used as asked: it is damaged beyond opening, its schema cannot be
 * brought to the one this code knows, or it cannot be written. The message says which and what
 * to do; the SQLite error, if any, is kept as the cause for the log.
 */
export class StoreError extends TesseraError {
  declare readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message);
    this.name = 'StoreError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
