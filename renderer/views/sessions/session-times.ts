import type { SessionDto, SessionEndReason } from '../../../shared/contract';
import { formatRelative, toIsoSeconds } from '../../../shared/time/format';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** A moment as a glance ("3 h ago") with its exact form for the tooltip. */
export function relativeTime(ms: number, nowSeconds: number): { text: string; exact: string } {
  return { text: formatRelative(seconds(ms), nowSeconds), exact: toIsoSeconds(seconds(ms)) };
}

/**
 * What ends an active session first and when: "ends in 2 h — idle". A deadline already past
 * is "overdue": the session ends at its next use or sweep.
 */
export function deadlineText(session: SessionDto, nowSeconds: number): string {
  const due = seconds(session.nextDeadlineMs);
  const when = formatRelative(due, nowSeconds);
  const cause = session.nextDeadlineCause;
  return due <= nowSeconds ? `overdue (${when}) — ${cause}` : `ends ${when} — ${cause}`;
}

const endReasons: Readonly<Record<SessionEndReason, string>> = {
  revoked: 'revoked',
  idle_timeout: 'idle timeout',
  max_lifetime: 'maximum lifetime',
  reuse_detected: 'refresh token reuse',
  user_revoked: 'user’s sessions revoked',
  key_revoked: 'signing key revoked',
  logout: 'logout',
};

/** Why a session ended, in words. */
export function endReasonText(reason: SessionEndReason | null): string {
  return reason === null ? 'unknown' : endReasons[reason];
}
