import type { TesseraEvent } from '../../../shared/contract';
import { endReasonClause } from '../../../shared/jwt/verdict-end-reasons';

/** One event of a session as a sentence a support person can read out (its time is shown apart). */
export function eventSentence(event: TesseraEvent): string {
  switch (event.type) {
    case 'session.created':
      return `${event.payload.userId} logged in to ${event.payload.clientId}.`;
    case 'session.ended':
      return `The session ended: ${endReasonClause(event.payload.reason)} (${event.payload.by}).`;
    case 'token.refreshed':
      return `${event.payload.clientId} refreshed: refresh token #${event.payload.generation} was issued${
        event.payload.graceReplay ? ' again, for a replay within the grace window' : ''
      }.`;
    case 'refresh.rejected':
      return `A refresh by ${event.payload.clientId} was refused (${event.payload.reason.replaceAll('_', ' ')}).`;
    case 'refresh.reuse_detected':
      return `Refresh token #${event.payload.presentedGeneration} was presented again after #${event.payload.latestGeneration} had been issued: reuse, so the family was revoked.`;
    case 'token.revoked':
      return `An access token (jti ${event.payload.jti}) was revoked by ${event.payload.by}.`;
    case 'sync.login_reported':
      return `${event.payload.clientId} reported that the user logged in to it${
        event.payload.first ? '' : ' (again)'
      }.`;
    case 'refresh.rate_limited':
      return `Refreshes by ${event.payload.clientId} were slowed down: too many per ${event.payload.scope}.`;
    case 'admin.action':
      return `${event.payload.by} did ${event.payload.action.replaceAll('_', ' ')}.`;
    case 'sync.delivery_attempted':
      return event.payload.outcome === 'delivered'
        ? `The logout was delivered to ${event.payload.clientId} (attempt ${event.payload.attempt}).`
        : `Delivering the logout to ${event.payload.clientId} failed (attempt ${event.payload.attempt}${
            event.payload.error ? `: ${event.payload.error}` : ''
          }).`;
    case 'sync.delivery_dead':
      return `Tessera gave up telling ${event.payload.clientId} of the logout after ${event.payload.attempts} attempts.`;
    case 'sync.retry_requested':
      return `${event.payload.by} asked to retry ${event.payload.count} logout deliveries.`;
    default:
      // Events that name no session (keys, policy, clients) do not reach a session's list.
      return event.type;
  }
}
