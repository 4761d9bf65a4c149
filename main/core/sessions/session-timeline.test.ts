import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Policy } from '../../../shared/contract';
import type { RefreshTreeRow } from './refresh-families';
import type { SessionDtoRow } from './session-dto';
import { sessionTimeline } from './session-timeline';

const nowMs = Date.UTC(2026, 10, 23, 9, 0, 0);
const minuteMs = 60_000;
const dayMs = 86_400_000;

/** An active session created 10 days ago, last seen an hour ago, with default-policy deadlines. */
function session(fields: Partial<SessionDtoRow> = {}): SessionDtoRow {
  const createdMs = nowMs - 10 * dayMs;
  const lastSeenMs = nowMs - 60 * minuteMs;
  return {
    sid: 's1',
    user_id: 'u1',
    client_id: 'web',
    ip: '10.0.0.1',
    user_agent: 'test',
    created_ms: createdMs,
    last_seen_ms: lastSeenMs,
    idle_deadline_ms: lastSeenMs + 14 * dayMs,
    absolute_deadline_ms: createdMs + 30 * dayMs,
    next_deadline_ms: lastSeenMs + 14 * dayMs,
    status: 'active',
    ended_ms: null,
    end_reason: null,
    ended_by: null,
    ...fields,
  };
}

/** The family as rotation leaves it: gen 1 at login, gen 2 issued at the last refresh. */
function tokens(fields: Partial<RefreshTreeRow> = {}): RefreshTreeRow[] {
  const createdMs = nowMs - 10 * dayMs;
  const lastSeenMs = nowMs - 60 * minuteMs;
  const base = {
    family_id: 'f1',
    absolute_expires_ms: createdMs + 30 * dayMs,
    consumed_ms: null,
  };
  return [
    {
      ...base,
      token_hash: Buffer.from('a'),
      generation: 1,
      parent_hash: null,
      issued_ms: createdMs,
      idle_expires_ms: createdMs + 14 * dayMs,
      status: 'consumed',
      consumed_ms: lastSeenMs,
    },
    {
      ...base,
      token_hash: Buffer.from('b'),
      generation: 2,
      parent_hash: Buffer.from('a'),
      issued_ms: lastSeenMs,
      idle_expires_ms: lastSeenMs + 14 * dayMs,
      status: 'active',
      ...fields,
    },
  ];
}

const policy = (fields: Partial<Policy> = {}): Policy => ({ ...defaultPolicy, ...fields });

describe('sessionTimeline', () => {
  it('puts every limit on one axis, marking the derived ones approximate', () => {
    const timeline = sessionTimeline(session(), tokens(), policy(), nowMs);
    const lastSeenMs = nowMs - 60 * minuteMs;
    const createdMs = nowMs - 10 * dayMs;
    expect(timeline.nowMs).toBe(nowMs);
    expect(timeline.bars).toEqual([
      {
        kind: 'access_token',
        startMs: lastSeenMs,
        endMs: lastSeenMs + 15 * minuteMs,
        approximate: true,
      },
      {
        kind: 'refresh_idle',
        startMs: lastSeenMs,
        endMs: lastSeenMs + 14 * dayMs,
        approximate: false,
      },
      {
        kind: 'refresh_absolute',
        startMs: createdMs,
        endMs: createdMs + 30 * dayMs,
        approximate: false,
      },
      {
        kind: 'session_idle',
        startMs: lastSeenMs,
        endMs: lastSeenMs + 14 * dayMs,
        approximate: false,
      },
      {
        kind: 'session_max',
        startMs: createdMs,
        endMs: createdMs + 30 * dayMs,
        approximate: false,
      },
      { kind: 'cookie', startMs: createdMs, endMs: createdMs + 30 * dayMs, approximate: true },
    ]);
    expect(timeline.ended).toBeNull();
  });

  it('names idle first when the user stops refreshing, with the refresh idle limit tied', () => {
    const timeline = sessionTimeline(session(), tokens(), policy(), nowMs);
    // The access token expires much sooner, but refreshing renews it: not an end.
    expect(timeline.firstToEnd).toEqual({
      cause: 'session_idle',
      atMs: nowMs - 60 * minuteMs + 14 * dayMs,
      tiedWith: ['refresh_idle'],
    });
  });

  it('names the cookie when it is shorter than the tokens', () => {
    const timeline = sessionTimeline(
      session(),
      tokens(),
      policy({ cookieMaxAgeSeconds: 12 * 86_400 }),
      nowMs,
    );
    expect(timeline.firstToEnd).toEqual({
      cause: 'cookie',
      atMs: nowMs - 10 * dayMs + 12 * dayMs,
      tiedWith: [],
    });
  });

  it('names the maximum lifetime when the idle deadline is capped by it', () => {
    const createdMs = nowMs - 25 * dayMs;
    const timeline = sessionTimeline(
      session({
        created_ms: createdMs,
        idle_deadline_ms: createdMs + 30 * dayMs,
        absolute_deadline_ms: createdMs + 30 * dayMs,
      }),
      tokens({
        idle_expires_ms: createdMs + 30 * dayMs,
        absolute_expires_ms: createdMs + 30 * dayMs,
      }),
      policy({ cookieMaxAgeSeconds: 40 * 86_400 }),
      nowMs,
    );
    expect(timeline.firstToEnd).toEqual({
      cause: 'session_max',
      atMs: createdMs + 30 * dayMs,
      tiedWith: ['session_idle', 'refresh_absolute', 'refresh_idle'],
    });
  });

  it('ends with the access token when no refresh token is live', () => {
    const timeline = sessionTimeline(session(), tokens({ status: 'consumed' }), policy(), nowMs);
    expect(timeline.bars.map((bar) => bar.kind)).not.toContain('refresh_idle');
    expect(timeline.firstToEnd).toEqual({
      cause: 'access_token',
      atMs: nowMs - 60 * minuteMs + 15 * minuteMs,
      tiedWith: [],
    });
  });

  it('says what ended an ended session, and shows the token it revoked', () => {
    const timeline = sessionTimeline(
      session({
        status: 'ended',
        ended_ms: nowMs - 5 * minuteMs,
        end_reason: 'revoked',
        ended_by: 'admin:alice',
      }),
      tokens({ status: 'revoked' }),
      policy(),
      nowMs,
    );
    expect(timeline.ended).toEqual({
      atMs: nowMs - 5 * minuteMs,
      reason: 'revoked',
      by: 'admin:alice',
    });
    expect(timeline.bars.find((bar) => bar.kind === 'refresh_idle')?.startMs).toBe(
      nowMs - 60 * minuteMs,
    );
    expect(timeline.firstToEnd.cause).toBe('session_idle');
  });
});
