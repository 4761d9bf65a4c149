import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { base64url } from 'jose';
import { quoteForMessage } from './quote-for-message';

/**
 * A key a token may be checked with, and the algorithms it may be checked under. The
 * algorithms come from the key alone: the token's header never widens them.
 */
export interface VerificationKey {
  /** A public key, or the bytes of a shared secret. */
  readonly key: KeyObject | Uint8Array;
  /** Never empty. */
  readonly algorithms: readonly string[];
  /** For messages, e.g. "RSA public key". */
  readonly description: string;
  readonly kid?: string;
}

/** Key material that cannot verify anything, and why (a sentence that never quotes key values). */
export interface UnusableKey {
  readonly problem: string;
  readonly kid?: string;
}

/** What reading one key gave. */
export type KeyReading = VerificationKey | UnusableKey;

/** Whether a reading gave a key that can verify. */
export function isUsable(reading: KeyReading): reading is VerificationKey {
  return !('problem' in reading);
}

const hmacAlgorithms = ['HS256', 'HS384', 'HS512'];
const rsaAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const minRsaBits = 2048;

/** Node's curve names for the three curves JWS defines an ECDSA algorithm for. */
const ecCurves = new Map([
  ['prime256v1', { name: 'P-256', alg: 'ES256' }],
  ['secp384r1', { name: 'P-384', alg: 'ES384' }],
  ['secp521r1', { name: 'P-521', alg: 'ES512' }],
]);

/** The public members of each asymmetric JWK type: the only ones ever imported. */
const publicMembers = new Map([
  ['RSA', ['n', 'e']],
  ['EC', ['crv', 'x', 'y']],
  ['OKP', ['crv', 'x']],
]);

/** A pasted shared secret: its UTF-8 bytes exactly as typed, nothing trimmed. */
export function readSecret(value: string): VerificationKey {
  return {
    key: new TextEncoder().encode(value),
    algorithms: hmacAlgorithms,
    description: 'shared secret',
  };
}

/** A pasted PEM: an SPKI public key or an X.509 certificate. Private keys are refused. */
export function readPem(value: string): KeyReading {
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY/.test(value)) {
    return {
      problem:
        'This is a private key. Paste the public key (-----BEGIN PUBLIC KEY-----) or the ' +
        'certificate instead, and keep the private key secret.',
    };
  }
  const label = /-----BEGIN (PUBLIC KEY|CERTIFICATE)-----/.exec(value)?.[1];
  if (!label) {
    return {
      problem:
        'The PEM text has no -----BEGIN PUBLIC KEY----- or -----BEGIN CERTIFICATE----- block.',
    };
  }
  const subject = label === 'CERTIFICATE' ? 'The certificate' : 'The public key';
  let keyObject: KeyObject;
  try {
    // Accepts both labels: for a certificate this is the key it certifies.
    keyObject = createPublicKey(value);
  } catch {
    return { problem: `${subject} could not be parsed.` };
  }
  return readKeyObject(keyObject, subject);
}

/**
 * One JWK, parsed from JSON but otherwise unchecked. Only its public members are imported, so
 * a pasted private JWK still verifies and its private members go nowhere. `subject` opens the
 * problem sentences, e.g. "The JWK".
 */
export function readJwk(jwk: unknown, subject: string): KeyReading {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    return { problem: `${subject} is not a JSON object.` };
  }
  const members = jwk as Record<string, unknown>;
  const kid = typeof members['kid'] === 'string' ? members['kid'] : undefined;
  const base = readJwkKey(members, subject);
  if (!isUsable(base)) return { ...base, kid };
  const restricted = restrictToJwkAlg(base, members['alg'], subject);
  return { ...restricted, kid };
}

function readJwkKey(jwk: Record<string, unknown>, subject: string): KeyReading {
  const kty = jwk['kty'];
  if (typeof kty !== 'string') return { problem: `${subject} has no kty.` };
  if (jwk['use'] === 'enc') {
    return { problem: `${subject} is marked for encryption (use: enc), not for signatures.` };
  }
  if (kty === 'oct') return readOctJwk(jwk['k'], subject);

  const names = publicMembers.get(kty);
  if (!names) {
    return { problem: `${subject} has kty ${quoteForMessage(kty)}, which is not supported.` };
  }
  const missing = names.filter((name) => typeof jwk[name] !== 'string');
  if (missing.length > 0) return { problem: `${subject} has no ${missing.join(', ')}.` };

  const publicJwk: JsonWebKey = { kty };
  for (const name of names) publicJwk[name] = jwk[name];
  let keyObject: KeyObject;
  try {
    keyObject = createPublicKey({ key: publicJwk, format: 'jwk' });
  } catch {
    return { problem: `${subject} does not hold a valid ${kty} public key.` };
  }
  return readKeyObject(keyObject, subject);
}

function readOctJwk(k: unknown, subject: string): KeyReading {
  let secret: Uint8Array;
  try {
    secret = typeof k === 'string' ? base64url.decode(k) : new Uint8Array();
  } catch {
    return { problem: `${subject} has a k that is not base64url.` };
  }
  if (secret.byteLength === 0) return { problem: `${subject} has no k.` };
  return { key: secret, algorithms: hmacAlgorithms, description: 'shared secret' };
}

/** A JWK's own `alg`, when present, narrows the key to that one algorithm. */
function restrictToJwkAlg(key: VerificationKey, alg: unknown, subject: string): KeyReading {
  if (alg === undefined) return key;
  if (typeof alg !== 'string' || !key.algorithms.includes(alg)) {
    const shown = typeof alg === 'string' ? quoteForMessage(alg) : 'that is not a string';
    return {
      problem: `${subject} has alg ${shown}, which its key type (${key.description}) cannot verify.`,
    };
  }
  return { ...key, algorithms: [alg], description: `${key.description} limited to ${alg}` };
}

/** Which JWS algorithms a public key can verify, judged from the key's own type. */
function readKeyObject(keyObject: KeyObject, subject: string): KeyReading {
  const type = keyObject.asymmetricKeyType;
  const details = keyObject.asymmetricKeyDetails;
  if (type === 'rsa') {
    const bits = details?.modulusLength ?? 0;
    if (bits < minRsaBits) {
      return {
        problem: `${subject} is a ${bits}-bit RSA key; at least ${minRsaBits} bits are required.`,
      };
    }
    return { key: keyObject, algorithms: rsaAlgorithms, description: 'RSA public key' };
  }
  if (type === 'ec') {
    const curve = ecCurves.get(details?.namedCurve ?? '');
    if (!curve) {
      return {
        problem: `${subject} is an EC key on curve ${details?.namedCurve ?? 'unknown'}, which JWTs here do not use.`,
      };
    }
    return { key: keyObject, algorithms: [curve.alg], description: `EC ${curve.name} public key` };
  }
  if (type === 'ed25519') {
    return { key: keyObject, algorithms: ['EdDSA', 'Ed25519'], description: 'Ed25519 public key' };
  }
  return {
    problem: `${subject} is a ${type ?? 'unknown'} key, which cannot verify JWT signatures.`,
  };
}
