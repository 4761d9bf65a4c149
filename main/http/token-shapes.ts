/**
 * What a presented token can be, told apart by shape alone (no look-up): Tessera's access tokens
 * are compact JWS (three base64url parts), its refresh tokens 43 base64url characters. Neither
 * can pass for the other, so trying "both kinds" never costs more than one check.
 */
export function tokenShape(token: string): 'jwt' | 'refresh' | 'other' {
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return 'jwt';
  if (/^[A-Za-z0-9_-]{43}$/.test(token)) return 'refresh';
  return 'other';
}
