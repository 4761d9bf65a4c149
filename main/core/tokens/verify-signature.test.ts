import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  base64url,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importPKCS8,
  SignJWT,
  type JWK,
  type JWTHeaderParameters,
} from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KeyMaterial } from '../../../shared/contract/tokens';
import { createIssuerKeyFetcher } from './issuer-keys';
import { verifySignature, type VerifySignatureDeps } from './verify-signature';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

/** For every kind but `issuer`: the issuer must never be asked. */
const issuerCalls: string[] = [];
const noIssuer: VerifySignatureDeps = {
  fetchIssuerKeys: async (url) => {
    issuerCalls.push(url);
    throw new Error('the issuer must not be consulted');
  },
};

let es: KeyPair;
let es2: KeyPair;
let rs: KeyPair;
let ed: KeyPair;
let attacker: KeyPair;
let esJwk: JWK;
let es2Jwk: JWK;
let rsJwk: JWK;
let rsPem: string;

// A server standing in for an issuer, and for anything a token's header might point at.
let server: Server;
let baseUrl: string;
const requests: string[] = [];

beforeAll(async () => {
  [es, es2, rs, ed, attacker] = await Promise.all([
    generateKeyPair('ES256', { extractable: true }),
    generateKeyPair('ES256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('EdDSA', { extractable: true }),
    generateKeyPair('ES256', { extractable: true }),
  ]);
  esJwk = { ...(await exportJWK(es.publicKey)), kid: 'es-1' };
  es2Jwk = { ...(await exportJWK(es2.publicKey)), kid: 'es-2' };
  rsJwk = { ...(await exportJWK(rs.publicKey)), kid: 'rs-1' };
  rsPem = await exportSPKI(rs.publicKey);
  const attackerJwk = await exportJWK(attacker.publicKey);

  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const routes: Record<string, unknown> = {
      '/.well-known/openid-configuration': { issuer: baseUrl, jwks_uri: `${baseUrl}/jwks` },
      '/jwks': { keys: [rsJwk, esJwk] },
      '/attacker-jwks': { keys: [attackerJwk] },
    };
    const body = routes[request.url ?? ''];
    response.writeHead(body ? 200 : 500, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? { error: 'down' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests.length = 0;
  issuerCalls.length = 0;
});

function sign(key: KeyPair['privateKey'] | Uint8Array, header: JWTHeaderParameters) {
  return new SignJWT({ sub: 'user-1' }).setProtectedHeader(header).sign(key);
}

const jwk = (value: object): KeyMaterial => ({ kind: 'jwk', value: JSON.stringify(value) });
const jwks = (...keys: object[]): KeyMaterial => ({
  kind: 'jwks',
  value: JSON.stringify({ keys }),
});
const pem = (value: string): KeyMaterial => ({ kind: 'pem', value });
const utf8 = (text: string) => new TextEncoder().encode(text);
const encodeJson = (value: object) => base64url.encode(JSON.stringify(value));

/** A token with any header at all, HMAC-signed by hand so jose's own checks do not interfere. */
function handMadeHs256(header: object, payloadSegment: string, secret: string): string {
  const input = `${encodeJson(header)}.${payloadSegment}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

describe('verifySignature with pasted keys', () => {
  it('accepts ES256 against a JWKS, a JWK and a PEM, naming alg and kid', async () => {
    const token = await sign(es.privateKey, { alg: 'ES256', kid: 'es-1' });
    expect(await verifySignature(token, jwks(rsJwk, esJwk), noIssuer)).toMatchObject({
      status: 'valid',
      alg: 'ES256',
      keyId: 'es-1',
    });
    expect(await verifySignature(token, jwk(esJwk), noIssuer)).toMatchObject({
      status: 'valid',
      alg: 'ES256',
      keyId: 'es-1',
    });
    expect(
      await verifySignature(token, pem(await exportSPKI(es.publicKey)), noIssuer),
    ).toMatchObject({ status: 'valid', alg: 'ES256' });
    expect(issuerCalls).toEqual([]);
  });

  it('accepts RS256 against a PEM public key', async () => {
    const token = await sign(rs.privateKey, { alg: 'RS256' });
    expect(await verifySignature(token, pem(rsPem), noIssuer)).toMatchObject({
      status: 'valid',
      alg: 'RS256',
    });
  });

  it('accepts EdDSA against a JWK and a PEM', async () => {
    const token = await sign(ed.privateKey, { alg: 'EdDSA' });
    const edJwk = await exportJWK(ed.publicKey);
    expect(await verifySignature(token, jwk(edJwk), noIssuer)).toMatchObject({
      status: 'valid',
      alg: 'EdDSA',
    });
    expect(
      await verifySignature(token, pem(await exportSPKI(ed.publicKey)), noIssuer),
    ).toMatchObject({ status: 'valid', alg: 'EdDSA' });
  });

  it('accepts an X.509 certificate as the key', async () => {
    // Made once with openssl; only the certificate and a token it verifies are kept.
    const certificate = [
      '-----BEGIN CERTIFICATE-----',
      'MIIBhTCCASugAwIBAgIUQMsTHDbzAQ3ZbUGVFVZ2nU5b0d0wCgYIKoZIzj0EAwIw',
      'FzEVMBMGA1UEAwwMdGVzc2VyYS10ZXN0MCAXDTI2MTEyMzE2MDQzN1oYDzIxMjYx',
      'MDMwMTYwNDM3WjAXMRUwEwYDVQQDDAx0ZXNzZXJhLXRlc3QwWTATBgcqhkjOPQIB',
      'BggqhkjOPQMBBwNCAATGrhGIWb+6sv29fj2ibFXFj0LIyusJTFUxoE3YEo/q34BO',
      '9UdITqCPMqcCJD/p2taZQUBysXKMgeS98PamuZkjo1MwUTAdBgNVHQ4EFgQU7Oj/',
      'vB/hZWTntbf16lEK6ogJRAUwHwYDVR0jBBgwFoAU7Oj/vB/hZWTntbf16lEK6ogJ',
      'RAUwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAo62FHtQnCoLc',
      'qONU/fPRBAQWQSBeCqfSCJTk9WAuJHECIEwToGri5CXenuda18TkyWd0FYC5aGaL',
      'OoPwnUX6I73m',
      '-----END CERTIFICATE-----',
    ].join('\n');
    const token =
      'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjZXJ0aWZpY2F0ZS1maXh0dXJlIn0.' +
      'wyA9xzQ-SQZa5HvHu4i1aV3aeWe4vOSJJ7cdRKMDYH3aWmQncZrIFfi-KtaBh8VUJjnegMb6XT8KCDKKRZnNIA';
    expect(await verifySignature(token, pem(certificate), noIssuer)).toMatchObject({
      status: 'valid',
      alg: 'ES256',
    });
  });

  it('checks HS256 against the exact UTF-8 bytes of the secret', async () => {
    const secret = ' correct horse battery staple, with spaces ';
    const token = await sign(utf8(secret), { alg: 'HS256' });
    expect(await verifySignature(token, { kind: 'secret', value: secret }, noIssuer)).toEqual({
      status: 'valid',
      alg: 'HS256',
      keyId: undefined,
      message: 'The signature is valid (HS256).',
    });
    expect(
      await verifySignature(token, { kind: 'secret', value: secret.trim() }, noIssuer),
    ).toEqual({
      status: 'invalid',
      alg: 'HS256',
      message: 'The signature does not match this key.',
    });
  });

  it('reports a wrong asymmetric key as a mismatch', async () => {
    const token = await sign(es.privateKey, { alg: 'ES256' });
    expect(await verifySignature(token, jwk(es2Jwk), noIssuer)).toEqual({
      status: 'invalid',
      alg: 'ES256',
      message: 'The signature does not match this key.',
    });
  });

  it('selects by kid, and names the kids when none matches', async () => {
    const token = await sign(es2.privateKey, { alg: 'ES256', kid: 'es-2' });
    expect(await verifySignature(token, jwks(esJwk, es2Jwk), noIssuer)).toMatchObject({
      status: 'valid',
      keyId: 'es-2',
    });

    const unknown = await sign(es2.privateKey, { alg: 'ES256', kid: 'es-9' });
    const verdict = await verifySignature(unknown, jwks(esJwk, es2Jwk, rsJwk), noIssuer);
    expect(verdict.status).toBe('invalid');
    expect(verdict.message).toBe(
      'The key set has no key with kid "es-9"; its kids are "es-1", "es-2", "rs-1".',
    );
  });

  it('without a kid, tries every key that fits the algorithm', async () => {
    // JSON.stringify leaves out undefined members, so these keys arrive without a kid.
    const esNoKid = { ...esJwk, kid: undefined };
    const es2NoKid = { ...es2Jwk, kid: undefined };
    const token = await sign(es.privateKey, { alg: 'ES256' });
    expect(await verifySignature(token, jwks(rsJwk, es2NoKid, esNoKid), noIssuer)).toMatchObject({
      status: 'valid',
      alg: 'ES256',
    });

    const stranger = await sign(attacker.privateKey, { alg: 'ES256' });
    expect(await verifySignature(stranger, jwks(rsJwk, es2NoKid, esNoKid), noIssuer)).toEqual({
      status: 'invalid',
      alg: 'ES256',
      message: 'The signature does not match any of the 2 ES256 keys in the key set.',
    });
  });

  it('honours the alg of a JWK', async () => {
    const limited = { ...rsJwk, alg: 'PS256' };
    // WebCrypto binds a key to one algorithm, so the same RSA key is imported again for PS256.
    const psKey = await importPKCS8(await exportPKCS8(rs.privateKey), 'PS256');
    const ps256 = await sign(psKey, { alg: 'PS256', kid: 'rs-1' });
    expect(await verifySignature(ps256, jwk(limited), noIssuer)).toMatchObject({
      status: 'valid',
      alg: 'PS256',
    });
    const rs256 = await sign(rs.privateKey, { alg: 'RS256', kid: 'rs-1' });
    const verdict = await verifySignature(rs256, jwk(limited), noIssuer);
    expect(verdict.status).toBe('invalid');
    expect(verdict.message).toContain('can verify only PS256');
  });

  it('verifies HS* with an oct JWK, and nothing else', async () => {
    const secret = utf8('a shared secret of thirty-two bytes!');
    const octJwk = { kty: 'oct', k: base64url.encode(secret) };
    expect(
      await verifySignature(await sign(secret, { alg: 'HS384' }), jwk(octJwk), noIssuer),
    ).toMatchObject({ status: 'valid', alg: 'HS384' });
    const verdict = await verifySignature(
      await sign(rs.privateKey, { alg: 'RS256' }),
      jwk(octJwk),
      noIssuer,
    );
    expect(verdict.status).toBe('invalid');
    expect(verdict.message).toContain('can verify only HS256, HS384, HS512');
  });
});

describe('verifySignature refuses what must never pass', () => {
  it('refuses the key-confusion attack: HS256 made with the public key PEM as secret', async () => {
    const forged = await sign(utf8(rsPem), { alg: 'HS256' });
    // Control: the token really is a correct HMAC over that text.
    expect(await verifySignature(forged, { kind: 'secret', value: rsPem }, noIssuer)).toMatchObject(
      { status: 'valid' },
    );

    for (const material of [pem(rsPem), jwk(rsJwk), jwks(rsJwk)]) {
      const verdict = await verifySignature(forged, material, noIssuer);
      expect(verdict.status).toBe('invalid');
      expect(verdict.message).toContain('key confusion');
    }
    expect((await verifySignature(forged, pem(rsPem), noIssuer)).message).toBe(
      'This RSA public key can verify only RS256, RS384, RS512, PS256, PS384, PS512, but the ' +
        'token says "HS256". Accepting it would let anyone holding the public key forge tokens ' +
        '(key confusion).',
    );
  });

  it.each(['none', 'None', 'NONE', 'nOnE'])('refuses alg %s', async (alg) => {
    const token = `${encodeJson({ alg, typ: 'JWT' })}.${encodeJson({ sub: 'admin' })}.`;
    for (const material of [
      { kind: 'secret', value: 'secret' } as const,
      pem(rsPem),
      jwks(esJwk),
    ]) {
      expect(await verifySignature(token, material, noIssuer)).toEqual({
        status: 'invalid',
        message: 'The token is unsigned (alg: none); unsigned tokens are never accepted.',
      });
    }
  });

  it('never follows jku, x5u, jwk or x5c from the header', async () => {
    const attackerJwk = await exportJWK(attacker.publicKey);
    const pointers = {
      jku: `${baseUrl}/attacker-jwks`,
      x5u: `${baseUrl}/attacker.pem`,
      x5c: ['MIIBhTCCASugAwIBAgIU'],
    };
    const forged = await sign(attacker.privateKey, {
      alg: 'ES256',
      ...pointers,
      jwk: attackerJwk,
    });
    expect(await verifySignature(forged, jwk(esJwk), noIssuer)).toMatchObject({
      status: 'invalid',
      message: 'The signature does not match this key.',
    });

    // A genuine token carrying the same pointers verifies with the pasted key alone.
    const genuine = await sign(es.privateKey, { alg: 'ES256', ...pointers, jwk: attackerJwk });
    expect(await verifySignature(genuine, jwks(esJwk), noIssuer)).toMatchObject({
      status: 'valid',
    });
    expect(requests).toEqual([]);
  });

  it('uses only the issuer the operator typed, not a jku in the token', async () => {
    const forged = await sign(attacker.privateKey, {
      alg: 'ES256',
      kid: 'es-1',
      jku: `${baseUrl}/attacker-jwks`,
    });
    const deps = { fetchIssuerKeys: createIssuerKeyFetcher() };
    expect(await verifySignature(forged, { kind: 'issuer', url: baseUrl }, deps)).toMatchObject({
      status: 'invalid',
    });
    expect(requests).toEqual(['/.well-known/openid-configuration', '/jwks']);
  });

  it('refuses unknown critical headers and unencoded payloads without jose wording', async () => {
    const critical = handMadeHs256(
      { alg: 'HS256', crit: ['x-tessera'], 'x-tessera': true },
      encodeJson({ sub: 'u' }),
      'secret',
    );
    const verdict = await verifySignature(critical, { kind: 'secret', value: 'secret' }, noIssuer);
    expect(verdict).toEqual({
      status: 'invalid',
      message:
        'The token marks header parameters as critical (crit: "x-tessera") that are not ' +
        'supported, so it cannot be trusted.',
    });

    const unencoded = handMadeHs256(
      { alg: 'HS256', b64: false, crit: ['b64'] },
      'raw payload',
      'secret',
    );
    expect(await verifySignature(unencoded, { kind: 'secret', value: 'secret' }, noIssuer)).toEqual(
      {
        status: 'invalid',
        message: 'The token has an unencoded payload (b64: false), which a JWT may not have.',
      },
    );
  });

  it('turns malformed tokens into verdicts', async () => {
    const secret: KeyMaterial = { kind: 'secret', value: 'secret' };
    expect(await verifySignature('not-a-token', secret, noIssuer)).toMatchObject({
      status: 'invalid',
      message: 'The token is not a signed JWT: it needs three parts separated by dots.',
    });
    expect(await verifySignature('%%%.e30.sig', secret, noIssuer)).toMatchObject({
      status: 'invalid',
      message: 'The token header is not base64url-encoded JSON.',
    });
    expect(
      await verifySignature(`${encodeJson({ typ: 'JWT' })}.e30.x`, secret, noIssuer),
    ).toMatchObject({
      status: 'invalid',
      message: 'The token header has no alg, so there is no signature to check.',
    });
    const badSignature = `${encodeJson({ alg: 'HS256' })}.e30.***`;
    const verdict = await verifySignature(badSignature, secret, noIssuer);
    expect(verdict.status).toBe('invalid');
    expect(verdict.message).not.toMatch(/JWS|base64url decode/);
  });
});

describe('verifySignature with unusable key material', () => {
  it('refuses a pasted private key without echoing it', async () => {
    const privatePem = await exportPKCS8(rs.privateKey);
    const token = await sign(rs.privateKey, { alg: 'RS256' });
    const verdict = await verifySignature(token, pem(privatePem), noIssuer);
    expect(verdict).toMatchObject({ status: 'error', code: 'ERR_KEY_INVALID' });
    expect(verdict.message).toContain('Paste the public key');
    const bodyLines = privatePem.split('\n').filter((line) => line && !line.startsWith('-----'));
    for (const line of bodyLines) expect(verdict.message).not.toContain(line);
  });

  it('verifies with a private JWK but never repeats its private members', async () => {
    const privateJwk = { ...(await exportJWK(rs.privateKey)), kid: 'rs-1' };
    const { d, p, q, dp, dq, qi } = privateJwk;
    const secrets = [d, p, q, dp, dq, qi].filter((value) => value !== undefined);
    expect(secrets).toHaveLength(6);
    const octJwk = { kty: 'oct', kid: 'hmac', k: base64url.encode(utf8('shared-secret-value')) };

    const token = await sign(rs.privateKey, { alg: 'RS256', kid: 'rs-1' });
    const valid = await verifySignature(token, jwk(privateJwk), noIssuer);
    expect(valid).toMatchObject({ status: 'valid', keyId: 'rs-1' });

    const elsewhere = await sign(rs.privateKey, { alg: 'RS256', kid: 'other' });
    const other = await sign(utf8('another secret'), { alg: 'HS256', kid: 'hmac' });
    for (const verdict of [
      valid,
      await verifySignature(elsewhere, jwks(privateJwk, octJwk), noIssuer),
      await verifySignature(other, jwks(privateJwk, octJwk), noIssuer),
    ]) {
      const text = JSON.stringify(verdict);
      for (const value of [...secrets, octJwk.k]) expect(text).not.toContain(value);
    }
  });

  it('names what is wrong with unparsable material', async () => {
    const token = await sign(es.privateKey, { alg: 'ES256' });
    const cases: [KeyMaterial, string][] = [
      [{ kind: 'jwks', value: '{"keys": [' }, 'The JWKS is not valid JSON.'],
      [{ kind: 'jwks', value: '{"kty": "EC"}' }, 'The JWKS has no "keys" array.'],
      [{ kind: 'jwk', value: 'garbage' }, 'The JWK is not valid JSON.'],
      [{ kind: 'jwk', value: '{"crv": "P-256"}' }, 'The JWK has no kty.'],
      [jwk({ kty: 'EC', crv: 'P-256' }), 'The JWK has no x, y.'],
      [
        jwk({ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }),
        'The JWK does not hold a valid EC public key.',
      ],
      [
        jwk({ ...esJwk, use: 'enc' }),
        'The JWK is marked for encryption (use: enc), not for signatures.',
      ],
      [
        jwk({ ...rsJwk, alg: 'HS256' }),
        'The JWK has alg "HS256", which its key type (RSA public key) cannot verify.',
      ],
      [
        pem('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5'),
        'The PEM text has no -----BEGIN PUBLIC KEY----- or -----BEGIN CERTIFICATE----- block.',
      ],
      [
        pem('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'),
        'The public key could not be parsed.',
      ],
      [jwks(), 'The key set has no keys.'],
    ];
    for (const [material, message] of cases) {
      expect(await verifySignature(token, material, noIssuer)).toEqual({
        status: 'error',
        code: 'ERR_KEY_INVALID',
        message,
      });
    }
  });

  it('refuses RSA keys shorter than 2048 bits', async () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const weakPem = weak.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const token = await sign(rs.privateKey, { alg: 'RS256' });
    expect(await verifySignature(token, pem(weakPem), noIssuer)).toEqual({
      status: 'error',
      code: 'ERR_KEY_INVALID',
      message: 'The public key is a 1024-bit RSA key; at least 2048 bits are required.',
    });
  });
});

describe('verifySignature with an issuer', () => {
  it('verifies against the key set the issuer publishes', async () => {
    const token = await sign(es.privateKey, { alg: 'ES256', kid: 'es-1' });
    const deps = { fetchIssuerKeys: createIssuerKeyFetcher() };
    expect(
      await verifySignature(token, { kind: 'issuer', url: `${baseUrl}/` }, deps),
    ).toMatchObject({ status: 'valid', alg: 'ES256', keyId: 'es-1' });
  });

  it('reports an issuer that cannot be reached as an error with its code', async () => {
    const token = await sign(es.privateKey, { alg: 'ES256', kid: 'es-1' });
    const deps = { fetchIssuerKeys: createIssuerKeyFetcher() };
    const verdict = await verifySignature(token, { kind: 'issuer', url: `${baseUrl}/down` }, deps);
    expect(verdict).toEqual({
      status: 'error',
      code: 'ERR_ISSUER_UNREACHABLE',
      message: `Could not fetch the discovery document at ${baseUrl}/down/.well-known/openid-configuration: the server answered HTTP 500.`,
    });
  });
});
