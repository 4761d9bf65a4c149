import type { Locator, Page } from '@playwright/test';
import { ViewPage } from './view-page';

/** The keys view as an admin or a support person uses it. */
export class KeysPage extends ViewPage {
  constructor(page: Page) {
    super(page, 'Keys');
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Signing keys' });
  }

  /** The row of the key in a state (`active`, `next`, …): there is one active and one next key. */
  row(state: 'next' | 'active' | 'retired' | 'revoked'): Locator {
    return this.table().locator(`tr[data-state="${state}"]`);
  }

  async kidOf(state: 'next' | 'active'): Promise<string> {
    return (await this.row(state).getAttribute('data-kid')) ?? '';
  }

  /** The JWKS as the view shows it, parsed. */
  async publishedKids(): Promise<string[]> {
    const text = await this.page.getByLabel('Published JWKS').textContent();
    return (JSON.parse(text ?? '{}') as { keys: { kid: string }[] }).keys.map((key) => key.kid);
  }

  rotateButton(): Locator {
    return this.page.getByRole('button', { name: 'Rotate keys' });
  }

  actionButtons(): Locator {
    return this.page.getByRole('button', { name: /^(Rotate|Retire|Revoke)/ });
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }
}
