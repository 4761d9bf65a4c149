import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGroupCommitter } from '../store/group-commit';
import { useTempStores } from '../store/temp-store.test-helper';
import { createEventBus } from './event-bus';
import { createEventLog } from './event-log';
import { createRecordedCommit } from './recorded-commit';

const stores = useTempStores();
const clock = { nowMs: () => 1_700_000_000_000 };

function setup() {
  const store = stores.open({ file: join(stores.folder(), 'tessera.db') });
  const log = createEventLog(store.db, clock);
  const commits = createRecordedCommit({
    committer: createGroupCommitter(store.db),
    log,
    bus: createEventBus({}),
  });
  return { store, log, commits };
}

const ended = (sid: string, userId: string) =>
  ({ sid, userId, clientId: 'web', reason: 'revoked', by: 'admin:test' }) as const;

describe('event log', () => {
  it('numbers events and finds them by session, user, client and type', async () => {
    const { log, commits } = setup();
    await commits.record('session.ended', ended('s-1', 'maria'));
    await commits.record('session.ended', ended('s-2', 'li'));
    await commits.record('key.revoked', { kid: 'k', by: 'admin:test' });
    expect(log.latestSeq()).toBe(3);
    expect(
      log.query({ filter: { sid: 's-2' }, limit: 10, newestFirst: true }).map((e) => e.seq),
    ).toEqual([2]);
    expect(log.query({ filter: { userId: 'maria' }, limit: 10, newestFirst: true })).toHaveLength(
      1,
    );
    expect(log.query({ filter: { clientId: 'web' }, limit: 10, newestFirst: true })).toHaveLength(
      2,
    );
    expect(
      log.query({ filter: { types: ['key.revoked'] }, limit: 10, newestFirst: true })[0],
    ).toMatchObject({
      seq: 3,
      type: 'key.revoked',
      payload: { kid: 'k' },
    });
    expect(
      log.query({ filter: {}, beforeSeq: 3, limit: 1, newestFirst: true }).map((e) => e.seq),
    ).toEqual([2]);
  });

  it('writes events in the same transaction as the change: a failed change leaves no event', async () => {
    const { log, commits } = setup();
    await expect(
      commits.run((effects) => {
        effects.emit('session.ended', ended('s-1', 'maria'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(log.latestSeq()).toBe(0);
  });
});
