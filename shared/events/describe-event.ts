import type { EventType, TesseraEvent } from '../contract/events';

/** The ids an event is about, for the feed's user, client and session columns. */
export interface EventSubjects {
  readonly sid: string | null;
  readonly userId: string | null;
  readonly clientId: string | null;
}

/** Reads the ids out of any event's payload (not every event has all three). */
export function eventSubjects(event: TesseraEvent): EventSubjects {
  const payload = event.payload as { sid?: unknown; userId?: unknown; clientId?: unknown };
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return { sid: text(payload.sid), userId: text(payload.userId), clientId: text(payload.clientId) };
}

type Describers = {
  readonly [K in EventType]: (payload: Extract<TesseraEvent, { type: K }>['payload']) => string;
};

const endReasons: Record<string, string> = {
  revoked: 'it was revoked',
  idle_timeout: 'it was idle too long',
  max_lifetime: 'it reached its maximum lifetime',
  reuse_detected: 'a refresh token was reused',
  user_revoked: 'all of the user’s sessions were revoked',
  key_revoked: 'its signing key was revoked',
  logout: 'the user logged out',
};

const rejections: Record<string, string> = {
  unknown: 'the token is unknown',
  wrong_client: 'it belongs to another client',
  expired: 'it has expired',
  family_revoked: 'its family was revoked',
  session_ended: 'its session has ended',
  reused: 'it had already been used',
};

const adminActions: Record<string, string> = {
  revoke_session: 'revoked a session',
  revoke_user: 'revoked a user’s sessions',
  revoke_query: 'revoked the sessions matching a filter',
  revoke_all: 'revoked every session',
  cancel_revoke: 'cancelled a revocation job',
};

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

// One sentence per type, so that a support person can read the feed aloud; the ids themselves
// are in their own columns and are not repeated here unless the sentence needs them.
const describers: Describers = {
  'token.inspected': (p) =>
    `${p.by} inspected a token (${p.alg ?? 'no alg'}${p.kid ? `, key ${p.kid}` : ''}); signature ${p.signature}.`,
  'session.created': (p) => `${p.userId} logged in to ${p.clientId}.`,
  'session.ended': (p) =>
    `The session of ${p.userId} ended: ${endReasons[p.reason] ?? p.reason} (by ${p.by}).`,
  'token.refreshed': (p) =>
    `${p.clientId} refreshed tokens for ${p.userId} (generation ${p.generation}${p.graceReplay ? ', a replay within the grace window' : ''}).`,
  'refresh.rejected': (p) =>
    `A refresh by ${p.clientId} was refused: ${rejections[p.reason] ?? p.reason}.`,
  'refresh.reuse_detected': (p) =>
    `Refresh token reuse for ${p.userId}: generation ${p.presentedGeneration} was presented after ${p.latestGeneration}; the family is revoked.`,
  'key.rotated': (p) =>
    `${p.by} rotated the signing keys: ${p.activeKid} (${p.alg}) is active${p.retiredKid ? `, ${p.retiredKid} retired` : ''}.`,
  'key.retired': (p) => `${p.by} retired key ${p.kid}.`,
  'policy.changed': (p) => `${p.by} changed the lifetime policy (version ${p.version}).`,
  'key.revoked': (p) => `${p.by} revoked key ${p.kid}; its tokens no longer verify.`,
  'token.revoked': (p) => `${p.by} revoked an access token of ${p.clientId}.`,
  'sync.login_reported': (p) =>
    `${p.clientId} reported that ${p.userId} logged in to it${p.first ? '' : ' (again)'}.`,
  'refresh.rate_limited': (p) =>
    `Refreshes by ${p.clientId} were refused for going over the ${p.scope === 'client' ? 'client' : 'session'} rate.`,
  'client.created': (p) =>
    `${p.by} ${p.updated ? 'updated' : 'registered'} the ${p.kind} client ${p.clientId}.`,
  'user.created': (p) => `${p.by} ${p.updated ? 'updated' : 'created'} the user ${p.username}.`,
  'sessions.revoke_progress': (p) =>
    `Revocation job ${p.jobId}: ${p.done.toLocaleString('en')} of ${plural(p.total, 'session', 'sessions')}, ${p.state}.`,
  'admin.action': (p) =>
    `${p.by} ${adminActions[p.action] ?? p.action} (${plural(p.count, 'session', 'sessions')}).`,
  'sync.delivery_attempted': (p) =>
    p.outcome === 'delivered'
      ? `Logout delivered to ${p.clientId} (attempt ${p.attempt}, ${p.latencyMs} ms).`
      : `Logout delivery to ${p.clientId} failed (attempt ${p.attempt}${p.status === null ? '' : `, HTTP ${p.status}`})${p.outcome === 'dead' ? '; given up' : '; will retry'}: ${p.error ?? 'no reason given'}`,
  'sync.delivery_dead': (p) =>
    `Gave up on the logout delivery to ${p.clientId} after ${plural(p.attempts, 'attempt', 'attempts')}.`,
  'sync.retry_requested': (p) =>
    `${p.by} asked to retry ${plural(p.count, 'delivery', 'deliveries')}${p.clientId ? ` to ${p.clientId}` : ''}.`,
};

/**
 * One readable sentence for an event. A type this console does not know, or a payload not
 * shaped as expected (a newer or older server), gets a plain fallback instead of breaking the feed.
 */
export function describeEvent(event: TesseraEvent): string {
  const describe = describers[event.type] as ((payload: unknown) => string) | undefined;
  try {
    if (describe) return describe(event.payload);
  } catch {
    // Fall through to the plain sentence.
  }
  return `${event.type as string} event.`;
}
