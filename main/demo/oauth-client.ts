import { decodeJwt } from '../../shared/jwt';
import { appScope, type DemoApp, type DemoUser } from './demo-world';
import { authorizationRequest } from './authorization-request';
import { logInAs } from './login-form';

/** A client's credentials as it presents them: public clients have no secret. */
export interface ClientCredentials {
  readonly clientId: string;
  readonly secret: string | null;
}

/** What an app holds after a login or a refresh. */
export interface HeldTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresInSeconds: number;
}

/** An answer of a token-service endpoint: the status and the JSON body (if any). */
interface EndpointAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * An OAuth client of the token service at `issuer`, speaking only its public HTTP endpoints, as
 * the apps and services of the demo would.
 */
export function createOAuthClient(issuer: string) {
  const post = async (
    path: string,
    client: ClientCredentials,
    form: Record<string, string>,
  ): Promise<EndpointAnswer> => {
    const headers: Record<string, string> = {};
    const body = new URLSearchParams(form);
    if (client.secret === null) body.set('client_id', client.clientId);
    else {
      const basic = Buffer.from(`${client.clientId}:${client.secret}`).toString('base64');
      headers.authorization = `Basic ${basic}`;
    }
    const response = await fetch(new URL(path, issuer), { method: 'POST', body, headers });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as EndpointAnswer['body']) : {},
    };
  };

  const held = (answer: EndpointAnswer): HeldTokens | null =>
    answer.status === 200
      ? {
          accessToken: answer.body.access_token as string,
          refreshToken: answer.body.refresh_token as string,
          expiresInSeconds: Number(answer.body.expires_in),
        }
      : null;

  return {
    /**
     * The authorization code flow with PKCE (S256) through the login page, then the code
     * exchange. Resolves with the tokens and the session id (from the ID token).
     */
    async logIn(app: DemoApp, user: DemoUser): Promise<HeldTokens & { sid: string }> {
      const { url: authorize, verifier } = authorizationRequest(issuer, {
        clientId: app.clientId,
        redirectUri: app.redirectUri,
        scope: appScope,
      });
      const callback = await logInAs(authorize, user);
      const answer = await post('/token', app, {
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code') ?? '',
        redirect_uri: app.redirectUri,
        code_verifier: verifier,
      });
      const tokens = held(answer);
      const idToken = decodeJwt(String(answer.body.id_token));
      if (!tokens || !idToken.ok) throw new Error(`/token: ${answer.status}`);
      return { ...tokens, sid: String(idToken.jwt.payload.sid) };
    },

    /** Exchanges a refresh token; null when refused. */
    async refresh(client: ClientCredentials, refreshToken: string): Promise<HeldTokens | null> {
      return held(
        await post('/token', client, { grant_type: 'refresh_token', refresh_token: refreshToken }),
      );
    },

    /** RFC 7662, as a resource server checks a token it was given. */
    async introspect(service: ClientCredentials, token: string): Promise<boolean> {
      const answer = await post('/introspect', service, { token });
      return answer.body.active === true;
    },

    /** A downstream service reports that the user logged in to it with this session. */
    async reportLogin(service: ClientCredentials, sid: string, userId: string): Promise<void> {
      await post('/sync/logins', service, { sid, user_id: userId });
    },

    /** RFC 7009: logging out revokes the refresh token, which ends the session. */
    async revoke(client: ClientCredentials, token: string): Promise<void> {
      await post('/revoke', client, { token });
    },

    /** A service's own token (client_credentials). */
    async clientToken(client: ClientCredentials, scope: string): Promise<void> {
      await post('/token', client, { grant_type: 'client_credentials', scope });
    },
  };
}

/** The client of the token service's endpoints. */
export type OAuthClient = ReturnType<typeof createOAuthClient>;
