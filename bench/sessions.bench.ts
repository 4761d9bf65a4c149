import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { defaultPolicy, listSessionsInputSchema, sessionSorts } from '../shared/contract';
import { fleetTimeline } from '../main/core/sessions/fleet-timeline';
import { createSessionList } from '../main/core/sessions/list-sessions';
import { sessionWhere } from '../main/core/sessions/session-query';
import { migrations } from '../main/core/store/migrations';
import { openStore } from '../main/core/store/open-store';
import { median, roundTo, type BenchFigure, type SuiteOptions } from './bench-helpers';

/**
 * The cache key's version: bump it whenever the generated rows change, so that a file built by
 * an older generator is never measured. The schema is covered separately by hashing the
 * migrations, so a new migration also builds a new file.
 */
const generatorVersion = 'sessions-1';
const cacheDir = join(tmpdir(), 'tessera-bench-cache');
const dayMs = 86_400_000;
/** The generated data's "now": fixed, so that a cached file means the same thing on every run. */
const nowMs = Date.UTC(2026, 10, 22);
const pageSize = 100;
const rounds = 3;

/** What a support person types for a user id: one digit short of it, ~11 sessions each. */
const narrowPrefixes = ['u12345', 'u23456', 'u34567', 'u45678', 'u56789', 'u67890', 'u78901'];
/** Two characters typed: ~111,000 sessions each on 1,000,000. */
const broadPrefixes = ['u1', 'u3', 'u5', 'u7', 'u9'];

/**
 * The session list and fleet timeline over 1,000,000 sessions (quick: 20,000), in-process on a
 * read-only store as the console reads it, warm (each query runs once untimed first). Figures are
 * medians of every timed query:
 *
 * - `sessions_page_ms`: the first page (100, newest first: the list's defaults) of a search by a
 *   user-id prefix one digit short (`u12345`: ~11 matches). Target < 10 ms.
 * - `sessions_page_broad_ms`: the same for a two-character prefix (`u1`: ~111,000 matches), which
 *   the list reads by walking the creation index rather than gathering and sorting the matches.
 * - `sessions_page_unfiltered_ms`: the first page of the unfiltered list, every sort both ways.
 * - `sessions_fleet_7d_ms`: the fleet timeline for the next 7 days (default policy).
 *
 * Every page is checked against a count of the matches, so a wrong result never yields a figure.
 *
 * Building 1,000,000 sessions takes about half a minute, so the file is cached in
 * `$TMPDIR/tessera-bench-cache/sessions-<key>-<count>.db`, keyed by `generatorVersion` and a hash
 * of the migrations, and reused while it has the expected schema and rows; a file of the same
 * size under an older key is deleted when the new one is built.
 */
export async function benchSessions(options: SuiteOptions): Promise<BenchFigure[]> {
  const count = options.quick ? 20_000 : 1_000_000;
  const progress = options.progress ?? (() => undefined);
  const file = cachedStore(count, progress);
  const store = openStore({ file, readonly: true });
  try {
    const list = createSessionList(store.db);
    const firstPage = (search: string) =>
      list.list(listSessionsInputSchema.parse({ filter: { search }, limit: pageSize }), nowMs);
    const expectedRows = new Map(
      [...narrowPrefixes, ...broadPrefixes].map((search) => {
        const where = sessionWhere({ search }, nowMs);
        const matches = store.db
          .prepare(`SELECT count(*) FROM sessions WHERE ${where.sql}`)
          .pluck()
          .get(where.params) as number;
        return [search, Math.min(matches, pageSize)];
      }),
    );
    const searchTimes = (prefixes: readonly string[]) =>
      timeAll(prefixes, (search) => {
        const { sessions } = firstPage(search);
        const ordered = sessions.every(
          (session, index) =>
            index === 0 || session.createdMs <= (sessions[index - 1]?.createdMs ?? 0),
        );
        const matching = sessions.every(
          (session) => session.userId.startsWith(search) || session.clientId.startsWith(search),
        );
        if (sessions.length !== expectedRows.get(search) || !ordered || !matching) {
          throw new Error(`The first page for "${search}" is wrong (${sessions.length} rows).`);
        }
      });

    const narrow = searchTimes(narrowPrefixes);
    progress(`sessions: narrow search first page ${roundTo(median(narrow), 2)} ms`);
    const broad = searchTimes(broadPrefixes);
    progress(`sessions: broad search first page ${roundTo(median(broad), 2)} ms`);
    const orders = sessionSorts.flatMap((sort) =>
      (['asc', 'desc'] as const).map((direction) => ({ sort, direction })),
    );
    const unfiltered = timeAll(orders, (order) => {
      const input = listSessionsInputSchema.parse({ ...order, limit: pageSize });
      if (list.list(input, nowMs).sessions.length !== Math.min(count, pageSize)) {
        throw new Error(`The unfiltered first page by ${order.sort} ${order.direction} is short.`);
      }
    });
    progress(`sessions: unfiltered first page ${roundTo(median(unfiltered), 2)} ms`);
    const fleet = timeAll(['7d'] as const, (range) => {
      const timeline = fleetTimeline(store.db, defaultPolicy, nowMs, range);
      if (timeline.buckets.length !== 28) throw new Error('The fleet timeline has no week.');
    });
    progress(`sessions: fleet timeline over 7 days ${roundTo(median(fleet), 1)} ms`);

    return [
      { id: 'sessions_page_ms', value: roundTo(median(narrow), 3), unit: 'ms' },
      { id: 'sessions_page_broad_ms', value: roundTo(median(broad), 3), unit: 'ms' },
      { id: 'sessions_page_unfiltered_ms', value: roundTo(median(unfiltered), 3), unit: 'ms' },
      { id: 'sessions_fleet_7d_ms', value: roundTo(median(fleet), 1), unit: 'ms' },
    ];
  } finally {
    store.close();
  }
}

/** Runs `run` once untimed per case (warm-up), then `rounds` timed passes; every duration in ms. */
function timeAll<T>(cases: readonly T[], run: (item: T) => void): number[] {
  for (const item of cases) run(item);
  const durations: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const item of cases) {
      const started = performance.now();
      run(item);
      durations.push(performance.now() - started);
    }
  }
  return durations;
}

/**
 * The cached file for `count` sessions, built first if missing or not as expected; also the
 * seed of the console search benchmark (bench/ui-search.bench.ts).
 */
export function cachedStore(count: number, progress: (line: string) => void): string {
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  const file = join(cacheDir, `sessions-${cacheKey()}-${count}.db`);
  if (existsSync(file) && looksRight(file, count)) {
    progress(`sessions: reusing ${file}`);
    return file;
  }
  removeStaleCaches(file, count);
  progress(`sessions: building ${count.toLocaleString('en')} sessions into ${file}`);
  const building = `${file}.building-${process.pid}`;
  const started = performance.now();
  try {
    buildStore(building, count);
    removeStore(file);
    renameSync(building, file);
  } finally {
    removeStore(building);
  }
  progress(`sessions: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

function cacheKey(): string {
  const hash = createHash('sha256').update(`${generatorVersion}\n`);
  for (const migration of migrations) {
    const up = typeof migration.up === 'string' ? migration.up : migration.up.toString();
    hash.update(`${migration.version}\n${up}\n`);
  }
  return hash.digest('hex').slice(0, 12);
}

function looksRight(file: string, count: number): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (
      db.pragma('user_version', { simple: true }) === migrations.at(-1)?.version &&
      db.prepare('SELECT count(*) FROM sessions').pluck().get() === count
    );
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/** Files of the same size under an older key: they would never be read again. */
function removeStaleCaches(current: string, count: number): void {
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (path !== current && name.startsWith('sessions-') && name.endsWith(`-${count}.db`)) {
      removeStore(path);
    }
  }
}

function removeStore(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) rmSync(path, { force: true });
}

/**
 * Sessions as a month of traffic leaves them, from a seeded generator (the same file every
 * time): created evenly over the 30 days before `nowMs` and inserted in that order (rowids
 * follow creation, as in a real store); last seen uniformly since; deadlines as the token
 * service sets them with the default policy (idle 14 days from last seen, capped by 30 days
 * from creation); ended once the idle deadline has passed, or by logout or revocation (10 %);
 * users `u100000`–`u999999`, clients `web`, `mobile`, `backend`, private IPv4 and some IPv6.
 *
 * The schema comes from `openStore` (the migrations); then the sessions' indexes are dropped,
 * the rows inserted in one transaction of one prepared statement with no journal sync, and the
 * indexes created again from their own SQL, which sorts once instead of inserting at random.
 */
function buildStore(file: string, count: number): void {
  removeStore(file);
  openStore({ file }).close();
  const db = new Database(file);
  try {
    // better-sqlite3's defensive mode refuses journal_mode = OFF; a rollback journal holds next
    // to nothing for a file that starts empty.
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -524288');
    const indexes = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions' AND sql IS NOT NULL",
      )
      .all() as Array<{ name: string; sql: string }>;
    const insert = db.prepare(`
      INSERT INTO sessions (sid, user_id, client_id, created_ms, last_seen_ms, auth_time_s, ip,
        user_agent, idle_deadline_ms, absolute_deadline_ms, status, ended_ms, end_reason, ended_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const random = seededRandom(20261122);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
    const byte = () => Math.floor(random() * 256);
    const sidBytes = Buffer.alloc(16);
    const span = 30 * dayMs;
    db.transaction(() => {
      for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
      for (let index = 0; index < count; index += 1) {
        for (let offset = 0; offset < 16; offset += 4) {
          sidBytes.writeUInt32LE(Math.floor(random() * 2 ** 32), offset);
        }
        const createdMs = nowMs - span + Math.floor(((index + random()) * span) / count);
        const lastSeenMs = createdMs + Math.floor(random() * (nowMs - createdMs));
        const absoluteMs = createdMs + 30 * dayMs;
        const idleMs = Math.min(lastSeenMs + 14 * dayMs, absoluteMs);
        const endedEarly = random() < 0.1;
        const ended = idleMs <= nowMs || endedEarly;
        const endedMs =
          idleMs <= nowMs ? idleMs : lastSeenMs + Math.floor(random() * (nowMs - lastSeenMs));
        insert.run(
          sidBytes.toString('base64url'),
          `u${100_000 + Math.floor(random() * 900_000)}`,
          pick(['web', 'mobile', 'backend']),
          createdMs,
          lastSeenMs,
          Math.floor(createdMs / 1000),
          random() < 0.1
            ? `2001:db8:${byte().toString(16)}::${byte().toString(16)}`
            : `10.${byte()}.${byte()}.${byte()}`,
          pick(userAgents),
          idleMs,
          absoluteMs,
          ended ? 'ended' : 'active',
          ended ? endedMs : null,
          ended ? (idleMs <= nowMs ? 'idle_timeout' : pick(['logout', 'logout', 'revoked'])) : null,
          ended ? (idleMs <= nowMs ? 'system' : 'admin:bench') : null,
        );
      }
      for (const { sql } of indexes) db.exec(sql);
    })();
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}

const userAgents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
  'okhttp/4.12.0',
  'TesseraBackend/1.0',
];

/** mulberry32: small, fast and good enough to shape test data; the same seed, the same file. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}
