import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { RingKey } from './key-ring';
import { signAccessToken, type AccessTokenClaims } from './sign-access-token';

const keys: RingKey[] = [
  {
    kid: 'es',
    alg: 'ES256',
    state: 'active',
    ...generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  },
  { kid: 'ed', alg: 'EdDSA', state: 'active', ...generateKeyPairSync('ed25519') },
  {
    kid: 'rs',
    alg: 'RS256',
    state: 'active',
    ...generateKeyPairSync('rsa', { modulusLength: 2048 }),
  },
];

const claims: AccessTokenClaims = {
  iss: 'https://tessera.test',
  sub: 'user-1',
  aud: 'https://api.test',
  exp: 4_000_000_000,
  iat: 3_999_999_100,
  jti: 'jti-1',
  client_id: 'console',
  sid: 'sid-1',
  scope: '',
  auth_time: 3_999_999_000,
};

describe('signAccessToken', () => {
  // jose is an independent implementation: its acceptance shows the tokens are standard JWS.
  it.each(keys)('signs $alg tokens that jose verifies as at+jwt', async (key) => {
    const token = await signAccessToken(claims, key);
    expect(decodeProtectedHeader(token)).toEqual({ alg: key.alg, typ: 'at+jwt', kid: key.kid });
    const { payload } = await jwtVerify(token, key.publicKey, {
      typ: 'at+jwt',
      algorithms: [key.alg],
      currentDate: new Date(3_999_999_500_000),
    });
    expect(payload).toEqual(claims);
  });

  it('writes ES256 signatures as r || s, 64 bytes', async () => {
    const [es] = keys;
    const signature = (await signAccessToken(claims, es as RingKey)).split('.')[2] ?? '';
    expect(Buffer.from(signature, 'base64url')).toHaveLength(64);
  });

  it('signs only the claims of the type, whatever else the object carries', async () => {
    const token = await signAccessToken(
      { ...claims, admin: true } as AccessTokenClaims,
      keys[1] as RingKey,
    );
    const payload: unknown = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString(),
    );
    expect(Object.keys(payload as object)).toEqual(Object.keys(claims));
  });

  it('needs a private key', async () => {
    const publicOnly: RingKey = { ...(keys[0] as RingKey), privateKey: undefined };
    await expect(signAccessToken(claims, publicOnly)).rejects.toThrow(/no private key/);
  });
});
