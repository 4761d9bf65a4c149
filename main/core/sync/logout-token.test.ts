import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../tokens/generate-signing-key';
import type { RingKey, SigningAlg } from '../tokens/key-ring';
import { backchannelLogoutEvent, signLogoutToken } from './logout-token';

const nowMs = Date.UTC(2026, 10, 23, 9, 0, 0);
const input = {
  issuer: 'https://tessera.test',
  clientId: 'billing',
  sub: 'user-1',
  sid: 'sid-1',
  nowMs,
};

function ringKey(alg: SigningAlg) {
  const generated = generateSigningKey(alg);
  const key: RingKey = { ...generated, state: 'active' };
  return { key, jwks: createLocalJWKSet({ keys: [generated.publicJwk] }) };
}

describe('signLogoutToken', () => {
  // jose is an independent implementation: its acceptance shows the tokens are standard JWTs.
  it.each(['ES256', 'EdDSA', 'RS256'] as const)(
    'signs a %s logout+jwt that jose verifies, with exactly the claims of §2.4',
    async (alg) => {
      const { key, jwks } = ringKey(alg);
      const token = await signLogoutToken({ ...input, key });
      expect(decodeProtectedHeader(token)).toEqual({ alg, typ: 'logout+jwt', kid: key.kid });
      const { payload } = await jwtVerify(token, jwks, {
        issuer: input.issuer,
        audience: 'billing',
        typ: 'logout+jwt',
        currentDate: new Date(nowMs + 60_000),
      });
      expect(payload).toEqual({
        iss: 'https://tessera.test',
        aud: 'billing',
        iat: nowMs / 1000,
        exp: nowMs / 1000 + 120,
        jti: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
        sid: 'sid-1',
        sub: 'user-1',
        events: { [backchannelLogoutEvent]: {} },
      });
      expect(payload).not.toHaveProperty('nonce');
    },
  );

  it('expires two minutes after it was issued', async () => {
    const { key, jwks } = ringKey('ES256');
    const token = await signLogoutToken({ ...input, key });
    await expect(
      jwtVerify(token, jwks, { currentDate: new Date(nowMs + 121_000) }),
    ).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
  });

  it('gives every token its own jti', async () => {
    const { key } = ringKey('EdDSA');
    const jtis = new Set<unknown>();
    for (let i = 0; i < 20; i += 1) {
      const token = await signLogoutToken({ ...input, key });
      jtis.add(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti);
    }
    expect(jtis.size).toBe(20);
  });

  it('refuses a key without its private half', async () => {
    const { key } = ringKey('ES256');
    const publicOnly: RingKey = { ...key, privateKey: undefined };
    await expect(signLogoutToken({ ...input, key: publicOnly })).rejects.toThrow(
      /has no private key/,
    );
  });
});
