import { expect, test } from '@playwright/test';
import { useWorld } from './fixtures/hooks';
import { startServe } from './fixtures/serve';
import { makeSampleToken } from './fixtures/tokens';
import { logInToWebApp, people, worldConfig } from './fixtures/world';
import { DemoPage } from './pages/demo-page';
import { InspectorPage } from './pages/inspector-page';
import { SessionDetailPage } from './pages/session-detail-page';

const world = useWorld();
// Verdicts name the date as well when the time falls on another UTC day than now (near midnight).

test('support reads why a user’s token works, then why it stopped working', async ({ browser }) => {
  const ana = await logInToWebApp(world.served.issuer, people.ana);
  const support = await browser.newPage();
  await support.goto(world.served.links.support);
  const inspector = new InspectorPage(support);
  await inspector.open();

  await inspector.pasteToken(ana.accessToken);
  await expect(inspector.plainVerdict()).toHaveAttribute('data-plain-verdict', 'valid');
  await expect(inspector.plainVerdict()).toContainText(
    /This token works right now\. It expires at (?:\d{4}-\d\d-\d\d )?\d\d:\d\d UTC, in 1[45] min, 15 min after it was issued, as your policy says\./,
  );

  // An admin ends her session elsewhere; the same token, pasted again, tells why it stopped.
  const admin = await browser.newPage();
  await admin.goto(world.served.links.admin);
  const detail = new SessionDetailPage(admin);
  await detail.open(ana.sid);
  await detail.revokeButton().click();
  await detail.dialog().getByRole('button', { name: 'Revoke session' }).click();
  await expect(admin.locator('[data-session-status]')).toHaveAttribute(
    'data-session-status',
    'ended',
  );

  await inspector.pasteToken('');
  await inspector.pasteToken(ana.accessToken);
  await expect(inspector.plainVerdict()).toHaveAttribute('data-plain-verdict', 'session_ended');
  await expect(inspector.plainVerdict()).toContainText(
    /This token’s session ended at (?:\d{4}-\d\d-\d\d )?\d\d:\d\d UTC: an administrator revoked it\. The token stopped working then; the user has to log in again\./,
  );

  // The session the token belongs to is one click away.
  await inspector.sessionLink(ana.sid).click();
  await expect(support.getByRole('heading', { name: `Session ${ana.sid}` })).toBeVisible();
});

test('a token of another issuer is not judged', async ({ page }) => {
  const { token } = await makeSampleToken();
  await page.goto(world.served.links.support);
  const inspector = new InspectorPage(page);
  await inspector.open();
  await inspector.pasteToken(token);
  await expect(inspector.plainVerdict()).toHaveAttribute('data-plain-verdict', 'unknown_issuer');
  await expect(inspector.plainVerdict()).toContainText('not by this Tessera');
});

test('support pastes a token that has expired and reads when, against the policy', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // The demo's clock, at a minute a second, lets the 10-minute token expire while we wait.
  const demo = await startServe({ demo: true, config: worldConfig('http://127.0.0.1:9/logout') });
  try {
    const maria = await logInToWebApp(demo.issuer, people.maria);
    const admin = await browser.newPage();
    await admin.goto(demo.links.admin);
    const controls = new DemoPage(admin);
    await controls.open();
    await controls.choose('Clock speed', '×60');
    await expect(controls.banner()).toContainText('simulated clock ×60');

    const support = await browser.newPage();
    await support.goto(demo.links.support);
    const inspector = new InspectorPage(support);
    await inspector.open();
    // The inspector judges a token when it is pasted: paste it again until it has run out.
    await expect
      .poll(
        async () => {
          await inspector.pasteToken('');
          await inspector.pasteToken(maria.accessToken);
          await inspector.plainVerdict().waitFor();
          return inspector.plainVerdict().getAttribute('data-plain-verdict');
        },
        { timeout: 60_000, intervals: [2_000] },
      )
      .toBe('expired');
    await expect(inspector.plainVerdict()).toContainText(
      /This token expired at (?:\d{4}-\d\d-\d\d )?\d\d:\d\d UTC, 10 min after it was issued, as your policy says\. The application should have renewed it with its refresh token\./,
    );
  } finally {
    await demo.stop();
  }
});
