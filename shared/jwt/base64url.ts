/**
 * Strict base64url and UTF-8 decoding for JWT segments.
 *
 * Written by hand rather than with `atob`/`Buffer`/`TextDecoder` because shared/ has no runtime
 * globals, and because those are lenient: they skip junk characters and replace bad UTF-8 with
 * U+FFFD, which would let the inspector show a token differently from how a verifier reads it.
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Maps a character code below 128 to its 6-bit value, or -1 if it is not in the alphabet. */
const sextets = new Int8Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) sextets[alphabet.charCodeAt(i)] = i;

/** The outcome of decoding base64url: the bytes, or why the text is not base64url. */
export type Base64UrlResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: string };

/**
 * Decodes unpadded base64url (RFC 4648 §5, as JWS uses it) into bytes.
 * On failure `reason` completes the sentence "… is not valid base64url: <reason>".
 */
export function decodeBase64Url(text: string): Base64UrlResult {
  if (text.includes('=')) {
    return { ok: false, reason: `it has '=' padding, which JWTs leave out.` };
  }
  for (let i = 0; i < text.length; i++) {
    if ((sextets[text.charCodeAt(i)] ?? -1) === -1) {
      return {
        ok: false,
        reason: `character ${i + 1} is ${describeChar(text, i)}, which base64url does not use.`,
      };
    }
  }
  // A single leftover character carries only 6 bits, less than one byte: no encoder emits it.
  if (text.length % 4 === 1) {
    return {
      ok: false,
      reason: `its length (${text.length} characters) is impossible for base64url, so it is probably cut off.`,
    };
  }

  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (let i = 0; i < text.length; i++) {
    buffer = ((buffer << 6) | (sextets[text.charCodeAt(i)] ?? 0)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  return { ok: true, bytes };
}

/** Names a character so that a message shows it safely, even if it is invisible or reorders text. */
function describeChar(text: string, index: number): string {
  const code = text.codePointAt(index) ?? 0;
  if (code > 0x20 && code < 0x7f) return `'${String.fromCharCode(code)}'`;
  if (code === 0x20) return 'a space';
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Decodes UTF-8, returning undefined for any invalid sequence instead of substituting U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i] ?? 0;
    if (first < 0x80) {
      text += String.fromCharCode(first);
      i += 1;
      continue;
    }

    // Lead byte ranges from RFC 3629 §4: C0, C1 and F5–FF never appear; bounds on the second byte
    // exclude overlong forms (E0, F0), UTF-16 surrogates (ED) and code points above U+10FFFF (F4).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (first >= 0xc2 && first <= 0xdf) {
      length = 2;
    } else if (first >= 0xe0 && first <= 0xef) {
      length = 3;
      if (first === 0xe0) low = 0xa0;
      if (first === 0xed) high = 0x9f;
    } else if (first >= 0xf0 && first <= 0xf4) {
      length = 4;
      if (first === 0xf0) low = 0x90;
      if (first === 0xf4) high = 0x8f;
    } else {
      return undefined;
    }
    if (i + length > bytes.length) return undefined;

    let codePoint = first & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k] ?? 0;
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (next < min || next > max) return undefined;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    text += String.fromCodePoint(codePoint);
    i += length;
  }
  return text;
}

/** Counts the bytes `text` takes in UTF-8, without encoding it (a lone surrogate counts as U+FFFD). */
export function utf8ByteLength(text: string): number {
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) total += 1;
    else if (unit < 0x800) total += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      total += 4;
      i += 1;
    } else total += 3;
  }
  return total;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
