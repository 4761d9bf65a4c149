import type { ContractError, ErrorCode } from '../../shared/contract';

/**
 * An error whose code and message are fit to cross a transport. Anything else thrown
 * inside main is reported as ERR_INTERNAL and its details stay in the log.
 */
export class TesseraError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TesseraError';
  }

  /** The plain form that crosses a transport. */
  toContract(): ContractError {
    return { code: this.code, message: this.message };
  }
}
