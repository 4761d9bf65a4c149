import type { ErrorCode } from '../../../shared/contract/errors';
import type { KeyMaterial } from '../../../shared/contract/tokens';
import { IssuerKeysError } from './issuer-keys-error';
import type { JsonWebKeySetLike } from './key-set';
import { quoteForMessage } from './quote-for-message';
import {
  isUsable,
  readJwk,
  readPem,
  readSecret,
  type KeyReading,
  type VerificationKey,
} from './verification-keys';

/** Where verification keys come from: one pasted key, or a set (a pasted JWKS or an issuer's). */
export type KeySource =
  | { readonly kind: 'single'; readonly key: VerificationKey }
  | {
      readonly kind: 'set';
      /** For messages, e.g. "issuer's key set". */
      readonly label: string;
      readonly readings: readonly KeyReading[];
    };

/** Key material that could not be turned into keys at all. */
export interface KeyMaterialFailure {
  readonly kind: 'failure';
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * Reads the operator's key material into keys to verify with. Keys come only from here: the
 * token's own header (jku, x5u, jwk, x5c) is never consulted.
 */
export async function readKeyMaterial(
  material: KeyMaterial,
  fetchIssuerKeys: (issuerUrl: string) => Promise<JsonWebKeySetLike>,
): Promise<KeySource | KeyMaterialFailure> {
  switch (material.kind) {
    case 'secret':
      return { kind: 'single', key: readSecret(material.value) };
    case 'pem':
      return single(readPem(material.value));
    case 'jwk':
      return readJwkText(material.value);
    case 'jwks':
      return readJwksText(material.value);
    case 'issuer':
      return readIssuer(material.url, fetchIssuerKeys);
  }
}

function readJwkText(text: string): KeySource | KeyMaterialFailure {
  const parsed = parseJson(text);
  if (parsed === undefined) return keyInvalid('The JWK is not valid JSON.');
  if (isKeySetShaped(parsed)) {
    return keyInvalid('This is a key set ({ "keys": [...] }), not a single JWK: choose JWKS.');
  }
  return single(readJwk(parsed, 'The JWK'));
}

function readJwksText(text: string): KeySource | KeyMaterialFailure {
  const parsed = parseJson(text);
  if (parsed === undefined) return keyInvalid('The JWKS is not valid JSON.');
  if (!isKeySetShaped(parsed)) return keyInvalid('The JWKS has no "keys" array.');
  return keySet(parsed.keys, 'key set');
}

async function readIssuer(
  url: string,
  fetchIssuerKeys: (issuerUrl: string) => Promise<JsonWebKeySetLike>,
): Promise<KeySource | KeyMaterialFailure> {
  let fetched: JsonWebKeySetLike;
  try {
    fetched = await fetchIssuerKeys(url);
  } catch (error) {
    if (error instanceof IssuerKeysError) {
      return { kind: 'failure', code: error.code, message: error.message };
    }
    return {
      kind: 'failure',
      code: 'ERR_ISSUER_UNREACHABLE',
      message: `The keys of the issuer ${url} could not be fetched.`,
    };
  }
  return keySet(fetched.keys, "issuer's key set");
}

function keySet(keys: readonly unknown[], label: string): KeySource {
  const readings = keys.map((jwk, index) => readJwk(jwk, setMemberSubject(jwk, index, label)));
  return { kind: 'set', label, readings };
}

/** Names a member of a set in messages: by kid when it has one, else by position. */
function setMemberSubject(jwk: unknown, index: number, label: string): string {
  const kid = typeof jwk === 'object' && jwk !== null ? (jwk as { kid?: unknown }).kid : undefined;
  return typeof kid === 'string'
    ? `The key with kid ${quoteForMessage(kid)}`
    : `Key ${index + 1} of the ${label}`;
}

function single(reading: KeyReading): KeySource | KeyMaterialFailure {
  return isUsable(reading) ? { kind: 'single', key: reading } : keyInvalid(reading.problem);
}

function keyInvalid(message: string): KeyMaterialFailure {
  return { kind: 'failure', code: 'ERR_KEY_INVALID', message };
}

/** The parsed value, or undefined when the text is not JSON (JSON itself has no undefined). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isKeySetShaped(value: unknown): value is { keys: unknown[] } {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys)
  );
}
