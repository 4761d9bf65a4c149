import { createPublicKey, type KeyObject } from 'node:crypto';
import { TesseraError } from '../tessera-error';
import { quoteForMessage } from './quote-for-message';

/** The algorithms Tessera signs access tokens with. */
export type SigningAlg = 'ES256' | 'EdDSA' | 'RS256';

/**
 * Where a key is in its life: `next` is published before it signs, `active` signs, `retired`
 * only verifies tokens it signed earlier, and `revoked` is distrusted at once.
 */
export type KeyState = 'next' | 'active' | 'retired' | 'revoked';

/** One of Tessera's own signing keys, already imported into node:crypto. */
export interface RingKey {
  readonly kid: string;
  readonly alg: SigningAlg;
  readonly state: KeyState;
  readonly publicKey: KeyObject;
  /** Present only where this process signs. */
  readonly privateKey?: KeyObject;
}

/** Tessera's signing keys as verification and signing see them; replaced as a whole. */
export interface KeyRing {
  /** Replaces every key at once, after checking each fits its algorithm. */
  set(keys: readonly RingKey[]): void;
  /** The key with exactly this kid (no normalisation of any kind), or undefined. */
  get(kid: string): RingKey | undefined;
  /** The one key that signs new tokens, if there is one. */
  active(): RingKey | undefined;
  /**
   * The algorithms of every key in the ring, revoked ones included: a token naming a revoked
   * key's algorithm then fails as `key_revoked`, which says more than `alg_not_allowed`.
   */
  algorithms(): ReadonlySet<SigningAlg>;
}

/** RSA keys shorter than this are refused (NIST SP 800-131A). */
const minRsaModulusBits = 2048;

/**
 * Creates an empty key ring. Keys arrive already imported as KeyObjects, so verification never
 * parses key material; `set` swaps in a whole new snapshot, so a verification in progress sees
 * either the old keys or the new ones, never a mix.
 */
export function createKeyRing(): KeyRing {
  // A Map, not an object, so a kid such as "__proto__" or "constructor" simply misses.
  let byKid = new Map<string, RingKey>();
  let algorithms: ReadonlySet<SigningAlg> = new Set();
  let active: RingKey | undefined;

  return {
    set(keys) {
      const nextByKid = new Map<string, RingKey>();
      let nextActive: RingKey | undefined;
      for (const key of keys) {
        checkKey(key);
        if (nextByKid.has(key.kid)) {
          throw keyInvalid(`Two signing keys have the kid ${quoteForMessage(key.kid)}.`);
        }
        // Copied and frozen: a caller changing its own object later cannot change a key's state
        // behind the ring's back. A key reloaded unchanged keeps the KeyObject it had, so tokens
        // it verified stay in the verifier's cache (which holds on to that object) across reloads.
        const previous = byKid.get(key.kid)?.publicKey;
        const publicKey = previous?.equals(key.publicKey) ? previous : key.publicKey;
        const stored: RingKey = Object.freeze({ ...key, publicKey });
        if (stored.state === 'active') {
          if (nextActive) {
            throw keyInvalid(
              `Both ${quoteForMessage(nextActive.kid)} and ${quoteForMessage(key.kid)} are active; only one key may sign.`,
            );
          }
          nextActive = stored;
        }
        nextByKid.set(stored.kid, stored);
      }
      byKid = nextByKid;
      active = nextActive;
      algorithms = new Set([...nextByKid.values()].map((key) => key.alg));
    },
    get: (kid) => byKid.get(kid),
    active: () => active,
    algorithms: () => algorithms,
  };
}

/** Throws unless the key objects are of the kind the algorithm needs, and belong together. */
function checkKey(key: RingKey): void {
  if (typeof key.kid !== 'string' || key.kid === '') {
    throw keyInvalid('A signing key has no kid.');
  }
  const name = quoteForMessage(key.kid);
  if (key.publicKey.type !== 'public') {
    throw keyInvalid(`The signing key ${name} has no public key where one is expected.`);
  }
  if (!fitsAlgorithm(key.publicKey, key.alg)) {
    throw keyInvalid(`The signing key ${name} is not a key for ${key.alg}.`);
  }
  const { privateKey } = key;
  if (privateKey === undefined) return;
  if (privateKey.type !== 'private') {
    throw keyInvalid(`The signing key ${name} has no private key where one is expected.`);
  }
  // Checked once here, so a key pair mixed up in storage cannot sign tokens that never verify.
  if (!createPublicKey(privateKey).equals(key.publicKey)) {
    throw keyInvalid(`The private and public halves of the signing key ${name} do not match.`);
  }
}

function fitsAlgorithm(publicKey: KeyObject, alg: SigningAlg): boolean {
  const details = publicKey.asymmetricKeyDetails;
  switch (alg) {
    case 'ES256':
      return publicKey.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1';
    case 'EdDSA':
      // Ed448 is also "EdDSA" in JOSE, but Tessera signs with Ed25519 only.
      return publicKey.asymmetricKeyType === 'ed25519';
    case 'RS256':
      return (
        publicKey.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= minRsaModulusBits
      );
  }
}

function keyInvalid(message: string): TesseraError {
  return new TesseraError('ERR_KEY_INVALID', message);
}
