import type { IncomingMessage, ServerResponse } from 'node:http';
import { OAuthError, describeForClient } from './oauth-error';

/** One request being answered. An endpoint that reads the query parses the URL itself. */
export interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
}

/** An endpoint's handler. It may throw an {@link OAuthError}; the router answers it. */
export type Endpoint = (exchange: Exchange) => Promise<void>;

/** Form bodies (and JSON ones at /sync/logins) larger than this are refused with 413. */
export const maxBodyBytes = 16 * 1024;

/** Headers on everything the endpoints send. */
export const commonHeaders: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
};

/** RFC 6749 §5.1: token responses, and everything else that carries a token, are never cached. */
export const noStore: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
};

/** A JSON body serialized, with every header it is sent with: built once, sent any number of times. */
export interface PreparedJson {
  readonly text: string;
  readonly headers: Readonly<Record<string, string | number>>;
}

/** Serializes a JSON body and builds its headers, frozen for sending any number of times. */
export function prepareJson(
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): PreparedJson {
  const text = JSON.stringify(body);
  return Object.freeze({ text, headers: Object.freeze(jsonHeaders(text, headers)) });
}

function jsonHeaders(
  text: string,
  headers: Readonly<Record<string, string>>,
): Record<string, string | number> {
  return {
    ...commonHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  };
}

/** Sends a prepared JSON body. Headers already set on the response (CORS) are kept. */
export function sendPrepared(
  response: ServerResponse,
  status: number,
  prepared: PreparedJson,
): void {
  response.writeHead(status, prepared.headers);
  response.end(prepared.text);
}

/**
 * Sends a JSON body made for this response alone (a token response, an error): nothing to
 * freeze for reuse. Headers already set on the response (CORS) are kept.
 */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, jsonHeaders(text, headers));
  response.end(text);
}

/** Sends an RFC 6749 §5.2 error, never cached. */
export function sendOAuthError(response: ServerResponse, error: OAuthError): void {
  sendJson(
    response,
    error.status,
    { error: error.error, error_description: describeForClient(error.description) },
    { ...noStore, ...error.headers },
  );
}

/**
 * Reads a request body of at most {@link maxBodyBytes}. A larger one is refused as soon as its
 * Content-Length (or the bytes received) says so, with 413 and the connection closed.
 */
export async function readBody(request: IncomingMessage, limit = maxBodyBytes): Promise<Buffer> {
  const tooLarge = () =>
    new OAuthError('invalid_request', `The request body is larger than ${limit} bytes.`, 413, {
      Connection: 'close',
    });
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received <= limit) {
        chunks.push(chunk);
        return;
      }
      // Stop keeping it, but let it drain: the 413 is read by a client still sending.
      request.off('data', onData);
      request.resume();
      reject(tooLarge());
    };
    request.on('data', onData);
    // A form body almost always arrives in one chunk: it is used as is, not copied.
    request.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

/** The media type of a request, lowercased, without parameters; '' when absent. */
export function mediaType(request: IncomingMessage): string {
  const type = request.headers['content-type'] ?? '';
  const semicolon = type.indexOf(';');
  return (semicolon < 0 ? type : type.slice(0, semicolon)).trim().toLowerCase();
}
