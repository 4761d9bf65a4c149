import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { mediaType, readBody } from './http-io';
import { invalidRequest } from './oauth-error';

/** Request parameters by name: each given once (RFC 6749 §3.1), empty ones left out. */
export type Params = Readonly<Record<string, string>>;

/**
 * Parameters from a query string or a form body. A parameter given twice is refused (RFC 6749
 * §3.1); one given without a value counts as absent.
 */
export function paramsFrom(search: URLSearchParams): Params {
  const params = emptyParams();
  for (const [name, value] of search) addParam(params, name, value);
  return params;
}

function emptyParams(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

function addParam(params: Record<string, string>, name: string, value: string): void {
  if (value === '') return;
  if (Object.hasOwn(params, name)) {
    throw invalidRequest(`${describeName(name)}: given more than once.`);
  }
  params[name] = value;
}

/** The parameters of an `application/x-www-form-urlencoded` POST body (the only kind OAuth uses). */
export async function readFormParams(request: IncomingMessage): Promise<Params> {
  if (mediaType(request) !== 'application/x-www-form-urlencoded') {
    throw invalidRequest('The request body must be application/x-www-form-urlencoded.');
  }
  return formParams((await readBody(request)).toString('utf8'));
}

/**
 * A form body's parameters. A body without `%` or `+` (an introspection of a base64url token)
 * decodes to itself, so splitting it at `&` and the first `=` is all the URL standard's parser
 * would do; URLSearchParams took ~3 % of an introspection's CPU time and stays for bodies that
 * need decoding, and for a leading `?`, which it drops.
 */
export function formParams(body: string): Params {
  if (body.startsWith('?') || body.includes('%') || body.includes('+')) {
    return paramsFrom(new URLSearchParams(body));
  }
  const params = emptyParams();
  for (const pair of body.split('&')) {
    const equals = pair.indexOf('=');
    if (equals < 0) addParam(params, pair, '');
    else addParam(params, pair.slice(0, equals), pair.slice(equals + 1));
  }
  return params;
}

/** A form body, or a JSON object whose members are all strings (for /sync/logins). */
export async function readFormOrJsonParams(request: IncomingMessage): Promise<Params> {
  if (mediaType(request) !== 'application/json') return readFormParams(request);
  let value: unknown;
  try {
    value = JSON.parse((await readBody(request)).toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw invalidRequest('The request body is not valid JSON.');
    throw error;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('The request body must be a JSON object.');
  }
  const params = emptyParams();
  for (const [name, member] of Object.entries(value)) {
    if (typeof member !== 'string') {
      throw invalidRequest(`${describeName(name)}: must be a string.`);
    }
    if (member !== '') params[name] = member;
  }
  return params;
}

/**
 * Validates parameters against an endpoint's schema. Fails with invalid_request naming each bad
 * parameter, e.g. `code_verifier: must be 43 to 128 characters`.
 */
export function validate<S extends z.ZodType>(schema: S, params: Params): z.output<S> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((issue) => {
    const name = issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
    // A missing parameter reads better as such than as zod's "expected string, received undefined".
    const message =
      issue.code === 'invalid_type' && params[String(issue.path[0])] === undefined
        ? 'is required'
        : issue.message;
    return `${describeName(name)}: ${message}`;
  });
  throw invalidRequest(`${issues.join('; ')}.`);
}

/** A parameter name as it may appear in a message: shortened and without control characters. */
function describeName(name: string): string {
  return name.replace(/[^\x20-\x7E]/g, '?').slice(0, 64);
}
