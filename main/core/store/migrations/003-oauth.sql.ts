/**
 * Schema version 3: what the OAuth/OIDC endpoints and logout propagation need. Downstream
 * services are confidential clients; a session's participants are its own client and every
 * service that reported a login with it, and each participant with a back-channel logout URI
 * gets one delivery in the outbox when the session ends.
 */
export const oauthSchema = `
ALTER TABLE clients ADD COLUMN grant_types TEXT NOT NULL
  DEFAULT '["authorization_code","refresh_token"]';
ALTER TABLE clients ADD COLUMN cors_origins TEXT NOT NULL DEFAULT '[]';
ALTER TABLE clients ADD COLUMN allowed_scope TEXT NOT NULL DEFAULT 'openid profile offline_access';

CREATE TABLE session_participants (
  sid         TEXT NOT NULL REFERENCES sessions (sid),
  client_id   TEXT NOT NULL,
  reported_ms INTEGER NOT NULL,
  PRIMARY KEY (sid, client_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE logout_deliveries (
  delivery_id     INTEGER PRIMARY KEY,
  sid             TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  client_id       TEXT NOT NULL,
  uri             TEXT NOT NULL,
  created_ms      INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL,
  last_status     INTEGER,
  last_error      TEXT,
  finished_ms     INTEGER,
  UNIQUE (sid, client_id)
) STRICT;
CREATE INDEX logout_deliveries_due ON logout_deliveries (status, next_attempt_ms);
CREATE INDEX logout_deliveries_by_client ON logout_deliveries (client_id, created_ms);
`;
