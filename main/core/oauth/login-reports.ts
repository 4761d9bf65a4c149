import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import type { RecordedCommit } from '../events/recorded-commit';
import { createSessionRows } from '../sessions/session-rows';
import { createParticipantRows } from './participant-rows';

/** What a downstream service reports: user U logged in to it (the client) with session sid. */
export interface LoginReport {
  readonly sid: string;
  readonly userId: string;
  /** The reporting service, as it authenticated. */
  readonly clientId: string;
}

/** Why a report was refused. */
export type LoginReportRefusal = 'unknown_session' | 'session_ended' | 'user_mismatch';

/** The outcome of a report. */
export type LoginReportOutcome =
  | { readonly ok: true; readonly first: boolean }
  | { readonly ok: false; readonly reason: LoginReportRefusal };

/**
 * Inbound sync: services tell Tessera where a session is in use. Each accepted report makes the
 * service a participant of the session (the console shows where it is used; logout propagation
 * knows whom to tell) and is logged as `sync.login_reported`, in one transaction.
 */
export function createLoginReports(deps: {
  db: Database.Database;
  commits: RecordedCommit;
  clock: Clock;
}) {
  const sessions = createSessionRows(deps.db);
  const participants = createParticipantRows(deps.db);
  return {
    async report(input: LoginReport): Promise<LoginReportOutcome> {
      const { value } = await deps.commits.run((effects): LoginReportOutcome => {
        const nowMs = deps.clock.nowMs();
        const session = sessions.get(input.sid);
        if (!session) return { ok: false, reason: 'unknown_session' };
        // Past a deadline counts as ended even before the sweeper has marked it.
        if (
          session.status !== 'active' ||
          nowMs >= session.idle_deadline_ms ||
          nowMs >= session.absolute_deadline_ms
        ) {
          return { ok: false, reason: 'session_ended' };
        }
        if (session.user_id !== input.userId) return { ok: false, reason: 'user_mismatch' };
        const first = participants.report(input.sid, input.clientId, nowMs);
        effects.emit('sync.login_reported', {
          sid: input.sid,
          userId: input.userId,
          clientId: input.clientId,
          first,
        });
        return { ok: true, first };
      });
      return value;
    },
  };
}

/** Inbound login reports. */
export type LoginReports = ReturnType<typeof createLoginReports>;
