import { expect, test } from '@playwright/test';
import { useServe } from './fixtures/hooks';

const host = useServe();

test('Ctrl+K opens the command palette: type, arrows, Enter; Esc closes it', async ({ page }) => {
  await page.goto(host.served.links.support);
  await expect(page.getByRole('link', { name: 'Sessions' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await page.keyboard.type('go ke');
  await expect(palette.getByRole('option')).toHaveText(['Go to Keys']);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page).toHaveURL(/#\/keys$/);
  await expect(page.getByRole('link', { name: 'Keys' })).toHaveAttribute('aria-current', 'page');

  await page.keyboard.press('Control+k');
  await page.keyboard.type('go');
  await page.keyboard.press('ArrowDown');
  await expect(palette.getByRole('option', { selected: true })).toHaveText('Go to Inspector');
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(page).toHaveURL(/#\/keys$/);
});

test('the theme follows the OS until the operator pins one', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(host.served.links.support);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  expect(dark).not.toBe(light);

  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Control+k');
  await page.keyboard.type('theme dark');
  await page.keyboard.press('Enter');
  expect(await background()).toBe(dark);
  await page.reload();
  expect(await background()).toBe(dark);

  await page.keyboard.press('Control+k');
  await page.keyboard.type('theme follow');
  await page.keyboard.press('Enter');
  expect(await background()).toBe(light);
});

test('back and forward move between views', async ({ page }) => {
  await page.goto(host.served.links.support);
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: 'Policy' })
    .click();
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: 'Events' })
    .click();
  await page.goBack();
  await expect(page.getByRole('link', { name: 'Policy' })).toHaveAttribute('aria-current', 'page');
  await page.goForward();
  await expect(page.getByRole('link', { name: 'Events' })).toHaveAttribute('aria-current', 'page');
});

test('/ puts the keyboard in the current view’s search box, but not while typing', async ({
  page,
}) => {
  await page.goto(host.served.links.support);
  const search = page.locator('[data-search-input]');
  await expect(search).toBeVisible();
  await page.locator('body').click();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');
  await page.keyboard.type('to/m');
  await expect(search).toHaveValue('to/m');
});

test('a hand-edited link with a broken escape opens the list instead of breaking the console', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(host.served.links.support);
  await page.evaluate(() => (location.hash = '#/sessions/%E0%A4%A'));
  await expect(page.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Keys' }).click();
  await expect(page.getByRole('link', { name: 'Keys' })).toHaveAttribute('aria-current', 'page');
  expect(errors).toEqual([]);
});
