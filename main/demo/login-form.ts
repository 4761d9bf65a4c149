// The login page as a browser drives it: for the demo's virtual users, and through
// main/http/login-flow.test-helper.ts for the HTTP tests and the browser specs' fixtures.

/** What the browser sends along; the server records its user agent with the session. */
export interface BrowserOptions {
  readonly userAgent?: string;
}

/**
 * Opens the login page at `authorizeUrl` as a browser would, posts the form with the given
 * credentials (fields and action taken from the HTML, cookie sent back), and returns the
 * response to the post without following it.
 */
export async function submitLogin(
  authorizeUrl: URL,
  credentials: { username: string; password: string },
  { userAgent }: BrowserOptions = {},
): Promise<Response> {
  const browserHeaders: Record<string, string> = userAgent ? { 'user-agent': userAgent } : {};
  const page = await fetch(authorizeUrl, { redirect: 'manual', headers: browserHeaders });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`login page: ${page.status} ${html}`);
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
  if (!action) throw new Error('login page: no form');
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)">/g,
  )) {
    form.set(name!, unescapeHtml(value!));
  }
  form.set('username', credentials.username);
  form.set('password', credentials.password);
  const cookie = page.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return fetch(new URL(action, authorizeUrl), {
    method: 'POST',
    body: form,
    headers: { ...browserHeaders, cookie },
    redirect: 'manual',
  });
}

/** Logs in and returns the URL the browser is sent back to (the app's callback). */
export async function logInAs(
  authorizeUrl: URL,
  credentials: { username: string; password: string },
  browser: BrowserOptions = {},
): Promise<URL> {
  const posted = await submitLogin(authorizeUrl, credentials, browser);
  if (posted.status !== 303) throw new Error(`login: ${posted.status} ${await posted.text()}`);
  return new URL(posted.headers.get('location')!);
}

function unescapeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)));
}
