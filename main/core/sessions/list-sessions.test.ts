import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  listSessionsInputSchema,
  sessionSorts,
  type SessionDto,
  type SessionFilter,
} from '../../../shared/contract';
import { TesseraError } from '../tessera-error';
import { useTempStores } from '../store/temp-store.test-helper';
import { createSessionList, type ListSessionsInput } from './list-sessions';
import { encodeSessionCursor } from './session-cursor';
import { insertSessions, type SessionFixture } from './session-fixtures.test-helper';
import { chooseSessionListPlan, sessionListSql } from './session-list-plan';
import { sessionConditions, sessionWhere } from './session-query';

const stores = useTempStores();
const nowMs = Date.UTC(2026, 10, 23, 9, 0, 0);
const minuteMs = 60_000;
const dayMs = 86_400_000;

/**
 * 300 sessions whose sort values take few distinct values, so pages split runs of equal values
 * and only the sid tie-break keeps paging exact. Sids are shuffled against insertion order.
 */
function fleet(): SessionFixture[] {
  return Array.from({ length: 300 }, (_, index) => {
    const createdMs = nowMs - 20 * dayMs + (index % 20) * minuteMs;
    const lastSeenMs = createdMs + (index % 11) * 10 * dayMs;
    const absoluteDeadlineMs = createdMs + (index % 3 === 0 ? 20 : 30) * dayMs;
    return {
      sid: `s${String((index * 7919) % 1000).padStart(3, '0')}`,
      userId: `u${100 + (index % 37)}`,
      clientId: ['web', 'mobile', 'backend'][index % 3],
      ip: `10.${index % 4}.${index % 7}.${index}`,
      createdMs,
      lastSeenMs: Math.min(lastSeenMs, nowMs),
      absoluteDeadlineMs,
      status: index % 4 === 0 ? 'ended' : 'active',
    };
  });
}

function open(sessions: readonly SessionFixture[] = fleet()): Database.Database {
  const { db } = stores.open({ file: join(stores.folder(), 'tessera.db') });
  insertSessions(db, sessions);
  return db;
}

const sortValue = {
  created: (session: SessionDto) => session.createdMs,
  lastSeen: (session: SessionDto) => session.lastSeenMs,
  nextDeadline: (session: SessionDto) => session.nextDeadlineMs,
} as const;

/** Every session matching the filter, in the list's order, computed without the list. */
function reference(db: Database.Database, input: ListSessionsInput): string[] {
  const matching = matchingSids(db, sessionWhere(input.filter, nowMs));
  const all = createSessionList(db)
    .list({ ...input, filter: {}, limit: 500 }, nowMs)
    .sessions.filter((session) => matching.has(session.sid));
  const sign = input.direction === 'asc' ? 1 : -1;
  return all
    .sort(
      (a, b) =>
        sign *
        (sortValue[input.sort](a) - sortValue[input.sort](b) ||
          Buffer.compare(Buffer.from(a.sid), Buffer.from(b.sid))),
    )
    .map((session) => session.sid);
}

function matchingSids(db: Database.Database, where: ReturnType<typeof sessionWhere>): Set<string> {
  return new Set(
    db.prepare(`SELECT sid FROM sessions WHERE ${where.sql}`).pluck().all(where.params) as string[],
  );
}

/** Pages through the whole list, checking each page's size and cursor on the way. */
function pageThrough(
  list: ReturnType<typeof createSessionList>,
  input: ListSessionsInput,
): string[] {
  const sids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page = list.list({ ...input, cursor }, nowMs);
    sids.push(...page.sessions.map((session) => session.sid));
    if (page.nextCursor === null) {
      expect(page.sessions.length).toBeLessThanOrEqual(input.limit);
      return sids;
    }
    expect(page.sessions).toHaveLength(input.limit);
    cursor = page.nextCursor;
  }
  throw new Error('The list did not end.');
}

const input = (
  fields: Partial<ListSessionsInput> & { filter?: SessionFilter },
): ListSessionsInput => listSessionsInputSchema.parse(fields);

const filters: SessionFilter[] = [
  {},
  { status: 'active' },
  { status: 'ended' },
  { userId: 'u105' },
  { clientId: 'web' },
  { search: 'u1' },
  { search: 'u12' },
  { search: 'mob' },
  { ipPrefix: '10.1.' },
  { endingWithinSeconds: 5 * 86_400 },
  { search: 'u1', status: 'active', clientId: 'web' },
  { ipPrefix: '10.2.', endingWithinSeconds: 12 * 86_400 },
  { userId: 'u101', clientId: 'mobile' },
];

describe('createSessionList', () => {
  it('pages every filter, sort and direction without duplicates or gaps, whichever plan', () => {
    const db = open();
    // 0: always walk an index in order; 10^9: always gather and sort; default: choose.
    const lists = [0, 1e9, undefined].map((gatherBelow) =>
      createSessionList(db, gatherBelow === undefined ? {} : { gatherBelow }),
    );
    for (const filter of filters) {
      for (const sort of sessionSorts) {
        for (const direction of ['asc', 'desc'] as const) {
          const request = input({ filter, sort, direction, limit: 13 });
          const expected = reference(db, request);
          for (const list of lists) {
            const sids = pageThrough(list, request);
            expect(sids, JSON.stringify({ filter, sort, direction })).toEqual(expected);
          }
        }
      }
    }
  });

  it('returns nothing for ended sessions ending soon, a filter that contradicts itself', () => {
    const db = open();
    const page = createSessionList(db).list(
      input({ filter: { status: 'ended', endingWithinSeconds: 86_400 } }),
      nowMs,
    );
    expect(page).toEqual({ sessions: [], nextCursor: null });
  });

  it('maps rows to the contract, with the cause of the next deadline', () => {
    const db = open([
      {
        sid: 'idle',
        userId: 'u1',
        clientId: 'web',
        ip: '10.0.0.9',
        createdMs: 1_000,
        lastSeenMs: 2_000,
        idleDeadlineMs: 5_000,
        absoluteDeadlineMs: 9_000,
      },
      { sid: 'capped', createdMs: 1_000, idleDeadlineMs: 9_000, absoluteDeadlineMs: 9_000 },
      {
        sid: 'ended',
        createdMs: 1_000,
        status: 'ended',
        endedMs: 3_000,
        endReason: 'revoked',
        endedBy: 'admin:alice',
      },
    ]);
    const { sessions } = createSessionList(db).list(
      input({ sort: 'created', direction: 'asc' }),
      nowMs,
    );
    const bySid = new Map(sessions.map((session) => [session.sid, session]));
    expect(bySid.get('idle')).toEqual({
      sid: 'idle',
      userId: 'u1',
      clientId: 'web',
      ip: '10.0.0.9',
      userAgent: 'test-agent',
      createdMs: 1_000,
      lastSeenMs: 2_000,
      idleDeadlineMs: 5_000,
      absoluteDeadlineMs: 9_000,
      nextDeadlineMs: 5_000,
      nextDeadlineCause: 'idle',
      status: 'active',
      endedMs: null,
      endReason: null,
      endedBy: null,
    });
    // An idle deadline capped by the absolute one is the maximum lifetime running out.
    expect(bySid.get('capped')).toMatchObject({
      nextDeadlineMs: 9_000,
      nextDeadlineCause: 'absolute',
    });
    expect(bySid.get('ended')).toMatchObject({
      status: 'ended',
      endedMs: 3_000,
      endReason: 'revoked',
      endedBy: 'admin:alice',
    });
  });

  it('refuses a cursor it did not issue, or issued for another order', () => {
    const db = open();
    const list = createSessionList(db);
    const first = list.list(input({ sort: 'lastSeen', limit: 5 }), nowMs);
    const cursors = [
      'not a cursor',
      Buffer.from('{"sort":"lastSeen"}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      encodeSessionCursor({ sort: 'lastSeen', direction: 'desc', value: 1.5, sid: 's1' }),
      first.nextCursor ?? '',
    ];
    const attempts = [
      ...cursors.slice(0, 4).map((cursor) => input({ sort: 'lastSeen', cursor })),
      input({ sort: 'created', cursor: cursors[4] }),
      input({ sort: 'lastSeen', direction: 'asc', cursor: cursors[4] }),
    ];
    for (const attempt of attempts) {
      expect(() => list.list(attempt, nowMs)).toThrow(TesseraError);
      expect(() => list.list(attempt, nowMs)).toThrow(/not one this server issued/);
    }
    expect(
      list.list(input({ sort: 'lastSeen', limit: 5, cursor: cursors[4] }), nowMs).sessions,
    ).toHaveLength(5);
  });
});

describe('session list plans (EXPLAIN QUERY PLAN)', () => {
  const explain = (db: Database.Database, request: ListSessionsInput, gatherBelow: number) => {
    const plan = chooseSessionListPlan(
      request.filter,
      sessionConditions(request.filter, nowMs),
      request.sort,
      gatherBelow,
      () => 100,
    );
    if (plan.kind === 'none') throw new Error('The filter contradicts itself.');
    const where = sessionWhere(request.filter, nowMs);
    const sql = sessionListSql(
      plan,
      { sort: request.sort, direction: request.direction, afterCursor: true },
      where.sql,
    );
    return (
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all({ ...where.params, afterValue: 0, afterSid: '', limit: 101 }) as Array<{
        detail: string;
      }>
    ).map((row) => row.detail);
  };

  it('reads every sort in index order, without or with a status, never sorting', () => {
    const db = open([]);
    const indexes = {
      created: 'sessions_by_created',
      lastSeen: 'sessions_by_last_seen',
      nextDeadline: 'sessions_by_deadline',
    };
    for (const sort of sessionSorts) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const filter of [{}, { status: 'active' }, { status: 'ended' }] as const) {
          const plan = explain(db, input({ filter, sort, direction }), 0);
          expect(plan.join('\n')).not.toContain('TEMP B-TREE');
          expect(plan.join('\n')).toContain(`USING INDEX ${indexes[sort]} (status=? AND (`);
          if (!('status' in filter)) expect(plan).toContain('MERGE (UNION ALL)');
        }
      }
    }
  });

  it('walks a user or client index for their sessions by creation, and the deadline index for those ending soon', () => {
    const db = open([]);
    expect(explain(db, input({ filter: { userId: 'u1' } }), 0).join('\n')).toMatch(
      /USING INDEX sessions_by_user \(user_id=\? AND \(created_ms,sid\)<\(\?,\?\)\)$/,
    );
    expect(explain(db, input({ filter: { clientId: 'web' } }), 0).join('\n')).toMatch(
      /USING INDEX sessions_by_client \(client_id=\? AND \(created_ms,sid\)<\(\?,\?\)\)$/,
    );
    const ending = explain(
      db,
      input({ filter: { endingWithinSeconds: 60 }, sort: 'nextDeadline', direction: 'desc' }),
      0,
    ).join('\n');
    // The cursor's bound is the one sought, not the looser deadline of the filter.
    expect(ending).toContain(
      'USING INDEX sessions_by_deadline (status=? AND (next_deadline_ms,sid)<(?,?))',
    );
    expect(ending).not.toContain('TEMP B-TREE');
  });

  it('gathers a selective search through both the user and the client index', () => {
    const db = open([]);
    const plan = explain(db, input({ filter: { search: 'u12', status: 'active' } }), 1e9);
    expect(plan).toContain('MULTI-INDEX OR');
    expect(plan.join('\n')).toContain('USING INDEX sessions_by_user (user_id>? AND user_id<?)');
    expect(plan.join('\n')).toContain(
      'USING INDEX sessions_by_client (client_id>? AND client_id<?)',
    );
    expect(plan.join('\n')).not.toContain('sessions_by_created');
  });
});
