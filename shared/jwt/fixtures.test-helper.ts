/**
 * Builds JWTs for tests by encoding JSON by hand. Test code only: nothing outside *.test.ts may
 * import it. Named `.test-helper.ts` so the `*.test.ts` pattern does not run it as a test file.
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Encodes text as UTF-8 (test input is well-formed, so lone surrogates are not handled). */
export function utf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) {
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    } else {
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
    }
  }
  return Uint8Array.from(bytes);
}

/** Encodes bytes as unpadded base64url. */
export function base64Url(bytes: Uint8Array): string {
  let text = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      text += alphabet[(buffer >> bits) & 0x3f];
    }
  }
  if (bits > 0) text += alphabet[(buffer << (6 - bits)) & 0x3f];
  return text;
}

/** Encodes a JSON value, or raw JSON text given as a string, as a base64url segment. */
export function segment(json: unknown): string {
  return base64Url(utf8(typeof json === 'string' ? json : JSON.stringify(json)));
}

/** Builds a compact token from a header and payload (objects or raw JSON text). */
export function makeToken(header: unknown, payload: unknown, signature = 'c2lnbmF0dXJl'): string {
  return `${segment(header)}.${segment(payload)}.${signature}`;
}
