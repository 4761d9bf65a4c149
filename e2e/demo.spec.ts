import { expect, test } from '@playwright/test';
import { useServe } from './fixtures/hooks';
import { makeSampleToken } from './fixtures/tokens';
import { DemoPage } from './pages/demo-page';
import { InspectorPage } from './pages/inspector-page';
import { SessionsPage } from './pages/sessions-page';

const host = useServe(() => ({ demo: true }));

test('the demo runs by itself: refreshes, a reuse detection told to the services, expiries under a fast clock', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(host.served.links.admin);
  const demo = new DemoPage(page);
  await expect(demo.banner()).toContainText('simulated clock ×1');
  await demo.open();
  // The seeded policy's one deliberate mistake.
  await expect(demo.policyFinding('cookie_shorter_than_tokens')).toBeVisible();

  // Refresh events arrive without anyone typing.
  await expect.poll(() => demo.counter('refreshes'), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(demo.feedItems('token.refreshed').first()).toBeVisible({ timeout: 30_000 });

  // Token theft: a rotated refresh token is replayed, reuse detection fires, services are told.
  await demo.choose('Rate', '240 / min');
  await demo.choose('Scenario', 'Token theft');
  await expect(demo.choice('Scenario', 'Token theft')).toBeChecked();
  await expect.poll(() => demo.counter('reuse-detections'), { timeout: 45_000 }).toBeGreaterThan(0);
  // Its propagation: the services that knew the session are told (or retried, or given up on).
  await expect(
    demo
      .propagation()
      .getByRole('listitem')
      .filter({ hasText: '(a service)' })
      .filter({ hasText: /told \(|retrying \(|given up on \(/ })
      .first(),
  ).toBeVisible({ timeout: 45_000 });
  await expect.poll(() => demo.counter('delivered'), { timeout: 45_000 }).toBeGreaterThan(0);

  // An hour a second: the seeded sessions idle out (8 h) within seconds.
  const expiredBefore = await demo.counter('sessions-expired');
  await demo.choose('Clock speed', '×3600');
  await expect(demo.banner()).toContainText('simulated clock ×3600');
  await expect
    .poll(() => demo.counter('sessions-expired'), { timeout: 30_000 })
    .toBeGreaterThan(expiredBefore + 10);
  await expect(demo.banner()).toContainText('ahead of real time');
  // The down service's logouts are retried, then given up on.
  await expect.poll(() => demo.counter('dead'), { timeout: 30_000 }).toBeGreaterThan(0);

  // Every view reads times on the simulated clock: the newest session started moments ago
  // there, though hours from now on this machine's clock.
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: 'Sessions' })
    .click();
  const sessions = new SessionsPage(page);
  await page.getByRole('button', { name: 'Refresh' }).click();
  const newest = sessions.rows().first();
  await expect(sessions.cell(newest, 'created')).toHaveText(/ago|just now/);
  await expect(sessions.cell(newest, 'created')).not.toHaveText(/\bin \d/);

  // Another issuer's token keeps real time: hours ahead on the demo's clock, it is still valid.
  const { token } = await makeSampleToken();
  const inspector = new InspectorPage(page);
  await inspector.open();
  await inspector.pasteToken(token);
  await expect(inspector.claimRow('exp')).toContainText(/in (59 min|1 h)/);
  await expect(inspector.finding('expired')).toHaveCount(0);
});

test('misconfigured lifetimes: the scenario stores its policy, and the lint says what is wrong', async ({
  page,
}) => {
  await page.goto(host.served.links.admin);
  const demo = new DemoPage(page);
  await demo.open();
  await demo.choose('Scenario', 'Misconfigured lifetimes');
  await expect(demo.policyFinding('access_over_refresh_idle')).toBeVisible();
  await expect(demo.policyFinding('cookie_shorter_than_tokens')).toBeVisible();
  await demo.choose('Scenario', 'Normal day');
  await expect(demo.policyFinding('access_over_refresh_idle')).toHaveCount(0);
});

test('support sees the demo but cannot change it', async ({ page }) => {
  await page.goto(host.served.links.support);
  const demo = new DemoPage(page);
  await demo.open();
  await expect(page.getByText('Only an admin console can change the demo.')).toBeVisible();
  await expect(demo.choice('Clock speed', '×1')).toBeDisabled();
});
