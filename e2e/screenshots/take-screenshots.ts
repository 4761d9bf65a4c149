// Regenerates the README's screenshots: `npm run screenshots` (after a build).
import { chromium } from '@playwright/test';
import config from '../../playwright.config';
import { startServe } from '../fixtures/serve';
import { makeSampleToken } from '../fixtures/tokens';
import { InspectorPage } from '../pages/inspector-page';

const served = await startServe();
const browser = await chromium.launch(config.use?.launchOptions);
try {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 860 },
      colorScheme: scheme,
    });
    await page.goto(served.links.support);
    const inspector = new InspectorPage(page);
    await inspector.open();
    const { token, jwks } = await makeSampleToken({
      sub: 'maria.lopez',
      scope: 'openid profile orders:read',
    });
    await inspector.pasteToken(token);
    await inspector.pasteKey('JWKS', jwks);
    await inspector.signatureVerdict().and(page.locator('[data-verdict="valid"]')).waitFor();
    const file = `docs/screenshots/inspector${scheme === 'dark' ? '-dark' : ''}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
  await served.stop();
}
