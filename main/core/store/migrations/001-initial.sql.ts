/**
 * Schema version 1. Times are epoch milliseconds (`*_ms`) unless named `*_s`; hashes are raw
 * SHA-256 bytes. Partial unique indexes make two invariants impossible to break even by a bug:
 * one live refresh token per family, one active signing key.
 */
export const initialSchema = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE clients (
  client_id              TEXT PRIMARY KEY,
  name                   TEXT NOT NULL,
  kind                   TEXT NOT NULL CHECK (kind IN ('public', 'confidential')),
  secret_hash            TEXT,
  redirect_uris          TEXT NOT NULL DEFAULT '[]',
  backchannel_logout_uri TEXT,
  created_ms             INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
  user_id       TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_ms    INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  sid                  TEXT PRIMARY KEY,
  user_id              TEXT NOT NULL,
  client_id            TEXT NOT NULL,
  created_ms           INTEGER NOT NULL,
  last_seen_ms         INTEGER NOT NULL,
  auth_time_s          INTEGER NOT NULL,
  ip                   TEXT NOT NULL DEFAULT '',
  user_agent           TEXT NOT NULL DEFAULT '',
  idle_deadline_ms     INTEGER NOT NULL,
  absolute_deadline_ms INTEGER NOT NULL,
  status               TEXT NOT NULL CHECK (status IN ('active', 'ended')),
  ended_ms             INTEGER,
  end_reason           TEXT,
  ended_by             TEXT
) STRICT;

CREATE TABLE refresh_tokens (
  token_hash         BLOB PRIMARY KEY,
  family_id          TEXT NOT NULL,
  sid                TEXT NOT NULL REFERENCES sessions (sid),
  client_id          TEXT NOT NULL,
  generation         INTEGER NOT NULL,
  parent_hash        BLOB,
  issued_ms          INTEGER NOT NULL,
  idle_expires_ms    INTEGER NOT NULL,
  absolute_expires_ms INTEGER NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('active', 'consumed', 'revoked')),
  consumed_ms        INTEGER,
  scope              TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id, generation);
CREATE INDEX refresh_tokens_by_sid ON refresh_tokens (sid);
CREATE UNIQUE INDEX refresh_tokens_one_live_per_family
  ON refresh_tokens (family_id) WHERE status = 'active';

CREATE TABLE revocations (
  kind       TEXT NOT NULL CHECK (kind IN ('session', 'family', 'jti')),
  subject    TEXT NOT NULL,
  revoked_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  reason     TEXT NOT NULL,
  revoked_by TEXT NOT NULL,
  PRIMARY KEY (kind, subject)
) STRICT;
CREATE INDEX revocations_by_expiry ON revocations (expires_ms);

CREATE TABLE signing_keys (
  kid               TEXT PRIMARY KEY,
  alg               TEXT NOT NULL CHECK (alg IN ('ES256', 'EdDSA', 'RS256')),
  state             TEXT NOT NULL CHECK (state IN ('next', 'active', 'retired', 'revoked')),
  public_jwk        TEXT NOT NULL,
  private_key_sealed BLOB NOT NULL,
  created_ms        INTEGER NOT NULL,
  activated_ms      INTEGER,
  retired_ms        INTEGER,
  revoked_ms        INTEGER
) STRICT;
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (state) WHERE state = 'active';

-- Tokens signed per key, bucketed by expiry minute: "N unexpired tokens, last expires at T"
-- without storing access tokens.
CREATE TABLE key_usage (
  kid            TEXT NOT NULL REFERENCES signing_keys (kid),
  exp_minute_ms  INTEGER NOT NULL,
  tokens         INTEGER NOT NULL,
  PRIMARY KEY (kid, exp_minute_ms)
) STRICT, WITHOUT ROWID;

CREATE TABLE events (
  seq       INTEGER PRIMARY KEY,
  type      TEXT NOT NULL,
  at_ms     INTEGER NOT NULL,
  sid       TEXT,
  user_id   TEXT,
  client_id TEXT,
  payload   TEXT NOT NULL
) STRICT;
CREATE INDEX events_by_type ON events (type, seq);

CREATE TABLE policy (
  version    INTEGER PRIMARY KEY,
  body       TEXT NOT NULL,
  changed_ms INTEGER NOT NULL,
  changed_by TEXT NOT NULL
) STRICT;
`;
