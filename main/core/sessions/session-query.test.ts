import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SessionFilter } from '../../../shared/contract';
import { useTempStores } from '../store/temp-store.test-helper';
import { insertSessions, type SessionFixture } from './session-fixtures.test-helper';
import { sessionWhere } from './session-query';

const stores = useTempStores();
const nowMs = Date.UTC(2026, 10, 23, 9, 0, 0);
const hourMs = 3_600_000;

/** A few hundred sessions whose fields take few values each, so every filter matches several. */
function fleet(): SessionFixture[] {
  return Array.from({ length: 300 }, (_, index) => ({
    sid: `s${String(index).padStart(3, '0')}`,
    userId: `u${100 + (index % 37)}`,
    clientId: ['web', 'mobile', 'backend'][index % 3],
    ip: index % 10 === 0 ? `2001:db8::${index}` : `10.${index % 4}.${index % 7}.${index}`,
    createdMs: nowMs - 20 * 24 * hourMs,
    lastSeenMs: nowMs - (index % 50) * 6 * hourMs,
    status: index % 4 === 0 ? 'ended' : 'active',
  }));
}

/** The filter's meaning, written independently of the SQL. */
function matches(filter: SessionFilter, row: SessionRowLike): boolean {
  const starts = (text: string, prefix: string | undefined) =>
    prefix === undefined || text.startsWith(prefix);
  return (
    (filter.userId === undefined || row.user_id === filter.userId) &&
    (filter.clientId === undefined || row.client_id === filter.clientId) &&
    (filter.search === undefined ||
      row.user_id.startsWith(filter.search) ||
      row.client_id.startsWith(filter.search)) &&
    starts(row.ip, filter.ipPrefix) &&
    (filter.status === undefined || row.status === filter.status) &&
    (filter.endingWithinSeconds === undefined ||
      (row.status === 'active' &&
        Math.min(row.idle_deadline_ms, row.absolute_deadline_ms) <=
          nowMs + filter.endingWithinSeconds * 1000))
  );
}

interface SessionRowLike {
  readonly sid: string;
  readonly user_id: string;
  readonly client_id: string;
  readonly ip: string;
  readonly status: string;
  readonly idle_deadline_ms: number;
  readonly absolute_deadline_ms: number;
}

function open(sessions: readonly SessionFixture[]): Database.Database {
  const { db } = stores.open({ file: join(stores.folder(), 'tessera.db') });
  insertSessions(db, sessions);
  return db;
}

function expectSameAsReference(db: Database.Database, filter: SessionFilter): string[] {
  const where = sessionWhere(filter, nowMs);
  const selected = db
    .prepare(`SELECT sid FROM sessions WHERE ${where.sql} ORDER BY sid`)
    .pluck()
    .all(where.params) as string[];
  const rows = db.prepare('SELECT * FROM sessions ORDER BY sid').all() as SessionRowLike[];
  expect(selected).toEqual(rows.filter((row) => matches(filter, row)).map((row) => row.sid));
  return selected;
}

describe('sessionWhere', () => {
  it('matches everything for an empty filter', () => {
    const db = open(fleet());
    expect(sessionWhere({}, nowMs)).toEqual({ sql: 'TRUE', params: {} });
    expect(expectSameAsReference(db, {})).toHaveLength(300);
  });

  it('applies each field alone as the contract describes', () => {
    const db = open(fleet());
    const filters: SessionFilter[] = [
      { userId: 'u105' },
      { clientId: 'mobile' },
      { search: 'u12' },
      { search: 'mob' },
      { search: 'u1' },
      { ipPrefix: '10.1.' },
      { ipPrefix: '2001:db8:' },
      { status: 'active' },
      { status: 'ended' },
      { endingWithinSeconds: 3 * 86_400 },
    ];
    for (const filter of filters)
      expect(expectSameAsReference(db, filter).length).toBeGreaterThan(0);
  });

  it('narrows by every field when combined', () => {
    const db = open(fleet());
    const filters: SessionFilter[] = [
      { search: 'u1', status: 'active', clientId: 'web' },
      { userId: 'u110', ipPrefix: '10.' },
      { ipPrefix: '10.2.', endingWithinSeconds: 5 * 86_400, search: 'u1' },
      { status: 'ended', endingWithinSeconds: 30 * 86_400 },
    ];
    const counts = filters.map((filter) => expectSameAsReference(db, filter).length);
    expect(counts.slice(0, 3).every((count) => count > 0)).toBe(true);
    expect(counts[3]).toBe(0);
  });

  it('counts a deadline exactly at now + endingWithinSeconds, not one ms later, nor ended sessions', () => {
    const db = open([
      { sid: 'at', idleDeadlineMs: nowMs + 60_000, absoluteDeadlineMs: nowMs + 120_000 },
      { sid: 'after', idleDeadlineMs: nowMs + 60_001, absoluteDeadlineMs: nowMs + 120_000 },
      { sid: 'absolute', idleDeadlineMs: nowMs + 60_000, absoluteDeadlineMs: nowMs + 30_000 },
      { sid: 'overdue', idleDeadlineMs: nowMs - 1, absoluteDeadlineMs: nowMs + 120_000 },
      { sid: 'ended', idleDeadlineMs: nowMs, status: 'ended' },
    ]);
    expect(expectSameAsReference(db, { endingWithinSeconds: 60 })).toEqual([
      'absolute',
      'at',
      'overdue',
    ]);
  });

  it('treats wildcards, quotes and non-ASCII text in prefixes as plain characters', () => {
    const ids = [
      'a%b',
      'axb',
      'a_b',
      'a%',
      "o'brien",
      'o"x',
      'ü1',
      'ü2',
      'u',
      'U12',
      'u12',
      'u\uffff1',
      'u\ue000',
      'u\u{10000}',
      'u\u{10ffff}',
      'v',
      '😀a',
      '😁b',
      '%',
      "'; DROP TABLE sessions; --",
    ];
    const db = open(ids.map((userId, index) => ({ sid: `s${index}`, userId, clientId: 'c' })));
    const expectations: Array<[string, string[]]> = [
      ['%', ['%']],
      ['a%', ['a%b', 'a%']],
      ['a_', ['a_b']],
      ["o'", ["o'brien"]],
      ['ü', ['ü1', 'ü2']],
      ['u', ['u', 'u12', 'u\uffff1', 'u\ue000', 'u\u{10000}', 'u\u{10ffff}']],
      ['U', ['U12']],
      ['u\uffff', ['u\uffff1']],
      ['u\u{10ffff}', ['u\u{10ffff}']],
      ['😀', ['😀a']],
      ["'; DROP", ["'; DROP TABLE sessions; --"]],
    ];
    for (const [search, expected] of expectations) {
      const sids = expectSameAsReference(db, { search });
      const users = sids.map((sid) => ids[Number(sid.slice(1))]);
      expect(users.sort()).toEqual([...expected].sort());
    }
  });

  it('never puts a value into the SQL text', () => {
    const where = sessionWhere(
      {
        userId: "x' OR '1'='1",
        clientId: 'client-z',
        search: 'needle%',
        ipPrefix: '10.9.',
        status: 'ended',
        endingWithinSeconds: 60,
      },
      nowMs,
    );
    for (const value of ["x'", 'client-z', 'needle', '10.9', 'ended', String(nowMs + 60_000)]) {
      expect(where.sql).not.toContain(value);
    }
    expect(Object.keys(where.params).sort()).toEqual(
      [
        'clientId',
        'endingByMs',
        'ipFrom',
        'ipTo',
        'searchFrom',
        'searchTo',
        'status',
        'userId',
      ].sort(),
    );
  });
});
