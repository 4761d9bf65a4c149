import { describe, expect, it } from 'vitest';
import { maxTokenBytes } from '../contract/tokens';
import { decodeJwt, type DecodeResult } from './decode';
import { base64Url, makeToken, segment, utf8 } from './fixtures.test-helper';
import type { DecodedJwt } from './types';

const header = { alg: 'RS256', typ: 'at+jwt', kid: 'k1' };
const payload = { iss: 'https://issuer.example', sub: 'user-1', exp: 1_795_428_120 };
const token = makeToken(header, payload);

function decoded(input: string): DecodedJwt {
  const result = decodeJwt(input);
  if (!result.ok) throw new Error(`expected a decoded token, got: ${result.error.message}`);
  return result.jwt;
}

function failure(input: string): { code: string; message: string } {
  const result: DecodeResult = decodeJwt(input);
  if (result.ok) throw new Error('expected decoding to fail');
  return result.error;
}

/** A token of exactly `bytes` bytes, padded through a private claim. */
function tokenOfSize(bytes: number): string {
  for (let filler = Math.floor((bytes * 3) / 4) - 200; ; filler++) {
    const base = `${segment(header)}.${segment({ ...payload, pad: 'x'.repeat(filler) })}.`;
    const signatureLength = bytes - base.length;
    if (signatureLength % 4 !== 1) return base + 'A'.repeat(signatureLength);
  }
}

describe('decodeJwt: well-formed tokens', () => {
  it('decodes header, payload, segments and size', () => {
    const jwt = decoded(token);
    expect(jwt.header).toEqual(header);
    expect(jwt.payload).toEqual(payload);
    const [h, p, s] = token.split('.');
    expect(jwt.segments).toEqual({ header: h, payload: p, signature: s });
    expect(jwt.sizeBytes).toBe(token.length);
  });

  it('trims surrounding whitespace', () => {
    expect(decoded(`\n\t  ${token}  \r\n`).payload).toEqual(payload);
  });

  it('strips a Bearer prefix in any casing, as pasted from an Authorization header', () => {
    expect(decoded(`Bearer ${token}`).payload).toEqual(payload);
    expect(decoded(`  bearer   ${token}`).payload).toEqual(payload);
    expect(decoded(`BEARER\t${token}\n`).segments.header).toBe(token.split('.')[0]);
  });

  it('decodes unsecured (alg none) tokens with an empty signature so the lint can flag them', () => {
    const jwt = decoded(makeToken({ alg: 'none' }, payload, ''));
    expect(jwt.header).toEqual({ alg: 'none' });
    expect(jwt.segments.signature).toBe('');
  });

  it('decodes multi-byte UTF-8 text', () => {
    expect(decoded(makeToken(header, { name: 'Zoë 東京 😀' })).payload).toEqual({
      name: 'Zoë 東京 😀',
    });
  });

  it('keeps hostile content as plain strings', () => {
    const hostile = {
      html: '<script>alert(1)</script><img src=x onerror=alert(1)>',
      url: 'javascript:alert(document.cookie)',
      bidi: 'admin\u202Egnp.exe',
      long: 'A'.repeat(10_000),
    };
    const jwt = decoded(makeToken(header, hostile));
    expect(jwt.payload).toEqual(hostile);
    for (const value of Object.values(jwt.payload)) expect(typeof value).toBe('string');
  });

  it('keeps a __proto__ key as an ordinary claim without touching any prototype', () => {
    const jwt = decoded(
      makeToken(
        '{"alg":"RS256","__proto__":{"polluted":true}}',
        '{"sub":"user-1","__proto__":{"admin":true,"sub":"root"}}',
      ),
    );
    expect(Object.getPrototypeOf(jwt.payload)).toBe(Object.prototype);
    expect(Object.keys(jwt.payload)).toEqual(['sub', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(jwt.payload, '__proto__')?.value).toEqual({
      admin: true,
      sub: 'root',
    });
    expect(jwt.payload['sub']).toBe('user-1');
    expect((jwt.payload as Record<string, unknown>)['admin']).toBeUndefined();
    expect(Object.getPrototypeOf(jwt.header)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });
});

describe('decodeJwt: size', () => {
  it('accepts exactly 64 KiB and refuses 64 KiB + 1 byte', () => {
    expect(maxTokenBytes).toBe(64 * 1024);
    const atLimit = tokenOfSize(maxTokenBytes);
    expect(atLimit.length).toBe(maxTokenBytes);
    expect(decoded(atLimit).sizeBytes).toBe(maxTokenBytes);

    const overLimit = tokenOfSize(maxTokenBytes + 1);
    expect(failure(overLimit)).toEqual({
      code: 'ERR_TOKEN_TOO_LARGE',
      message: 'This token is 65 KiB; the inspector accepts at most 64 KiB.',
    });
  });

  it('checks size before parsing, so large garbage is too large rather than malformed', () => {
    expect(failure('!'.repeat(70 * 1024))).toEqual({
      code: 'ERR_TOKEN_TOO_LARGE',
      message: 'This token is 70 KiB; the inspector accepts at most 64 KiB.',
    });
  });

  it('counts UTF-8 bytes, not characters', () => {
    const euros = '€'.repeat(30_000); // 30,000 characters, 90,000 bytes
    expect(failure(euros).code).toBe('ERR_TOKEN_TOO_LARGE');
  });

  it('does not count the Bearer prefix or surrounding whitespace', () => {
    const atLimit = tokenOfSize(maxTokenBytes);
    expect(decoded(`  Bearer ${atLimit}\n`).sizeBytes).toBe(maxTokenBytes);
  });
});

describe('decodeJwt: malformed input', () => {
  it.each(['', '   \n\t', 'Bearer ', 'bearer \n '])('refuses empty input %j', (input) => {
    expect(failure(input)).toEqual({
      code: 'ERR_TOKEN_MALFORMED',
      message: 'Nothing to decode: paste a JWT (three parts separated by dots).',
    });
  });

  it('recognises an encrypted JWT (JWE) by its five parts', () => {
    const error = failure('eyJhbGciOiJSU0EtT0FFUCJ9.a2V5.aXY.Y2lwaGVy.dGFn');
    expect(error.code).toBe('ERR_TOKEN_MALFORMED');
    expect(error.message).toContain('encrypted JWT (JWE');
    expect(error.message).toContain('without the recipient’s key');
  });

  it.each([
    ['abc', 1],
    ['abc.def', 2],
    ['a.b.c.d', 4],
    ['a.b.c.d.e.f', 6],
  ])('counts the parts of %s', (input, count) => {
    expect(failure(input)).toEqual({
      code: 'ERR_TOKEN_MALFORMED',
      message: `This is not a JWT: a JWT has three parts separated by dots; this has ${count}.`,
    });
  });

  it('refuses an empty header or payload segment', () => {
    expect(failure(`.${segment(payload)}.sig`).message).toBe('The header (part 1) is empty.');
    expect(failure(`${segment(header)}..sig`).message).toBe('The payload (part 2) is empty.');
  });

  it('names the segment that is not base64url, and why', () => {
    const [h, p] = token.split('.');
    expect(failure(`${h}+.${p}.sig`).message).toBe(
      `The header (part 1) is not valid base64url: character ${(h?.length ?? 0) + 1} is '+', which base64url does not use.`,
    );
    expect(failure(`${h}.${p}==.sig`).message).toBe(
      "The payload (part 2) is not valid base64url: it has '=' padding, which JWTs leave out.",
    );
    expect(failure(`${h}.${p}.si/g`).message).toBe(
      "The signature (part 3) is not valid base64url: character 3 is '/', which base64url does not use.",
    );
    expect(failure(`${h}.${p}.abcde`).message).toBe(
      'The signature (part 3) is not valid base64url: its length (5 characters) is impossible for base64url, so it is probably cut off.',
    );
  });

  it('shows invisible characters in a bad segment by code point', () => {
    const [h, p] = token.split('.');
    expect(failure(`${h}.${p}.ab\u202Ecd`).message).toContain('character 3 is U+202E');
    expect(failure(`${h}.${p}.ab cd`).message).toContain('character 3 is a space');
  });

  it('refuses segments that are not JSON', () => {
    expect(failure(makeToken('not json', payload)).message).toBe(
      'The header (part 1) is not JSON.',
    );
    expect(failure(makeToken(header, '{"sub":')).message).toBe('The payload (part 2) is not JSON.');
  });

  it('refuses JSON that is not an object', () => {
    expect(failure(makeToken(header, ['sub', 'user-1'])).message).toBe(
      'The payload (part 2) is JSON but not an object: it is an array.',
    );
    expect(failure(makeToken('null', payload)).message).toBe(
      'The header (part 1) is JSON but not an object: it is null.',
    );
    expect(failure(makeToken('"RS256"', payload)).message).toBe(
      'The header (part 1) is JSON but not an object: it is a string.',
    );
    expect(failure(makeToken(header, '42')).message).toBe(
      'The payload (part 2) is JSON but not an object: it is a number.',
    );
  });

  it.each([
    ['a stray continuation byte', [0x80]],
    ['an invalid byte', [0xff]],
    ['an overlong encoding of /', [0xc0, 0xaf]],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
  ])('refuses invalid UTF-8: %s', (_, bad) => {
    const bytes = Uint8Array.from([...utf8('{"sub":"'), ...bad, ...utf8('"}')]);
    const error = failure(`${segment(header)}.${base64Url(bytes)}.sig`);
    expect(error).toEqual({
      code: 'ERR_TOKEN_MALFORMED',
      message: 'The payload (part 2) is not valid UTF-8 text.',
    });
  });

  it('never throws, whatever it is given', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pieces = ['.', '=', '-', '_', 'e', 'y', 'J', '\u0000', '\uD800', '😀', ' ', 'Bearer '];
    for (let i = 0; i < 2_000; i++) {
      const length = Math.floor(random() * 40);
      const input = Array.from(
        { length },
        () => pieces[Math.floor(random() * pieces.length)] ?? '',
      ).join('');
      expect(() => decodeJwt(input)).not.toThrow();
    }
  });
});
