import { constants, type KeyObject } from 'node:crypto';
import type { SigningAlg } from './key-ring';

/** The three base64url parts of a compact JWS, still encoded. */
export interface CompactParts {
  readonly header: string;
  readonly payload: string;
  readonly signature: string;
  /** `header.payload`: the exact bytes the signature covers. */
  readonly signingInput: string;
}

/** How node:crypto's `sign` and `verify` are called for one algorithm and key. */
export interface CryptoParams {
  /** The digest argument: null for Ed25519, which hashes internally. */
  readonly digest: 'sha256' | null;
  readonly key: {
    readonly key: KeyObject;
    readonly dsaEncoding?: 'ieee-p1363';
    readonly padding?: number;
  };
}

const base64urlAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const base64urlOnly = /^[A-Za-z0-9_-]*$/;

/** Encodes bytes (or a string's UTF-8) as unpadded base64url. */
export function encodeSegment(value: string | Buffer): string {
  return (typeof value === 'string' ? Buffer.from(value) : value).toString('base64url');
}

/**
 * Decodes one part of a compact JWS, or returns undefined unless it is canonical unpadded
 * base64url. Node's own decoder skips characters it does not know and accepts `+`, `/` and
 * `=`; accepting that would give one token many spellings, each a different cache key.
 */
export function decodeSegment(segment: string): Buffer | undefined {
  const remainder = segment.length % 4;
  if (remainder === 1 || !base64urlOnly.test(segment)) return undefined;
  if (remainder !== 0) {
    // The last character carries 4 (2 characters left over) or 2 (3 left over) unused low bits;
    // they must be zero, or two spellings would decode to the same bytes.
    const last = base64urlAlphabet.indexOf(segment.charAt(segment.length - 1));
    const unusedBits = remainder === 2 ? 0b1111 : 0b11;
    if ((last & unusedBits) !== 0) return undefined;
  }
  return Buffer.from(segment, 'base64url');
}

/** Splits a compact JWS into its three parts, or returns undefined unless there are exactly three. */
export function splitCompact(token: string): CompactParts | undefined {
  const firstDot = token.indexOf('.');
  const secondDot = token.indexOf('.', firstDot + 1);
  if (firstDot < 0 || secondDot < 0 || token.includes('.', secondDot + 1)) return undefined;
  return {
    header: token.slice(0, firstDot),
    payload: token.slice(firstDot + 1, secondDot),
    signature: token.slice(secondDot + 1),
    signingInput: token.slice(0, secondDot),
  };
}

/** The node:crypto arguments that sign or verify `alg` with `key`. */
export function cryptoParams(alg: SigningAlg, key: KeyObject): CryptoParams {
  switch (alg) {
    case 'ES256':
      // JWS carries r || s (RFC 7518 §3.4), not the DER that node:crypto uses by default.
      return { digest: 'sha256', key: { key, dsaEncoding: 'ieee-p1363' } };
    case 'EdDSA':
      return { digest: null, key: { key } };
    case 'RS256':
      return { digest: 'sha256', key: { key, padding: constants.RSA_PKCS1_PADDING } };
  }
}

/**
 * The exact signature length `alg` produces with this public key. Checked before verifying, so
 * a truncated or padded signature fails without reaching OpenSSL.
 */
export function signatureLength(alg: SigningAlg, publicKey: KeyObject): number {
  switch (alg) {
    case 'ES256':
      // Two 32-byte integers for P-256.
      return 64;
    case 'EdDSA':
      return 64;
    case 'RS256':
      return Math.ceil((publicKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  }
}
