import type { Locator, Page } from '@playwright/test';
import { ViewPage } from './view-page';

/** The policy view as a person uses it. */
export class PolicyPage extends ViewPage {
  constructor(page: Page) {
    super(page, 'Policy');
  }

  /** A policy field by its label, e.g. "Cookie max-age". */
  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /** Types into a field as a person would: the old text selected and replaced key by key. */
  async type(label: string, text: string): Promise<void> {
    const field = this.field(label);
    await field.selectText();
    await field.pressSequentially(text);
  }

  finding(id: string): Locator {
    return this.page.locator(`[data-finding="${id}"]`);
  }

  saveButton(): Locator {
    return this.page.getByRole('button', { name: /^Save as version/ });
  }

  saveResult(): Locator {
    return this.page.getByRole('form', { name: 'Lifetimes' }).getByRole('status');
  }

  version(): Locator {
    return this.page.getByText(/^In force:/);
  }

  async choosePattern(label: string | RegExp): Promise<void> {
    const select = this.page.getByLabel('Activity pattern');
    const option = select.getByRole('option', { name: label });
    await select.selectOption({ label: (await option.textContent()) ?? '' });
  }

  whatIfSentence(): Locator {
    return this.page.locator('.whatif-sentence');
  }

  whatIfChart(): Locator {
    return this.page.getByRole('img', { name: /^Timeline of the what-if/ });
  }
}
