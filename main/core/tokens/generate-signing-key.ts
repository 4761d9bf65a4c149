import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { SigningAlg } from './key-ring';

/** A freshly generated key pair with its public JWK and RFC 7638 thumbprint as `kid`. */
export interface GeneratedKey {
  readonly kid: string;
  readonly alg: SigningAlg;
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
  readonly publicJwk: Record<string, unknown>;
}

/** The members RFC 7638 hashes, per key type, in the required (lexicographic) order. */
const thumbprintMembers: Record<string, readonly string[]> = {
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  RSA: ['e', 'kty', 'n'],
};

/** Generates a signing key for `alg`: P-256 for ES256, Ed25519 for EdDSA, RSA-3072 for RS256. */
export function generateSigningKey(alg: SigningAlg): GeneratedKey {
  const { publicKey, privateKey } =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : alg === 'EdDSA'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('rsa', { modulusLength: 3072 });
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  const kid = thumbprint(jwk);
  return { kid, alg, publicKey, privateKey, publicJwk: { ...jwk, kid, alg, use: 'sig' } };
}

function thumbprint(jwk: Record<string, unknown>): string {
  const members = thumbprintMembers[String(jwk.kty)] ?? [];
  const canonical = JSON.stringify(Object.fromEntries(members.map((name) => [name, jwk[name]])));
  return createHash('sha256').update(canonical).digest('base64url');
}
