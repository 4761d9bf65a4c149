import { describe, expect, it } from 'vitest';
import { roleAllows, type StatusDto } from '../../shared/contract';
import type { Caller } from './caller';
import { createDispatcher, type Handlers } from './dispatch';
import { TesseraError } from './tessera-error';

const support: Caller = { role: 'support', name: 'support link' };
const admin: Caller = { role: 'admin', name: 'admin link' };
// Only its identity matters to the dispatcher: it passes the value through untouched.
const status = { version: 't', role: 'support', dataDir: '/d' } as unknown as StatusDto;
const keys = { keys: [], jwks: { keys: [] } };

function dispatcherWith(inspect: Handlers['tokens.inspect']) {
  const logged: unknown[] = [];
  const rotated: string[] = [];
  const handlers: Handlers = {
    status: () => status,
    'tokens.inspect': inspect,
    'sessions.list': () => ({ sessions: [], nextCursor: null }),
    'sessions.get': () => {
      throw new Error('unreached');
    },
    'sessions.fleetTimeline': () => {
      throw new Error('unreached');
    },
    'sessions.ending': () => {
      throw new Error('unreached');
    },
    'sessions.revokeSelected': () => {
      throw new Error('unreached');
    },
    'clients.list': () => [],
    'clients.create': () => {
      throw new Error('unreached');
    },
    'users.list': () => [],
    'users.create': () => {
      throw new Error('unreached');
    },
    'sync.byClient': () => [],
    'sync.deliveries': () => [],
    'sync.sessionPropagation': () => {
      throw new Error('unreached');
    },
    'sync.loginReports': () => [],
    'sync.retry': () => ({ requeued: 0 }),
    'sessions.revoke': () => ({ wasActive: true }),
    'sessions.revokeUser': () => ({ revoked: 0 }),
    'sessions.previewRevoke': () => ({ count: 0 }),
    'sessions.revokeQuery': () => ({ jobId: 'job', total: 0 }),
    'sessions.revokeAll': () => ({ jobId: 'job', total: 0 }),
    'sessions.cancelRevoke': () => {
      throw new Error('unreached');
    },
    'events.query': () => ({ events: [], nextBeforeSeq: null }),
    'policy.get': () => {
      throw new Error('unreached');
    },
    'policy.set': () => {
      throw new Error('unreached');
    },
    'policy.lint': () => [],
    'policy.whatIf': () => {
      throw new Error('unreached');
    },
    'keys.list': () => keys,
    'keys.rotate': (_input, caller) => {
      rotated.push(caller.name);
      return keys;
    },
    'keys.retire': () => keys,
    'keys.revoke': () => keys,
    'demo.status': () => ({ enabled: false }),
    'demo.configure': () => ({ enabled: false }),
  };
  return { dispatch: createDispatcher(handlers, (_m, e) => logged.push(e)), logged, rotated };
}

describe('dispatch', () => {
  it('refuses names outside the contract, including prototype keys', async () => {
    const { dispatch } = dispatcherWith(() => Promise.reject(new Error('unreached')));
    for (const name of ['nope', '__proto__', 'constructor', 42]) {
      expect(await dispatch(name, {}, support)).toMatchObject({
        ok: false,
        error: { code: 'ERR_UNKNOWN_CALL' },
      });
    }
  });

  it('validates input before the implementation runs and names the field', async () => {
    let ran = false;
    const { dispatch } = dispatcherWith(async () => {
      ran = true;
      throw new Error('unreached');
    });
    const result = await dispatch(
      'tokens.inspect',
      { token: 'a', key: { kind: 'issuer', url: 'ftp://x' } },
      support,
    );
    expect(ran).toBe(false);
    expect(result).toMatchObject({ ok: false, error: { code: 'ERR_VALIDATION' } });
    if (!result.ok) expect(result.error.message).toContain('key.url');

    const extra = await dispatch('status', { sneaky: true }, support);
    expect(extra).toMatchObject({ ok: false, error: { code: 'ERR_VALIDATION' } });
  });

  it('passes a TesseraError through and hides anything else behind ERR_INTERNAL', async () => {
    const known = dispatcherWith(() =>
      Promise.reject(new TesseraError('ERR_TOKEN_MALFORMED', 'Not a JWT.')),
    );
    expect(await known.dispatch('tokens.inspect', { token: 'x' }, support)).toEqual({
      ok: false,
      error: { code: 'ERR_TOKEN_MALFORMED', message: 'Not a JWT.' },
    });

    const secret = new Error('SQLITE_CORRUPT at /home/me/secret/path');
    const unknown = dispatcherWith(() => Promise.reject(secret));
    const result = await unknown.dispatch('tokens.inspect', { token: 'x' }, support);
    expect(result).toMatchObject({ ok: false, error: { code: 'ERR_INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('SQLITE');
    expect(unknown.logged).toEqual([secret]);
  });

  it('returns the implementation’s value', async () => {
    const { dispatch } = dispatcherWith(() => Promise.reject(new Error('unreached')));
    expect(await dispatch('status', undefined, support)).toEqual({ ok: true, value: status });
  });
});

describe('dispatch: roles', () => {
  it('refuses admin calls to support before validating or running them', async () => {
    const { dispatch, rotated } = dispatcherWith(() => Promise.reject(new Error('unreached')));
    expect(await dispatch('keys.rotate', { alg: 'not-an-alg' }, support)).toMatchObject({
      ok: false,
      error: { code: 'ERR_FORBIDDEN' },
    });
    expect(rotated).toEqual([]);
    expect(await dispatch('keys.rotate', {}, admin)).toEqual({ ok: true, value: keys });
    expect(rotated).toEqual(['admin link']);
  });

  it('lets support read keys', async () => {
    const { dispatch } = dispatcherWith(() => Promise.reject(new Error('unreached')));
    expect(await dispatch('keys.list', {}, support)).toEqual({ ok: true, value: keys });
  });
});

describe('roleAllows', () => {
  it('lets admin do everything and support only support calls', () => {
    expect(roleAllows('admin', 'admin')).toBe(true);
    expect(roleAllows('admin', 'support')).toBe(true);
    expect(roleAllows('support', 'support')).toBe(true);
    expect(roleAllows('support', 'admin')).toBe(false);
  });
});
