/**
 * An error answered in the RFC 6749 §5.2 form: `{ error, error_description }` with its status.
 * The description is a sentence for the developer of the client; it never carries internals,
 * tokens or secrets.
 */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

/** `invalid_request` naming what is wrong with the request. */
export function invalidRequest(description: string): OAuthError {
  return new OAuthError('invalid_request', description);
}

/**
 * An error_description as RFC 6749 §5.2 allows it: printable ASCII without double quotes and
 * backslashes. Anything else (a quote in a validation message, a name in another script) is
 * replaced.
 */
export function describeForClient(description: string): string {
  return description
    .replace(/"/g, "'")
    .replace(/\\/g, '/')
    .replace(/[^\x20-\x7E]/g, '?')
    .slice(0, 500);
}
