import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { revokeAllConfirmationPhrase } from '../shared/contract';
import { useWorld } from './fixtures/hooks';
import { startServe, type ServedConsole } from './fixtures/serve';
import { logInToWebApp, people, reportBillingLogin } from './fixtures/world';
import { SessionsPage } from './pages/sessions-page';
import { cachedStore } from '../bench/sessions.bench';

const world = useWorld();

/** The `sid` claim of a logout token (its signature is the relying party's business). */
function sidOf(logoutToken: string): string {
  return (
    JSON.parse(Buffer.from(logoutToken.split('.')[1]!, 'base64url').toString()) as {
      sid: string;
    }
  ).sid;
}

test('an admin finds tom by typing, revokes his sessions, and billing hears of the logout', async ({
  page,
}) => {
  const toms = [
    await logInToWebApp(world.served.issuer, people.tom),
    await logInToWebApp(world.served.issuer, people.tom),
  ];
  await logInToWebApp(world.served.issuer, people.maria);
  for (const { sid } of toms) await reportBillingLogin(world.served.issuer, sid, 'tom');

  await page.goto(world.served.links.admin);
  const sessions = new SessionsPage(page);
  await expect(sessions.rows()).toHaveCount(3);
  // A login after the list was read shows on Refresh.
  await logInToWebApp(world.served.issuer, people.maria);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(sessions.rows()).toHaveCount(4);
  await sessions.search('tom');
  await expect(sessions.rows()).toHaveCount(2);
  for (const row of await sessions.rows().all()) {
    await expect(sessions.cell(row, 'user')).toHaveText('tom');
    await expect(sessions.cell(row, 'deadline')).toContainText(/ends in .* — (idle|absolute)/);
  }

  await sessions.selectRow(sessions.rows().first());
  await sessions.action('Revoke all of tom’s sessions').click();
  await expect(sessions.dialog()).toContainText('End every active session of tom');
  await sessions.dialogButton('Revoke all their sessions').click();
  await expect(sessions.dialog().getByRole('status')).toHaveText('Revoked 2 sessions of tom.');
  await page.keyboard.press('Escape');
  await expect(sessions.dialog()).toHaveCount(0);
  await expect(sessions.empty()).toBeVisible();

  await sessions.tab('History').click();
  await expect(sessions.rows()).toHaveCount(2);
  for (const row of await sessions.rows().all()) {
    await expect(sessions.cell(row, 'ended')).toContainText('user’s sessions revoked');
    await expect(sessions.cell(row, 'endedBy')).toHaveText(/^admin:/);
  }

  await expect
    .poll(() => world.billing.logoutTokens.map(sidOf).sort())
    .toEqual(toms.map(({ sid }) => sid).sort());
});

test('a query revocation previews its count, refuses a stale one, then shows progress and the result', async ({
  page,
}) => {
  for (let index = 0; index < 3; index += 1) await logInToWebApp(world.served.issuer, people.ana);
  await page.goto(world.served.links.admin);
  const sessions = new SessionsPage(page);
  await sessions.search('ana');
  await expect(sessions.rows()).toHaveCount(3);

  await sessions.action('Revoke matching…').click();
  await expect(sessions.dialog()).toContainText('3 sessions active now match');
  await expect(sessions.dialog()).toContainText('user or client starting with “ana”');
  // Ana logs in once more between the preview and the confirmation: nothing is revoked until
  // the operator has seen the new count.
  await logInToWebApp(world.served.issuer, people.ana);
  await sessions.dialogButton('Revoke 3 sessions').click();
  await expect(sessions.dialog().getByRole('alert')).toContainText('ERR_SESSIONS_PREVIEW_STALE');
  await expect(sessions.dialog().getByRole('alert')).toContainText('not the 3 previewed');
  await sessions.dialogButton('Preview again').click();
  await expect(sessions.dialog()).toContainText('4 sessions active now match');
  await sessions.dialogButton('Revoke 4 sessions').click();
  await expect(sessions.progress()).toHaveAttribute('max', '4');
  await expect(sessions.progress()).toHaveAttribute('value', '4');
  await expect(sessions.result()).toHaveAttribute('data-result', 'done');
  await expect(sessions.result()).toHaveText('Revoked 4 sessions.');
  await sessions.dialogButton('Close').click();
  await expect(sessions.empty()).toBeVisible();
});

test('support reads sessions by keyboard, sees no revocation controls, and the server refuses a revoke', async ({
  page,
}) => {
  const { sid } = await logInToWebApp(world.served.issuer, people.maria);
  await logInToWebApp(world.served.issuer, people.maria);
  await page.goto(world.served.links.support);
  const sessions = new SessionsPage(page);
  await expect(sessions.statusBar()).toContainText('Role: support');
  await expect(sessions.page.locator(`[data-sid="${sid}"]`)).toBeVisible();
  await expect(sessions.revokeGroup()).toHaveCount(0);
  await expect(sessions.page.getByRole('checkbox')).toHaveCount(0);
  await expect(sessions.page.getByRole('button', { name: /revoke/i })).toHaveCount(0);

  // No button to press: call the bridge directly with the support link's token, as a script in
  // the page could, and expect the server to refuse.
  const refusal = await page.evaluate(async (targetSid) => {
    const token = sessionStorage.getItem('tessera.token') ?? '';
    const socket = new WebSocket(`ws://${location.host}/bridge`, [
      'tessera.v1',
      `tessera.auth.${token}`,
    ]);
    return new Promise<unknown>((resolve, reject) => {
      socket.onerror = () => reject(new Error('the bridge refused the connection'));
      socket.onopen = () =>
        socket.send(
          JSON.stringify({
            kind: 'call',
            id: 1,
            name: 'sessions.revoke',
            input: { sid: targetSid },
          }),
        );
      socket.onmessage = (message) => {
        const frame = JSON.parse(String(message.data)) as { kind: string; result?: unknown };
        if (frame.kind === 'result') resolve(frame.result);
      };
    });
  }, sid);
  expect(refusal).toMatchObject({ ok: false, error: { code: 'ERR_FORBIDDEN' } });
  await page.reload();
  await expect(sessions.page.locator(`[data-sid="${sid}"]`)).toBeVisible();

  // Keyboard: the first row takes focus, arrows move it, Enter opens the session.
  await expect(sessions.rows().nth(1)).toBeVisible();
  await sessions.rows().first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(sessions.rows().nth(1)).toBeFocused();
  const second = await sessions.rows().nth(1).getAttribute('data-sid');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/sessions/${encodeURIComponent(second!)}$`));
});

test('the kill switch needs the exact phrase typed before it revokes everything', async ({
  page,
}) => {
  await logInToWebApp(world.served.issuer, people.maria);
  await logInToWebApp(world.served.issuer, people.ana);
  await page.goto(world.served.links.admin);
  const sessions = new SessionsPage(page);
  await expect(sessions.rows().first()).toBeVisible();

  await sessions.action('Revoke everything…').click();
  const confirm = sessions.dialogButton('Revoke every session');
  const phrase = sessions.dialog().getByRole('textbox', { name: 'Confirmation phrase' });
  await expect(confirm).toBeDisabled();
  await phrase.fill('revoke all');
  await expect(confirm).toBeDisabled();
  await phrase.fill(revokeAllConfirmationPhrase.toUpperCase());
  await expect(confirm).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(sessions.dialog()).toHaveCount(0);
  await expect(sessions.rows().first()).toBeVisible();

  await sessions.action('Revoke everything…').click();
  await phrase.fill(revokeAllConfirmationPhrase);
  await confirm.click();
  await expect(sessions.result()).toHaveAttribute('data-result', 'done');
  await sessions.dialogButton('Close').click();
  await expect(sessions.empty()).toBeVisible();
  await sessions.tab('History').click();
  await expect(sessions.rows().first()).toBeVisible();
});

test('support exports the matching sessions as CSV and JSON, never a token', async ({ page }) => {
  const loggedIn = await logInToWebApp(world.served.issuer, people.maria);
  // A client-supplied user agent carrying a pasted opaque token (the shape of a refresh token:
  // 43 base64url characters, no dots, nothing like a JWT): the export must not carry it out.
  const pasted = 'Qm9vWmF6OTg3NjU0MzIxMGFiY2RlZmdoaWprbG1ub3A';
  await logInToWebApp(world.served.issuer, people.maria, {
    userAgent: `TesseraE2E/1.0 (pasted ${pasted})`,
  });
  await page.goto(world.served.links.support);
  const sessions = new SessionsPage(page);
  await sessions.search('maria');
  await expect(sessions.rows().first()).toBeVisible();
  const listed = await sessions.rows().count();

  const csv = await sessions.export('CSV');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'sid,userId,clientId,ip,userAgent,createdMs,lastSeenMs,nextDeadlineMs,nextDeadlineCause,' +
      'status,endedMs,endReason,endedBy',
  );
  expect(lines).toHaveLength(listed + 1);
  expect(lines.slice(1).every((line) => line.split(',')[1] === 'maria')).toBe(true);
  expect(csv).toContain(loggedIn.sid);

  const json = JSON.parse(await sessions.export('JSON')) as Array<Record<string, unknown>>;
  expect(json).toHaveLength(listed);
  expect(json.map((row) => row.sid)).toContain(loggedIn.sid);
  for (const text of [csv, JSON.stringify(json)]) {
    expect(text).toContain('TesseraE2E/1.0 (pasted [redacted])');
    for (const secret of [pasted, loggedIn.accessToken, loggedIn.refreshToken, loggedIn.idToken]) {
      expect(text).not.toContain(secret);
    }
  }
});

test.describe('on 100,000 seeded sessions', () => {
  let seeded: ServedConsole;
  let dataDir: string;

  test.beforeAll(async () => {
    // The benchmarks' seeded store (cached across runs): a job long enough to be cancelled.
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-seeded-'));
    copyFileSync(
      cachedStore(100_000, () => undefined),
      join(dataDir, 'tessera.db'),
    );
    seeded = await startServe({ dataDir });
  });

  test.afterAll(async () => {
    await seeded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a running revocation job can be cancelled, and says how far it got', async ({ page }) => {
    await page.goto(seeded.links.admin);
    const sessions = new SessionsPage(page);
    await expect(sessions.rows().first()).toBeVisible();
    await sessions.action('Revoke everything…').click();
    await sessions.dialog().getByRole('textbox').fill(revokeAllConfirmationPhrase);
    await sessions.dialogButton('Revoke every session').click();
    await expect(sessions.progress()).toHaveAttribute('value', /^[1-9]\d*$/);
    await sessions.dialogButton('Cancel revocation').click();
    await expect(sessions.result()).toHaveAttribute('data-result', 'cancelled');
    await expect(sessions.result()).toHaveText(/^Cancelled: [\d,]+ sessions of [\d,]+ revoked\.$/);
    const [done, total] = (await sessions
      .progress()
      .evaluate((bar: HTMLProgressElement) => [bar.value, bar.max])) as [number, number];
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(total);
    await sessions.dialogButton('Close').click();
    await expect(sessions.rows().first()).toBeVisible();
  });
});
