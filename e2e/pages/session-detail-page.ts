import type { Locator, Page } from '@playwright/test';

/** One session's detail as an operator reads it. */
export class SessionDetailPage {
  constructor(readonly page: Page) {}

  /** Opens the session by its address, as a link from elsewhere would. */
  async open(sid: string): Promise<void> {
    await this.page.evaluate(
      (hash) => (location.hash = hash),
      `#/sessions/${encodeURIComponent(sid)}`,
    );
  }

  timelineRow(kind: string): Locator {
    return this.page
      .getByRole('table', { name: 'Expiry timeline' })
      .locator(`tr[data-kind="${kind}"]`);
  }

  firstLimits(): Locator {
    return this.page.getByRole('table', { name: 'Expiry timeline' }).locator('tr[data-first]');
  }

  refreshTokens(): Locator {
    return this.page.locator('[data-generation]');
  }

  participant(clientId: string): Locator {
    return this.page
      .getByRole('table', { name: 'Where this session is in use' })
      .locator(`tr[data-client="${clientId}"]`);
  }

  events(): Locator {
    return this.page.getByRole('list', { name: 'Session events' });
  }

  revokeButton(): Locator {
    return this.page.getByRole('button', { name: 'Revoke session…' });
  }

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Revoke this session?' });
  }
}
