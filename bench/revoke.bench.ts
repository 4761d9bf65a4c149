import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { defaultPolicy, type SessionFilter } from '../shared/contract';
import type { RevokeProgress } from '../shared/contract/revocation';
import { systemClock } from '../main/core/clock';
import { createEventBus, type EventBus } from '../main/core/events/event-bus';
import type { Effects } from '../main/core/events/effects';
import { createEventLog } from '../main/core/events/event-log';
import { createRecordedCommit } from '../main/core/events/recorded-commit';
import { createSessionRevoker } from '../main/core/sessions/revoke-sessions';
import { createGroupCommitter } from '../main/core/store/group-commit';
import { openStore } from '../main/core/store/open-store';
import { createRevocationIndex } from '../main/core/tokens/revocation-index';
import {
  median,
  roundTo,
  settle,
  withTempDir,
  type BenchFigure,
  type SuiteOptions,
} from './bench-helpers';

const targetClient = 'incident-app';
const dayMs = 86_400_000;

/**
 * A query revocation during an incident: every active session of one client, revoked by
 * `startQuery` with the previewed count, on a real file with `synchronous = FULL`, through the
 * group committer, the event log and a revocation index fed after each commit exactly as the
 * token service's `commit` feeds its own. Each session has a live refresh token, and a fifth
 * as many sessions of another client must survive.
 *
 * - `revoke_query_per_s`: sessions revoked per second, from the `startQuery` call to the arrival
 *   of the job's `done` progress event on the bus: the snapshot, chunks of the revoker's default
 *   size (session rows, refresh tokens, revocation rows, one `session.ended` event each, a
 *   progress event per chunk, one fsync per chunk) and the index additions. 100,000 sessions
 *   (quick: 5,000). Target ≥ 20,000.
 * - `revoke_query_max_stall_ms`: the longest the event loop was held during the job (a timer
 *   that should fire every millisecond): how long a login or refresh waits at worst meanwhile.
 *
 * Medians over fresh stores, checked after each run (rows, revocations, events, index) so a
 * broken run never yields a figure.
 */
export async function benchRevoke(options: SuiteOptions): Promise<BenchFigure[]> {
  const plan = options.quick ? { sessions: 5_000, rounds: 1 } : { sessions: 100_000, rounds: 3 };
  const progress = options.progress ?? (() => undefined);
  const rates: number[] = [];
  const stalls: number[] = [];
  for (let round = 0; round < plan.rounds; round += 1) {
    const run = await withTempDir('revoke', (folder) => revokeOnce(folder, plan.sessions));
    rates.push(run.perSecond);
    stalls.push(run.maxStallMs);
    progress(
      `revoke query round ${round + 1}/${plan.rounds}: ${plan.sessions} sessions in ` +
        `${Math.round(run.ms)} ms (${Math.round(run.perSecond)}/s, ` +
        `longest stall ${Math.round(run.maxStallMs)} ms)`,
    );
  }
  return [
    { id: 'revoke_query_per_s', value: Math.round(median(rates)), unit: 'sessions/s' },
    { id: 'revoke_query_max_stall_ms', value: roundTo(median(stalls), 1), unit: 'ms' },
  ];
}

async function revokeOnce(folder: string, sessions: number) {
  const store = openStore({ file: join(folder, 'tessera.db') });
  try {
    const { db } = store;
    const synchronous = db.pragma('synchronous', { simple: true });
    if (synchronous !== 2) {
      throw new Error(`The store runs with synchronous = ${String(synchronous)}, not 2 (FULL).`);
    }
    fill(db, sessions);
    const bus = createEventBus({ batchMs: 1 });
    const commits = createRecordedCommit({
      committer: createGroupCommitter(db),
      log: createEventLog(db, systemClock),
      bus,
    });
    const index = createRevocationIndex();
    const failures: Error[] = [];
    const commit = async <T>(work: (effects: Effects) => T): Promise<T> => {
      const { value, effects } = await commits.run(work);
      for (const r of effects.revocations) index.add(r.kind, r.subject, r.expiresMs);
      return value;
    };
    const revoker = createSessionRevoker({
      db,
      commit,
      clock: systemClock,
      policy: () => defaultPolicy,
      logError: (message, error) => failures.push(new Error(message, { cause: error })),
    });
    const filter: SessionFilter = { clientId: targetClient };
    const expected = revoker.previewQuery(filter);
    if (expected !== sessions) throw new Error(`The preview counts ${expected}, not ${sessions}.`);
    await settle();

    const stall = watchStalls();
    const started = performance.now();
    const job = await revoker.startQuery(filter, 'admin:bench', expected);
    const final = await finalProgress(bus, job.jobId);
    const ms = performance.now() - started;
    const maxStallMs = stall.stop();

    if (final.state !== 'done' || final.done !== sessions) {
      throw new Error(`The job ended ${final.state} after ${final.done} of ${sessions}.`, {
        cause: failures[0],
      });
    }
    check(db, sessions, index.size());
    return { ms, perSecond: sessions / (ms / 1000), maxStallMs };
  } finally {
    store.close();
  }
}

/** Resolves with the job's first progress event that is not `running`. */
function finalProgress(bus: EventBus, jobId: string): Promise<RevokeProgress> {
  return new Promise((resolve) => {
    const unsubscribe = bus.subscribe({
      filter: { types: ['sessions.revoke_progress'] },
      onBatch: (batch) => {
        for (const event of batch.events) {
          if (event.type !== 'sessions.revoke_progress') continue;
          if (event.payload.jobId !== jobId || event.payload.state === 'running') continue;
          unsubscribe();
          resolve(event.payload);
        }
      },
    });
  });
}

/** The longest gap between ticks of a 1 ms timer, from now until `stop`. */
function watchStalls(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return longest;
    },
  };
}

/**
 * `sessions` active sessions of the target client and a fifth as many of another, each with a
 * live refresh token, in one transaction (setup, not measured). Random ids like the service's.
 */
function fill(db: Database.Database, sessions: number): void {
  const insertSession = db.prepare(`
    INSERT INTO sessions (sid, user_id, client_id, created_ms, last_seen_ms, auth_time_s, ip,
      user_agent, idle_deadline_ms, absolute_deadline_ms, status)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active')`);
  const insertRefresh = db.prepare(`
    INSERT INTO refresh_tokens (token_hash, family_id, sid, client_id, generation, issued_ms,
      idle_expires_ms, absolute_expires_ms, status, scope)
    VALUES (?, ?, ?, ?, 1, ?, ?, ?, 'active', 'openid')`);
  const bystanders = Math.floor(sessions / 5);
  const count = sessions + bystanders;
  // Logins spread over the last day, in order, the clients interleaved: as the service writes
  // them, so the rows and the time-ordered indexes are laid out as in real use.
  const firstMs = Date.now() - dayMs;
  db.transaction(() => {
    for (let index = 0; index < count; index += 1) {
      const sid = randomBytes(16).toString('base64url');
      const clientId = index % 6 === 5 ? 'web' : targetClient;
      const createdMs = firstMs + Math.floor((index * dayMs) / count);
      insertSession.run(
        sid,
        `user-${index % 20_000}`,
        clientId,
        createdMs,
        createdMs,
        Math.floor(createdMs / 1000),
        `198.51.100.${index % 256}`,
        'Mozilla/5.0 (X11; Linux x86_64) TesseraBench/1.0',
        createdMs + 14 * dayMs,
        createdMs + 30 * dayMs,
      );
      insertRefresh.run(
        randomBytes(32),
        randomBytes(16).toString('base64url'),
        sid,
        clientId,
        createdMs,
        createdMs + 14 * dayMs,
        createdMs + 30 * dayMs,
      );
    }
  })();
}

/** Throws unless the store and the index show exactly `sessions` revoked and nothing else. */
function check(db: Database.Database, sessions: number, indexed: number): void {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const figures = {
    ended: count(`SELECT count(*) FROM sessions WHERE status = 'ended'`),
    endedTarget: count(
      `SELECT count(*) FROM sessions WHERE status = 'ended' AND client_id = '${targetClient}'`,
    ),
    liveRefreshOfEnded: count(`SELECT count(*) FROM refresh_tokens r JOIN sessions s USING (sid)
      WHERE s.status = 'ended' AND r.status = 'active'`),
    revocations: count('SELECT count(*) FROM revocations'),
    endedEvents: count(`SELECT count(*) FROM events WHERE type = 'session.ended'`),
    indexed,
  };
  const expected = {
    ended: sessions,
    endedTarget: sessions,
    liveRefreshOfEnded: 0,
    revocations: sessions,
    endedEvents: sessions,
    indexed: sessions,
  };
  if (JSON.stringify(figures) !== JSON.stringify(expected)) {
    throw new Error(
      `The revocation left ${JSON.stringify(figures)}, expected ${JSON.stringify(expected)}.`,
    );
  }
}
