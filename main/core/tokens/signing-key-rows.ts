import type Database from 'better-sqlite3';
import type { KeyState } from '../../../shared/contract';
import type { SigningAlg } from './key-ring';

/** A signing key as stored: the private key only sealed with the master key. */
export interface SigningKeyRow {
  readonly kid: string;
  readonly alg: SigningAlg;
  readonly state: KeyState;
  readonly public_jwk: string;
  readonly private_key_sealed: Buffer;
  readonly created_ms: number;
  readonly activated_ms: number | null;
  readonly retired_ms: number | null;
  readonly revoked_ms: number | null;
}

/** Usage of one key: unexpired tokens it signed and the last expiry. */
export interface KeyUsage {
  readonly outstanding: number;
  readonly lastExpiresMs: number | null;
}

const minuteMs = 60_000;

/** The signing_keys and key_usage tables. */
export function createSigningKeyRows(db: Database.Database) {
  const all = db.prepare<[], SigningKeyRow>('SELECT * FROM signing_keys ORDER BY created_ms');
  const insert = db.prepare(`
    INSERT INTO signing_keys (kid, alg, state, public_jwk, private_key_sealed, created_ms, activated_ms)
    VALUES (@kid, @alg, @state, @public_jwk, @private_key_sealed, @created_ms, @activated_ms)`);
  const setState = db.prepare(`
    UPDATE signing_keys SET state = @state,
      activated_ms = CASE WHEN @state = 'active' THEN @now ELSE activated_ms END,
      retired_ms = CASE WHEN @state = 'retired' THEN @now ELSE retired_ms END,
      revoked_ms = CASE WHEN @state = 'revoked' THEN @now ELSE revoked_ms END
    WHERE kid = @kid`);
  const recordIssued = db.prepare(`
    INSERT INTO key_usage (kid, exp_minute_ms, tokens) VALUES (?, ?, 1)
    ON CONFLICT (kid, exp_minute_ms) DO UPDATE SET tokens = tokens + 1`);
  const usage = db.prepare<[number], { kid: string; outstanding: number; last_ms: number }>(`
    SELECT kid, SUM(tokens) AS outstanding, MAX(exp_minute_ms) AS last_ms
    FROM key_usage WHERE exp_minute_ms > ? GROUP BY kid`);

  return {
    all: (): SigningKeyRow[] => all.all(),
    insert: (row: Omit<SigningKeyRow, 'retired_ms' | 'revoked_ms'>): void => {
      insert.run(row);
    },
    setState: (kid: string, state: KeyState, nowMs: number): void => {
      setState.run({ kid, state, now: nowMs });
    },
    /** Counts a token signed with `kid` in its expiry minute (rounded up, so never early). */
    recordIssued: (kid: string, expMs: number): void => {
      recordIssued.run(kid, Math.ceil(expMs / minuteMs) * minuteMs);
    },
    /** Unexpired tokens per key. */
    usage: (nowMs: number): Map<string, KeyUsage> =>
      new Map(
        usage
          .all(nowMs)
          .map((row) => [row.kid, { outstanding: row.outstanding, lastExpiresMs: row.last_ms }]),
      ),
  };
}

/** The signing key tables' operations. */
export type SigningKeyRows = ReturnType<typeof createSigningKeyRows>;
