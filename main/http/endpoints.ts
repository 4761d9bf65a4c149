import { jwksPath } from './jwks-route';

/** Where each endpoint lives under the issuer URL. */
export const endpointPaths = {
  openidConfiguration: '/.well-known/openid-configuration',
  authorizationServerMetadata: '/.well-known/oauth-authorization-server',
  jwks: jwksPath,
  authorize: '/authorize',
  login: '/authorize/login',
  token: '/token',
  revoke: '/revoke',
  introspect: '/introspect',
  syncLogins: '/sync/logins',
} as const;
