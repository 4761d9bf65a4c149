import { maxTokenBytes } from '../contract/tokens';
import { decodeBase64Url, decodeUtf8, utf8ByteLength } from './base64url';
import type { DecodedJwt, JsonObject, JsonValue } from './types';

/** Why a pasted string could not be decoded, in a sentence a support person can repeat. */
export interface DecodeError {
  readonly code: 'ERR_TOKEN_MALFORMED' | 'ERR_TOKEN_TOO_LARGE';
  readonly message: string;
}

/** The outcome of decoding: the parts of the token, or why it is not a JWT. */
export type DecodeResult =
  | { readonly ok: true; readonly jwt: DecodedJwt }
  | { readonly ok: false; readonly error: DecodeError };

type SegmentName = 'header' | 'payload' | 'signature';

/** Support staff paste whole Authorization headers, so the scheme is accepted and dropped. */
const bearerPrefix = /^bearer(\s+|$)/i;

const malformed = (message: string): DecodeResult => ({
  ok: false,
  error: { code: 'ERR_TOKEN_MALFORMED', message },
});

/**
 * Decodes a compact JWS (header.payload.signature) without verifying it.
 * Never throws: every problem comes back as a result with a plain-language message.
 */
export function decodeJwt(input: string): DecodeResult {
  const token = input.trim().replace(bearerPrefix, '').trim();

  // Before any parsing, so that a huge paste costs no more than counting its bytes.
  const sizeBytes = utf8ByteLength(token);
  if (sizeBytes > maxTokenBytes) {
    return {
      ok: false,
      error: {
        code: 'ERR_TOKEN_TOO_LARGE',
        message: `This token is ${kib(sizeBytes)} KiB; the inspector accepts at most ${kib(maxTokenBytes)} KiB.`,
      },
    };
  }

  if (token === '') {
    return malformed('Nothing to decode: paste a JWT (three parts separated by dots).');
  }

  const parts = token.split('.');
  if (parts.length === 5) {
    return malformed(
      'This is an encrypted JWT (JWE, five parts): its contents cannot be read without the recipient’s key.',
    );
  }
  const [headerText, payloadText, signatureText] = parts;
  if (
    parts.length !== 3 ||
    headerText === undefined ||
    payloadText === undefined ||
    signatureText === undefined
  ) {
    return malformed(
      `This is not a JWT: a JWT has three parts separated by dots; this has ${parts.length}.`,
    );
  }

  const header = decodeJsonSegment(headerText, 'header');
  if (!header.ok) return header.result;
  const payload = decodeJsonSegment(payloadText, 'payload');
  if (!payload.ok) return payload.result;
  // An empty signature is allowed here: unsecured (alg none) tokens must still be shown and linted.
  const signature = decodeBase64Url(signatureText);
  if (!signature.ok) return malformed(notBase64Url('signature', signature.reason));

  return {
    ok: true,
    jwt: {
      header: header.value,
      payload: payload.value,
      segments: { header: headerText, payload: payloadText, signature: signatureText },
      sizeBytes,
    },
  };
}

/** Decodes a header or payload segment into a JSON object, or a malformed result saying why. */
function decodeJsonSegment(
  text: string,
  name: Exclude<SegmentName, 'signature'>,
): { ok: true; value: JsonObject } | { ok: false; result: DecodeResult } {
  const fail = (message: string) => ({ ok: false as const, result: malformed(message) });
  const title = `The ${name} (part ${partNumber(name)})`;

  if (text === '') return fail(`${title} is empty.`);
  const bytes = decodeBase64Url(text);
  if (!bytes.ok) return fail(notBase64Url(name, bytes.reason));
  const json = decodeUtf8(bytes.bytes);
  if (json === undefined) return fail(`${title} is not valid UTF-8 text.`);

  // JSON.parse defines every key as an own data property, so a `__proto__` key stays an ordinary
  // claim and cannot change the object's prototype; nothing here copies keys onto other objects.
  let value: JsonValue;
  try {
    value = JSON.parse(json) as JsonValue;
  } catch {
    return fail(`${title} is not JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(`${title} is JSON but not an object: it is ${describeJsonKind(value)}.`);
  }
  return { ok: true, value: value as JsonObject };
}

function notBase64Url(name: SegmentName, reason: string): string {
  return `The ${name} (part ${partNumber(name)}) is not valid base64url: ${reason}`;
}

function partNumber(name: SegmentName): number {
  return name === 'header' ? 1 : name === 'payload' ? 2 : 3;
}

function describeJsonKind(value: JsonValue): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

/** Whole KiB, rounded up so that anything over the limit never reads as equal to it. */
function kib(bytes: number): number {
  return Math.ceil(bytes / 1024);
}
