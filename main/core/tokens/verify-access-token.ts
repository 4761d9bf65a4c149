import { verify as cryptoVerify } from 'node:crypto';
import type { Clock } from '../clock';
import { cryptoParams, decodeSegment, signatureLength, splitCompact } from './compact-jws';
import type { KeyRing, RingKey } from './key-ring';
import { quoteForMessage } from './quote-for-message';
import { revocationGraceMs, type RevocationIndex } from './revocation-index';
import type { AccessTokenClaims } from './sign-access-token';
import { cacheKey, createVerifyCache } from './verify-cache';

/** Why a token was refused. Stable: callers may branch on these. */
export type VerifyFailure =
  | 'malformed'
  | 'too_large'
  | 'alg_not_allowed'
  | 'typ_wrong'
  | 'header_key_refused'
  | 'crit_unsupported'
  | 'unknown_kid'
  | 'key_revoked'
  | 'bad_signature'
  | 'iss_wrong'
  | 'aud_wrong'
  | 'expired'
  | 'not_yet_valid'
  | 'revoked'
  | 'claims_missing';

/** The outcome of one verification; a refusal carries a sentence fit to show. */
export type VerifyResult =
  | {
      readonly ok: true;
      /** Frozen, and shared between the results of every cache hit for the same token. */
      readonly claims: AccessTokenClaims;
      readonly kid: string;
      /** Whether the signature check was skipped because the token had passed before. */
      readonly cached: boolean;
    }
  | { readonly ok: false; readonly reason: VerifyFailure; readonly message: string };

/** What an access token verifier is built from. */
export interface AccessTokenVerifierOptions {
  readonly keys: KeyRing;
  readonly revocations: RevocationIndex;
  readonly clock: Clock;
  /** The exact `iss` Tessera's tokens carry. */
  readonly issuer: string;
  /** The audience(s) this verifier accepts: a token's `aud` must contain one of them. */
  readonly audience: string | readonly string[];
  /** Clock tolerance for exp and nbf, in seconds: 30 by default, at most 60. */
  readonly toleranceSeconds?: number;
  /** Longer tokens are refused before anything else is done with them: 8 KiB by default. */
  readonly maxTokenBytes?: number;
  /** How many verified tokens are remembered: 100,000 by default; 0 turns the cache off. */
  readonly cacheSize?: number;
}

/** The one verifier of Tessera's access tokens, for every caller. */
export interface AccessTokenVerifier {
  /**
   * Verifies a token. Never rejects for anything about the token: every refusal is a result.
   * A cache hit resolves without touching the thread pool; a miss verifies the signature on
   * libuv's thread pool, so the event loop (and with it Electron's IPC) is never blocked.
   */
  verify(token: string): Promise<VerifyResult>;
  /** How many verified tokens the cache holds. */
  cacheSize(): number;
}

/** Larger tolerances would let a token outlive its pruned revocation entry. */
const maxToleranceSeconds = revocationGraceMs / 1000;
const defaultToleranceSeconds = 30;
const defaultMaxTokenBytes = 8 * 1024;
const defaultCacheSize = 100_000;
/** Tessera has a handful of keys, hence a handful of distinct headers. */
const maxRememberedHeaders = 64;

/** RFC 9068 §2.1; media types compare case-insensitively (RFC 8725 §3.11 via RFC 2045). */
const accessTokenTypes: ReadonlySet<string> = new Set(['at+jwt', 'application/at+jwt']);

/**
 * Header parameters that bring their own key or point at one (RFC 7515 §4.1.2–4.1.6). Keys come
 * only from Tessera's ring, so their mere presence is refused: nothing is fetched or parsed.
 */
const keyBearingHeaders = ['jku', 'x5u', 'jwk', 'x5c'] as const;

/**
 * Creates the verifier. Checks run cheapest and most general first: size, encoding, header,
 * key, signature, claims, and last the revocation index, which is consulted on every call,
 * cache hit or not.
 */
export function createAccessTokenVerifier(
  options: AccessTokenVerifierOptions,
): AccessTokenVerifier {
  const { keys, revocations, clock, issuer } = options;
  const audiences: ReadonlySet<string> = new Set(
    typeof options.audience === 'string' ? [options.audience] : options.audience,
  );
  if (audiences.size === 0) throw new RangeError('A verifier needs at least one audience.');
  const toleranceSeconds = options.toleranceSeconds ?? defaultToleranceSeconds;
  if (!(toleranceSeconds >= 0 && toleranceSeconds <= maxToleranceSeconds)) {
    throw new RangeError(
      `The clock tolerance must be between 0 and ${maxToleranceSeconds} seconds, not ${toleranceSeconds}.`,
    );
  }
  const toleranceMs = toleranceSeconds * 1000;
  const maxTokenBytes = options.maxTokenBytes ?? defaultMaxTokenBytes;
  const cache = createVerifyCache(options.cacheSize ?? defaultCacheSize);
  const headers = new Map<string, HeaderFields | Failure>();

  /** Not `async`: a refusal on size or a cache hit comes back as an already-settled promise. */
  function verify(token: string): Promise<VerifyResult> {
    if (typeof token !== 'string') {
      return Promise.resolve(failure('malformed', 'The token is not a string.'));
    }
    // Characters, not bytes: a compact JWS is ASCII, and anything else fails as malformed.
    if (token.length > maxTokenBytes) {
      return Promise.resolve(
        failure('too_large', `The token is longer than ${maxTokenBytes} bytes.`),
      );
    }
    const hashed = cacheKey(token);
    const hit = checkCached(hashed);
    return hit === undefined ? verifyFully(token, hashed) : Promise.resolve(hit);
  }

  /** The result for a token verified before, or undefined when it needs the full check. */
  function checkCached(hashed: string): VerifyResult | undefined {
    const hit = cache.get(hashed, clock.nowMs());
    if (hit === undefined) return undefined;
    // The key that verified the token must still be in the ring and trusted. If it was revoked
    // or replaced, the full check gives the precise reason (or verifies afresh).
    const current = keys.get(hit.kid);
    if (current?.publicKey !== hit.publicKey || current.state === 'revoked') {
      cache.delete(hashed);
      return undefined;
    }
    return (
      revocationFailure(hit.claims) ?? { ok: true, claims: hit.claims, kid: hit.kid, cached: true }
    );
  }

  /**
   * Everything but the signature is checked on the main thread first; the signature goes to the
   * thread pool, and its callback finishes the job. One promise per call and no async frame:
   * at tens of thousands of verifications a second, the main thread's share is what limits
   * throughput on a small machine, since the pool's threads need the same cores.
   */
  function verifyFully(token: string, hashed: string): Promise<VerifyResult> {
    const signed = readSigned(token);
    if ('ok' in signed) return Promise.resolve(signed);
    const { ringKey, signingInput, signature, payloadBytes } = signed;
    const { digest, key: verifyKey } = cryptoParams(ringKey.alg, ringKey.publicKey);
    return new Promise((resolve, reject) => {
      // The signing input is base64url, hence ASCII: latin1 copies it with no UTF-8 pass.
      cryptoVerify(
        digest,
        Buffer.from(signingInput, 'latin1'),
        verifyKey,
        signature,
        (error, valid) => {
          // Any error (there should be none for a ring key) counts as a mismatch; its text is not
          // passed on. A throw here would escape as an uncaught exception, hence the catch.
          try {
            resolve(
              error === null && valid
                ? acceptSigned(ringKey, payloadBytes, hashed)
                : failure(
                    'bad_signature',
                    `The signature does not match the key ${quoteForMessage(ringKey.kid)}.`,
                  ),
            );
          } catch (thrown) {
            reject(thrown);
          }
        },
      );
    });
  }

  /** The parts of a token whose header and key pass, ready for the signature check. */
  function readSigned(token: string): SignedParts | Failure {
    const parts = splitCompact(token);
    if (parts === undefined) {
      return failure(
        'malformed',
        'The token is not a compact JWS: it needs three parts separated by dots.',
      );
    }
    const header = readHeader(parts.header);
    if ('ok' in header) return header;
    const payloadBytes = decodeSegment(parts.payload);
    const signature = decodeSegment(parts.signature);
    if (payloadBytes === undefined || signature === undefined) return notBase64url;
    const ringKey = selectKey(header);
    if ('ok' in ringKey) return ringKey;
    // A signature of any other length cannot be valid: refused without a trip to the thread pool.
    if (signature.length !== signatureLength(ringKey.alg, ringKey.publicKey)) {
      return failure('bad_signature', `The signature has the wrong length for ${ringKey.alg}.`);
    }
    return { ringKey, signingInput: parts.signingInput, signature, payloadBytes };
  }

  /** The result for a token whose signature matched: its claims decide, and it is remembered. */
  function acceptSigned(ringKey: RingKey, payloadBytes: Buffer, hashed: string): VerifyResult {
    const payload = parseJsonObject(payloadBytes);
    if (payload === undefined) {
      return failure('malformed', 'The token payload is not a JSON object.');
    }
    const claims = readClaims(payload);
    if ('ok' in claims) return claims;
    // Read after the signature check, which took time on the thread pool.
    const nowMs = clock.nowMs();
    const refusal = checkClaims(claims, payload.nbf, nowMs) ?? revocationFailure(claims);
    if (refusal !== undefined) return refusal;

    Object.freeze(claims);
    cache.set(hashed, {
      claims,
      kid: ringKey.kid,
      publicKey: ringKey.publicKey,
      validUntilMs: claims.exp * 1000 + toleranceMs,
    });
    return { ok: true, claims, kid: ringKey.kid, cached: false };
  }

  /**
   * The header's fields, remembered by its encoded text: every token one key signs carries the
   * same header, so each is decoded and parsed once. Many different headers (an attacker's) only
   * make the memo start over.
   */
  function readHeader(segment: string): HeaderFields | Failure {
    let fields = headers.get(segment);
    if (fields === undefined) {
      fields = parseHeader(segment);
      if (headers.size >= maxRememberedHeaders) headers.clear();
      headers.set(segment, fields);
    }
    return fields;
  }

  /** The ring key the header names, or why the header is refused. */
  function selectKey({ alg, kid, refusal }: HeaderFields): RingKey | Failure {
    const allowed: ReadonlySet<string> = keys.algorithms();
    // Exact, case-sensitive match against our own keys' algorithms: "none" in any casing, and
    // HS256 (which would turn a public key into a shared secret), can never match.
    if (typeof alg !== 'string' || !allowed.has(alg)) {
      return failure(
        'alg_not_allowed',
        `The algorithm ${describe(alg)} is not one Tessera signs with (${[...allowed].join(', ') || 'no keys'}).`,
      );
    }
    if (refusal !== undefined) return refusal;
    if (typeof kid !== 'string' || kid === '') {
      return failure('unknown_kid', 'The token header does not name a key (kid).');
    }
    // Only ever an exact look-up in the in-memory ring: the kid is no path, query or URL.
    const key = keys.get(kid);
    if (key === undefined) {
      return failure(
        'unknown_kid',
        `Tessera has no signing key with the kid ${quoteForMessage(kid)}.`,
      );
    }
    if (key.alg !== alg) {
      return failure(
        'alg_not_allowed',
        `The key ${quoteForMessage(kid)} signs with ${key.alg}, but the token says ${quoteForMessage(alg)}.`,
      );
    }
    if (key.state === 'revoked') {
      return failure(
        'key_revoked',
        `The key ${quoteForMessage(kid)} that signed the token has been revoked.`,
      );
    }
    return key;
  }

  /** The first claim check that fails, or undefined. Times compare in milliseconds. */
  function checkClaims(
    claims: AccessTokenClaims,
    nbf: unknown,
    nowMs: number,
  ): Failure | undefined {
    if (claims.iss !== issuer) {
      return failure(
        'iss_wrong',
        `The token was issued by ${quoteForMessage(claims.iss)}, not by ${quoteForMessage(issuer)}.`,
      );
    }
    const aud = claims.aud;
    if (typeof aud === 'string' ? !audiences.has(aud) : !aud.some((item) => audiences.has(item))) {
      return failure(
        'aud_wrong',
        `The token is not meant for ${[...audiences].map(quoteForMessage).join(' or ')}.`,
      );
    }
    if (claims.exp * 1000 + toleranceMs <= nowMs) {
      return failure('expired', `The token expired at ${formatTime(claims.exp)}.`);
    }
    if (typeof nbf === 'number' && nbf * 1000 - toleranceMs > nowMs) {
      return failure('not_yet_valid', `The token is not valid before ${formatTime(nbf)}.`);
    }
    return undefined;
  }

  function revocationFailure(claims: AccessTokenClaims): Failure | undefined {
    return revocations.isRevoked({ sid: claims.sid, jti: claims.jti })
      ? failure('revoked', 'The token, or the session it belongs to, has been revoked.')
      : undefined;
  }

  return { verify, cacheSize: () => cache.size() };
}

type Failure = Extract<VerifyResult, { ok: false }>;

/** Frozen, because remembered header refusals are handed to every caller that sends that header. */
function failure(reason: VerifyFailure, message: string): Failure {
  return Object.freeze({ ok: false, reason, message });
}

const notBase64url = failure('malformed', 'A part of the token is not base64url without padding.');

/** What the verifier needs from a header; `refusal` is the first that the header alone decides. */
interface HeaderFields {
  readonly alg: unknown;
  readonly kid: unknown;
  readonly refusal: Failure | undefined;
}

/** A token that passed every check before the signature, decoded as far as that needed. */
interface SignedParts {
  readonly ringKey: RingKey;
  /** `header.payload`: the exact text the signature covers. */
  readonly signingInput: string;
  readonly signature: Buffer;
  readonly payloadBytes: Buffer;
}

function parseHeader(segment: string): HeaderFields | Failure {
  const bytes = decodeSegment(segment);
  if (bytes === undefined) return notBase64url;
  const header = parseJsonObject(bytes);
  if (header === undefined) return failure('malformed', 'The token header is not a JSON object.');
  return { alg: header.alg, kid: header.kid, refusal: headerRefusal(header) };
}

/** Why the header is refused whatever the keys (typ, key references, extensions), or undefined. */
function headerRefusal(header: Record<string, unknown>): Failure | undefined {
  const { typ } = header;
  if (typeof typ !== 'string' || !accessTokenTypes.has(typ.toLowerCase())) {
    return failure(
      'typ_wrong',
      `The token's type is ${describe(typ)}, not at+jwt: only access tokens are accepted here, not ID or logout tokens.`,
    );
  }
  const keyBearing = keyBearingHeaders.find((name) => Object.hasOwn(header, name));
  if (keyBearing !== undefined) {
    return failure(
      'header_key_refused',
      `The token header names its own key (${keyBearing}); only Tessera's own keys are used.`,
    );
  }
  if (Object.hasOwn(header, 'crit')) {
    return failure(
      'crit_unsupported',
      'The token marks header parameters as critical (crit), and none are supported.',
    );
  }
  // RFC 7797's unencoded payload: a JWT's payload is always base64url, whatever b64 says.
  if (Object.hasOwn(header, 'b64')) {
    return failure(
      'crit_unsupported',
      'The token uses the b64 header parameter, which access tokens never use.',
    );
  }
  return undefined;
}

/** Each claim a Tessera access token must carry, with the test its value must pass. */
const claimChecks: ReadonlyArray<readonly [string, (value: unknown) => boolean]> = [
  ['iss', isText],
  ['sub', isText],
  ['aud', isAudience],
  ['exp', isTime],
  ['iat', isTime],
  ['jti', isText],
  ['client_id', isText],
  ['sid', isText],
  // The one claim that may be empty: a token granted no scopes.
  ['scope', (value) => typeof value === 'string'],
  ['auth_time', isTime],
  // Optional, but a number when present.
  ['nbf', (value) => value === undefined || isTime(value)],
];

/** The claims a Tessera access token must carry, typed, or which ones are missing or mistyped. */
function readClaims(payload: Record<string, unknown>): AccessTokenClaims | Failure {
  let bad: string[] | undefined;
  for (const [name, check] of claimChecks) {
    if (!check(payload[name])) (bad ??= []).push(name);
  }
  if (bad !== undefined) {
    return failure(
      'claims_missing',
      `These claims are missing or of the wrong type: ${bad.join(', ')}.`,
    );
  }
  const { iss, sub, aud, exp, iat, jti, client_id, sid, scope, auth_time } = payload;
  // Every one passed its check just above. A fresh object holding exactly these claims:
  // nothing else from the payload is handed out.
  return { iss, sub, aud, exp, iat, jti, client_id, sid, scope, auth_time } as AccessTokenClaims;
}

function isText(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}

function isTime(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

function isAudience(value: unknown): boolean {
  if (typeof value === 'string') return value !== '';
  return (
    Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')
  );
}

function parseJsonObject(bytes: Buffer): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? quoteForMessage(value) : 'missing';
}

/** An epoch-seconds time for a message; a time beyond what Date can show is printed as is. */
function formatTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `${seconds} (epoch seconds)` : date.toISOString();
}
