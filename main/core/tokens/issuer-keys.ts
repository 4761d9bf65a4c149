import { systemClock } from '../clock';
import { IssuerKeysError } from './issuer-keys-error';
import type { JsonWebKeySetLike } from './key-set';

const discoveryPath = '/.well-known/openid-configuration';

/** Limits and collaborators of an issuer key fetcher; every one has a default. */
export interface IssuerKeyFetcherOptions {
  /** Per request (discovery, then key set), in milliseconds. Default 5 s. */
  readonly timeoutMs?: number;
  /** Largest body accepted, in bytes, counted while reading. Default 512 KiB. */
  readonly maxBytes?: number;
  /** How long a fetched key set is reused for the same issuer. Default 5 min. */
  readonly cacheMs?: number;
  /** Epoch milliseconds; the cache's clock. */
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
}

interface CacheEntry {
  readonly keySet: Promise<JsonWebKeySetLike>;
  /** Infinity while the fetch is in flight, so concurrent inspections share it. */
  expiresAtMs: number;
}

interface RequestLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly fetch: typeof fetch;
}

/**
 * Creates a function that fetches an issuer's signing keys through OpenID discovery.
 * Key sets are cached per issuer so repeated inspections do not refetch; failures are not.
 */
export function createIssuerKeyFetcher(
  options: IssuerKeyFetcherOptions = {},
): (issuerUrl: string) => Promise<JsonWebKeySetLike> {
  const limits: RequestLimits = {
    timeoutMs: options.timeoutMs ?? 5_000,
    maxBytes: options.maxBytes ?? 512 * 1024,
    fetch: options.fetch ?? fetch,
  };
  const cacheMs = options.cacheMs ?? 5 * 60_000;
  const now = options.now ?? (() => systemClock.nowMs());
  const cache = new Map<string, CacheEntry>();

  const dropExpired = (): void => {
    const nowMs = now();
    for (const [key, entry] of cache) if (entry.expiresAtMs <= nowMs) cache.delete(key);
  };

  return async (issuerUrl) => {
    const discoveryUrl = discoveryUrlFor(issuerUrl);
    const cacheKey = discoveryUrl.href;
    dropExpired();
    const cached = cache.get(cacheKey);
    if (cached) return cached.keySet;

    const entry: CacheEntry = { keySet: loadKeySet(discoveryUrl, limits), expiresAtMs: Infinity };
    cache.set(cacheKey, entry);
    // The cache period starts once the keys arrive; a failure is dropped so the next try refetches.
    entry.keySet.then(
      () => {
        entry.expiresAtMs = now() + cacheMs;
      },
      () => {
        if (cache.get(cacheKey) === entry) cache.delete(cacheKey);
      },
    );
    return entry.keySet;
  };
}

/** The discovery document's URL: the issuer plus the well-known path, unless already there. */
function discoveryUrlFor(issuerUrl: string): URL {
  const url = parseHttpUrl(issuerUrl, 'The issuer URL');
  const path = url.pathname.replace(/\/$/, '');
  url.pathname = path.endsWith(discoveryPath) ? path : path + discoveryPath;
  return url;
}

/**
 * Parses an absolute http(s) URL. Other schemes are refused (no file: or data: reads), and
 * so are embedded credentials, which would otherwise end up in messages and logs.
 */
function parseHttpUrl(text: string, subject: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The text is not echoed: it may be anything pasted by mistake.
    throw new IssuerKeysError('ERR_ISSUER_INVALID', `${subject} is not an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new IssuerKeysError('ERR_ISSUER_INVALID', `${subject} must be an http or https URL.`);
  }
  if (url.username || url.password) {
    throw new IssuerKeysError(
      'ERR_ISSUER_INVALID',
      `${subject} must not contain a user name or password.`,
    );
  }
  if (url.search || url.hash) {
    throw new IssuerKeysError(
      'ERR_ISSUER_INVALID',
      `${subject} ${url.href} must not have a query or fragment.`,
    );
  }
  return url;
}

async function loadKeySet(discoveryUrl: URL, limits: RequestLimits): Promise<JsonWebKeySetLike> {
  const discovery = await fetchJson(discoveryUrl, 'discovery document', limits);
  const jwksUri = isObject(discovery) ? discovery['jwks_uri'] : undefined;
  if (typeof jwksUri !== 'string') {
    throw new IssuerKeysError(
      'ERR_ISSUER_INVALID',
      `The discovery document at ${discoveryUrl.href} has no jwks_uri.`,
    );
  }
  const jwksUrl = parseHttpUrl(jwksUri, `The jwks_uri of ${discoveryUrl.href}`);

  const keySet = await fetchJson(jwksUrl, 'key set', limits);
  const keys = isObject(keySet) ? keySet['keys'] : undefined;
  if (!Array.isArray(keys)) {
    throw new IssuerKeysError(
      'ERR_ISSUER_INVALID',
      `The key set at ${jwksUrl.href} has no keys array.`,
    );
  }
  // Entries that are not objects cannot be keys; the verifier reports on the rest one by one.
  return { keys: keys.filter(isObject) };
}

/** GETs a URL and parses its body as JSON, within the time and size limits. */
async function fetchJson(url: URL, what: string, limits: RequestLimits): Promise<unknown> {
  let body: string;
  try {
    const response = await limits.fetch(url, {
      headers: { accept: 'application/json' },
      // A redirect could lead anywhere; the operator typed this issuer, not its redirect target.
      redirect: 'error',
      // Also bounds reading the body: the stream errors once the signal fires.
      signal: AbortSignal.timeout(limits.timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new IssuerKeysError(
        'ERR_ISSUER_UNREACHABLE',
        `Could not fetch the ${what} at ${url.href}: the server answered HTTP ${response.status}.`,
      );
    }
    body = await readCapped(response, limits.maxBytes, () => {
      return new IssuerKeysError(
        'ERR_ISSUER_INVALID',
        `The ${what} at ${url.href} is larger than ${formatBytes(limits.maxBytes)}.`,
      );
    });
  } catch (error) {
    if (error instanceof IssuerKeysError) throw error;
    throw new IssuerKeysError(
      'ERR_ISSUER_UNREACHABLE',
      `Could not fetch the ${what} at ${url.href}: ${describeFailure(error, limits.timeoutMs)}.`,
      { cause: error },
    );
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new IssuerKeysError('ERR_ISSUER_INVALID', `The ${what} at ${url.href} is not JSON.`);
  }
}

/**
 * Reads a body as UTF-8 text, giving up as soon as it grows past maxBytes. Content-Length is
 * only a shortcut for refusing early: a server may omit it or stream without end.
 */
async function readCapped(
  response: Response,
  maxBytes: number,
  tooLarge: () => IssuerKeysError,
): Promise<string> {
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks, total));
}

/** Why a request failed, as a clause for people. */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${formatDuration(timeoutMs)}`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  // Node's fetch reports a refused redirect only through this message; if that ever changes,
  // the failure is still reported, just less precisely.
  if (cause instanceof Error && cause.message === 'unexpected redirect') {
    return 'the server answered with a redirect, and redirects are not followed';
  }
  const code = isObject(cause) ? cause['code'] : undefined;
  return typeof code === 'string' ? `the connection failed (${code})` : 'the connection failed';
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

function formatBytes(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
