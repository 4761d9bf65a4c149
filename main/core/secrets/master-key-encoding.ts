/** The master key's length in bytes: an AES-256 key. */
export const masterKeyLength = 32;

// 32 bytes are 43 base64 characters plus one `=` of padding, which is optional here.
const base64Form = /^[A-Za-z0-9+/]{43}=?$/;
const base64UrlForm = /^[A-Za-z0-9_-]{43}=?$/;

/**
 * The text form of a master key: standard base64. The keychain entry, the key file and
 * TESSERA_MASTER_KEY all use it, so a key can be moved between them as is.
 */
export function encodeMasterKey(key: Buffer): string {
  return key.toString('base64');
}

/**
 * Reads a master key written as base64 or base64url (padding optional, surrounding whitespace
 * ignored, as secret files and env files often end with a newline). Anything else, including
 * a non-canonical encoding, gives null: such a value is damaged or mistyped, not a key.
 */
export function decodeMasterKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!base64Form.test(trimmed) && !base64UrlForm.test(trimmed)) return null;
  const key = Buffer.from(trimmed, 'base64');
  // 43 characters carry two bits more than 32 bytes; a canonical encoding leaves them zero.
  const canonical = key.toString('base64url');
  const asUrl = trimmed.replace(/=$/, '').replaceAll('+', '-').replaceAll('/', '_');
  return key.length === masterKeyLength && canonical === asUrl ? key : null;
}
