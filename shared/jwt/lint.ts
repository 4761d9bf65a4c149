import { revealInvisible } from '../text/reveal-invisible';
import { formatDuration, formatRelative, toIsoSeconds } from '../time/format';
import type { DecodedJwt, Finding, JsonObject, JsonValue, Severity } from './types';

/** Clocks a few seconds apart are normal; only skew beyond what verifiers tolerate is worth a warning. */
const skewToleranceSeconds = 60;

/** The JWS algorithms an access token may be signed with (RFC 7518, RFC 8037, and Ed25519). */
const signingAlgorithms: ReadonlySet<string> = new Set([
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]);

const symmetricAlgorithms: ReadonlySet<string> = new Set(['HS256', 'HS384', 'HS512']);

/** What a token with a given (normalised) `typ` is, when it is not an access token. */
const otherTokenTypes: ReadonlyMap<string, string> = new Map([
  ['logout+jwt', 'a logout token (OpenID back-channel logout)'],
  ['dpop+jwt', 'a DPoP proof, which accompanies an access token'],
  ['secevent+jwt', 'a security event token'],
]);

/** Longest header value quoted in a message; tokens are untrusted and may hold anything. */
const maxQuotedLength = 60;

const severityRank: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Judges a decoded token as an access token, without its signature: algorithm, times, type and
 * header parameters. Returns errors first, then warnings, then information.
 */
export function lintJwt(jwt: DecodedJwt, nowSeconds: number): Finding[] {
  const findings = [
    ...lintAlgorithm(jwt),
    ...lintTimes(jwt.payload, nowSeconds),
    ...lintType(jwt.header, jwt.payload),
    ...lintHeaderParameters(jwt.header),
  ];
  // Array.prototype.sort is stable, so rules keep their order within a severity.
  return findings.sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}

function lintAlgorithm({ header, segments }: DecodedJwt): Finding[] {
  const alg = own(header, 'alg');
  if (typeof alg !== 'string') {
    const findings = [
      finding(
        'alg_missing',
        'error',
        'The header names no signing algorithm (alg), so there is no way to check the signature; the token must be rejected.',
      ),
    ];
    if (segments.signature === '') findings.push(signatureEmpty(undefined));
    return findings;
  }

  // Blocklists that compared case-sensitively let "None" and "NONE" through, so any casing counts.
  if (alg.toLowerCase() === 'none') {
    return [
      finding(
        'alg_none',
        'error',
        `The algorithm is ${quote(alg)}: the token is not signed, so anyone could have written it. It must never be accepted.`,
      ),
    ];
  }

  const findings: Finding[] = [];
  if (!signingAlgorithms.has(alg)) {
    findings.push(
      finding(
        'alg_unexpected',
        'error',
        `The algorithm ${quote(alg)} is not a JOSE signing algorithm an access token should use; verifiers should reject it.`,
      ),
    );
  }
  if (symmetricAlgorithms.has(alg)) {
    findings.push(
      finding(
        'alg_symmetric',
        'info',
        `The token is signed with ${alg}, a shared secret: anyone able to verify it can also create new tokens.`,
      ),
    );
  }
  if (segments.signature === '') findings.push(signatureEmpty(alg));
  return findings;
}

function signatureEmpty(alg: string | undefined): Finding {
  const claim =
    alg === undefined ? '' : ` even though the header names the algorithm ${quote(alg)}`;
  return finding(
    'signature_empty',
    'error',
    `The signature is empty${claim}: the token is unsigned and must be rejected.`,
  );
}

function lintTimes(payload: JsonObject, now: number): Finding[] {
  const findings: Finding[] = [];
  const exp = timeClaim(payload, 'exp');
  const nbf = timeClaim(payload, 'nbf');
  const iat = timeClaim(payload, 'iat');

  if (exp === 'missing') {
    findings.push(
      finding(
        'exp_missing',
        'error',
        'The token has no expiry (exp), so it never expires: if it leaks, it works forever.',
      ),
    );
  } else if (exp === 'invalid') {
    findings.push(invalidTime('exp_invalid', 'expiry (exp)'));
  } else if (exp <= now) {
    // RFC 7519 §4.1.4: the token is only valid while now is strictly before exp.
    findings.push(
      finding(
        'expired',
        'error',
        `This token expired at ${toIsoSeconds(exp)} (${formatRelative(exp, now)}).`,
      ),
    );
  }

  if (nbf === 'invalid') {
    findings.push(invalidTime('nbf_invalid', 'not-before time (nbf)'));
  } else if (typeof nbf === 'number' && nbf > now) {
    findings.push(
      finding(
        'nbf_future',
        'error',
        `This token is not valid yet: it becomes valid at ${toIsoSeconds(nbf)} (${formatRelative(nbf, now)}).`,
      ),
    );
  }

  if (iat === 'invalid') {
    findings.push(invalidTime('iat_invalid', 'issue time (iat)'));
  } else if (typeof iat === 'number' && iat > now + skewToleranceSeconds) {
    findings.push(
      finding(
        'iat_future',
        'warning',
        `This token was issued in the future, at ${toIsoSeconds(iat)}: the issuer’s clock and this machine’s clock differ by about ${formatDuration(iat - now)}.`,
      ),
    );
  }

  if (typeof iat === 'number' && typeof exp === 'number') {
    findings.push(
      exp <= iat
        ? finding(
            'lifetime_nonpositive',
            'error',
            `The token expires (${toIsoSeconds(exp)}) no later than it was issued (${toIsoSeconds(iat)}), so it was never valid.`,
          )
        : finding(
            'lifetime',
            'info',
            `Lifetime ${formatDuration(exp - iat)} (issued ${toIsoSeconds(iat)}, expires ${toIsoSeconds(exp)}).`,
          ),
    );
  }
  return findings;
}

/** A time claim in epoch seconds, or whether it is absent or unusable. */
function timeClaim(payload: JsonObject, name: string): number | 'missing' | 'invalid' {
  if (!Object.hasOwn(payload, name)) return 'missing';
  const value = payload[name];
  // JSON.parse turns 1e400 into Infinity, so a number is not necessarily a usable time.
  return typeof value === 'number' && Number.isFinite(value) ? value : 'invalid';
}

function invalidTime(id: string, label: string): Finding {
  return finding(
    id,
    'error',
    `The ${label} is not a number of seconds since 1970, so verifiers cannot judge it and must reject the token.`,
  );
}

function lintType(header: JsonObject, payload: JsonObject): Finding[] {
  const typ = own(header, 'typ');
  // nonce and at_hash belong to ID tokens (OpenID Connect Core §2, §3.1.3.6).
  const idTokenHint = Object.hasOwn(payload, 'nonce') || Object.hasOwn(payload, 'at_hash');
  const idTokenNote =
    'This looks like an ID token, not an access token: it carries a nonce or at_hash.';

  if (typ === undefined) {
    return [
      finding(
        'typ_missing',
        'warning',
        idTokenHint
          ? `The header has no type (typ). ${idTokenNote}`
          : 'The header has no type (typ); access tokens should say at+jwt (RFC 9068) so they cannot be mistaken for other tokens.',
      ),
    ];
  }

  // RFC 7515 §4.1.9: media types compare case-insensitively and "application/" may be left out.
  const normalised = typeof typ === 'string' ? typ.toLowerCase().replace(/^application\//, '') : '';
  if (normalised === 'at+jwt') return [];

  const otherType = otherTokenTypes.get(normalised);
  let message: string;
  if (otherType !== undefined) {
    message = `The type is ${quote(typ)}: this looks like ${otherType}, not an access token.`;
  } else if (normalised === 'jwt' && idTokenHint) {
    message = `The type is ${quote(typ)}. ${idTokenNote}`;
  } else {
    message = `The type is ${quote(typ)}, not at+jwt; RFC 9068 access tokens say at+jwt so they cannot be mistaken for other tokens.`;
  }
  return [finding('typ_wrong', 'warning', message)];
}

function lintHeaderParameters(header: JsonObject): Finding[] {
  const findings: Finding[] = [];
  const never = 'A verifier must never trust it; Tessera never fetches or uses it.';
  if (Object.hasOwn(header, 'jku')) {
    findings.push(
      finding(
        'header_key_jku',
        'warning',
        `The header names its own key set URL (jku): ${quote(own(header, 'jku'))}. ${never}`,
      ),
    );
  }
  if (Object.hasOwn(header, 'x5u')) {
    findings.push(
      finding(
        'header_key_x5u',
        'warning',
        `The header names its own certificate URL (x5u): ${quote(own(header, 'x5u'))}. ${never}`,
      ),
    );
  }
  if (Object.hasOwn(header, 'jwk')) {
    findings.push(
      finding('header_key_jwk', 'warning', `The header carries its own public key (jwk). ${never}`),
    );
  }
  if (Object.hasOwn(header, 'x5c')) {
    findings.push(
      finding(
        'header_key_x5c',
        'warning',
        `The header carries its own certificate chain (x5c). ${never}`,
      ),
    );
  }
  if (Object.hasOwn(header, 'crit')) {
    findings.push(
      finding(
        'crit_present',
        'warning',
        `The header marks extensions as critical (crit: ${quote(own(header, 'crit'))}): a verifier that does not understand them must reject the token.`,
      ),
    );
  }
  if (own(header, 'b64') === false) {
    findings.push(
      finding(
        'b64_false',
        'error',
        'The header sets b64 to false, so the payload is not encoded (RFC 7797); that is not acceptable for an access token.',
      ),
    );
  }
  return findings;
}

/** Reads an own property only, so names like `constructor` never find inherited values. */
function own(object: JsonObject, name: string): JsonValue | undefined {
  return Object.hasOwn(object, name) ? object[name] : undefined;
}

/**
 * Quotes an untrusted value for a message: as JSON, shortened, with invisible and bidi characters
 * made visible so that the message cannot be reordered or hide text.
 */
function quote(value: JsonValue | undefined): string {
  // Split by code point so that shortening never leaves half of a surrogate pair.
  const chars = Array.from(JSON.stringify(value) ?? 'nothing');
  const short =
    chars.length > maxQuotedLength ? [...chars.slice(0, maxQuotedLength - 1), '…'] : chars;
  return revealInvisible(short.join(''));
}

function finding(id: string, severity: Severity, message: string): Finding {
  return { id, severity, message };
}
