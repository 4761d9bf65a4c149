// Regenerates the README's screenshots of every view: `npm run screenshots` (builds first).
// The console runs the offline demo, as a fresh laptop shows it, plus the e2e world's web app so
// that the inspector has one of our own tokens to explain.
import { chromium, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { startServe } from '../fixtures/serve';
import { logInToWebApp, people, startRelyingParty, worldConfig } from '../fixtures/world';
import { DemoPage } from '../pages/demo-page';
import { EventsPage } from '../pages/events-page';
import { InspectorPage } from '../pages/inspector-page';
import { KeysPage } from '../pages/keys-page';
import { PolicyPage } from '../pages/policy-page';
import { SessionsPage } from '../pages/sessions-page';
import { SyncPage } from '../pages/sync-page';
import { TimelinePage } from '../pages/timeline-page';

const billing = await startRelyingParty();
const served = await startServe({ demo: true, config: worldConfig(billing.logoutUri) });
const browser = await chromium.launch(config.use?.launchOptions);

async function shoot(page: Page, name: string): Promise<void> {
  // Let live views settle (charts drawn, the feed filled) before the picture.
  await page.waitForTimeout(1500);
  const file = `docs/screenshots/${name}.png`;
  await page.screenshot({ path: file });
  console.log(`wrote ${file}`);
}

try {
  const maria = await logInToWebApp(served.issuer, people.maria);
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 820 },
      colorScheme: scheme,
    });
    await page.goto(served.links.admin);
    const suffix = scheme === 'dark' ? '-dark' : '';

    const sessions = new SessionsPage(page);
    await sessions.rows().first().waitFor();
    await shoot(page, `sessions${suffix}`);
    if (scheme === 'dark') continue;

    // Token theft at a brisk pace, so the views below have reuse detections and deliveries.
    const demo = new DemoPage(page);
    await demo.open();
    await demo.choose('Scenario', 'Token theft');
    await demo.choose('Rate', '240 / min');

    await sessions.open();
    // A demo user's session: refreshed, reported by services (maria's, first, is brand new).
    await sessions.rows().nth(1).click();
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await shoot(page, 'session-detail');

    const inspector = new InspectorPage(page);
    await inspector.open();
    await inspector.pasteToken(maria.accessToken);
    await inspector.claimRow('sub').waitFor();
    await shoot(page, 'inspector');

    await new KeysPage(page).open();
    await shoot(page, 'keys');

    await new PolicyPage(page).open();
    await shoot(page, 'policy');

    const timeline = new TimelinePage(page);
    await timeline.open();
    await timeline.bars().first().click();
    await shoot(page, 'timeline');

    await new EventsPage(page).open();
    await shoot(page, 'events');

    await new SyncPage(page).open();
    await shoot(page, 'sync');

    await demo.open();
    await demo.propagation().getByRole('listitem').first().waitFor({ timeout: 60_000 });
    await shoot(page, 'demo');
  }
} finally {
  await browser.close();
  await served.stop();
  await billing.close();
}
