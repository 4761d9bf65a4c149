import { describe, expect, it } from 'vitest';
import type { SessionDto } from '../contract';
import { sessionEnd } from './session-end';

const hourMs = 3_600_000;
const createdMs = Date.UTC(2026, 10, 23, 9);

const session = (changes: Partial<SessionDto>): SessionDto => ({
  sid: 's1',
  userId: 'maria',
  clientId: 'web-app',
  ip: '127.0.0.1',
  userAgent: 'test',
  createdMs,
  lastSeenMs: createdMs,
  idleDeadlineMs: createdMs + 2 * hourMs,
  absoluteDeadlineMs: createdMs + 8 * hourMs,
  nextDeadlineMs: createdMs + 2 * hourMs,
  nextDeadlineCause: 'idle',
  status: 'active',
  endedMs: null,
  endReason: null,
  endedBy: null,
  ...changes,
});

describe('sessionEnd', () => {
  it('is the next deadline when the cookie lasts longer', () => {
    expect(sessionEnd(session({}), 24 * 3_600)).toEqual({
      endMs: createdMs + 2 * hourMs,
      cause: 'idle',
    });
  });

  it('is the cookie when it expires first', () => {
    expect(sessionEnd(session({}), 3_600)).toEqual({ endMs: createdMs + hourMs, cause: 'cookie' });
  });

  it('names the deadline when the cookie expires at the same moment, as the fleet count does', () => {
    const absolute = session({
      nextDeadlineMs: createdMs + 8 * hourMs,
      nextDeadlineCause: 'absolute',
    });
    expect(sessionEnd(absolute, 8 * 3_600)).toEqual({
      endMs: createdMs + 8 * hourMs,
      cause: 'absolute',
    });
  });
});
