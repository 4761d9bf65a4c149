import { sign } from 'node:crypto';
import { cryptoParams, encodeSegment } from './compact-jws';
import type { RingKey } from './key-ring';

/**
 * Signs `payload` with `key` as a compact JWS with header `{ alg, typ, kid }`. Every token
 * Tessera mints (access, ID and logout tokens) goes through here; they differ in `typ`, so none
 * can pass for another. The signature is computed on libuv's thread pool, so signing never holds
 * the main loop (or a transaction: callers sign after their commit).
 */
export async function signJwt(typ: string, payload: object, key: RingKey): Promise<string> {
  if (!key.privateKey) {
    throw new Error(`The signing key ${JSON.stringify(key.kid)} has no private key.`);
  }
  const header = { alg: key.alg, typ, kid: key.kid };
  const signingInput = `${encodeSegment(JSON.stringify(header))}.${encodeSegment(JSON.stringify(payload))}`;
  const { digest, key: signingKey } = cryptoParams(key.alg, key.privateKey);
  const signature = await new Promise<Buffer>((resolve, reject) =>
    sign(digest, Buffer.from(signingInput), signingKey, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
  return `${signingInput}.${encodeSegment(signature)}`;
}
