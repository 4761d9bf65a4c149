import type Database from 'better-sqlite3';
import type { Policy } from '../../../shared/contract';
import { sessionEnderOf } from './end-sessions';
import type { IndexedCommit } from './indexed-commit';
import { yieldToEventLoop } from './yield-to-event-loop';

/** What the sweeper needs. */
export interface SessionSweeperOptions {
  readonly db: Database.Database;
  /** The token service's `commit`: it must add committed revocations to the revocation index. */
  readonly commit: IndexedCommit;
  readonly policy: () => Policy;
  /** Sessions ended per transaction; 1,000 unless set (tests). */
  readonly chunkSize?: number;
}

interface DueRow {
  readonly sid: string;
  readonly idle_deadline_ms: number;
  readonly absolute_deadline_ms: number;
}

const defaultChunkSize = 1000;

/**
 * Ends sessions whose idle or absolute deadline has passed, so they stop being listed as active
 * and their access tokens stop verifying even if the client never comes back to refresh. Reads
 * through the (status, next_deadline_ms) index: a sweep costs what it ends, not the table.
 */
export function createSessionSweeper(options: SessionSweeperOptions) {
  const { commit, policy } = options;
  const chunkSize = options.chunkSize ?? defaultChunkSize;
  const ender = sessionEnderOf(options.db);
  const due = options.db.prepare<[number, number], DueRow>(`
    SELECT sid, idle_deadline_ms, absolute_deadline_ms FROM sessions
    WHERE status = 'active' AND next_deadline_ms <= ?
    ORDER BY next_deadline_ms LIMIT ?`);
  const earliest = options.db
    .prepare<[]>(
      `SELECT next_deadline_ms FROM sessions WHERE status = 'active'
       ORDER BY next_deadline_ms LIMIT 1`,
    )
    .pluck();

  return {
    /**
     * Ends every active session whose next deadline is at or before `nowMs` (a session expires
     * at its deadline, as refresh sees it), by `system`, a chunk per transaction. The reason is
     * the deadline that came first: `idle_timeout`, or `max_lifetime` when the absolute one did
     * or both coincide (the idle deadline is clamped to the absolute one, so a tie means the
     * absolute limit is what bit). Resolves with how many sessions it ended.
     */
    async sweepExpired(nowMs: number): Promise<number> {
      let ended = 0;
      for (;;) {
        const chunk = await commit((effects) => {
          const rows = due.all(nowMs, chunkSize);
          const idle: string[] = [];
          const absolute: string[] = [];
          for (const row of rows) {
            (row.idle_deadline_ms < row.absolute_deadline_ms ? idle : absolute).push(row.sid);
          }
          const current = policy();
          const input = { by: 'system', nowMs, policy: current };
          return {
            ended:
              ender.endWithLogouts(idle, { ...input, reason: 'idle_timeout' }, effects) +
              ender.endWithLogouts(absolute, { ...input, reason: 'max_lifetime' }, effects),
            last: rows.length < chunkSize,
          };
        });
        ended += chunk.ended;
        if (chunk.last) return ended;
        await yieldToEventLoop();
      }
    },

    /**
     * The earliest deadline of any active session (epoch ms; it may already have passed), or
     * null when none is active: when the next sweep is due.
     */
    nextDeadline(): number | null {
      return (earliest.get() as number | undefined) ?? null;
    },
  };
}

/** The session sweeper. */
export type SessionSweeper = ReturnType<typeof createSessionSweeper>;
