import type { Locator, Page } from '@playwright/test';
import { ViewPage } from './view-page';

/** The events view as a person uses it. */
export class EventsPage extends ViewPage {
  constructor(page: Page) {
    super(page, 'Events');
  }

  feed(): Locator {
    return this.page.getByRole('grid', { name: 'Events, newest first' });
  }

  /** Feed rows of one event type. */
  rows(type: string): Locator {
    return this.feed().locator(`[role="row"][data-type="${type}"]`);
  }

  /** The seq of the event row at the top edge of the feed's viewport. */
  seqAtTopOfView(): Promise<string | null> {
    return this.feed().evaluate((grid) => {
      const box = grid.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + 40, box.top + 4);
      return hit?.closest<HTMLElement>('[data-seq]')?.dataset.seq ?? null;
    });
  }

  async filterBy(field: 'User' | 'Client' | 'Session', value: string): Promise<void> {
    const box = this.page.getByRole('searchbox', { name: field });
    await box.fill(value);
    await box.press('Enter');
  }

  async filterByType(type: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Type' }).selectOption(type);
  }

  pauseButton(): Locator {
    return this.page
      .getByRole('toolbar', { name: 'Live feed' })
      .getByRole('button', { name: 'Pause' });
  }

  resumeButton(): Locator {
    return this.page
      .getByRole('toolbar', { name: 'Live feed' })
      .getByRole('button', { name: 'Resume' });
  }

  feedStatus(): Locator {
    return this.page.getByRole('toolbar', { name: 'Live feed' }).getByRole('status');
  }

  loadOlderButton(): Locator {
    return this.page.getByRole('button', { name: 'Load older events' });
  }

  exportButton(format: 'CSV' | 'JSON'): Locator {
    return this.page.getByRole('button', { name: `Export ${format}` });
  }
}
