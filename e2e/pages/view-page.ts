import type { Page } from '@playwright/test';

/** A view of the console, reached from the sidebar by its name. */
export abstract class ViewPage {
  constructor(
    readonly page: Page,
    private readonly viewName: string,
  ) {}

  /** Opens the view from the sidebar (the console starts on the sessions view). */
  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('link', { name: this.viewName, exact: true })
      .click();
  }
}
