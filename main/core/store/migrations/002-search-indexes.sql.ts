/**
 * Schema version 2: what the console's searches need over a million sessions and the event log.
 * Every list the console pages through has an index that yields rows already in order, so a
 * first page reads a page's worth of rows, never the table.
 */
export const searchIndexes = `
ALTER TABLE sessions ADD COLUMN next_deadline_ms INTEGER
  GENERATED ALWAYS AS (MIN(idle_deadline_ms, absolute_deadline_ms)) VIRTUAL;

CREATE INDEX sessions_by_created ON sessions (status, created_ms, sid);
CREATE INDEX sessions_by_last_seen ON sessions (status, last_seen_ms, sid);
CREATE INDEX sessions_by_deadline ON sessions (status, next_deadline_ms, sid);
CREATE INDEX sessions_by_user ON sessions (user_id, created_ms, sid);
CREATE INDEX sessions_by_client ON sessions (client_id, created_ms, sid);
CREATE INDEX sessions_by_ip ON sessions (ip, created_ms, sid);

CREATE INDEX events_by_sid ON events (sid, seq) WHERE sid IS NOT NULL;
CREATE INDEX events_by_user ON events (user_id, seq) WHERE user_id IS NOT NULL;
CREATE INDEX events_by_client ON events (client_id, seq) WHERE client_id IS NOT NULL;
`;
