import { z } from 'zod';
import type { LoginReportRefusal } from '../core/oauth/login-reports';
import type { OAuthServices } from '../core/oauth/oauth-services';
import type { ClientAuthenticator } from './client-auth';
import { noStore, sendJson, type Endpoint } from './http-io';
import { invalidRequest } from './oauth-error';
import { readFormOrJsonParams, validate } from './request-params';

const reportSchema = z.object({
  client_id: z.string().max(128).optional(),
  client_secret: z.string().max(512).optional(),
  sid: z.string().min(1).max(128),
  user_id: z.string().min(1).max(256),
});

const refusals: Record<LoginReportRefusal, string> = {
  unknown_session: 'sid: there is no session with this id.',
  session_ended: 'sid: this session has ended.',
  user_mismatch: 'user_id: the session belongs to another user.',
};

/**
 * POST /sync/logins: a downstream service (a confidential client) reports `{ sid, user_id }`,
 * as JSON or a form: "this user logged in to me with this session". The service becomes a
 * participant of the session (logout propagation will tell it when the session ends) and the
 * report is logged as `sync.login_reported`.
 */
export function syncLoginsEndpoint(deps: {
  oauth: OAuthServices;
  clients: ClientAuthenticator;
}): Endpoint {
  return async ({ request, response }) => {
    const params = await readFormOrJsonParams(request);
    const input = validate(reportSchema, params);
    const client = await deps.clients.authenticate(request, params, {
      allowPublic: false,
    });
    const outcome = await deps.oauth.reportLogin({
      sid: input.sid,
      userId: input.user_id,
      clientId: client.clientId,
    });
    if (!outcome.ok) throw invalidRequest(refusals[outcome.reason]);
    sendJson(
      response,
      200,
      { sid: input.sid, user_id: input.user_id, client_id: client.clientId, first: outcome.first },
      noStore,
    );
  };
}
