import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempStores } from '../store/temp-store.test-helper';
import { manualClock, startTokenService } from './token-service.test-helper';

const stores = useTempStores();
const login = { userId: 'u-1', clientId: 'web', scope: 'openid profile' };
const minute = 60_000;

function freshStore() {
  return stores.open({ file: join(stores.folder(), 'tessera.db') });
}

describe('token service: access tokens', () => {
  it('issues RFC 9068 access tokens that the one verifier accepts', async () => {
    const { service } = await startTokenService(freshStore());
    const issued = await service.login(login);
    const [header, payload] = issued.accessToken
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(payload).toMatchObject({
      sub: 'u-1',
      client_id: 'web',
      sid: issued.sid,
      scope: 'openid profile',
    });
    expect(payload.exp - payload.iat).toBe(15 * 60);
    expect(await service.verify(issued.accessToken)).toMatchObject({ ok: true });
    expect(issued.refreshToken).toMatch(/^[\w-]{43}$/);
  });

  it('never stores a refresh token, only its hash', async () => {
    const store = freshStore();
    const { service } = await startTokenService(store);
    const issued = await service.login(login);
    const rows = store.db.prepare('SELECT token_hash FROM refresh_tokens').all() as {
      token_hash: Buffer;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toHaveLength(32);
    const dump = JSON.stringify(store.db.prepare('SELECT * FROM refresh_tokens').all());
    expect(dump).not.toContain(issued.refreshToken!);
  });
});

describe('token service: refresh rotation', () => {
  it('rotates on every use and detects reuse: family and session revoked, access tokens dead', async () => {
    const { service, events, settle } = await startTokenService(freshStore());
    const first = await service.login(login);
    const second = await service.refresh({ refreshToken: first.refreshToken!, clientId: 'web' });
    if (!('accessToken' in second)) throw new Error('refresh failed');
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = await service.refresh({ refreshToken: second.refreshToken!, clientId: 'web' });
    if (!('accessToken' in third)) throw new Error('refresh failed');

    const replay = await service.refresh({ refreshToken: first.refreshToken!, clientId: 'web' });
    expect(replay).toEqual({ ok: false, reason: 'reused' });
    await settle();
    expect(events.find((event) => event.type === 'refresh.reuse_detected')?.payload).toMatchObject({
      sid: first.sid,
      presentedGeneration: 1,
      latestGeneration: 3,
    });
    expect(events.find((event) => event.type === 'session.ended')?.payload).toMatchObject({
      reason: 'reuse_detected',
      by: 'system',
    });
    expect(await service.refresh({ refreshToken: third.refreshToken!, clientId: 'web' })).toEqual({
      ok: false,
      reason: 'family_revoked',
    });
    expect(await service.verify(third.accessToken)).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('refuses another client’s token without punishing the family', async () => {
    const { service } = await startTokenService(freshStore());
    const first = await service.login(login);
    expect(
      await service.refresh({ refreshToken: first.refreshToken!, clientId: 'mobile' }),
    ).toEqual({
      ok: false,
      reason: 'wrong_client',
    });
    expect(
      await service.refresh({ refreshToken: first.refreshToken!, clientId: 'web' }),
    ).toMatchObject({
      accessToken: expect.any(String),
    });
  });

  it('50 concurrent refreshes of one token yield exactly one successor; the family never forks', async () => {
    const store = freshStore();
    const { service } = await startTokenService(store);
    const first = await service.login(login);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        service.refresh({ refreshToken: first.refreshToken!, clientId: 'web' }),
      ),
    );
    expect(results.filter((result) => 'accessToken' in result)).toHaveLength(1);
    // The first replay is caught as reuse and ends the session; the rest find it ended.
    const refusals = results.flatMap((result) => ('reason' in result ? [result.reason] : []));
    expect(refusals).toHaveLength(49);
    expect(refusals.filter((reason) => reason === 'reused')).toHaveLength(1);
    const generations = store.db
      .prepare('SELECT generation, COUNT(*) AS n FROM refresh_tokens GROUP BY generation')
      .all();
    expect(generations).toEqual([
      { generation: 1, n: 1 },
      { generation: 2, n: 1 },
    ]);
    // With grace 0, concurrent use is indistinguishable from theft: nothing stays live.
    expect(
      store.db.prepare("SELECT COUNT(*) AS n FROM refresh_tokens WHERE status = 'active'").get(),
    ).toEqual({ n: 0 });
  });

  it('within the grace window the immediate predecessor gets the same successor back (no fork)', async () => {
    const store = freshStore();
    const { service, clock } = await startTokenService(store, {
      policy: { reuseGraceSeconds: 10 },
    });
    const first = await service.login(login);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        service.refresh({ refreshToken: first.refreshToken!, clientId: 'web' }),
      ),
    );
    const successors = new Set(
      results.map((result) => ('refreshToken' in result ? result.refreshToken : 'refused')),
    );
    expect([...successors]).toHaveLength(1);
    expect(successors.has('refused')).toBe(false);
    expect(
      store.db.prepare("SELECT COUNT(*) AS n FROM refresh_tokens WHERE status = 'active'").get(),
    ).toEqual({ n: 1 });

    // After the window, the same replay is reuse.
    clock.advance(11_000);
    expect(await service.refresh({ refreshToken: first.refreshToken!, clientId: 'web' })).toEqual({
      ok: false,
      reason: 'reused',
    });
  });

  it('only the immediate predecessor is forgiven, not an older one', async () => {
    const { service } = await startTokenService(freshStore(), {
      policy: { reuseGraceSeconds: 30 },
    });
    const first = await service.login(login);
    const second = await service.refresh({ refreshToken: first.refreshToken!, clientId: 'web' });
    if (!('refreshToken' in second)) throw new Error('refresh failed');
    await service.refresh({ refreshToken: second.refreshToken!, clientId: 'web' });
    expect(await service.refresh({ refreshToken: first.refreshToken!, clientId: 'web' })).toEqual({
      ok: false,
      reason: 'reused',
    });
  });

  it('ends the session at its idle deadline, to the second', async () => {
    const clock = manualClock();
    const { service, events, settle } = await startTokenService(freshStore(), {
      clock,
      policy: { sessionIdleSeconds: 3600, refreshIdleSeconds: 7200 },
    });
    const first = await service.login(login);
    clock.advance(3600 * 1000 - 1000);
    const kept = await service.refresh({ refreshToken: first.refreshToken!, clientId: 'web' });
    if (!('refreshToken' in kept)) throw new Error('refresh failed');
    clock.advance(3600 * 1000);
    expect(await service.refresh({ refreshToken: kept.refreshToken!, clientId: 'web' })).toEqual({
      ok: false,
      reason: 'session_ended',
    });
    await settle();
    expect(events.at(-2)?.payload).toMatchObject({ reason: 'idle_timeout' });
  });

  it('refuses a refresh token past its absolute lifetime', async () => {
    const clock = manualClock();
    const { service } = await startTokenService(freshStore(), {
      clock,
      policy: { refreshAbsoluteSeconds: 600, refreshIdleSeconds: 3600 },
    });
    let token = (await service.login(login)).refreshToken!;
    for (let i = 0; i < 2; i += 1) {
      clock.advance(4 * minute);
      const next = await service.refresh({ refreshToken: token, clientId: 'web' });
      if (!('refreshToken' in next)) throw new Error('refresh failed');
      token = next.refreshToken!;
    }
    clock.advance(3 * minute);
    expect(await service.refresh({ refreshToken: token, clientId: 'web' })).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});

describe('token service: introspection of refresh tokens', () => {
  // Introspection and rotation read the same limits (`refreshTimeLimit`): a token described as
  // active must be one a refresh would accept, to the second, whichever limit comes first.
  const longest = { refreshIdleSeconds: 3600, refreshAbsoluteSeconds: 3600 };
  const cases = {
    "the token's idle expiry": { ...longest, refreshIdleSeconds: 600 },
    "the token's absolute expiry": { ...longest, refreshAbsoluteSeconds: 600 },
    "the session's idle timeout": { ...longest, sessionIdleSeconds: 600 },
    "the session's maximum lifetime": { ...longest, sessionMaxSeconds: 600 },
  };
  for (const [limit, policy] of Object.entries(cases)) {
    it(`agrees with rotation at ${limit}`, async () => {
      const clock = manualClock();
      const { service } = await startTokenService(freshStore(), { clock, policy });
      const before = (await service.login(login)).refreshToken!;
      const at = (await service.login(login)).refreshToken!;
      clock.advance(599_000);
      expect(service.describeRefreshToken(before)).toMatchObject({ sub: 'u-1', clientId: 'web' });
      expect(await service.refresh({ refreshToken: before, clientId: 'web' })).toHaveProperty(
        'accessToken',
      );
      clock.advance(1_000);
      expect(service.describeRefreshToken(at)).toBeNull();
      expect(await service.refresh({ refreshToken: at, clientId: 'web' })).toMatchObject({
        ok: false,
      });
    });
  }
});

describe('token service: revocation', () => {
  it('revokes at once, including a token already in the verify cache, and survives a restart', async () => {
    const folder = stores.folder();
    const file = join(folder, 'tessera.db');
    const store = stores.open({ file });
    const { service, masterKey, clock } = await startTokenService(store);
    const issued = await service.login(login);
    expect(await service.verify(issued.accessToken)).toMatchObject({ ok: true });
    expect(await service.verify(issued.accessToken)).toMatchObject({ ok: true, cached: true });
    expect(await service.endSession(issued.sid, 'revoked', 'admin:ops')).toBe(true);
    expect(await service.verify(issued.accessToken)).toMatchObject({
      ok: false,
      reason: 'revoked',
    });
    store.close();

    const reopened = stores.open({ file });
    const restarted = await startTokenService(reopened, { masterKey, clock });
    expect(await restarted.service.verify(issued.accessToken)).toMatchObject({
      ok: false,
      reason: 'revoked',
    });
  });
});

describe('token service: signing keys', () => {
  it('rotates: the old key keeps verifying its tokens as retired; revoking it kills them at once', async () => {
    const { service } = await startTokenService(freshStore());
    const before = await service.login(login);
    const oldKid = service.keys.list().keys.find((key) => key.state === 'active')!.kid;
    await service.keys.rotate(undefined, 'admin:ops');
    const listed = service.keys.list();
    expect(listed.keys.find((key) => key.kid === oldKid)).toMatchObject({
      state: 'retired',
      outstandingTokens: 1,
      published: true,
    });
    expect(listed.keys.filter((key) => key.state === 'active')).toHaveLength(1);
    expect(listed.keys.filter((key) => key.state === 'next')).toHaveLength(1);
    expect(listed.jwks.keys.map((key) => key.kid)).toContain(oldKid);
    expect(JSON.stringify(listed)).not.toMatch(/"d"|private/);

    expect(await service.verify(before.accessToken)).toMatchObject({ ok: true });
    const after = await service.login(login);
    expect(after.accessToken.split('.')[0]).not.toBe(before.accessToken.split('.')[0]);

    await service.keys.revoke(oldKid, 'admin:ops');
    expect(await service.verify(before.accessToken)).toMatchObject({
      ok: false,
      reason: 'key_revoked',
    });
    expect(service.keys.list().jwks.keys.map((key) => key.kid)).not.toContain(oldKid);
    expect(await service.verify(after.accessToken)).toMatchObject({ ok: true });
  });

  it('revokes the next key without touching the active one, and publishes a fresh next', async () => {
    const { service } = await startTokenService(freshStore());
    const issued = await service.login(login);
    const keys = () => service.keys.list().keys;
    const active = keys().find((key) => key.state === 'active')!.kid;
    const next = keys().find((key) => key.state === 'next')!.kid;

    await service.keys.revoke(next, 'admin:ops');
    expect(keys().find((key) => key.kid === next)?.state).toBe('revoked');
    expect(
      keys()
        .filter((key) => key.state === 'active')
        .map((key) => key.kid),
    ).toEqual([active]);
    const fresh = keys().filter((key) => key.state === 'next');
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.kid).not.toBe(next);
    expect(service.keys.list().jwks.keys.map((key) => key.kid)).not.toContain(next);
    expect(await service.verify(issued.accessToken)).toMatchObject({ ok: true });
  });

  it('rotates on schedule from policy', async () => {
    const clock = manualClock();
    const { service } = await startTokenService(freshStore(), {
      clock,
      policy: { keyRotationSeconds: 3600 },
    });
    expect(await service.keys.rotateIfDue()).toBe(false);
    clock.advance(3600 * 1000);
    expect(await service.keys.rotateIfDue()).toBe(true);
    expect(service.keys.list().keys.filter((key) => key.state === 'retired')).toHaveLength(1);
  });

  it('keeps private keys sealed in SQLite, and fails closed when the ciphertext is tampered with', async () => {
    const folder = stores.folder();
    const file = join(folder, 'tessera.db');
    const store = stores.open({ file });
    const { masterKey, clock } = await startTokenService(store);
    const row = store.db
      .prepare("SELECT kid, private_key_sealed FROM signing_keys WHERE state = 'active'")
      .get() as {
      kid: string;
      private_key_sealed: Buffer;
    };
    expect(row.private_key_sealed.toString('latin1')).not.toContain('PRIVATE KEY');
    const tampered = Buffer.from(row.private_key_sealed);
    tampered[tampered.length - 1]! ^= 1;
    store.db
      .prepare('UPDATE signing_keys SET private_key_sealed = ? WHERE kid = ?')
      .run(tampered, row.kid);
    store.close();

    const restarted = await startTokenService(stores.open({ file }), { masterKey, clock });
    expect(restarted.service.unavailableReason()).toMatch(/tamper|altered|damaged/i);
    await expect(restarted.service.login(login)).rejects.toMatchObject({
      code: 'ERR_TOKENS_UNAVAILABLE',
    });
    expect(restarted.service.keys.list().keys.length).toBeGreaterThan(0);
  });

  it('refuses to issue when the master key is not the one the keys were sealed with', async () => {
    const file = join(stores.folder(), 'tessera.db');
    const store = stores.open({ file });
    await startTokenService(store);
    store.close();
    const other = await startTokenService(stores.open({ file }));
    expect(other.service.unavailableReason()).toMatch(/another master key/);
  });
});
