import { describe, expect, it } from 'vitest';
import { decodeJwt } from './decode';
import { makeToken } from './fixtures.test-helper';
import { lintJwt } from './lint';
import type { Finding } from './types';

/** 2026-11-23T10:02:00Z */
const now = 1_795_428_120;
const hour = 3_600;

const goodHeader = { alg: 'RS256', typ: 'at+jwt', kid: 'k1' };
const goodPayload = {
  iss: 'https://issuer.example',
  sub: 'user-1',
  iat: now - 60,
  exp: now + hour,
};

/** Decodes and lints; header and payload may be raw JSON text for values JSON.stringify cannot make. */
function lint(header: unknown, payload: unknown = goodPayload, signature?: string): Finding[] {
  const result = decodeJwt(makeToken(header, payload, signature));
  if (!result.ok) throw new Error(result.error.message);
  return lintJwt(result.jwt, now);
}

/** A copy of `object` without `key`, for tokens that lack a claim or header parameter. */
function without(object: object, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));
}

const ids = (findings: Finding[]) => findings.map((finding) => finding.id);

function only(findings: Finding[], id: string): Finding {
  const matches = findings.filter((finding) => finding.id === id);
  expect(matches).toHaveLength(1);
  return matches[0] as Finding;
}

describe('lintJwt: a well-formed access token', () => {
  it('reports only its lifetime', () => {
    expect(lint(goodHeader)).toEqual([
      {
        id: 'lifetime',
        severity: 'info',
        message: 'Lifetime 1 h 1 min (issued 2026-11-23T10:01:00Z, expires 2026-11-23T11:02:00Z).',
      },
    ]);
  });
});

describe('lintJwt: algorithm', () => {
  it.each(['none', 'None', 'NONE', 'nOnE'])('flags alg %s as unsigned', (alg) => {
    const findings = lint({ ...goodHeader, alg }, goodPayload, '');
    const finding = only(findings, 'alg_none');
    expect(finding.severity).toBe('error');
    expect(finding.message).toBe(
      `The algorithm is "${alg}": the token is not signed, so anyone could have written it. It must never be accepted.`,
    );
    expect(ids(findings)).not.toContain('alg_unexpected');
    expect(ids(findings)).not.toContain('signature_empty');
  });

  it.each(['RS256', 'HS256', 'ES256', 'EdDSA', 'nonE1', 'non'])(
    'does not flag alg %s as none',
    (alg) => {
      expect(ids(lint({ ...goodHeader, alg }))).not.toContain('alg_none');
    },
  );

  it('flags a missing or non-string alg', () => {
    const withoutAlg = without(goodHeader, 'alg');
    expect(only(lint(withoutAlg), 'alg_missing').severity).toBe('error');
    expect(ids(lint({ ...goodHeader, alg: 256 }))).toContain('alg_missing');
    expect(ids(lint({ ...goodHeader, alg: null }))).toContain('alg_missing');
    expect(ids(lint(goodHeader))).not.toContain('alg_missing');
  });

  it('does not find an alg through a __proto__ key', () => {
    const findings = lint('{"typ":"at+jwt","__proto__":{"alg":"RS256"}}');
    expect(ids(findings)).toContain('alg_missing');
  });

  it.each(['RSA-OAEP', 'hs256', 'ES256K', 'HS1', 'dir', ''])(
    'flags the unexpected alg %j',
    (alg) => {
      expect(only(lint({ ...goodHeader, alg }), 'alg_unexpected').severity).toBe('error');
    },
  );

  it.each([
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
  ])('accepts the signing alg %s', (alg) => {
    expect(ids(lint({ ...goodHeader, alg }))).not.toContain('alg_unexpected');
  });

  it.each(['HS256', 'HS384', 'HS512'])('notes that %s is a shared secret', (alg) => {
    const finding = only(lint({ ...goodHeader, alg }), 'alg_symmetric');
    expect(finding.severity).toBe('info');
    expect(finding.message).toContain('anyone able to verify it can also create new tokens');
  });

  it.each(['RS256', 'ES256', 'EdDSA'])('does not call %s symmetric', (alg) => {
    expect(ids(lint({ ...goodHeader, alg }))).not.toContain('alg_symmetric');
  });

  it('quotes a hostile alg safely: shortened, with bidi characters made visible', () => {
    const alg = `\u202E${'x'.repeat(500)}`;
    const finding = only(lint({ ...goodHeader, alg }), 'alg_unexpected');
    expect(finding.message).toContain('"⟨U+202E⟩xxx');
    expect(finding.message).not.toContain('\u202E');
    expect(finding.message).toContain('…');
    expect(finding.message.length).toBeLessThan(200);
  });
});

describe('lintJwt: signature', () => {
  it('flags an empty signature when the header names an algorithm', () => {
    const finding = only(lint(goodHeader, goodPayload, ''), 'signature_empty');
    expect(finding.severity).toBe('error');
    expect(finding.message).toBe(
      'The signature is empty even though the header names the algorithm "RS256": the token is unsigned and must be rejected.',
    );
  });

  it('flags an empty signature when there is no algorithm at all', () => {
    expect(ids(lint({ typ: 'at+jwt' }, goodPayload, ''))).toEqual(
      expect.arrayContaining(['alg_missing', 'signature_empty']),
    );
  });

  it('does not flag a present signature, or an empty one under alg none', () => {
    expect(ids(lint(goodHeader))).not.toContain('signature_empty');
    expect(ids(lint({ alg: 'none', typ: 'at+jwt' }, goodPayload, ''))).not.toContain(
      'signature_empty',
    );
  });
});

describe('lintJwt: times', () => {
  it('flags a missing expiry', () => {
    const withoutExp = without(goodPayload, 'exp');
    const finding = only(lint(goodHeader, withoutExp), 'exp_missing');
    expect(finding.severity).toBe('error');
    expect(finding.message).toContain('never expires');
    expect(ids(lint(goodHeader))).not.toContain('exp_missing');
  });

  it.each(['exp', 'nbf', 'iat'])('flags %s that is not a finite number', (claim) => {
    for (const value of ['"tomorrow"', 'null', '1e400', '[1]', 'true']) {
      const findings = lint(goodHeader, `{"sub":"u","exp":${now + hour},"${claim}":${value}}`);
      expect(only(findings, `${claim}_invalid`).severity).toBe('error');
    }
    expect(ids(lint(goodHeader, { ...goodPayload, nbf: now - 60 }))).not.toContain(
      `${claim}_invalid`,
    );
  });

  it('flags an expired token with when it expired', () => {
    const finding = only(lint(goodHeader, { ...goodPayload, exp: now - 3 * hour }), 'expired');
    expect(finding).toEqual({
      id: 'expired',
      severity: 'error',
      message: 'This token expired at 2026-11-23T07:02:00Z (3 h ago).',
    });
  });

  it('treats the moment of expiry as expired, and one second before as valid', () => {
    expect(ids(lint(goodHeader, { ...goodPayload, exp: now }))).toContain('expired');
    expect(ids(lint(goodHeader, { ...goodPayload, exp: now + 1 }))).not.toContain('expired');
  });

  it('flags a token that is not valid yet', () => {
    const finding = only(lint(goodHeader, { ...goodPayload, nbf: now + 2 * hour }), 'nbf_future');
    expect(finding).toEqual({
      id: 'nbf_future',
      severity: 'error',
      message: 'This token is not valid yet: it becomes valid at 2026-11-23T12:02:00Z (in 2 h).',
    });
    expect(ids(lint(goodHeader, { ...goodPayload, nbf: now }))).not.toContain('nbf_future');
    expect(ids(lint(goodHeader, { ...goodPayload, nbf: now - hour }))).not.toContain('nbf_future');
  });

  it('warns about an issue time in the future as clock skew', () => {
    const finding = only(lint(goodHeader, { ...goodPayload, iat: now + 300 }), 'iat_future');
    expect(finding).toEqual({
      id: 'iat_future',
      severity: 'warning',
      message:
        'This token was issued in the future, at 2026-11-23T10:07:00Z: the issuer’s clock and this machine’s clock differ by about 5 min.',
    });
    expect(ids(lint(goodHeader, { ...goodPayload, iat: now }))).not.toContain('iat_future');
    // Up to a minute of skew is what verifiers tolerate: no warning.
    expect(ids(lint(goodHeader, { ...goodPayload, iat: now + 60 }))).not.toContain('iat_future');
    expect(ids(lint(goodHeader, { ...goodPayload, iat: now + 61 }))).toContain('iat_future');
  });

  it('reports the lifetime when both iat and exp are numbers', () => {
    const finding = only(
      lint(goodHeader, { ...goodPayload, iat: now, exp: now + hour }),
      'lifetime',
    );
    expect(finding.message).toBe(
      'Lifetime 1 h (issued 2026-11-23T10:02:00Z, expires 2026-11-23T11:02:00Z).',
    );
    const withoutIat = without(goodPayload, 'iat');
    expect(ids(lint(goodHeader, withoutIat))).not.toContain('lifetime');
  });

  it.each([0, -hour])('flags a lifetime of %d s as never valid', (lifetime) => {
    const payload = { ...goodPayload, iat: now - hour, exp: now - hour + lifetime };
    const findings = lint(goodHeader, payload);
    expect(only(findings, 'lifetime_nonpositive').severity).toBe('error');
    expect(ids(findings)).not.toContain('lifetime');
  });
});

describe('lintJwt: type', () => {
  it.each(['at+jwt', 'AT+JWT', 'application/at+jwt', 'application/AT+JWT'])(
    'accepts typ %s',
    (typ) => {
      const findings = ids(lint({ ...goodHeader, typ }));
      expect(findings).not.toContain('typ_wrong');
      expect(findings).not.toContain('typ_missing');
    },
  );

  it('warns when typ is missing', () => {
    const withoutTyp = without(goodHeader, 'typ');
    const finding = only(lint(withoutTyp), 'typ_missing');
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain('at+jwt (RFC 9068)');
    expect(finding.message).not.toContain('ID token');
    expect(
      only(lint(withoutTyp, { ...goodPayload, at_hash: 'x' }), 'typ_missing').message,
    ).toContain('This looks like an ID token, not an access token');
  });

  it('says a JWT with a nonce or at_hash looks like an ID token', () => {
    for (const extra of [{ nonce: 'n-0S6' }, { at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q' }]) {
      const finding = only(
        lint({ ...goodHeader, typ: 'JWT' }, { ...goodPayload, ...extra }),
        'typ_wrong',
      );
      expect(finding.severity).toBe('warning');
      expect(finding.message).toBe(
        'The type is "JWT". This looks like an ID token, not an access token: it carries a nonce or at_hash.',
      );
    }
  });

  it('keeps the ID token hint to typ JWT', () => {
    const finding = only(
      lint({ ...goodHeader, typ: 'JOSE' }, { ...goodPayload, nonce: 'n' }),
      'typ_wrong',
    );
    expect(finding.message).toBe(
      'The type is "JOSE", not at+jwt; RFC 9068 access tokens say at+jwt so they cannot be mistaken for other tokens.',
    );
  });

  it('warns about a plain JWT type without calling it an ID token', () => {
    const finding = only(lint({ ...goodHeader, typ: 'JWT' }), 'typ_wrong');
    expect(finding.message).toContain('not at+jwt');
    expect(finding.message).not.toContain('ID token');
  });

  it('names other known token types', () => {
    expect(only(lint({ ...goodHeader, typ: 'logout+jwt' }), 'typ_wrong').message).toBe(
      'The type is "logout+jwt": this looks like a logout token (OpenID back-channel logout), not an access token.',
    );
    expect(only(lint({ ...goodHeader, typ: 'dpop+jwt' }), 'typ_wrong').message).toContain(
      'DPoP proof',
    );
    expect(ids(lint({ ...goodHeader, typ: 7 }))).toContain('typ_wrong');
  });
});

describe('lintJwt: header parameters', () => {
  it.each([
    ['jku', 'https://attacker.example/keys.json', 'header_key_jku'],
    ['x5u', 'https://attacker.example/cert.pem', 'header_key_x5u'],
    ['jwk', { kty: 'oct', k: 'c2VjcmV0' }, 'header_key_jwk'],
    ['x5c', ['MIIB...'], 'header_key_x5c'],
  ])('warns that %s must never be trusted', (name, value, id) => {
    const finding = only(lint({ ...goodHeader, [name]: value }), id);
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain(`(${name})`);
    expect(finding.message).toContain(
      'A verifier must never trust it; Tessera never fetches or uses it.',
    );
  });

  it('quotes the URL a header names', () => {
    expect(
      only(lint({ ...goodHeader, jku: 'https://attacker.example/k' }), 'header_key_jku').message,
    ).toContain('"https://attacker.example/k"');
  });

  it('does not warn about key parameters that are absent', () => {
    const found = ids(lint(goodHeader));
    for (const id of ['header_key_jku', 'header_key_x5u', 'header_key_jwk', 'header_key_x5c']) {
      expect(found).not.toContain(id);
    }
  });

  it('warns about critical extensions', () => {
    const finding = only(lint({ ...goodHeader, crit: ['exp'] }), 'crit_present');
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain('["exp"]');
    expect(ids(lint(goodHeader))).not.toContain('crit_present');
  });

  it('flags an unencoded payload (b64 false) but not b64 true', () => {
    expect(only(lint({ ...goodHeader, b64: false }), 'b64_false').severity).toBe('error');
    expect(ids(lint({ ...goodHeader, b64: true }))).not.toContain('b64_false');
  });
});

describe('lintJwt: order', () => {
  it('lists errors first, then warnings, then information', () => {
    const findings = lint(
      { alg: 'HS256', jwk: {}, crit: ['b64'], b64: false },
      { sub: 'u', iat: now + 120, exp: now - 60 },
      '',
    );
    expect(ids(findings)).toEqual([
      'signature_empty',
      'expired',
      'lifetime_nonpositive',
      'b64_false',
      'iat_future',
      'typ_missing',
      'header_key_jwk',
      'crit_present',
      'alg_symmetric',
    ]);
  });
});
