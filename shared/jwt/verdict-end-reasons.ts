import type { SessionEndReason } from '../contract';

/** What ended a session, as a clause: "The session ended: the user logged out." */
const clauses: Readonly<Record<SessionEndReason, string>> = {
  revoked: 'an administrator revoked it',
  user_revoked: 'an administrator ended every session of the user',
  idle_timeout: 'it was not used for too long',
  max_lifetime: 'it reached its maximum lifetime',
  reuse_detected: 'a refresh token was used twice',
  key_revoked: 'its signing key was revoked',
  logout: 'the user logged out',
};

/**
 * Why a session ended, in words. Takes any string because the server truth carries the reason
 * untyped; one unknown to this console is shown as it came.
 */
export function endReasonClause(reason: string): string {
  return Object.hasOwn(clauses, reason)
    ? clauses[reason as SessionEndReason]
    : reason.replaceAll('_', ' ');
}
