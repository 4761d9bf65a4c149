import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { appCsp } from './csp';
import type { Log } from './log';

const appScheme = 'app';
const appHost = 'tessera';

/** The page the main window loads. */
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/**
 * Whether a URL belongs to the app's own origin. Compared by parts because Node's URL reports
 * the origin of a custom scheme as "null", unlike Chromium, which knows it is standard.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

/**
 * Makes app:// behave like https: a real origin (standard), a secure context (secure), and no
 * privileges it does not need (no CSP bypass, no fetch API, no service workers, no CORS).
 * Electron only accepts this before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: false } },
  ]);
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Errors that mean "there is no such file", as opposed to a fault worth logging. */
const notFoundCodes = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/**
 * Serves the built renderer folder on app://tessera/. Every response, errors included, carries
 * the CSP header, so no document from this origin ever runs without it.
 */
export function handleAppProtocol(rendererDir: string, log: Log): void {
  const root = resolve(rendererDir);

  const respond = (status: number, body: Buffer | string, contentType: string): Response =>
    new Response(body, {
      status,
      headers: {
        'Content-Type': contentType,
        'Content-Security-Policy': appCsp,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  const notFound = (): Response => respond(404, 'Not found', 'text/plain; charset=utf-8');

  protocol.handle(appScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return respond(405, 'Method not allowed', 'text/plain; charset=utf-8');
    }
    const file = fileFor(root, request.url);
    if (!file) return notFound();
    try {
      const body = await readFile(file);
      return respond(200, body, contentTypes[extname(file)] ?? 'application/octet-stream');
    } catch (error) {
      if (!notFoundCodes.has((error as NodeJS.ErrnoException).code ?? '')) {
        log.error(`app protocol: could not read ${file}`, error);
      }
      return notFound();
    }
  });
}

/** The file under `root` a request URL names, or null if it names none or escapes `root`. */
function fileFor(root: string, url: string): string | null {
  let pathname: string;
  try {
    const parsed = new URL(url);
    if (parsed.host !== appHost) return null;
    // Decoded here so an encoded "..%2F" is caught by the containment check below.
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // fs would reject a NUL byte with an error; it is never a file name the app uses.
  if (pathname.includes('\0')) return null;
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(root + sep) ? file : null;
}
