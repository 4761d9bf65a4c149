import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from '../main/core/store/migrations';
import { openStore } from '../main/core/store/open-store';
import { createRevocationIndex } from '../main/core/tokens/revocation-index';
import { createRevocationRows } from '../main/core/tokens/revocation-rows';
import { median, roundTo, withTempDir, type BenchFigure, type SuiteOptions } from './bench-helpers';

/**
 * Bump when the generated rows change shape, so a cached file from an older generator is not
 * reused. The schema itself is covered by hashing the migrations.
 */
const generatorVersion = 2;
const rounds = 5;
const dayMs = 86_400_000;

/** Where full-size files are cached between runs; keyed by schema hash and sizes. */
export const revocationCacheDir = join(tmpdir(), 'tessera-bench-cache');

interface Plan {
  readonly sessions: number;
  /** Every `sessions / revoked`-th session is ended and has a session revocation. */
  readonly revoked: number;
}

/**
 * Start-up load of the revocation index from a store with 1,000,000 sessions of which 100,000
 * are revoked (unexpired `session` revocations), as the token service does it at start:
 *
 *   openStore (WAL, synchronous = FULL, PRAGMA quick_check over the whole file, migrations: none
 *   pending) + createRevocationRows + createRevocationIndex + index.load(rows.unexpired(now)).
 *
 * The signing-key work createTokenService also does at start is left out (it does not depend on
 * the number of sessions). Figures, medians of 5 opens of the same file (a warm OS page cache:
 * the figure for a machine that has just booted would add reading the file from disk):
 *
 * - `revocation_load_ms`: the whole sequence above. Target < 1,000 ms.
 * - `revocation_load_open_ms`: the openStore part alone.
 * - `revocation_load_index_ms`: the rest (query + filling the index).
 * - `revocation_load_first_ms`: the first of the five opens alone. It is the nearest to a cold
 *   start when the OS has evicted the file since it was last read (this machine's memory reclaim
 *   does that within minutes), but whether it was cold is not controlled: read it as context.
 *
 * The full-size file takes tens of seconds to build, so it is cached in
 * `$TMPDIR/tessera-bench-cache/`, named by a hash of the schema and the sizes, and reused while
 * it still has the expected rows. The quick run builds a small file afresh and deletes it.
 */
export async function benchRevocationLoad(options: SuiteOptions): Promise<BenchFigure[]> {
  const plan: Plan = options.quick
    ? { sessions: 10_000, revoked: 1_000 }
    : { sessions: 1_000_000, revoked: 100_000 };
  const progress = options.progress ?? (() => undefined);

  if (options.quick) {
    return withTempDir('revocation-load', async (folder) => {
      const file = join(folder, 'tessera.db');
      buildStore(file, plan);
      return measure(file, plan, progress);
    });
  }
  const file = cachedStore(plan, progress);
  return measure(file, plan, progress);
}

async function measure(
  file: string,
  plan: Plan,
  progress: (line: string) => void,
): Promise<BenchFigure[]> {
  const totals: number[] = [];
  const opens: number[] = [];
  const loads: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    const store = openStore({ file });
    const opened = performance.now();
    let held: number;
    try {
      const revocations = createRevocationRows(store.db);
      const index = createRevocationIndex();
      index.load(revocations.unexpired(Date.now()));
      const loaded = performance.now();
      held = index.size();
      totals.push(loaded - started);
      opens.push(opened - started);
      loads.push(loaded - opened);
    } finally {
      store.close();
    }
    if (held !== plan.revoked) {
      throw new Error(`The index holds ${held} revocations instead of ${plan.revoked}.`);
    }
    progress(
      `revocation load round ${round + 1}/${rounds}: ${Math.round(totals.at(-1) ?? 0)} ms ` +
        `(open ${Math.round(opens.at(-1) ?? 0)} ms, index ${Math.round(loads.at(-1) ?? 0)} ms)`,
    );
    // Let the previous round's index be collected before the next is timed.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return [
    { id: 'revocation_load_ms', value: roundTo(median(totals), 1), unit: 'ms' },
    { id: 'revocation_load_open_ms', value: roundTo(median(opens), 1), unit: 'ms' },
    { id: 'revocation_load_index_ms', value: roundTo(median(loads), 1), unit: 'ms' },
    { id: 'revocation_load_first_ms', value: roundTo(totals[0] ?? 0, 1), unit: 'ms' },
  ];
}

/** The cached full-size file, built (and cached) first if missing or not as expected. */
function cachedStore(plan: Plan, progress: (line: string) => void): string {
  mkdirSync(revocationCacheDir, { recursive: true, mode: 0o700 });
  const file = join(
    revocationCacheDir,
    `revocation-load-${schemaHash()}-${plan.sessions}-${plan.revoked}.db`,
  );
  if (existsSync(file) && looksRight(file, plan)) {
    progress(`revocation load: reusing the cached store ${file}`);
    return file;
  }
  removeStore(file);
  removeStaleCaches(file, plan);
  progress(
    `revocation load: building ${plan.sessions.toLocaleString('en')} sessions ` +
      `(${plan.revoked.toLocaleString('en')} revoked) into ${file}; this takes a while once`,
  );
  const building = `${file}.building-${process.pid}`;
  removeStore(building);
  const started = performance.now();
  try {
    buildStore(building, plan);
    renameSync(building, file);
  } catch (error) {
    removeStore(building);
    throw error;
  }
  progress(`revocation load: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

/** A hash of every migration this code knows plus the generator version: the cache key. */
function schemaHash(): string {
  const hash = createHash('sha256');
  hash.update(`generator ${generatorVersion}\n`);
  for (const migration of migrations) {
    const up = typeof migration.up === 'string' ? migration.up : migration.up.toString();
    hash.update(`${migration.version}\n${migration.name}\n${up}\n`);
  }
  return hash.digest('hex').slice(0, 12);
}

/** Whether a cached file has the expected rows, still unexpired, at the newest schema. */
function looksRight(file: string, plan: Plan): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const version = db.pragma('user_version', { simple: true });
      const sessions = db.prepare('SELECT count(*) FROM sessions').pluck().get();
      const revoked = db
        .prepare('SELECT count(*) FROM revocations WHERE expires_ms > ?')
        .pluck()
        .get(Date.now() + dayMs);
      return (
        version === migrations.at(-1)?.version &&
        sessions === plan.sessions &&
        revoked === plan.revoked
      );
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/** Files of the same size built for an older schema or generator: they would never be reused. */
function removeStaleCaches(current: string, plan: Plan): void {
  const suffix = `-${plan.sessions}-${plan.revoked}.db`;
  for (const name of readdirSync(revocationCacheDir)) {
    const path = join(revocationCacheDir, name);
    if (path !== current && name.startsWith('revocation-load-') && name.endsWith(suffix)) {
      removeStore(path);
    }
  }
}

function removeStore(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) rmSync(path, { force: true });
}

/**
 * Creates the schema exactly as the app does (openStore), then fills it in one transaction of
 * prepared inserts with a rollback journal and syncing off (it is a throw-away file until renamed), and
 * leaves it in WAL mode like a real store. Session ids are random, like the service's, so the
 * indexes are shaped as in real use.
 */
function buildStore(file: string, plan: Plan): void {
  openStore({ file }).close();
  const db = new Database(file);
  try {
    // A rollback journal rather than WAL while building: the file starts nearly empty, so the
    // journal holds next to nothing, where WAL would copy every new page twice. (better-sqlite3's
    // defensive mode refuses journal_mode = OFF.)
    const journal = db.pragma('journal_mode = DELETE', { simple: true });
    if (journal !== 'delete') throw new Error(`Could not leave WAL to build (${String(journal)}).`);
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1048576');
    const insertSession = db.prepare(`
      INSERT INTO sessions (sid, user_id, client_id, created_ms, last_seen_ms, auth_time_s, ip,
        user_agent, idle_deadline_ms, absolute_deadline_ms, status, ended_ms, end_reason, ended_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertRevocation = db.prepare(`
      INSERT INTO revocations (kind, subject, revoked_ms, expires_ms, reason, revoked_by)
      VALUES ('session', ?, ?, ?, 'revoked', 'admin')`);
    const nowMs = Date.now();
    // Far enough ahead that a cached file stays valid for months (looksRight re-checks).
    const revocationExpiresMs = nowMs + 365 * dayMs;
    const every = Math.floor(plan.sessions / plan.revoked);
    db.transaction(() => {
      for (let index = 0; index < plan.sessions; index += 1) {
        const sid = randomBytes(16).toString('base64url');
        // Created in time order over the last 30 days, as a live store fills up.
        const createdMs = nowMs - 30 * dayMs + Math.floor((index * 30 * dayMs) / plan.sessions);
        const revoked = index % every === 0;
        insertSession.run(
          sid,
          `user-${index % 100_000}`,
          `client-${index % 20}`,
          createdMs,
          createdMs,
          Math.floor(createdMs / 1000),
          `203.0.113.${index % 256}`,
          'Mozilla/5.0 (X11; Linux x86_64) TesseraBench/1.0',
          createdMs + 14 * dayMs,
          createdMs + 30 * dayMs,
          revoked ? 'ended' : 'active',
          revoked ? nowMs : null,
          revoked ? 'revoked' : null,
          revoked ? 'admin' : null,
        );
        if (revoked) insertRevocation.run(sid, nowMs, revocationExpiresMs);
      }
    })();
    const wal = db.pragma('journal_mode = WAL', { simple: true });
    if (wal !== 'wal') throw new Error(`Could not switch the built file to WAL (${String(wal)}).`);
  } finally {
    db.close();
  }
}
