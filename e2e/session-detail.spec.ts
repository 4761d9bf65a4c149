import { expect, test } from '@playwright/test';
import { useWorld } from './fixtures/hooks';
import { logInToWebApp, people, refresh, reportBillingLogin } from './fixtures/world';
import { SessionDetailPage } from './pages/session-detail-page';

const world = useWorld();

test('an admin reads a session, revokes it, and watches billing get told', async ({ page }) => {
  const maria = await logInToWebApp(world.served.issuer, people.maria);
  await refresh(world.served.issuer, maria.refreshToken);
  await reportBillingLogin(world.served.issuer, maria.sid, 'maria');

  await page.goto(world.served.links.admin);
  const detail = new SessionDetailPage(page);
  await detail.open(maria.sid);

  for (const kind of ['access_token', 'refresh_idle', 'session_idle', 'session_max', 'cookie']) {
    await expect(detail.timelineRow(kind)).toBeVisible();
  }
  // The default policy's 14-day idle limits tie, and come first; the access token is renewed
  // by refreshing, so it never ends the session and is not highlighted.
  await expect(detail.firstLimits()).toHaveCount(2);
  expect(
    await detail.firstLimits().evaluateAll((rows) => rows.map((row) => row.dataset.kind)),
  ).toEqual(['refresh_idle', 'session_idle']);
  await expect(detail.firstLimits().first()).toContainText('first to run out');
  await expect(detail.timelineRow('access_token')).not.toHaveAttribute('data-first');

  await expect(detail.refreshTokens()).toHaveCount(2);
  await expect(detail.refreshTokens().nth(0)).toHaveAttribute('data-status', 'consumed');
  await expect(detail.refreshTokens().nth(1)).toHaveAttribute('data-status', 'active');

  await expect(detail.participant('billing')).toContainText('reported the login');
  await expect(detail.participant('billing')).toHaveAttribute('data-delivery', 'not_needed');
  await expect(detail.events()).toContainText('billing reported that the user logged in to it');

  // Esc backs out of the confirmation; nothing happens.
  await detail.revokeButton().click();
  await expect(detail.dialog()).toContainText('every service that reported it is sent a logout');
  await page.keyboard.press('Escape');
  await expect(detail.dialog()).toHaveCount(0);
  expect(world.billing.logoutTokens).toHaveLength(0);

  await detail.revokeButton().click();
  await detail.dialog().getByRole('button', { name: 'Revoke session' }).click();
  await expect(detail.dialog()).toHaveCount(0);
  await expect(page.locator('[data-session-status]')).toHaveAttribute(
    'data-session-status',
    'ended',
  );
  await expect(detail.participant('billing')).toHaveAttribute('data-delivery', 'delivered', {
    timeout: 15_000,
  });
  await expect(detail.participant('billing')).toContainText('delivered');
  expect(world.billing.logoutTokens).toHaveLength(1);
  await expect(detail.events()).toContainText('The logout was delivered to billing');
  await expect(detail.revokeButton()).toHaveCount(0);
});

test('support reads a session but is offered no revoke', async ({ page }) => {
  const tom = await logInToWebApp(world.served.issuer, people.tom);
  await page.goto(world.served.links.support);
  const detail = new SessionDetailPage(page);
  await detail.open(tom.sid);
  await expect(detail.timelineRow('access_token')).toBeVisible();
  await expect(detail.refreshTokens()).toHaveCount(1);
  await expect(detail.revokeButton()).toHaveCount(0);
});

test('a replayed refresh token is marked in the tree where reuse was caught', async ({ page }) => {
  const tom = await logInToWebApp(world.served.issuer, people.tom);
  await refresh(world.served.issuer, tom.refreshToken);
  await expect(refresh(world.served.issuer, tom.refreshToken)).rejects.toThrow('invalid_grant');

  await page.goto(world.served.links.support);
  const detail = new SessionDetailPage(page);
  await detail.open(tom.sid);
  await expect(detail.refreshTokens()).toHaveCount(2);
  await expect(detail.refreshTokens().nth(0)).toHaveAttribute('data-reused', 'true');
  await expect(detail.refreshTokens().nth(0)).toContainText('Reuse detected');
  await expect(detail.refreshTokens().nth(1)).not.toHaveAttribute('data-reused');
  await expect(page.locator('[data-session-status]')).toContainText(
    'a refresh token was used twice',
  );
  await expect(detail.firstLimits().first()).toContainText('would have run out first');
});

test('an unknown session says so with its code', async ({ page }) => {
  await page.goto(world.served.links.support);
  await new SessionDetailPage(page).open('no-such-session');
  await expect(page.getByRole('alert')).toContainText('ERR_SESSION_NOT_FOUND');
});
