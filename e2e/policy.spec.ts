import { expect, test } from '@playwright/test';
import { startServe, type ServedConsole } from './fixtures/serve';
import { PolicyPage } from './pages/policy-page';

let served: ServedConsole;

// Each test starts from the built-in defaults: a saved policy would change what the others see.
test.beforeEach(async () => {
  served = await startServe();
});

test.afterEach(async () => {
  await served.stop();
});

test('a cookie shorter than the tokens is flagged while typing; an admin saves a new version', async ({
  page,
}) => {
  await page.goto(served.links.admin);
  const policy = new PolicyPage(page);
  await policy.open();
  await expect(policy.version()).toContainText('version 0');
  await expect(policy.field('Access token lifetime')).toHaveValue('15 min');
  await expect(policy.finding('cookie_shorter_than_tokens')).toHaveCount(0);

  // 10 min is shorter than the 15-minute access token (and the 30-day refresh token).
  await policy.type('Cookie max-age', '10 min');
  await expect(policy.finding('cookie_shorter_than_tokens')).toContainText(
    'the cookie max-age (10 min) is shorter than',
  );
  await expect(policy.saveResult()).toHaveText('');

  await policy.saveButton().click();
  await expect(policy.saveResult()).toHaveText('Saved as version 1.');
  await expect(policy.version()).toContainText('version 1, changed by admin');
  await expect(policy.saveButton()).toHaveText('Save as version 2');

  // What is stored is what the next visitor sees.
  await page.reload();
  await policy.open();
  await expect(policy.field('Cookie max-age')).toHaveValue('10 min');
});

test('a policy stored elsewhere shows at once; unsaved edits stay', async ({ page, context }) => {
  await page.goto(served.links.admin);
  const policy = new PolicyPage(page);
  await policy.open();
  await policy.type('Session maximum', '20 days');

  const other = new PolicyPage(await context.newPage());
  await other.page.goto(served.links.admin);
  await other.open();
  await other.type('Access token lifetime', '5 min');
  await other.saveButton().click();
  await expect(other.saveResult()).toHaveText('Saved as version 1.');

  await expect(policy.version()).toContainText('version 1, changed by admin');
  await expect(policy.saveButton()).toHaveText('Save as version 2');
  await expect(policy.field('Session maximum')).toHaveValue('20 days');
  await expect(page.getByRole('alert')).toContainText(
    'Version 1 was stored while you edited; saving replaces it',
  );
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(policy.field('Access token lifetime')).toHaveValue('5 min');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a value the policy refuses names its field and keeps what was typed', async ({ page }) => {
  await page.goto(served.links.admin);
  const policy = new PolicyPage(page);
  await policy.open();
  await policy.type('Access token lifetime', '30 s');
  const field = policy.field('Access token lifetime');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription('Must be at least 1 min.');
  await expect(field).toHaveValue('30 s');
  await expect(policy.saveButton()).toBeDisabled();

  await policy.type('Session idle limit', '2 fortnights');
  await expect(policy.field('Session idle limit')).toHaveAccessibleDescription(
    /Unknown unit “fortnights”/,
  );
});

test('support tries edits against the lint but is offered no save', async ({ page }) => {
  await page.goto(served.links.support);
  const policy = new PolicyPage(page);
  await policy.open();
  await expect(policy.field('Cookie max-age')).toBeVisible();
  await policy.type('Cookie max-age', '5 min');
  await expect(policy.finding('cookie_shorter_than_tokens')).toBeVisible();
  await expect(policy.saveButton()).toHaveCount(0);
  await expect(page.getByText('Only an admin can store a policy')).toBeVisible();
});

test('the what-if says when a user is logged out and why, and draws it', async ({ page }) => {
  await page.goto(served.links.support);
  const policy = new PolicyPage(page);
  await policy.open();

  await policy.choosePattern(/never refreshes/);
  await expect(policy.whatIfSentence()).toContainText(
    /^Logged out on .* \(after 15 min\): the access token expired \(lifetime 15 min\) and the client never refreshes it\.$/,
  );
  await expect(policy.whatIfChart()).toBeVisible();
  await expect(policy.whatIfChart().getByText('access token lifetime')).toBeVisible();

  await policy.choosePattern(/^Office hours \(/);
  await expect(policy.whatIfSentence()).toContainText(
    /\(after 30 days\): the session reached its maximum length of 30 days\.$/,
  );
  await expect(policy.whatIfChart().getByText('session maximum')).toBeVisible();

  // The draft decides: a shorter session maximum shows at once.
  await policy.type('Session maximum', '7 days');
  await expect(policy.whatIfSentence()).toContainText(/\(after 7 days\)/);

  // A rhythm the simulator cannot play says which field is wrong, with the error's code.
  await page.getByLabel('Client refreshes every').fill('soon');
  await expect(page.getByRole('alert')).toContainText('ERR_VALIDATION');
  await expect(page.getByRole('alert')).toContainText('Client refreshes every:');
  await expect(policy.whatIfSentence()).toHaveCount(0);
});
