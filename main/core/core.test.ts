import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultPolicy,
  type EventPage,
  type KeysDto,
  type PolicyDto,
  type SessionPage,
  type StatusDto,
  type TokenInspection,
} from '../../shared/contract';
import type { Caller } from './caller';
import { createCore, type Core } from './core';

const admin: Caller = { role: 'admin', name: 'admin link' };
const support: Caller = { role: 'support', name: 'support link' };
const issuer = 'http://127.0.0.1:9';
const opened: Array<{ core: Core; dir: string }> = [];

afterEach(() => {
  for (const { core, dir } of opened.splice(0)) {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function start(
  env: NodeJS.ProcessEnv = { TESSERA_MASTER_KEY: randomBytes(32).toString('base64') },
) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-core-'));
  const core = await createCore({
    dataDir: join(dir, 'data'),
    version: 'test',
    issuer,
    env,
    keychain: null,
    log: () => {},
    logError: () => {},
  });
  opened.push({ core, dir });
  return core;
}

async function value<T>(
  result: Promise<{ ok: boolean; value?: unknown; error?: unknown }>,
): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(JSON.stringify(settled.error));
  return settled.value as T;
}

describe('core through the contract', () => {
  it('reports the keychain backend, the database and counts in status', async () => {
    const core = await start();
    const status = await value<StatusDto>(core.dispatch('status', {}, support));
    expect(status.keychain.backend).toBe('environment');
    expect(status.database.file).toMatch(/tessera\.db$/);
    expect(status.database.problem).toBeNull();
    expect(status.issuingRefused).toBeNull();
    expect(status.counts.signingKeys).toBe(2);
    expect(status.issuer).toBe(issuer);
  });

  it('falls back to an owner-only key file, and says so, when there is no keychain', async () => {
    const core = await start({});
    const status = await value<StatusDto>(core.dispatch('status', {}, support));
    expect(status.keychain.backend).toBe('key-file');
    expect(status.keychain.warning).toMatch(/keychain/i);
    expect(statSync(join(core.dataDir, 'master.key')).mode & 0o777).toBe(0o600);
  });

  it('lists keys without private material; support may not rotate, admin may', async () => {
    const core = await start();
    const listed = await value<KeysDto>(core.dispatch('keys.list', {}, support));
    expect(listed.keys.map((key) => key.state).sort()).toEqual(['active', 'next']);
    expect(JSON.stringify(listed)).not.toMatch(/"d":|PRIVATE/);
    expect(await core.dispatch('keys.rotate', {}, support)).toMatchObject({
      ok: false,
      error: { code: 'ERR_FORBIDDEN' },
    });
    const rotated = await value<KeysDto>(core.dispatch('keys.rotate', { alg: 'EdDSA' }, admin));
    expect(rotated.keys.find((key) => key.state === 'active')?.alg).toBe('EdDSA');
    expect(rotated.keys.some((key) => key.state === 'retired')).toBe(true);
    expect(await core.dispatch('keys.revoke', { kid: '../../etc/passwd' }, admin)).toMatchObject({
      ok: false,
      error: { code: 'ERR_KEY_NOT_FOUND' },
    });
  });

  it('gives the inspector the server truth for our tokens: session, family, revocation, key state', async () => {
    const core = await start();
    const issued = await core.tokens.login({ userId: 'maria', clientId: 'web', scope: 'openid' });
    const live = await value<TokenInspection>(
      core.dispatch('tokens.inspect', { token: issued.accessToken }, support),
    );
    expect(live.server).toMatchObject({
      verification: { ok: true },
      keyState: 'active',
      session: { sid: issued.sid, userId: 'maria', status: 'active', revoked: false },
      families: [{ generations: 1, liveGeneration: 1, revoked: false }],
    });

    await core.tokens.endSession(issued.sid, 'revoked', 'admin:test');
    const dead = await value<TokenInspection>(
      core.dispatch('tokens.inspect', { token: issued.accessToken }, support),
    );
    expect(dead.server).toMatchObject({
      verification: { ok: false, reason: 'revoked' },
      session: { status: 'ended', endReason: 'revoked', endedBy: 'admin:test', revoked: true },
      families: [{ liveGeneration: null }],
    });
  });

  it('has nothing to say on the server side about other issuers’ tokens', async () => {
    const core = await start();
    const header = Buffer.from('{"alg":"ES256","typ":"at+jwt"}').toString('base64url');
    const payload = Buffer.from('{"iss":"https://elsewhere.example","sid":"x"}').toString(
      'base64url',
    );
    const inspected = await value<TokenInspection>(
      core.dispatch('tokens.inspect', { token: `${header}.${payload}.c2ln` }, support),
    );
    expect(inspected.server).toBeNull();
  });

  it('versions the policy, audits each change with old and new values, and issues by it', async () => {
    const core = await start();
    expect(await value<PolicyDto>(core.dispatch('policy.get', {}, support))).toMatchObject({
      version: 0,
      policy: defaultPolicy,
    });
    const next = { ...defaultPolicy, accessTokenSeconds: 3600 };
    expect(await core.dispatch('policy.set', { policy: next }, support)).toMatchObject({
      ok: false,
      error: { code: 'ERR_FORBIDDEN' },
    });
    const bad = await core.dispatch(
      'policy.set',
      { policy: { ...next, accessTokenSeconds: -5 } },
      admin,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'ERR_VALIDATION' } });
    if (!bad.ok) expect(bad.error.message).toContain('policy.accessTokenSeconds');

    const stored = await value<PolicyDto>(core.dispatch('policy.set', { policy: next }, admin));
    expect(stored).toMatchObject({ version: 1, changedBy: 'admin:admin link' });
    const history = await value<EventPage>(
      core.dispatch('events.query', { filter: { types: ['policy.changed'] } }, support),
    );
    expect(history.events[0]?.payload).toMatchObject({
      version: 1,
      previous: { accessTokenSeconds: 900 },
      next: { accessTokenSeconds: 3600 },
    });
    const issued = await core.tokens.login({ userId: 'maria', clientId: 'web', scope: '' });
    expect(issued.expiresInSeconds).toBe(3600);
  });

  it('refuses a policy save based on a version another operator has since replaced', async () => {
    const core = await start();
    const mine = { ...defaultPolicy, accessTokenSeconds: 1800 };
    const theirs = { ...defaultPolicy, accessTokenSeconds: 7200 };
    expect(
      await value<PolicyDto>(
        core.dispatch('policy.set', { policy: theirs, basedOnVersion: 0 }, admin),
      ),
    ).toMatchObject({ version: 1 });
    const late = await core.dispatch('policy.set', { policy: mine, basedOnVersion: 0 }, admin);
    expect(late).toMatchObject({ ok: false, error: { code: 'ERR_POLICY_CONFLICT' } });
    if (!late.ok)
      expect(late.error.message).toMatch(/Version 1 was stored by .* after the version 0/);
    expect(await value<PolicyDto>(core.dispatch('policy.get', {}, support))).toMatchObject({
      version: 1,
      policy: { accessTokenSeconds: 7200 },
    });
    expect(
      await value<PolicyDto>(
        core.dispatch('policy.set', { policy: mine, basedOnVersion: 1 }, admin),
      ),
    ).toMatchObject({ version: 2 });
  });

  it('lints a draft policy and plays it against a user’s week', async () => {
    const core = await start();
    const draft = {
      ...defaultPolicy,
      cookieMaxAgeSeconds: 3600,
      refreshAbsoluteSeconds: 7 * 86_400,
    };
    const findings = await value<{ id: string; message: string }[]>(
      core.dispatch('policy.lint', { policy: draft }, support),
    );
    expect(findings[0]).toMatchObject({ id: 'cookie_shorter_than_tokens' });
    const loginMs = Date.UTC(2026, 10, 23, 8, 0, 0);
    const outcome = await value<{ loggedOutAtMs: number; cause: string }>(
      core.dispatch(
        'policy.whatIf',
        {
          policy: draft,
          pattern: {
            startMs: loginMs,
            activeFrom: '09:00',
            activeTo: '17:00',
            days: [1, 2, 3, 4, 5],
            refreshEverySeconds: 300,
            utcOffsetMinutes: 60,
          },
        },
        support,
      ),
    );
    expect(outcome).toMatchObject({ loggedOutAtMs: loginMs + 3_600_000, cause: 'cookie' });
  });

  it('revokes through the contract: support may list and preview, only admin may revoke', async () => {
    const core = await start();
    const maria = await core.tokens.login({ userId: 'maria', clientId: 'web', scope: '' });
    await core.tokens.login({ userId: 'maria', clientId: 'mobile', scope: '' });
    await core.tokens.login({ userId: 'omar', clientId: 'web', scope: '' });

    const page = await value<SessionPage>(
      core.dispatch('sessions.list', { filter: { search: 'mar' } }, support),
    );
    expect(page.sessions.map((session) => session.userId)).toEqual(['maria', 'maria']);
    expect(
      await value<{ count: number }>(
        core.dispatch('sessions.previewRevoke', { filter: { userId: 'maria' } }, support),
      ),
    ).toEqual({ count: 2 });
    const detail = await value<{ session: { sid: string }; families: unknown[] }>(
      core.dispatch('sessions.get', { sid: maria.sid }, support),
    );
    expect(detail.session.sid).toBe(maria.sid);
    expect(detail.families).toHaveLength(1);
    expect(await core.dispatch('sessions.revoke', { sid: maria.sid }, support)).toMatchObject({
      ok: false,
      error: { code: 'ERR_FORBIDDEN' },
    });

    expect(await value(core.dispatch('sessions.revoke', { sid: maria.sid }, admin))).toEqual({
      wasActive: true,
    });
    expect(await core.tokens.verify(maria.accessToken)).toMatchObject({
      ok: false,
      reason: 'revoked',
    });
    expect(await value(core.dispatch('sessions.revokeUser', { userId: 'maria' }, admin))).toEqual({
      revoked: 1,
    });
    expect(await core.dispatch('sessions.revokeAll', { confirmation: 'yes' }, admin)).toMatchObject(
      {
        ok: false,
        error: { code: 'ERR_CONFIRMATION_REQUIRED' },
      },
    );
    const audit = await value<EventPage>(
      core.dispatch('events.query', { filter: { types: ['admin.action'] } }, support),
    );
    expect(audit.events.map((event) => event.payload)).toEqual([
      expect.objectContaining({ action: 'revoke_user', by: 'admin:admin link', count: 1 }),
      expect.objectContaining({ action: 'revoke_session', by: 'admin:admin link', count: 1 }),
    ]);
  });
});
