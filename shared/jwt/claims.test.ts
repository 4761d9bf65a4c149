import { describe, expect, it } from 'vitest';
import { describeClaims, describeHeader } from './claims';
import { decodeJwt } from './decode';
import { makeToken } from './fixtures.test-helper';
import type { JsonObject } from './types';

/** 2026-11-23T10:02:00Z */
const now = 1_795_428_120;
const hour = 3_600;
const day = 86_400;

function payloadOf(json: string): JsonObject {
  const result = decodeJwt(makeToken({ alg: 'RS256' }, json));
  if (!result.ok) throw new Error(result.error.message);
  return result.jwt.payload;
}

describe('describeClaims', () => {
  it('lists every claim in payload order with its value', () => {
    const payload = {
      sub: 'user-1',
      tenant: 'acme',
      iss: 'https://issuer.example',
      aud: ['a', 'b'],
    };
    const views = describeClaims(payload, now);
    expect(views.map((view) => view.name)).toEqual(['sub', 'tenant', 'iss', 'aud']);
    expect(views.map((view) => view.value)).toEqual([
      'user-1',
      'acme',
      'https://issuer.example',
      ['a', 'b'],
    ]);
  });

  it('explains the expiry claim for a support person', () => {
    expect(describeClaims({ exp: now + hour }, now)[0]).toMatchObject({
      name: 'exp',
      explanation: 'Expiry: after this moment the token must be rejected.',
      registered: true,
    });
  });

  it.each([
    'iss',
    'sub',
    'aud',
    'exp',
    'nbf',
    'iat',
    'jti',
    'client_id',
    'scope',
    'sid',
    'auth_time',
    'acr',
    'amr',
    'azp',
    'nonce',
    'cnf',
    'act',
    'may_act',
    'roles',
    'groups',
    'entitlements',
    'email',
    'name',
  ])('explains the registered claim %s in one sentence', (name) => {
    const [view] = describeClaims({ [name]: 'x' }, now);
    expect(view?.registered).toBe(true);
    expect(view?.explanation).toMatch(/^[A-Z][^\n]*\.$/);
  });

  it.each(['tenant', 'constructor', 'toString', 'hasOwnProperty', '__proto__'])(
    'treats %s as a private claim',
    (name) => {
      const payload = payloadOf(`{"${name}":"x"}`);
      expect(describeClaims(payload, now)).toEqual([
        { name, value: 'x', explanation: '', registered: false },
      ]);
    },
  );

  it('renders time claims relative to now', () => {
    const views = describeClaims(
      { exp: now + 3 * hour, iat: now - 2 * day, nbf: now, auth_time: now - 90 },
      now,
    );
    expect(views.map((view) => view.time)).toEqual([
      { epochSeconds: now + 3 * hour, iso: '2026-11-23T13:02:00Z', relative: 'in 3 h' },
      { epochSeconds: now - 2 * day, iso: '2026-11-21T10:02:00Z', relative: '2 days ago' },
      { epochSeconds: now, iso: '2026-11-23T10:02:00Z', relative: 'just now' },
      { epochSeconds: now - 90, iso: '2026-11-23T10:00:30Z', relative: '1 min ago' },
    ]);
  });

  it('gives no time to time claims that are not finite numbers, nor to other numbers', () => {
    const payload = payloadOf('{"exp":"tomorrow","nbf":1e400,"iat":null,"jti":1795428120}');
    for (const view of describeClaims(payload, now)) expect(view).not.toHaveProperty('time');
  });

  it('survives times outside the range of dates', () => {
    const [view] = describeClaims({ exp: 1e15 }, now);
    expect(view?.time?.iso).toBe('invalid date');
    expect(view?.time?.relative).toMatch(/^in \d+ days$/);
  });
});

describe('describeHeader', () => {
  it.each([
    'alg',
    'typ',
    'kid',
    'cty',
    'crit',
    'jku',
    'x5u',
    'jwk',
    'x5c',
    'x5t',
    'x5t#S256',
    'b64',
  ])('explains the header parameter %s', (name) => {
    const [view] = describeHeader({ [name]: 'x' });
    expect(view?.registered).toBe(true);
    expect(view?.explanation).toMatch(/^[A-Z][^\n]*\.$/);
  });

  it('lists parameters in order, with unknown ones unregistered and no times', () => {
    expect(describeHeader({ alg: 'RS256', zip: 'DEF', exp: now })).toEqual([
      {
        name: 'alg',
        value: 'RS256',
        explanation: 'Algorithm: how the token is signed; "none" means it is not signed at all.',
        registered: true,
      },
      { name: 'zip', value: 'DEF', explanation: '', registered: false },
      { name: 'exp', value: now, explanation: '', registered: false },
    ]);
  });
});
