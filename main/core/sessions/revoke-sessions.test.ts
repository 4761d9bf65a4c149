import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { revokeAllConfirmationPhrase } from '../../../shared/contract/revocation';
import { useTempStores } from '../store/temp-store.test-helper';
import type { IssuedTokens } from '../tokens/token-service';
import { startSessionOperations } from './session-operations.test-helper';

const stores = useTempStores();
const alice = 'admin:alice';

function freshStore() {
  return stores.open({ file: join(stores.folder(), 'tessera.db') });
}

type Harness = Awaited<ReturnType<typeof startSessionOperations>>;

async function logins(harness: Harness, count: number, userId: string, clientId = 'web') {
  const issued: IssuedTokens[] = [];
  for (let index = 0; index < count; index += 1) {
    issued.push(await harness.service.login({ userId, clientId, scope: 'openid' }));
  }
  return issued;
}

async function verdicts(harness: Harness, issued: readonly IssuedTokens[]) {
  return Promise.all(
    issued.map(async (tokens) => {
      const result = await harness.service.verify(tokens.accessToken);
      return result.ok ? 'ok' : result.reason;
    }),
  );
}

function sessionRow(harness: Harness, sid: string) {
  return harness.service.describeSession(sid)?.session;
}

/** Whether the store agrees with itself: every ended session has no live refresh token. */
function liveRefreshOfEnded(store: ReturnType<typeof freshStore>): number {
  return store.db
    .prepare(
      `SELECT count(*) FROM refresh_tokens r JOIN sessions s USING (sid)
       WHERE s.status = 'ended' AND r.status = 'active'`,
    )
    .pluck()
    .get() as number;
}

describe('revoking one session', () => {
  it('ends it at once: access tokens fail verification, refresh is refused, it is audited', async () => {
    const harness = await startSessionOperations(freshStore());
    const [target, bystander] = await logins(harness, 2, 'u-1');
    if (!target || !bystander) throw new Error('login failed');
    expect(await verdicts(harness, [target, bystander])).toEqual(['ok', 'ok']);

    expect(await harness.revoker.revokeOne(target.sid, alice)).toBe(true);

    expect(await verdicts(harness, [target, bystander])).toEqual(['revoked', 'ok']);
    expect(
      await harness.service.refresh({ refreshToken: target.refreshToken!, clientId: 'web' }),
    ).toEqual({ ok: false, reason: 'family_revoked' });
    expect(sessionRow(harness, target.sid)).toMatchObject({
      status: 'ended',
      end_reason: 'revoked',
      ended_by: alice,
      ended_ms: harness.clock.nowMs(),
    });
    await harness.settle();
    expect(harness.received('session.ended')).toEqual([
      { sid: target.sid, userId: 'u-1', clientId: 'web', reason: 'revoked', by: alice },
    ]);
    expect(harness.received('admin.action')).toEqual([
      { action: 'revoke_session', by: alice, count: 1, detail: target.sid },
    ]);
  });

  it('reports an ended session as not active, and an unknown one as not found', async () => {
    const harness = await startSessionOperations(freshStore());
    const [issued] = await logins(harness, 1, 'u-1');
    await harness.revoker.revokeOne(issued!.sid, alice);
    expect(await harness.revoker.revokeOne(issued!.sid, 'admin:bob')).toBe(false);
    await expect(harness.revoker.revokeOne('no-such-session', alice)).rejects.toMatchObject({
      code: 'ERR_SESSION_NOT_FOUND',
    });
    await harness.settle();
    expect(harness.received('session.ended')).toHaveLength(1);
    expect(harness.received('admin.action')).toEqual([
      { action: 'revoke_session', by: alice, count: 1, detail: issued!.sid },
      { action: 'revoke_session', by: 'admin:bob', count: 0, detail: issued!.sid },
    ]);
  });
});

describe('revoking a user', () => {
  it('ends every active session of the user, chunk by chunk, and no one else’s', async () => {
    const store = freshStore();
    const harness = await startSessionOperations(store, { chunkSize: 2 });
    const mine = await logins(harness, 5, 'u-1');
    const theirs = await logins(harness, 2, 'u-2');
    await harness.service.endSession(mine[0]!.sid, 'logout', 'system');

    expect(await harness.revoker.revokeUser('u-1', alice)).toBe(4);

    expect(await verdicts(harness, mine)).toEqual(Array(5).fill('revoked'));
    expect(await verdicts(harness, theirs)).toEqual(['ok', 'ok']);
    expect(sessionRow(harness, mine[0]!.sid)?.end_reason).toBe('logout');
    for (const tokens of mine.slice(1)) {
      expect(sessionRow(harness, tokens.sid)).toMatchObject({
        end_reason: 'user_revoked',
        ended_by: alice,
      });
    }
    expect(liveRefreshOfEnded(store)).toBe(0);
    await harness.settle();
    expect(harness.received('admin.action')).toEqual([
      { action: 'revoke_user', by: alice, count: 4, detail: 'u-1' },
    ]);
  });
});

describe('revoking chosen sessions', () => {
  it('ends the chosen active ones in one go, skipping ended and unknown ones', async () => {
    const store = freshStore();
    const harness = await startSessionOperations(store);
    const chosen = await logins(harness, 3, 'u-1');
    const others = await logins(harness, 2, 'u-1');
    await harness.service.endSession(chosen[0]!.sid, 'logout', 'system');

    const sids = [...chosen.map((tokens) => tokens.sid), 'no-such-session'];
    expect(await harness.revoker.revokeSelected(sids, alice)).toBe(2);

    expect(await verdicts(harness, chosen)).toEqual(['revoked', 'revoked', 'revoked']);
    expect(await verdicts(harness, others)).toEqual(['ok', 'ok']);
    expect(sessionRow(harness, chosen[0]!.sid)?.end_reason).toBe('logout');
    expect(sessionRow(harness, chosen[1]!.sid)).toMatchObject({
      end_reason: 'revoked',
      ended_by: alice,
    });
    expect(liveRefreshOfEnded(store)).toBe(0);
    await harness.settle();
    expect(harness.received('session.ended')).toHaveLength(3);
    expect(harness.received('admin.action')).toEqual([
      { action: 'revoke_selected', by: alice, count: 2, detail: '4 chosen' },
    ]);
  });
});

describe('revoking by query', () => {
  it('previews the active sessions the filter matches and revokes exactly those', async () => {
    const store = freshStore();
    const harness = await startSessionOperations(store, { chunkSize: 2 });
    const mobile = await logins(harness, 5, 'u-1', 'mobile');
    const web = await logins(harness, 3, 'u-1', 'web');
    await harness.service.endSession(mobile[4]!.sid, 'logout', 'system');
    const filter = { clientId: 'mobile' };

    const preview = harness.revoker.previewQuery(filter);
    expect(preview).toBe(4);
    // Only active sessions can be revoked, whatever status the filter asks for.
    expect(harness.revoker.previewQuery({ ...filter, status: 'ended' })).toBe(4);

    const job = await harness.revoker.startQuery(filter, alice, preview);
    expect(job.total).toBe(4);
    await harness.until(() =>
      harness.received('sessions.revoke_progress').some((p) => p.state === 'done'),
    );

    const revoked = store.db
      .prepare("SELECT count(*) FROM sessions WHERE end_reason = 'revoked' AND ended_by = ?")
      .pluck()
      .get(alice);
    expect(revoked).toBe(preview);
    expect(await verdicts(harness, mobile)).toEqual(Array(5).fill('revoked'));
    expect(await verdicts(harness, web)).toEqual(['ok', 'ok', 'ok']);
    expect(liveRefreshOfEnded(store)).toBe(0);
    expect(harness.revoker.previewQuery(filter)).toBe(0);

    await harness.settle();
    expect(harness.received('sessions.revoke_progress')).toEqual([
      { jobId: job.jobId, done: 2, total: 4, state: 'running' },
      { jobId: job.jobId, done: 4, total: 4, state: 'done' },
    ]);
    expect(harness.received('admin.action')).toEqual([
      {
        action: 'revoke_query',
        by: alice,
        count: 4,
        detail: JSON.stringify({ jobId: job.jobId, filter }),
      },
    ]);
    expect(harness.errors).toEqual([]);
  });

  it('reports progress for every chunk, with the snapshot’s total', async () => {
    const harness = await startSessionOperations(freshStore(), { chunkSize: 3 });
    await logins(harness, 7, 'u-1');
    const job = await harness.revoker.startQuery({ userId: 'u-1' }, alice);
    // Logins after the start are not part of the job.
    const late = await logins(harness, 1, 'u-1');
    await harness.until(() =>
      harness.received('sessions.revoke_progress').some((p) => p.state === 'done'),
    );
    await harness.settle();
    expect(harness.received('sessions.revoke_progress')).toEqual([
      { jobId: job.jobId, done: 3, total: 7, state: 'running' },
      { jobId: job.jobId, done: 6, total: 7, state: 'running' },
      { jobId: job.jobId, done: 7, total: 7, state: 'done' },
    ]);
    expect(await verdicts(harness, late)).toEqual(['ok']);
  });

  it('finishes at once when nothing matches', async () => {
    const harness = await startSessionOperations(freshStore());
    await logins(harness, 2, 'u-1');
    const job = await harness.revoker.startQuery({ clientId: 'nobody' }, alice, 0);
    expect(job.total).toBe(0);
    await harness.settle();
    expect(harness.received('sessions.revoke_progress')).toEqual([
      { jobId: job.jobId, done: 0, total: 0, state: 'done' },
    ]);
  });

  it('refuses to start when the preview is stale, revoking nothing', async () => {
    const harness = await startSessionOperations(freshStore());
    const issued = await logins(harness, 3, 'u-1', 'mobile');
    const preview = harness.revoker.previewQuery({ clientId: 'mobile' });
    issued.push(...(await logins(harness, 1, 'u-9', 'mobile')));

    await expect(
      harness.revoker.startQuery({ clientId: 'mobile' }, alice, preview),
    ).rejects.toMatchObject({
      code: 'ERR_SESSIONS_PREVIEW_STALE',
      message: expect.stringContaining('matches 4 active sessions, not the 3 previewed'),
    });
    expect(await verdicts(harness, issued)).toEqual(Array(4).fill('ok'));
    await harness.settle();
    expect(harness.received('admin.action')).toEqual([]);
    expect(harness.received('session.ended')).toEqual([]);
  });

  it('cancels after the current chunk, leaving what was revoked revoked and the rest active', async () => {
    const store = freshStore();
    const harness = await startSessionOperations(store, { chunkSize: 2 });
    const issued = await logins(harness, 10, 'u-1');
    const job = await harness.revoker.startQuery({ userId: 'u-1' }, alice, 10);

    const final = await harness.revoker.cancelQuery(job.jobId, 'admin:bob');

    expect(final).toMatchObject({ jobId: job.jobId, total: 10, state: 'cancelled' });
    expect(final.done).toBeGreaterThan(0);
    expect(final.done).toBeLessThan(10);
    const ended = store.db
      .prepare("SELECT sid FROM sessions WHERE status = 'ended'")
      .pluck()
      .all() as string[];
    expect(ended).toHaveLength(final.done);
    expect(store.db.prepare('SELECT count(*) FROM revocations').pluck().get()).toBe(final.done);
    expect(liveRefreshOfEnded(store)).toBe(0);
    const expected = issued.map((tokens) => (ended.includes(tokens.sid) ? 'revoked' : 'ok'));
    expect(await verdicts(harness, issued)).toEqual(expected);

    await harness.settle();
    expect(harness.received('session.ended')).toHaveLength(final.done);
    expect(harness.received('sessions.revoke_progress').at(-1)).toEqual(final);
    expect(harness.received('admin.action')).toEqual([
      expect.objectContaining({ action: 'revoke_query', by: alice, count: 10 }),
      {
        action: 'cancel_revoke',
        by: 'admin:bob',
        count: 10 - final.done,
        detail: JSON.stringify({ jobId: job.jobId }),
      },
    ]);
    // Nothing more happens after the cancel.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(
      store.db.prepare("SELECT count(*) FROM sessions WHERE status = 'ended'").pluck().get(),
    ).toBe(final.done);
    await expect(harness.revoker.cancelQuery(job.jobId, alice)).rejects.toMatchObject({
      code: 'ERR_REVOKE_JOB_NOT_FOUND',
    });
  });
});

describe('revoking everything', () => {
  it('needs the exact confirmation phrase', async () => {
    const harness = await startSessionOperations(freshStore());
    const issued = await logins(harness, 2, 'u-1');
    for (const confirmation of ['', 'revoke all', 'Revoke all sessions', 'revoke all sessions ']) {
      await expect(harness.revoker.revokeAll(confirmation, alice)).rejects.toMatchObject({
        code: 'ERR_CONFIRMATION_REQUIRED',
        message: expect.stringContaining(`"${revokeAllConfirmationPhrase}"`),
      });
    }
    expect(await verdicts(harness, issued)).toEqual(['ok', 'ok']);
    await harness.settle();
    expect(harness.received('admin.action')).toEqual([]);
  });

  it('revokes every active session as a job, audited with the operator', async () => {
    const store = freshStore();
    const harness = await startSessionOperations(store, { chunkSize: 2 });
    // The mobile app wants back-channel logouts: each of its sessions queues one.
    store.db
      .prepare(
        `INSERT INTO clients (client_id, name, kind, backchannel_logout_uri, created_ms)
         VALUES ('mobile', 'Mobile', 'public', 'https://mobile.test/logout', 0)`,
      )
      .run();
    const issued = [
      ...(await logins(harness, 2, 'u-1', 'web')),
      ...(await logins(harness, 3, 'u-2', 'mobile')),
    ];

    const job = await harness.revoker.revokeAll(revokeAllConfirmationPhrase, alice);
    expect(job.total).toBe(5);
    await harness.until(() =>
      harness.received('sessions.revoke_progress').some((p) => p.state === 'done'),
    );

    expect(await verdicts(harness, issued)).toEqual(Array(5).fill('revoked'));
    expect(store.db.prepare('SELECT DISTINCT end_reason, ended_by FROM sessions').all()).toEqual([
      { end_reason: 'revoked', ended_by: alice },
    ]);
    expect(
      store.db.prepare('SELECT sid FROM logout_deliveries ORDER BY sid').pluck().all(),
    ).toEqual(
      issued
        .slice(2)
        .map((tokens) => tokens.sid)
        .sort(),
    );
    await harness.settle();
    expect(harness.received('admin.action')).toEqual([
      { action: 'revoke_all', by: alice, count: 5, detail: JSON.stringify({ jobId: job.jobId }) },
    ]);
  });
});
