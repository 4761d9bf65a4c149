import { describe, expect, it } from 'vitest';
import type { SessionDto } from '../contract';
import { sessionsToCsv, sessionsToJson } from './sessions-export';

const jwt = 'eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJtYXJpYSJ9.c2lnbmF0dXJlLWJ5dGVz';
/** 32 random bytes in base64url, the shape of a refresh token: no `eyJ`, no dots. */
const refreshToken = 'Qm9vWmF6OTg3NjU0MzIxMGFiY2RlZmdoaWprbG1ub3A';

const session: SessionDto = {
  sid: 'Ab3dEf6hIj9kLm2nOp5qRs',
  userId: 'maria',
  clientId: '=cmd|calc',
  ip: '127.0.0.1',
  userAgent: `curl/8.5 (pasted ${refreshToken}; then ${jwt})`,
  createdMs: 1_000,
  lastSeenMs: 2_000,
  idleDeadlineMs: 3_000,
  absoluteDeadlineMs: 4_000,
  nextDeadlineMs: 3_000,
  nextDeadlineCause: 'idle',
  status: 'active',
  endedMs: null,
  endReason: null,
  endedBy: null,
};

describe('sessions export', () => {
  it('writes CSV with the allowed columns, no formulas and no tokens in the user agent', () => {
    const [header, row, end] = sessionsToCsv([session]).split('\r\n');
    expect(header).toBe(
      'sid,userId,clientId,ip,userAgent,createdMs,lastSeenMs,nextDeadlineMs,nextDeadlineCause,' +
        'status,endedMs,endReason,endedBy',
    );
    expect(row).toBe(
      "Ab3dEf6hIj9kLm2nOp5qRs,maria,'=cmd|calc,127.0.0.1," +
        'curl/8.5 (pasted [redacted]; then [redacted]),1000,2000,3000,idle,active,,,',
    );
    expect(end).toBe('');
  });

  it('writes JSON with the same columns and no tokens in the user agent', () => {
    const json = sessionsToJson([session]);
    expect(json).not.toContain(refreshToken);
    expect(json).not.toContain('eyJ');
    expect(JSON.parse(json)).toEqual([
      {
        sid: 'Ab3dEf6hIj9kLm2nOp5qRs',
        userId: 'maria',
        clientId: '=cmd|calc',
        ip: '127.0.0.1',
        userAgent: 'curl/8.5 (pasted [redacted]; then [redacted])',
        createdMs: 1000,
        lastSeenMs: 2000,
        nextDeadlineMs: 3000,
        nextDeadlineCause: 'idle',
        status: 'active',
        endedMs: null,
        endReason: null,
        endedBy: null,
      },
    ]);
  });
});
