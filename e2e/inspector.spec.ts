import { expect, test } from '@playwright/test';
import { useServe } from './fixtures/hooks';
import { makeSampleToken } from './fixtures/tokens';
import { InspectorPage } from './pages/inspector-page';

const host = useServe();

test('support pastes a token and a JWKS: claims, lint and a verified signature', async ({
  page,
}) => {
  const { token, jwks } = await makeSampleToken();
  await page.goto(host.served.links.support);
  const inspector = new InspectorPage(page);
  await inspector.open();
  await expect(inspector.statusBar()).toContainText('Role: support');
  // The link's token leaves the address bar at once.
  expect(page.url()).not.toContain('#token');

  await inspector.pasteToken(token);
  await expect(inspector.claimRow('sub')).toContainText('user-42');
  await expect(inspector.claimRow('exp')).toContainText(/in (59 min|1 h)/);
  await expect(inspector.claimRow('exp')).toContainText('Expiry');
  await expect(inspector.headerRow('typ')).toContainText('at+jwt');
  await expect(inspector.finding('lifetime')).toContainText('1 h');
  await expect(inspector.signatureVerdict()).toHaveAttribute('data-verdict', 'unchecked');

  await inspector.pasteKey('JWKS', jwks);
  await expect(inspector.signatureVerdict()).toHaveAttribute('data-verdict', 'valid');
  await expect(inspector.signatureVerdict()).toContainText('e2e-key');

  const other = await makeSampleToken();
  await inspector.pasteKey('JWKS', other.jwks);
  await expect(inspector.signatureVerdict()).toHaveAttribute('data-verdict', 'invalid');
});

test('an expired token and a token without typ are explained', async ({ page }) => {
  const now = Math.floor(Date.now() / 1000);
  const { token } = await makeSampleToken({ iat: now - 7200, exp: now - 3600 });
  await page.goto(host.served.links.admin);
  const inspector = new InspectorPage(page);
  await inspector.open();
  await inspector.pasteToken(token);
  await expect(inspector.finding('expired')).toContainText(/expired .*1 h ago/);
});

test('input that is not a JWT, or too large, gets a clear error', async ({ page }) => {
  await page.goto(host.served.links.admin);
  const inspector = new InspectorPage(page);
  await inspector.open();
  await inspector.pasteToken('hello world');
  await expect(inspector.error()).toContainText('ERR_TOKEN_MALFORMED');
  await expect(inspector.error()).toContainText('three parts');

  await inspector.pasteToken(`eyJhbGciOiJFUzI1NiJ9.${'a'.repeat(70 * 1024)}.sig`);
  await expect(inspector.error()).toContainText('ERR_TOKEN_TOO_LARGE');
  await expect(inspector.error()).toContainText('64 KiB');
});

test('hostile claim content is shown as inert text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const { token } = await makeSampleToken({
    name: '<img src=x onerror="alert(1)"><script>alert(2)</script>',
    website: 'javascript:alert(3)',
    sub: 'admin\u202Etxt.exe',
    bio: 'x'.repeat(10_000),
  });
  await page.goto(host.served.links.admin);
  const inspector = new InspectorPage(page);
  await inspector.open();
  await inspector.pasteToken(token);
  await expect(inspector.claimRow('name')).toContainText('<img src=x onerror="alert(1)">');
  await expect(inspector.claimRow('sub')).toContainText('admin⟨U+202E⟩txt.exe');
  await expect(inspector.claimRow('bio')).toContainText('Show all 10,000 characters');
  await expect(page.locator('.claims img, .claims script, .claims a')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('a link without its token is refused, and the console says why', async ({ page }) => {
  await page.goto(new URL(host.served.links.admin).origin + '/');
  await expect(page.getByRole('alert')).toContainText('refused this console link');
  await expect(new InspectorPage(page).statusBar()).toContainText('Disconnected');
});
