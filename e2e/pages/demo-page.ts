import type { Locator, Page } from '@playwright/test';
import { ViewPage } from './view-page';

/** The demo view and banner as a person giving a demo uses them. */
export class DemoPage extends ViewPage {
  constructor(page: Page) {
    super(page, 'Demo');
  }

  banner(): Locator {
    return this.page.getByRole('status', { name: 'Demo' });
  }

  /** A counter's current value (`refreshes`, `reuse-detections`, `sessions-expired`, …). */
  async counter(key: string): Promise<number> {
    return Number(await this.page.locator(`dd[data-counter="${key}"]`).textContent());
  }

  async choose(group: 'Scenario' | 'Clock speed' | 'Rate', label: string): Promise<void> {
    await this.page.getByRole('radiogroup', { name: group }).getByText(label).click();
  }

  choice(group: 'Scenario' | 'Clock speed' | 'Rate', label: string): Locator {
    return this.page.getByRole('radiogroup', { name: group }).getByRole('radio', { name: label });
  }

  /** Who was told of the latest reuse detection's session end, participant by participant. */
  propagation(): Locator {
    return this.page.getByRole('list', { name: 'Propagation' });
  }

  /** A lint finding of the policy in force, by its id. */
  policyFinding(id: string): Locator {
    return this.page.getByRole('list', { name: 'Findings' }).locator(`li[data-finding="${id}"]`);
  }

  feedItems(type: string): Locator {
    return this.page.locator(`.demo-feed li[data-event-type="${type}"]`);
  }
}
