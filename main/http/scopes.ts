import type { ClientRecord } from '../core/oauth/directory';
import { OAuthError } from './oauth-error';

/** Scopes only a user can grant: meaningless in a token a client gets for itself. */
const userScopes: ReadonlySet<string> = new Set(['openid', 'profile', 'offline_access']);
const scopeToken = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * The scope to grant for a user's authorization: what was asked for, each at most once, in the
 * order asked, if the client may have all of it; without a `scope` parameter, everything the
 * client may have (RFC 6749 §3.3 lets the server choose a default).
 */
export function grantableScope(client: ClientRecord, requested: string | undefined): string {
  if (requested === undefined) return [...client.allowedScope].join(' ');
  return checkedScope(client, requested).join(' ');
}

/**
 * The scope of a client_credentials token: asked for, or by default everything the client may
 * have except the user scopes, which are refused.
 */
export function clientCredentialsScope(
  client: ClientRecord,
  requested: string | undefined,
): string {
  if (requested === undefined) {
    return [...client.allowedScope].filter((scope) => !userScopes.has(scope)).join(' ');
  }
  const scopes = checkedScope(client, requested);
  const forUsers = scopes.filter((scope) => userScopes.has(scope));
  if (forUsers.length > 0) {
    throw new OAuthError(
      'invalid_scope',
      `scope: ${forUsers.join(' ')} need a user; a client cannot grant them to itself.`,
    );
  }
  return scopes.join(' ');
}

/** Checks that a requested scope is within what the client may have (a refresh's downscoping). */
export function checkRequestedScope(client: ClientRecord, requested: string | undefined): void {
  if (requested !== undefined) checkedScope(client, requested);
}

function checkedScope(client: ClientRecord, requested: string): string[] {
  const scopes = [...new Set(requested.split(' ').filter(Boolean))];
  if (!scopes.every((scope) => scopeToken.test(scope))) {
    throw new OAuthError('invalid_scope', 'scope: must be scope tokens separated by spaces.');
  }
  const refused = scopes.filter((scope) => !client.allowedScope.has(scope));
  if (refused.length > 0) {
    throw new OAuthError(
      'invalid_scope',
      `scope: ${refused.slice(0, 5).join(' ')} not allowed for this client.`,
    );
  }
  return scopes;
}
