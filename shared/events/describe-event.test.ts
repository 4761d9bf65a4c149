import { describe, expect, it } from 'vitest';
import type { TesseraEvent } from '../contract/events';
import { describeEvent, eventSubjects } from './describe-event';

const at = (event: Omit<TesseraEvent, 'seq' | 'atMs'>) =>
  ({ seq: 1, atMs: 0, ...event }) as TesseraEvent;

describe('describeEvent', () => {
  it('says who did what in one sentence', () => {
    const created = at({
      type: 'session.created',
      payload: { sid: 's1', userId: 'maria', clientId: 'web-app', familyId: 'f1' },
    });
    expect(describeEvent(created)).toBe('maria logged in to web-app.');
    const ended = at({
      type: 'session.ended',
      payload: {
        sid: 's1',
        userId: 'maria',
        clientId: 'web-app',
        reason: 'reuse_detected',
        by: 'system',
      },
    });
    expect(describeEvent(ended)).toBe(
      'The session of maria ended: a refresh token was reused (by system).',
    );
  });

  it('tells a failed delivery from a delivered one, with the reason', () => {
    const payload = {
      deliveryId: 3,
      sid: 's1',
      userId: 'maria',
      clientId: 'billing',
      attempt: 2,
      status: null,
      latencyMs: 4,
      outcome: 'retry' as const,
      error: 'The connection failed (ECONNREFUSED).',
    };
    expect(describeEvent(at({ type: 'sync.delivery_attempted', payload }))).toBe(
      'Logout delivery to billing failed (attempt 2); will retry: The connection failed (ECONNREFUSED).',
    );
    expect(
      describeEvent(
        at({
          type: 'sync.delivery_attempted',
          payload: { ...payload, outcome: 'delivered', error: null },
        }),
      ),
    ).toBe('Logout delivered to billing (attempt 2, 4 ms).');
  });

  // Every contract type has a sentence: the describers' type requires one per event name.
  it('falls back to a plain sentence for an unknown type or a payload of another shape', () => {
    expect(describeEvent(at({ type: 'future.thing', payload: {} } as never))).toBe(
      'future.thing event.',
    );
    expect(describeEvent(at({ type: 'sessions.revoke_progress', payload: {} } as never))).toBe(
      'sessions.revoke_progress event.',
    );
  });
});

describe('eventSubjects', () => {
  it('reads the ids an event carries, and null for those it lacks', () => {
    const rejected = at({
      type: 'refresh.rejected',
      payload: { sid: null, clientId: 'web-app', familyId: null, reason: 'unknown' },
    });
    expect(eventSubjects(rejected)).toEqual({ sid: null, userId: null, clientId: 'web-app' });
  });
});
