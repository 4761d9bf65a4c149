import { expect, test } from '@playwright/test';
import { useServe } from './fixtures/hooks';
import { logInToWebApp, people, refresh, reportBillingLogin, worldConfig } from './fixtures/world';
import { SyncPage } from './pages/sync-page';

// Billing's logout endpoint is a closed port: every delivery to it fails and is retried.
const downService = 'http://127.0.0.1:9/backchannel-logout';

const host = useServe(() => ({ config: worldConfig(downService) }));

/** Maria logs in to the web app and billing reports her login, so billing takes part in the session. */
async function sessionBillingKnows() {
  const maria = await logInToWebApp(host.served.issuer, people.maria);
  await reportBillingLogin(host.served.issuer, maria.sid, people.maria.username);
  return maria;
}

/** Ends a session as an attacker would get it ended: a consumed refresh token is replayed. */
async function endByReuse(refreshToken: string): Promise<void> {
  await refresh(host.served.issuer, refreshToken);
  await expect(refresh(host.served.issuer, refreshToken)).rejects.toThrow(/invalid_grant/);
}

test('a login report shows up in recent login reports as it happens', async ({ page }) => {
  await page.goto(host.served.links.support);
  const sync = new SyncPage(page);
  await sync.open();
  const maria = await sessionBillingKnows();
  const report = sync.loginReport(maria.sid);
  await expect(report).toContainText('Billing');
  await expect(report).toContainText('maria');
  await expect(report).toContainText('active');
});

test('a down service shows retrying deliveries; admin retries now', async ({ page }) => {
  await page.goto(host.served.links.admin);
  const sync = new SyncPage(page);
  await sync.open();
  const maria = await sessionBillingKnows();
  await endByReuse(maria.refreshToken);

  const delivery = sync.deliveriesOf(maria.sid);
  await expect(delivery).toHaveAttribute('data-state', 'retrying');
  await expect(delivery).toContainText('no answer: The connection failed');
  await expect(sync.serviceCount('billing', 'retrying')).not.toHaveText('0');
  const attempts = Number(await delivery.locator('[data-attempts]').getAttribute('data-attempts'));

  await delivery.getByRole('button', { name: /^Retry now: delivery #\d+$/ }).click();
  await expect(sync.status()).toHaveText('Requeued 1 delivery: attempted now.');
  // The requeued attempt runs at once, fails again, and is counted.
  await expect
    .poll(async () =>
      Number(await delivery.locator('[data-attempts]').getAttribute('data-attempts')),
    )
    .toBeGreaterThan(attempts);
  await expect(delivery).toHaveAttribute('data-state', 'retrying');

  await sync
    .service('billing')
    .getByRole('button', { name: /^Retry now: every unfinished delivery to Billing$/ })
    .click();
  await expect(sync.status()).toHaveText(/^Requeued [1-9]\d* deliver(y|ies): attempted now\.$/);
});

test('support sees the same deliveries without any retry button', async ({ page }) => {
  const maria = await sessionBillingKnows();
  await endByReuse(maria.refreshToken);
  await page.goto(host.served.links.support);
  const sync = new SyncPage(page);
  await sync.open();
  await expect(sync.deliveriesOf(maria.sid)).toHaveAttribute('data-state', /retrying|pending/);
  await expect(sync.service('billing')).toBeVisible();
  await expect(sync.retryButtons()).toHaveCount(0);
});

test('arrow keys move between rows of a table', async ({ page }) => {
  await sessionBillingKnows();
  await sessionBillingKnows();
  await page.goto(host.served.links.support);
  const sync = new SyncPage(page);
  await sync.open();
  const rows = page.getByRole('table', { name: 'Recent login reports' }).locator('tbody tr');
  await expect(rows).not.toHaveCount(0);
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(rows.first()).toBeFocused();
});
