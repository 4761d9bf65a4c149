import type { Locator, Page } from '@playwright/test';
import { ViewPage } from './view-page';

/** The token inspector as a person uses it; shared by the browser and Electron specs. */
export class InspectorPage extends ViewPage {
  constructor(page: Page) {
    super(page, 'Inspector');
  }

  async pasteToken(token: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Token', exact: true }).fill(token);
  }

  async pasteKey(
    kind: 'JWKS' | 'JWK' | 'PEM public key' | 'HMAC secret',
    text: string,
  ): Promise<void> {
    await this.page
      .getByRole('radiogroup', { name: 'Key kind' })
      .getByText(kind, { exact: true })
      .click();
    await this.page.getByRole('textbox', { name: kind, exact: true }).fill(text);
  }

  claimRow(name: string): Locator {
    return this.page.getByRole('table', { name: 'Claims' }).locator(`tr[data-claim="${name}"]`);
  }

  headerRow(name: string): Locator {
    return this.page.getByRole('table', { name: 'Header' }).locator(`tr[data-claim="${name}"]`);
  }

  findings(): Locator {
    return this.page.getByRole('list', { name: 'Findings' });
  }

  finding(id: string): Locator {
    return this.page.locator(`[data-finding="${id}"]`);
  }

  signatureVerdict(): Locator {
    return this.page.locator('[data-verdict]');
  }

  /** The sentence a support person reads to the user. */
  plainVerdict(): Locator {
    return this.page.getByRole('status', { name: 'Verdict' });
  }

  sessionLink(sid: string): Locator {
    return this.page.getByRole('link', { name: `Open session ${sid}` });
  }

  error(): Locator {
    return this.page.getByRole('alert');
  }

  statusBar(): Locator {
    return this.page.getByRole('contentinfo', { name: 'Status' });
  }
}
