import type Database from 'better-sqlite3';
import type { EventFilter, EventPayload, EventType, TesseraEvent } from '../../../shared/contract';

interface EventRow {
  readonly seq: number;
  readonly type: string;
  readonly at_ms: number;
  readonly payload: string;
}

/** The ids an event is about, lifted out of its payload into indexed columns. */
function subjects(payload: unknown): {
  sid: string | null;
  userId: string | null;
  clientId: string | null;
} {
  const p = payload as { sid?: unknown; userId?: unknown; clientId?: unknown };
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return { sid: text(p.sid), userId: text(p.userId), clientId: text(p.clientId) };
}

/** Whether an event matches a subscriber's or a query's filter. */
export function matchesFilter(event: TesseraEvent, filter: EventFilter): boolean {
  if (filter.types && !filter.types.includes(event.type)) return false;
  const about = subjects(event.payload);
  if (filter.sid && about.sid !== filter.sid) return false;
  if (filter.userId && about.userId !== filter.userId) return false;
  if (filter.clientId && about.clientId !== filter.clientId) return false;
  return true;
}

/**
 * The append-only event log: every state change, numbered by `seq`. Appends run inside the
 * caller's transaction; queries page by seq so history can be read while it grows.
 */
export function createEventLog(db: Database.Database, clock: { nowMs(): number }) {
  const insert = db.prepare(
    'INSERT INTO events (type, at_ms, sid, user_id, client_id, payload) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const latest = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events');
  const queries = new Map<string, Database.Statement<Record<string, unknown>, EventRow>>();

  const statementFor = (filter: EventFilter, newestFirst: boolean) => {
    const where = ['seq > @after', 'seq < @before'];
    if (filter.sid) where.push('sid = @sid');
    if (filter.userId) where.push('user_id = @userId');
    if (filter.clientId) where.push('client_id = @clientId');
    if (filter.types?.length) where.push('type IN (SELECT value FROM json_each(@types))');
    const sql = `SELECT seq, type, at_ms, payload FROM events WHERE ${where.join(' AND ')}
      ORDER BY seq ${newestFirst ? 'DESC' : 'ASC'} LIMIT @limit`;
    let statement = queries.get(sql);
    if (!statement) {
      statement = db.prepare<Record<string, unknown>, EventRow>(sql);
      queries.set(sql, statement);
    }
    return statement;
  };

  return {
    /** Appends inside the running transaction; the returned event carries its seq. */
    append<K extends EventType>(type: K, payload: EventPayload<K>): TesseraEvent {
      const atMs = clock.nowMs();
      const about = subjects(payload);
      const { lastInsertRowid } = insert.run(
        type,
        atMs,
        about.sid,
        about.userId,
        about.clientId,
        JSON.stringify(payload),
      );
      return { seq: Number(lastInsertRowid), type, atMs, payload } as TesseraEvent;
    },

    /** Events matching the filter strictly between two seqs, oldest or newest first. */
    query(options: {
      filter: EventFilter;
      afterSeq?: number;
      beforeSeq?: number;
      limit: number;
      newestFirst: boolean;
    }): TesseraEvent[] {
      const { filter } = options;
      const params: Record<string, unknown> = {
        after: options.afterSeq ?? 0,
        before: options.beforeSeq ?? Number.MAX_SAFE_INTEGER,
        limit: options.limit,
      };
      if (filter.sid) params.sid = filter.sid;
      if (filter.userId) params.userId = filter.userId;
      if (filter.clientId) params.clientId = filter.clientId;
      if (filter.types?.length) params.types = JSON.stringify(filter.types);
      return statementFor(filter, options.newestFirst)
        .all(params)
        .map(
          (row) =>
            ({
              seq: row.seq,
              type: row.type,
              atMs: row.at_ms,
              payload: JSON.parse(row.payload),
            }) as TesseraEvent,
        );
    },

    latestSeq: (): number => latest.get()?.seq ?? 0,
  };
}

/** The event log. */
export type EventLog = ReturnType<typeof createEventLog>;
