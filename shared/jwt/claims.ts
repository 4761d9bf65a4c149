import { formatRelative, toIsoSeconds } from '../time/format';
import type { ClaimView, JsonObject, TimeView } from './types';

// Maps, not object literals: a claim named `constructor` or `__proto__` must not find an
// inherited property and pass for a registered claim.

/** Registered and widely used claims (RFC 7519, RFC 9068, OpenID Connect, RFC 8693). */
const claimExplanations: ReadonlyMap<string, string> = new Map([
  ['iss', 'Issuer: who created and signed the token.'],
  ['sub', 'Subject: the user or service the token is about.'],
  ['aud', 'Audience: the services the token is meant for; any other service must reject it.'],
  ['exp', 'Expiry: after this moment the token must be rejected.'],
  ['nbf', 'Not before: before this moment the token must be rejected.'],
  ['iat', 'Issued at: when the token was created.'],
  ['jti', 'Token ID: a unique name for this token, used to revoke it or to spot replays.'],
  ['client_id', 'Client: the application that asked for the token.'],
  ['scope', 'Scope: the permissions granted, separated by spaces.'],
  ['sid', 'Session ID: the sign-in session the token belongs to.'],
  ['auth_time', 'Authentication time: when the user last actually signed in.'],
  ['acr', 'Authentication level: how strongly the user proved who they are at sign-in.'],
  ['amr', 'Authentication methods: how the user signed in, e.g. pwd (password), otp, mfa.'],
  ['azp', 'Authorized party: the application the token was issued to.'],
  ['nonce', 'Nonce: a one-time value tying an ID token to its sign-in request.'],
  ['cnf', 'Confirmation: the key a caller must prove it holds to use the token.'],
  ['act', 'Actor: who is acting on behalf of the subject (delegation or impersonation).'],
  ['may_act', 'May act: who is allowed to act on behalf of the subject.'],
  ['roles', 'Roles: the roles the subject holds.'],
  ['groups', 'Groups: the groups the subject belongs to.'],
  ['entitlements', 'Entitlements: individual permissions granted to the subject.'],
  ['email', 'Email: the subject’s email address as the issuer knows it.'],
  ['name', 'Name: the subject’s full name for display.'],
  [
    'tessera_demo',
    'Demo token: issued by Tessera’s offline demo under a simulated clock, so its times are not real.',
  ],
]);

/** Header parameters (RFC 7515, RFC 7797). */
const headerExplanations: ReadonlyMap<string, string> = new Map([
  ['alg', 'Algorithm: how the token is signed; "none" means it is not signed at all.'],
  ['typ', 'Type: what kind of token this is; access tokens should say at+jwt.'],
  ['kid', 'Key ID: which of the issuer’s keys signed the token.'],
  ['cty', 'Content type: set when the payload is itself another token (a nested JWT).'],
  ['crit', 'Critical: extensions a verifier must understand, or else reject the token.'],
  ['jku', 'Key set URL: an address of keys that the token names itself; never trusted.'],
  [
    'x5u',
    'Certificate URL: an address of a certificate that the token names itself; never trusted.',
  ],
  ['jwk', 'Embedded key: a public key carried inside the token itself; never trusted.'],
  ['x5c', 'Certificate chain: certificates carried inside the token itself; never trusted.'],
  ['x5t', 'Certificate thumbprint (SHA-1): identifies the certificate of the signing key.'],
  ['x5t#S256', 'Certificate thumbprint (SHA-256): identifies the certificate of the signing key.'],
  ['b64', 'Base64 payload: false means the payload is sent unencoded (RFC 7797).'],
]);

/** Claims holding a moment in epoch seconds. */
const timeClaims: ReadonlySet<string> = new Set(['exp', 'nbf', 'iat', 'auth_time']);

/**
 * Lists every claim of a payload in order, with what it means and, for time claims, when that is.
 * Time claims that are not finite numbers get no `time`; the lint reports them.
 */
export function describeClaims(payload: JsonObject, nowSeconds: number): ClaimView[] {
  return Object.entries(payload).map(([name, value]) => {
    const view = describe(name, value, claimExplanations);
    if (timeClaims.has(name) && typeof value === 'number' && Number.isFinite(value)) {
      return { ...view, time: timeView(value, nowSeconds) };
    }
    return view;
  });
}

/** Lists every header parameter in order, with what it means. */
export function describeHeader(header: JsonObject): ClaimView[] {
  return Object.entries(header).map(([name, value]) => describe(name, value, headerExplanations));
}

function describe(
  name: string,
  value: ClaimView['value'],
  explanations: ReadonlyMap<string, string>,
): ClaimView {
  const explanation = explanations.get(name);
  return { name, value, explanation: explanation ?? '', registered: explanation !== undefined };
}

function timeView(epochSeconds: number, nowSeconds: number): TimeView {
  return {
    epochSeconds,
    iso: toIsoSeconds(epochSeconds),
    relative: formatRelative(epochSeconds, nowSeconds),
  };
}
