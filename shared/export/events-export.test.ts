import { describe, expect, it } from 'vitest';
import type { TesseraEvent } from '../contract/events';
import { eventsToCsv, eventsToJson } from './events-export';

const jwt = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYXJpYSJ9.';

const failed: TesseraEvent = {
  seq: 7,
  atMs: Date.UTC(2026, 10, 23, 18, 0, 0),
  type: 'sync.delivery_attempted',
  payload: {
    deliveryId: 1,
    sid: 'sid-1',
    userId: '=cmd|calc',
    clientId: 'billing',
    attempt: 1,
    status: 400,
    latencyMs: 3,
    outcome: 'dead',
    error: `The relying party rejected "${jwt}", sorry`,
  },
};

describe('event export', () => {
  it('writes CSV with a header, quoted fields, no formulas and no tokens', () => {
    const csv = eventsToCsv([failed]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('seq,time,type,sentence,userId,clientId,sid,payload');
    expect(row).toMatch(/^7,2026-11-23T18:00:00.000Z,sync.delivery_attempted,"Logout delivery/);
    expect(row).toContain(",'=cmd|calc,billing,sid-1,");
    expect(row).toContain('""[redacted]""');
    expect(csv).not.toContain('eyJ');
  });

  it('writes JSON with the same fields and no tokens', () => {
    const [exported] = JSON.parse(eventsToJson([failed])) as Record<string, unknown>[];
    expect(exported).toMatchObject({ seq: 7, type: 'sync.delivery_attempted', sid: 'sid-1' });
    expect(JSON.stringify(exported)).not.toContain('eyJ');
  });
});
