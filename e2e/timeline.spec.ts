import { expect, test } from '@playwright/test';
import { useServe } from './fixtures/hooks';
import { logInToWebApp, people, worldConfig } from './fixtures/world';
import { PolicyPage } from './pages/policy-page';
import { TimelinePage } from './pages/timeline-page';

// Nobody in this spec logs out, so billing's logout endpoint is never called.
const host = useServe(() => ({ config: worldConfig('http://127.0.0.1:9/backchannel-logout') }));

/** Counts a bar's name gives: "14:00–15:00: 2 sessions end (2 idle)" → 2. */
const countIn = (name: string) => Number(/: (\d+) sessions? ends?/.exec(name)?.[1] ?? 0);

test('the 24 h chart counts the active sessions by cause; a bar lists its sessions', async ({
  page,
}) => {
  await page.goto(host.served.links.admin);
  const policy = new PolicyPage(page);
  await policy.open();

  // Sessions end by the limits in force when they start: two end idle within 3 h ...
  await policy.type('Session idle limit', '3 h');
  await policy.type('Session maximum', '5 h');
  await policy.saveButton().click();
  await expect(policy.saveResult()).toHaveText('Saved as version 1.');
  const maria = await logInToWebApp(host.served.issuer, people.maria);
  const tom = await logInToWebApp(host.served.issuer, people.tom);

  // ... and one at its 6 h maximum.
  await policy.type('Session idle limit', '14 days');
  await policy.type('Session maximum', '6 h');
  await policy.saveButton().click();
  await expect(policy.saveResult()).toHaveText('Saved as version 2.');
  const ana = await logInToWebApp(host.served.issuer, people.ana);

  const timeline = new TimelinePage(page);
  await timeline.open();
  await expect(timeline.bars()).toHaveCount(24);
  await expect(page.getByText('3 active sessions end in the next 24 h.')).toBeVisible();
  const names = await timeline.barNames();
  expect(names.map(countIn).reduce((sum, count) => sum + count, 0)).toBe(3);
  // Deadlines 3 h and 6 h after the logins, a few seconds before the chart's now.
  expect(names[2]).toMatch(/^\d\d:\d\d–\d\d:\d\d: 2 sessions end \(2 idle\)$/);
  expect(names[5]).toMatch(/^\d\d:\d\d–\d\d:\d\d: 1 session ends \(1 absolute\)$/);
  await expect(page.getByRole('list', { name: 'Causes' })).toContainText('Idle limit (2)');
  await expect(page.getByRole('list', { name: 'Causes' })).toContainText('Absolute limit (1)');

  await timeline.bar(names[2]!).click();
  await expect(timeline.bar(names[2]!)).toHaveAttribute('aria-pressed', 'true');
  await expect(timeline.sessionRows()).toHaveCount(2);
  const listed = await timeline.sessionRows().getByRole('link').allTextContents();
  expect(listed.sort()).toEqual([maria.sid, tom.sid].sort());
  await expect(timeline.sessions()).not.toContainText(ana.sid);

  // The keyboard reaches the other bar too: arrows move, Enter lists, Esc closes.
  await timeline.bar(names[2]!).focus();
  for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowRight');
  await expect(timeline.bar(names[5]!)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(timeline.sessionRows()).toHaveCount(1);
  await expect(timeline.sessionRows()).toContainText('Absolute limit');
  await page.keyboard.press('Escape');
  await expect(timeline.sessions()).toHaveCount(0);

  await page.keyboard.press('Enter');
  await timeline.sessionRows().getByRole('link', { name: ana.sid }).click();
  await expect(page).toHaveURL(new RegExp(`#/sessions/${encodeURIComponent(ana.sid)}$`));
});
