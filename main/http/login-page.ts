import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { endpointPaths } from './endpoints';
import { commonHeaders, noStore } from './http-io';

/** The one style sheet of the login and error pages; allowed by its hash, nothing else is. */
const style = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
main { max-width: 22rem; margin: 12vh auto; padding: 2rem; background: #fff; border-radius: 8px;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.12); }
h1 { font-size: 1.25rem; margin: 0 0 0.25rem; }
p { margin: 0 0 1rem; color: #4a5262; }
label { display: block; margin: 0.75rem 0 0.25rem; font-weight: 600; }
input { box-sizing: border-box; width: 100%; padding: 0.5rem; font: inherit;
  border: 1px solid #b8bfcc; border-radius: 4px; }
button { margin-top: 1.25rem; width: 100%; padding: 0.6rem; font: inherit; font-weight: 600;
  color: #fff; background: #2f5bd3; border: 0; border-radius: 4px; cursor: pointer; }
.error { color: #a3162b; background: #fdecee; padding: 0.5rem 0.75rem; border-radius: 4px; }
code { font-size: 0.9em; }
`;
const styleHash = createHash('sha256').update(style).digest('base64');

/**
 * No script at all, styles only by hash, no framing, no base URL, and forms only to Tessera and
 * to where the login will send the browser next (browsers apply form-action to the redirect
 * that follows a form post).
 */
function pageCsp(formTarget: string | undefined): string {
  const formAction = ["'self'", formTarget].filter(Boolean).join(' ');
  return [
    "default-src 'none'",
    `style-src 'sha256-${styleHash}'`,
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Escapes text for HTML content and double-quoted attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The source a CSP needs to allow a redirect to `uri`: its origin, or its scheme for apps. */
function redirectSource(uri: string): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    try {
      return new URL(uri).origin;
    } catch {
      return undefined;
    }
  }
  return scheme === undefined ? undefined : `${scheme}:`;
}

/** What the login form shows and posts back. */
export interface LoginForm {
  readonly requestId: string;
  readonly csrf: string;
  readonly clientName: string;
  readonly scope: string;
  readonly redirectUri: string;
  readonly username?: string;
  readonly error?: string;
}

function send(
  response: ServerResponse,
  status: number,
  html: string,
  formTarget: string | undefined,
  headers: Readonly<Record<string, string | string[]>> = {},
): void {
  response.writeHead(status, {
    ...commonHeaders,
    ...noStore,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Content-Security-Policy': pageCsp(formTarget),
    'X-Frame-Options': 'DENY',
    // Not no-referrer: with it, browsers send `Origin: null` on the form post, which the
    // login endpoint checks.
    'Referrer-Policy': 'same-origin',
    ...headers,
  });
  response.end(html);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** Renders the login form of a pending authorization request. */
export function sendLoginPage(
  response: ServerResponse,
  form: LoginForm,
  status = 200,
  headers: Readonly<Record<string, string | string[]>> = {},
): void {
  const scopes = form.scope === '' ? 'no scopes' : form.scope;
  const html = page(
    'Sign in · Tessera',
    `<h1>Sign in to ${escapeHtml(form.clientName)}</h1>
<p>Tessera will share your identity with this app (<code>${escapeHtml(scopes)}</code>).</p>
${form.error ? `<p class="error" role="alert">${escapeHtml(form.error)}</p>` : ''}
<form method="post" action="${endpointPaths.login}">
<input type="hidden" name="request_id" value="${escapeHtml(form.requestId)}">
<input type="hidden" name="csrf" value="${escapeHtml(form.csrf)}">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required value="${escapeHtml(form.username ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
  );
  send(response, status, html, redirectSource(form.redirectUri), headers);
}

/**
 * An error the browser cannot be sent back to the app for (no client, or a redirect URI that is
 * not registered): shown here, never redirected.
 */
export function sendErrorPage(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Readonly<Record<string, string | string[]>> = {},
): void {
  const html = page(
    'Sign-in error · Tessera',
    `<h1>This sign-in cannot continue</h1>
<p class="error" role="alert">${escapeHtml(message)}</p>
<p>Go back to the application and start again.</p>`,
  );
  send(response, status, html, undefined, headers);
}
