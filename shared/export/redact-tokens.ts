/** What replaces a value that looks like a credential. */
export const redactedMark = '[redacted]';

/** A JWS/JWT in compact form: three base64url parts (the third may be empty for alg none). */
const jwsShape = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
/**
 * An opaque secret such as a refresh token (32 random bytes: 43 characters). Tessera's own ids
 * (sids, jtis, family ids) are 16 bytes, 22 characters, so they stay readable; so do long
 * readable names, because random text of this length mixes cases and digits and names rarely do.
 */
const opaqueShape = /[A-Za-z0-9_-]{32,}/g;
const looksRandom = (run: string) => /[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run);
/** Fields that would hold a credential if a payload ever carried one. */
const secretKey = /token|secret|password|assertion|credential/i;

/**
 * Returns a copy of `value` in which anything credential-like is replaced by `[redacted]`:
 * JWT-shaped strings anywhere, long opaque runs inside text, and whole values under keys that
 * name a secret. Event payloads carry ids only by contract; an export leaves the console, so it
 * does not rely on that alone (an error sentence, for one, quotes what a relying party said).
 */
export function redactTokens(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (secretKey.test(key)) return redactedMark;
    return value
      .replace(jwsShape, redactedMark)
      .replace(opaqueShape, (run) => (looksRandom(run) ? redactedMark : run));
  }
  if (Array.isArray(value)) return value.map((item) => redactTokens(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([name, inner]) => [name, redactTokens(inner, name)]),
    );
  }
  return value;
}
