import type { Locator, Page } from '@playwright/test';
import { ViewPage } from './view-page';

/** The sessions view as an operator uses it (the console opens on it). */
export class SessionsPage extends ViewPage {
  constructor(page: Page) {
    super(page, 'Sessions');
  }

  /** Types into the search box key by key, as a person does (search as you type). */
  async search(text: string): Promise<void> {
    const box = this.searchBox();
    await box.fill('');
    await box.pressSequentially(text);
  }

  searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search sessions' });
  }

  tab(name: 'Active' | 'History'): Locator {
    return this.page.getByRole('tab', { name });
  }

  /** Session rows of the grid on screen (not the header). */
  rows(): Locator {
    return this.page.locator('[role="grid"] [role="row"][data-sid]');
  }

  cell(row: Locator, column: string): Locator {
    return row.locator(`[data-column="${column}"]`);
  }

  selectRow(row: Locator): Promise<void> {
    return row.getByRole('checkbox').check();
  }

  /** The admin's revocation buttons; absent for support. */
  revokeGroup(): Locator {
    return this.page.getByRole('group', { name: 'Revoke' });
  }

  action(name: string | RegExp): Locator {
    return this.revokeGroup().getByRole('button', { name });
  }

  /** Clicks an export button and returns the downloaded file's text. */
  async export(format: 'CSV' | 'JSON'): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: `Export ${format}` }).click();
    const stream = await (await download).createReadStream();
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    return text;
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  dialogButton(name: string | RegExp): Locator {
    return this.dialog().getByRole('button', { name });
  }

  progress(): Locator {
    return this.dialog().getByRole('progressbar', { name: 'Revocation progress' });
  }

  result(): Locator {
    return this.dialog().locator('[data-result]');
  }

  empty(): Locator {
    return this.page.getByText('No sessions match.');
  }

  statusBar(): Locator {
    return this.page.getByRole('contentinfo', { name: 'Status' });
  }
}
