import type { Directory } from '../core/oauth/directory';
import { endpointPaths } from './endpoints';
import { commonHeaders, type Endpoint } from './http-io';

/** Scopes every deployment understands, whatever its clients are allowed. */
const baseScopes = ['openid', 'profile', 'offline_access'];

/**
 * The metadata document served at both well-known paths (OpenID Connect Discovery 1.0 and
 * RFC 8414): the same fields, since Tessera is both an OAuth server and an OpenID provider.
 */
function discoveryDocument(issuer: string, directory: Directory) {
  const at = (path: string) => `${issuer}${path}`;
  const clientAuth = ['client_secret_basic', 'client_secret_post', 'none'];
  return {
    issuer,
    authorization_endpoint: at(endpointPaths.authorize),
    token_endpoint: at(endpointPaths.token),
    jwks_uri: at(endpointPaths.jwks),
    revocation_endpoint: at(endpointPaths.revoke),
    introspection_endpoint: at(endpointPaths.introspect),
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: clientAuth,
    revocation_endpoint_auth_methods_supported: clientAuth,
    introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    backchannel_logout_supported: true,
    backchannel_logout_session_supported: true,
    scopes_supported: [...new Set([...baseScopes, ...directory.scopes()])],
    subject_types_supported: ['public'],
    // Every algorithm the policy may switch signing to; the JWKS says which keys are live.
    id_token_signing_alg_values_supported: ['ES256', 'EdDSA', 'RS256'],
    claims_supported: [
      'iss',
      'sub',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      'sid',
      'name',
      'preferred_username',
    ],
    // RFC 9207: every authorization response names its issuer (mix-up defence).
    authorization_response_iss_parameter_supported: true,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
  };
}

/** Serves the metadata document. */
export function discoveryEndpoint(issuer: string, directory: Directory): Endpoint {
  return async ({ request, response }) => {
    const body = JSON.stringify(discoveryDocument(issuer, directory));
    response.writeHead(200, {
      ...commonHeaders,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'max-age=300',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
