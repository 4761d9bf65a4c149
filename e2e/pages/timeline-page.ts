import type { Locator, Page } from '@playwright/test';
import { ViewPage } from './view-page';

/** The fleet timeline as a person uses it. */
export class TimelinePage extends ViewPage {
  constructor(page: Page) {
    super(page, 'Timeline');
  }

  chart(): Locator {
    return this.page.getByRole('group', { name: /^Active sessions ending in each interval/ });
  }

  /** Every bar of the chart, each a button named by its interval and counts. */
  bars(): Locator {
    return this.chart().getByRole('button');
  }

  /** The bars' accessible names, in time order. */
  async barNames(): Promise<string[]> {
    return Promise.all(
      (await this.bars().all()).map((bar) => bar.getAttribute('aria-label').then(String)),
    );
  }

  bar(name: string | RegExp): Locator {
    return this.chart().getByRole('button', { name });
  }

  sessions(): Locator {
    return this.page.getByRole('table', { name: /^Sessions ending/ });
  }

  sessionRows(): Locator {
    return this.sessions().locator('tbody tr');
  }
}
