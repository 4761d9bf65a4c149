import { expect, test } from '@playwright/test';
import { useServe } from './fixtures/hooks';
import { KeysPage } from './pages/keys-page';

const host = useServe();

/** The kids a relying party sees, found as one would: through discovery. */
async function fetchPublishedKids(issuer: string): Promise<string[]> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    jwks_uri: string;
  };
  const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { kid: string }[] };
  return jwks.keys.map((key) => key.kid);
}

test('rotating keys publishes a new next key, in the view and at the JWKS endpoint', async ({
  page,
}) => {
  await page.goto(host.served.links.admin);
  const keys = new KeysPage(page);
  await keys.open();
  await expect(keys.row('active')).toHaveCount(1);
  const before = await keys.kidOf('next');
  expect(await keys.publishedKids()).toContain(before);

  await keys.rotateButton().click();
  // The next key becomes active and a fresh one takes its place.
  await expect(keys.row('active')).toHaveAttribute('data-kid', before);
  const added = await keys.kidOf('next');
  expect(added).not.toBe(before);
  expect(await keys.publishedKids()).toContain(added);
  expect(await fetchPublishedKids(host.served.issuer)).toContain(added);
});

test('revoking a key needs its id typed, and Esc backs out', async ({ page }) => {
  await page.goto(host.served.links.admin);
  const keys = new KeysPage(page);
  await keys.open();
  const active = await keys.kidOf('active');
  const next = await keys.kidOf('next');

  await page.getByRole('button', { name: `Revoke ${active}` }).click();
  await expect(keys.dialog()).toContainText('Every token this key signed stops working');
  const confirm = keys.dialog().getByRole('button', { name: 'Revoke key' });
  await expect(confirm).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(keys.dialog()).toHaveCount(0);
  await expect(keys.row('active')).toHaveAttribute('data-kid', active);

  await page.getByRole('button', { name: `Revoke ${active}` }).click();
  await keys.dialog().getByRole('textbox').fill(active);
  await confirm.click();
  await expect(keys.dialog()).toHaveCount(0);
  await expect(keys.table().locator(`tr[data-kid="${active}"]`)).toHaveAttribute(
    'data-state',
    'revoked',
  );
  // The next key takes over at once, so signing never stops.
  await expect(keys.row('active')).toHaveAttribute('data-kid', next);
  expect(await fetchPublishedKids(host.served.issuer)).not.toContain(active);
});

test('support sees the keys and the JWKS but no action', async ({ page }) => {
  await page.goto(host.served.links.support);
  const keys = new KeysPage(page);
  await keys.open();
  await expect(keys.row('active')).toHaveCount(1);
  expect((await keys.publishedKids()).length).toBeGreaterThan(0);
  await expect(keys.actionButtons()).toHaveCount(0);
});
