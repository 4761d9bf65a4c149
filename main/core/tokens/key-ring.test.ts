import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TesseraError } from '../tessera-error';
import { createKeyRing, type KeyState, type RingKey } from './key-ring';

const ecPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const es = { kid: 'es-1', alg: 'ES256', state: 'active', ...ecPair() } satisfies RingKey;
const ed = {
  kid: 'ed-1',
  alg: 'EdDSA',
  state: 'next',
  ...generateKeyPairSync('ed25519'),
} satisfies RingKey;
const old = {
  kid: 'es-0',
  alg: 'ES256',
  state: 'retired',
  publicKey: ecPair().publicKey,
} satisfies RingKey;
const bad = {
  kid: 'es-x',
  alg: 'ES256',
  state: 'revoked',
  publicKey: ecPair().publicKey,
} satisfies RingKey;

describe('createKeyRing', () => {
  it('looks keys up by exact kid and knows the active one', () => {
    const ring = createKeyRing();
    ring.set([es, ed, old, bad]);
    expect(ring.get('es-1')).toMatchObject({ kid: 'es-1', state: 'active' });
    expect(ring.active()?.kid).toBe('es-1');
    for (const kid of ['ES-1', 'es-1 ', '../es-1', '__proto__', 'constructor', '']) {
      expect(ring.get(kid)).toBeUndefined();
    }
  });

  it('lists the algorithms of all its keys', () => {
    const ring = createKeyRing();
    expect([...ring.algorithms()]).toEqual([]);
    ring.set([es, ed]);
    expect([...ring.algorithms()].sort()).toEqual(['ES256', 'EdDSA']);
  });

  it('replaces its keys as a whole', () => {
    const ring = createKeyRing();
    ring.set([es, ed]);
    ring.set([{ ...es, state: 'retired' }]);
    expect(ring.get('ed-1')).toBeUndefined();
    expect(ring.active()).toBeUndefined();
    expect([...ring.algorithms()]).toEqual(['ES256']);
  });

  it('is not changed by later changes to the objects it was given', () => {
    const ring = createKeyRing();
    const key = { ...es, state: 'active' as KeyState };
    ring.set([key]);
    key.state = 'revoked';
    expect(ring.get('es-1')?.state).toBe('active');
  });

  it.each<[string, RingKey[]]>([
    ['a duplicate kid', [es, { ...old, kid: 'es-1' }]],
    ['two active keys', [es, { ...ed, state: 'active' }]],
    ['a key of another algorithm', [{ ...es, alg: 'EdDSA' }]],
    ['a P-384 key for ES256', [{ ...es, ...generateKeyPairSync('ec', { namedCurve: 'P-384' }) }]],
    [
      'a short RSA key',
      [{ ...es, alg: 'RS256', ...generateKeyPairSync('rsa', { modulusLength: 1024 }) }],
    ],
    ['a private key where the public one goes', [{ ...es, publicKey: es.privateKey }]],
    ['halves of two different pairs', [{ ...es, privateKey: ecPair().privateKey }]],
    ['an empty kid', [{ ...es, kid: '' }]],
  ])('refuses %s, keeping the keys it had', (_, keys) => {
    const ring = createKeyRing();
    ring.set([ed]);
    expect(() => ring.set(keys)).toThrow(TesseraError);
    expect(ring.get('ed-1')).toBeDefined();
  });
});
