import { compactVerify, decodeProtectedHeader, errors, type ProtectedHeaderParameters } from 'jose';
import type { KeyMaterial, SignatureVerdict } from '../../../shared/contract/tokens';
import { readKeyMaterial, type KeySource } from './key-material';
import type { JsonWebKeySetLike } from './key-set';
import { quoteForMessage } from './quote-for-message';
import { isUsable, type VerificationKey } from './verification-keys';

/** What verifySignature needs from outside. */
export interface VerifySignatureDeps {
  /** Fetches the key set an issuer publishes; see createIssuerKeyFetcher. */
  readonly fetchIssuerKeys: (issuerUrl: string) => Promise<JsonWebKeySetLike>;
}

/**
 * Checks only a token's signature against key material the operator supplied; expiry, issuer
 * and the rest are the lint's business. Never throws: every failure becomes a verdict.
 */
export async function verifySignature(
  token: string,
  key: KeyMaterial,
  deps: VerifySignatureDeps,
): Promise<SignatureVerdict> {
  try {
    return await verify(token, key, deps);
  } catch {
    // Every expected failure is already a verdict; this is a last resort that keeps the
    // promise of never throwing without leaking whatever was thrown.
    return {
      status: 'error',
      code: 'ERR_INTERNAL',
      message: 'The signature could not be checked because of an unexpected error.',
    };
  }
}

async function verify(
  token: string,
  material: KeyMaterial,
  deps: VerifySignatureDeps,
): Promise<SignatureVerdict> {
  const header = readHeader(token);
  if (typeof header === 'string') return invalid(header);
  const { alg } = header;
  // The header's kid only selects among the operator's keys; it never brings in a key.
  const kid = typeof header.kid === 'string' ? header.kid : undefined;

  // Checked before any key is read, so an issuer is not contacted for a token that cannot pass.
  const refusal = refuseHeader(header, alg);
  if (refusal) return invalid(refusal);

  const source = await readKeyMaterial(material, deps.fetchIssuerKeys);
  if (source.kind === 'failure') {
    return { status: 'error', code: source.code, message: source.message };
  }
  const selection = selectKeys(source, alg, kid);
  if (!Array.isArray(selection)) return selection;
  return verifyWithAny(token, alg, selection, source);
}

/** The protected header with a string alg, or why the token cannot be verified at all. */
function readHeader(token: string): (ProtectedHeaderParameters & { alg: string }) | string {
  if (token.split('.').length !== 3) {
    return 'The token is not a signed JWT: it needs three parts separated by dots.';
  }
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return 'The token header is not base64url-encoded JSON.';
  }
  const { alg } = header;
  if (typeof alg !== 'string' || alg === '') {
    return 'The token header has no alg, so there is no signature to check.';
  }
  return { ...header, alg };
}

/** Header features that make a token unacceptable whatever the key, or undefined. */
function refuseHeader(header: ProtectedHeaderParameters, alg: string): string | undefined {
  if (alg.toLowerCase() === 'none') {
    return 'The token is unsigned (alg: none); unsigned tokens are never accepted.';
  }
  // jose would verify these (RFC 7797), but a JWT's payload must be base64url-encoded.
  if (header.b64 === false) {
    return 'The token has an unencoded payload (b64: false), which a JWT may not have.';
  }
  // No JWS extension is understood here, so any critical one means the token cannot be trusted.
  if (header.crit !== undefined) {
    const names = Array.isArray(header.crit)
      ? header.crit
          .slice(0, 5)
          .map((name) => quoteForMessage(String(name)))
          .join(', ')
      : 'a malformed list';
    return `The token marks header parameters as critical (crit: ${names}) that are not supported, so it cannot be trusted.`;
  }
  return undefined;
}

/** The keys to try, in order, or the verdict when none may be tried. */
function selectKeys(
  source: KeySource,
  alg: string,
  kid: string | undefined,
): VerificationKey[] | SignatureVerdict {
  if (source.kind === 'single') {
    const { key } = source;
    if (kid !== undefined && key.kid !== undefined && kid !== key.kid) {
      return invalid(
        `The token names kid ${quoteForMessage(kid)}, but the JWK has kid ${quoteForMessage(key.kid)}.`,
      );
    }
    return key.algorithms.includes(alg) ? [key] : invalid(algorithmMismatch(key, alg));
  }

  const { label, readings } = source;
  const named = kid === undefined ? readings : readings.filter((r) => r.kid === kid);
  if (kid !== undefined && named.length === 0) {
    return invalid(
      `The ${label} has no key with kid ${quoteForMessage(kid)}; ${listKids(readings)}.`,
    );
  }
  const usable = named.filter(isUsable);
  if (usable.length === 0) {
    const [firstProblem] = named.flatMap((reading) =>
      'problem' in reading ? [reading.problem] : [],
    );
    let message = firstProblem ?? `The ${label} has no keys.`;
    if (kid === undefined && firstProblem) message = `No key in the ${label} is usable. ${message}`;
    return { status: 'error', code: 'ERR_KEY_INVALID', message };
  }
  const compatible = usable.filter((key) => key.algorithms.includes(alg));
  if (compatible.length > 0) return compatible;
  const [onlyUsable] = usable;
  if (usable.length === 1 && onlyUsable) return invalid(algorithmMismatch(onlyUsable, alg));
  return invalid(
    `None of the ${usable.length} usable keys in the ${label} can verify ${quoteForMessage(alg)}.` +
      confusionNote(usable, alg),
  );
}

/** Verifies with each key in turn; the first that matches wins. */
async function verifyWithAny(
  token: string,
  alg: string,
  keys: readonly VerificationKey[],
  source: KeySource,
): Promise<SignatureVerdict> {
  let brokenKeys = 0;
  for (const candidate of keys) {
    try {
      // The allow-list is the one algorithm already checked against this key.
      await compactVerify(token, candidate.key, { algorithms: [alg] });
      return {
        status: 'valid',
        alg,
        keyId: candidate.kid,
        message:
          candidate.kid === undefined
            ? `The signature is valid (${alg}).`
            : `The signature is valid (${alg}, key ${quoteForMessage(candidate.kid)}).`,
      };
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) continue;
      // jose's own errors are about the token, so every other key would fail the same way.
      if (error instanceof errors.JOSEError) return explainTokenFailure(error, alg);
      // Anything else comes from preparing this key: another key may still match.
      brokenKeys += 1;
    }
  }
  if (brokenKeys === keys.length) {
    return {
      status: 'error',
      alg,
      code: 'ERR_KEY_INVALID',
      message: `The key could not be used to check this ${alg} signature.`,
    };
  }
  return { status: 'invalid', alg, message: mismatchMessage(source, keys, alg) };
}

/** jose's token errors as sentences: its own text and stack never reach the operator. */
function explainTokenFailure(error: errors.JOSEError, alg: string): SignatureVerdict {
  const message =
    error instanceof errors.JWSInvalid
      ? 'The token is malformed: a part of it is not valid base64url.'
      : 'The token uses a JWS feature that is not supported.';
  return { status: 'invalid', alg, message };
}

function mismatchMessage(source: KeySource, keys: readonly VerificationKey[], alg: string): string {
  if (source.kind === 'single') return 'The signature does not match this key.';
  const [only] = keys;
  if (keys.length > 1 || !only) {
    return `The signature does not match any of the ${keys.length} ${alg} keys in the ${source.label}.`;
  }
  return only.kid === undefined
    ? `The signature does not match the ${alg} key in the ${source.label}.`
    : `The signature does not match the key ${quoteForMessage(only.kid)}.`;
}

function algorithmMismatch(key: VerificationKey, alg: string): string {
  return (
    `This ${key.description} can verify only ${key.algorithms.join(', ')}, ` +
    `but the token says ${quoteForMessage(alg)}.` +
    confusionNote([key], alg)
  );
}

/** Spells out the key-confusion attack when a token claims HMAC against public keys. */
function confusionNote(keys: readonly VerificationKey[], alg: string): string {
  const hmacClaimedAgainstPublicKeys =
    alg.startsWith('HS') && keys.every((key) => !(key.key instanceof Uint8Array));
  return hmacClaimedAgainstPublicKeys
    ? ' Accepting it would let anyone holding the public key forge tokens (key confusion).'
    : '';
}

function listKids(readings: readonly { readonly kid?: string }[]): string {
  if (readings.length === 0) return 'it has no keys at all';
  const kids = readings.flatMap((reading) => (reading.kid === undefined ? [] : [reading.kid]));
  if (kids.length === 0) return 'its keys have no kid';
  const shown = kids.slice(0, 10).map(quoteForMessage).join(', ');
  return `its kids are ${shown}${kids.length > 10 ? `, and ${kids.length - 10} more` : ''}`;
}

function invalid(message: string): SignatureVerdict {
  return { status: 'invalid', message };
}
