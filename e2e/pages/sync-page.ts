import type { Locator, Page } from '@playwright/test';
import { ViewPage } from './view-page';

/** The sync view as a person uses it. */
export class SyncPage extends ViewPage {
  constructor(page: Page) {
    super(page, 'Sync');
  }

  service(clientId: string): Locator {
    return this.page
      .getByRole('table', { name: 'Downstream services' })
      .locator(`tr[data-client="${clientId}"]`);
  }

  /** A service's count of deliveries in one state. */
  serviceCount(clientId: string, state: 'delivered' | 'retrying' | 'pending' | 'dead'): Locator {
    return this.service(clientId).locator(`[data-count="${state}"]`);
  }

  /** Deliveries for one session. */
  deliveriesOf(sid: string): Locator {
    return this.page
      .getByRole('table', { name: 'Recent deliveries' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name: sid }) });
  }

  loginReport(sid: string): Locator {
    return this.page
      .getByRole('table', { name: 'Recent login reports' })
      .locator(`tr[data-sid="${sid}"]`);
  }

  retryButtons(): Locator {
    return this.page.getByRole('button', { name: /^Retry/ });
  }

  status(): Locator {
    return this.page.locator('.sync-view').getByRole('status');
  }
}
