import type Database from 'better-sqlite3';
import type {
  ClientDeliveriesDto,
  DeliveryDto,
  DeliveryStatus,
  LoginReportDto,
  ParticipantPropagationDto,
  SessionPropagationDto,
} from '../../../shared/contract/sync';
import { perDatabase } from '../store/per-database';
import { statementsBySql } from '../store/statements-by-sql';

interface DeliveryRow {
  readonly delivery_id: number;
  readonly sid: string;
  readonly user_id: string;
  readonly client_id: string;
  readonly uri: string;
  readonly created_ms: number;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly next_attempt_ms: number;
  readonly last_status: number | null;
  readonly last_error: string | null;
  readonly finished_ms: number | null;
}

const deliveryColumns = `delivery_id, sid, user_id, client_id, uri, created_ms, status, attempts,
  next_attempt_ms, last_status, last_error, finished_ms`;

function toDeliveryDto(row: DeliveryRow): DeliveryDto {
  return {
    deliveryId: row.delivery_id,
    sid: row.sid,
    userId: row.user_id,
    clientId: row.client_id,
    uri: row.uri,
    createdMs: row.created_ms,
    status: row.status,
    attempts: row.attempts,
    nextAttemptMs: row.next_attempt_ms,
    lastStatus: row.last_status,
    lastError: row.last_error,
    finishedMs: row.finished_ms,
  };
}

// Prepared statements per open database (perDatabase), so console refreshes do not re-prepare.
const byClientStatements = perDatabase((db) => ({
  // Covered by logout_deliveries_by_client: counting reads the index, never the rows.
  totals: db.prepare<[], { client_id: string; total: number }>(
    'SELECT client_id, count(*) AS total FROM logout_deliveries GROUP BY client_id',
  ),
  // Through the (status, next_attempt_ms) index: only unfinished and dead rows are read.
  open: db.prepare<[], { client_id: string; retrying: number; pending: number; dead: number }>(`
    SELECT client_id,
      sum(status = 'pending' AND attempts > 0) AS retrying,
      sum(status = 'pending' AND attempts = 0) AS pending,
      sum(status = 'dead') AS dead
    FROM logout_deliveries WHERE status IN ('pending', 'dead') GROUP BY client_id`),
  clients: db.prepare<[], { client_id: string; name: string; uri: string | null }>(
    `SELECT client_id, name, nullif(backchannel_logout_uri, '') AS uri FROM clients`,
  ),
}));

/**
 * Every client that has a back-channel logout URI or deliveries on record, with its deliveries
 * counted by state, ordered by client id. Delivered is what is neither pending nor dead, so the
 * delivered majority is counted from an index alone.
 */
export function deliveriesByClient(db: Database.Database): ClientDeliveriesDto[] {
  const statements = byClientStatements(db);
  const totals = new Map(statements.totals.all().map((row) => [row.client_id, row.total]));
  const open = new Map(statements.open.all().map((row) => [row.client_id, row]));
  const clients = new Map(statements.clients.all().map((row) => [row.client_id, row]));
  const ids = new Set([...totals.keys()]);
  for (const client of clients.values()) if (client.uri !== null) ids.add(client.client_id);
  return [...ids].sort().map((clientId) => {
    const client = clients.get(clientId);
    const counts = open.get(clientId);
    const retrying = counts?.retrying ?? 0;
    const pending = counts?.pending ?? 0;
    const dead = counts?.dead ?? 0;
    return {
      clientId,
      name: client?.name ?? null,
      uri: client?.uri ?? null,
      delivered: (totals.get(clientId) ?? 0) - retrying - pending - dead,
      retrying,
      pending,
      dead,
    };
  });
}

/** Which recent deliveries; every field narrows. */
export interface RecentDeliveriesQuery {
  readonly clientId?: string;
  readonly sid?: string;
  readonly status?: DeliveryStatus;
  readonly limit: number;
}

const recentStatements = perDatabase((db) => statementsBySql<DeliveryRow>(db));

/**
 * The newest deliveries matching the filter (newest first). Each combination reads through an
 * index that keeps it cheap on a large outbox: by session (a handful of rows), by client in
 * creation order, by status for pending and dead (few), and for delivered (most rows) by id from
 * the newest, stopping after `limit`.
 */
export function recentDeliveries(
  db: Database.Database,
  query: RecentDeliveriesQuery,
): DeliveryDto[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: query.limit };
  let order = 'delivery_id DESC';
  if (query.sid !== undefined) {
    where.push('sid = @sid');
    params.sid = query.sid;
  }
  const unfinished = query.status === 'pending' || query.status === 'dead';
  if (query.status !== undefined) {
    // Delivered rows are the bulk: `+` keeps the planner walking ids from the newest instead.
    where.push(unfinished ? 'status = @status' : '+status = @status');
    params.status = query.status;
  }
  if (query.clientId !== undefined) {
    where.push(
      unfinished || query.sid !== undefined ? '+client_id = @clientId' : 'client_id = @clientId',
    );
    params.clientId = query.clientId;
    if (!unfinished && query.sid === undefined) order = 'created_ms DESC, delivery_id DESC';
  }
  const sql = `SELECT ${deliveryColumns} FROM logout_deliveries
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT @limit`;
  return recentStatements(db)(sql).all(params).map(toDeliveryDto);
}

interface SessionHead {
  readonly sid: string;
  readonly user_id: string;
  readonly client_id: string;
  readonly created_ms: number;
  readonly status: 'active' | 'ended';
  readonly ended_ms: number | null;
}

interface ParticipantRow {
  readonly client_id: string;
  readonly source: 'session' | 'reported';
  readonly reported_ms: number | null;
}

const propagationStatements = perDatabase((db) => ({
  session: db.prepare<[string], SessionHead>(
    'SELECT sid, user_id, client_id, created_ms, status, ended_ms FROM sessions WHERE sid = ?',
  ),
  reported: db.prepare<[string], ParticipantRow>(`
    SELECT client_id, 'reported' AS source, reported_ms FROM session_participants WHERE sid = ?
    ORDER BY reported_ms, client_id`),
  deliveries: db.prepare<[string], DeliveryRow>(
    `SELECT ${deliveryColumns} FROM logout_deliveries WHERE sid = ?`,
  ),
  client: db.prepare<[string], { name: string; uri: string | null }>(
    `SELECT name, nullif(backchannel_logout_uri, '') AS uri FROM clients WHERE client_id = ?`,
  ),
}));

/**
 * One session's logout, participant by participant: its own client first, then the services
 * that reported it in the order they did, each with its delivery if one was made (none for a
 * client without a back-channel logout URI, or while the session is active). Null if the
 * session is not known (or no longer kept).
 */
export function sessionPropagation(
  db: Database.Database,
  sid: string,
): SessionPropagationDto | null {
  const statements = propagationStatements(db);
  const session = statements.session.get(sid);
  if (!session) return null;
  const deliveries = new Map(statements.deliveries.all(sid).map((row) => [row.client_id, row]));
  const rows: ParticipantRow[] = [
    { client_id: session.client_id, source: 'session', reported_ms: null },
    ...statements.reported.all(sid).filter((row) => row.client_id !== session.client_id),
  ];
  // A delivery to a client that is somehow no participant any more is still shown.
  const listed = new Set(rows.map((row) => row.client_id));
  for (const clientId of deliveries.keys()) {
    if (!listed.has(clientId))
      rows.push({ client_id: clientId, source: 'reported', reported_ms: null });
  }
  const participants: ParticipantPropagationDto[] = rows.map((row) => {
    const client = statements.client.get(row.client_id);
    const delivery = deliveries.get(row.client_id);
    return {
      clientId: row.client_id,
      name: client?.name ?? null,
      source: row.source,
      reportedMs: row.reported_ms,
      backchannelLogoutUri: client?.uri ?? null,
      delivery: delivery ? toDeliveryDto(delivery) : null,
    };
  });
  return {
    sid: session.sid,
    userId: session.user_id,
    status: session.status,
    endedMs: session.ended_ms,
    participants,
  };
}

const reportStatements = perDatabase((db) =>
  db.prepare<
    [number],
    {
      sid: string;
      client_id: string;
      client_name: string | null;
      reported_ms: number;
      user_id: string;
      session_client_id: string;
      session_status: 'active' | 'ended';
    }
  >(`
    SELECT p.sid, p.client_id, c.name AS client_name, p.reported_ms, s.user_id,
      s.client_id AS session_client_id, s.status AS session_status
    FROM session_participants AS p
    JOIN sessions AS s ON s.sid = p.sid
    LEFT JOIN clients AS c ON c.client_id = p.client_id
    ORDER BY p.reported_ms DESC, p.sid DESC, p.client_id DESC
    LIMIT ?`),
);

/** The newest logins reported by downstream services, with the session each joined. */
export function recentLoginReports(db: Database.Database, limit: number): LoginReportDto[] {
  return reportStatements(db)
    .all(limit)
    .map((row) => ({
      sid: row.sid,
      clientId: row.client_id,
      clientName: row.client_name,
      reportedMs: row.reported_ms,
      userId: row.user_id,
      sessionClientId: row.session_client_id,
      sessionStatus: row.session_status,
    }));
}
