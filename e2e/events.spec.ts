import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { useWorld } from './fixtures/hooks';
import { startServe } from './fixtures/serve';
import { logInToWebApp, people, refresh, worldConfig } from './fixtures/world';
import { EventsPage } from './pages/events-page';

const world = useWorld();

test('the live feed shows logins and refreshes as they happen, and pauses', async ({ page }) => {
  await page.goto(world.served.links.support);
  const events = new EventsPage(page);
  await events.open();
  await expect(events.feedStatus()).toContainText('rows loaded');

  const maria = await logInToWebApp(world.served.issuer, people.maria);
  const created = events.rows('session.created').filter({ hasText: 'maria logged in to web-app.' });
  await expect(created).toHaveCount(1);
  await expect(created.locator('[data-col="session"]')).toHaveText(maria.sid);
  await refresh(world.served.issuer, maria.refreshToken);
  await expect(events.rows('token.refreshed').filter({ hasText: 'maria' })).toHaveCount(1);
  // Newest first: the refresh sits above the login.
  await expect(events.feed().getByRole('row').first()).toHaveAttribute(
    'data-type',
    'token.refreshed',
  );

  await events.pauseButton().click();
  await expect(events.feedStatus()).toHaveText('0 new while paused');
  const tom = await logInToWebApp(world.served.issuer, people.tom);
  await refresh(world.served.issuer, tom.refreshToken);
  await expect(events.feedStatus()).toHaveText(/^[1-9]\d* new while paused$/);
  const held = Number(await events.feedStatus().getAttribute('data-held'));
  expect(held).toBeGreaterThanOrEqual(2);
  await expect(events.feed().getByRole('row').filter({ hasText: tom.sid })).toHaveCount(0);

  await events.resumeButton().click();
  await expect(events.feed().getByRole('row').filter({ hasText: tom.sid })).toHaveCount(2);
  await expect(events.feedStatus()).toContainText('rows loaded');
});

test('a filter by user shows that user’s history and only their live events', async ({ page }) => {
  const ana = await logInToWebApp(world.served.issuer, people.ana);
  await page.goto(world.served.links.support);
  const events = new EventsPage(page);
  await events.open();
  // The app shell focuses the marked box on "/": it is the user filter.
  await expect(page.locator('[data-search-input]')).toHaveAccessibleName('User');
  await events.filterBy('User', 'ana');
  // History first: ana's earlier login is there before anything new happens.
  await expect(events.rows('session.created')).toHaveCount(1);
  await expect(events.rows('session.created')).toContainText(ana.sid);

  await logInToWebApp(world.served.issuer, people.maria);
  const again = await logInToWebApp(world.served.issuer, people.ana);
  await expect(events.rows('session.created').filter({ hasText: again.sid })).toHaveCount(1);
  const users = await events.feed().locator('[data-col="user"]').allTextContents();
  expect(new Set(users)).toEqual(new Set(['ana']));
});

test('scrolled down, the rows being read stay put while new ones arrive on top', async ({
  page,
}) => {
  // More rows than the feed shows at once, so that it scrolls.
  for (let session = 0; session < 4; session += 1) {
    let { refreshToken } = await logInToWebApp(world.served.issuer, people.ana);
    for (let count = 0; count < 6; count += 1) {
      ({ refreshToken } = await refresh(world.served.issuer, refreshToken));
    }
  }
  await page.goto(world.served.links.support);
  const events = new EventsPage(page);
  await events.open();
  await expect(events.feedStatus()).toHaveText(/^([3-9]\d|\d{3,}) rows loaded$/);
  await events.feed().evaluate((grid) => (grid.scrollTop = 5 * 32));
  const reading = await events.seqAtTopOfView();
  expect(reading).not.toBeNull();

  const maria = await logInToWebApp(world.served.issuer, people.maria);
  await refresh(world.served.issuer, maria.refreshToken);
  await expect(events.feed()).toHaveJSProperty('scrollTop', 7 * 32);
  expect(await events.seqAtTopOfView()).toBe(reading);

  // Back at the top, the feed flows again and shows the newest.
  await events.feed().evaluate((grid) => (grid.scrollTop = 0));
  await logInToWebApp(world.served.issuer, people.maria);
  await expect(events.feed().getByRole('row').first()).toHaveAttribute(
    'data-type',
    'session.created',
  );
});

test('rows are reachable by keyboard and a session opens its detail', async ({ page }) => {
  const maria = await logInToWebApp(world.served.issuer, people.maria);
  await refresh(world.served.issuer, maria.refreshToken);
  await page.goto(world.served.links.support);
  const events = new EventsPage(page);
  await events.open();
  await events.filterBy('Session', maria.sid);
  await expect(events.feed().getByRole('row')).toHaveCount(2);

  const rows = events.feed().getByRole('row');
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveAttribute('data-type', 'session.created');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/sessions/${maria.sid}$`));
});

test('export writes the loaded events as CSV and JSON without any token', async ({ page }) => {
  const maria = await logInToWebApp(world.served.issuer, people.maria);
  const next = await refresh(world.served.issuer, maria.refreshToken);
  await page.goto(world.served.links.admin);
  const events = new EventsPage(page);
  await events.open();
  await events.filterBy('Session', maria.sid);
  await expect(events.feed().getByRole('row')).toHaveCount(2);

  const secrets = [
    maria.accessToken,
    maria.refreshToken,
    maria.idToken,
    next.accessToken,
    next.refreshToken,
  ];
  for (const format of ['CSV', 'JSON'] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      events.exportButton(format).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^tessera-events-.*\\.${format.toLowerCase()}$`),
    );
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain('maria logged in to web-app.');
    expect(text).toContain(maria.sid);
    for (const secret of secrets) expect(text).not.toContain(secret);
    if (format === 'JSON') {
      const exported = JSON.parse(text) as { type: string }[];
      expect(exported.map((event) => event.type)).toEqual(['session.created', 'token.refreshed']);
    } else {
      expect(text.split('\r\n')[0]).toBe('seq,time,type,sentence,userId,clientId,sid,payload');
    }
  }
});

test('history beyond the first page loads on demand below the newest', async ({ page }) => {
  // A console of its own, so that the counts are exactly this test's.
  const own = await startServe({ config: worldConfig(world.billing.logoutUri) });
  try {
    // 9 sessions × 25 refreshes: past one page (200) and within the per-session refresh rate.
    for (let session = 0; session < 9; session += 1) {
      let { refreshToken } = await logInToWebApp(own.issuer, people.tom);
      for (let count = 0; count < 25; count += 1) {
        ({ refreshToken } = await refresh(own.issuer, refreshToken));
      }
    }
    await page.goto(own.links.support);
    const events = new EventsPage(page);
    await events.open();
    // Choosing a type applies the whole form at once, the typed user included: one restart.
    await page.getByRole('searchbox', { name: 'User' }).fill('tom');
    await events.filterByType('token.refreshed');
    await expect(events.feedStatus()).toHaveText('200 rows loaded');
    await events.loadOlderButton().click();
    await expect(events.feedStatus()).toHaveText('225 rows loaded');
    await expect(events.loadOlderButton()).toHaveCount(0);
  } finally {
    await own.stop();
  }
});
