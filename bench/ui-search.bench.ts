import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Page } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import { startServe } from '../e2e/fixtures/serve';
import { makeTempDir, median, roundTo, type BenchFigure, type SuiteOptions } from './bench-helpers';
import { cachedStore } from './sessions.bench';

/**
 * User-id prefixes, each measured on its last key: narrow (~11 matches on 1,000,000) and broad
 * (~111,000); the quick run's 20,000 sessions need shorter ones (~22 matches) to match at all.
 */
const fullSearches = [
  'u12345',
  'u23456',
  'u34567',
  'u45678',
  'u56789',
  'u67890',
  'u2',
  'u4',
  'u6',
  'u8',
];
const quickSearches = ['u123', 'u234', 'u345', 'u456'];
/** Longer than any search should take: a search that never shows its rows fails the suite. */
const giveUpMs = 10_000;
const serveEntry = 'out/main/serve.js';

/**
 * Search as you type in the console, end to end: the seeded store of bench/sessions.bench.ts
 * (1,000,000 sessions; quick: 20,000) served by the built `serve` (out/main/serve.js, so run
 * `npm run build` first), the admin link open in Chromium (playwright.config.ts's launch
 * options), and each search typed up to its last character, then that last key pressed.
 *
 * - `ui_search_ms`: the 95th percentile, from the keydown event's timestamp to the first
 *   animation frame at which the grid shows only rows matching the full text (and not the rows
 *   it showed before the key): input handling, the bridge round trip, the server's first page,
 *   React's render. Target < 100 ms.
 * - `ui_search_p50_ms`: the median of the same samples.
 *
 * Served from a copy of the cached store, once the sweeper has ended the sessions whose
 * deadlines passed since the generator's fixed "now", so no background sweep runs while timing.
 */
export async function benchUiSearch(options: SuiteOptions): Promise<BenchFigure[]> {
  if (!existsSync(serveEntry))
    throw new Error(`${serveEntry} is missing: run npm run build first.`);
  const count = options.quick ? 20_000 : 1_000_000;
  const rounds = options.quick ? 1 : 3;
  const progress = options.progress ?? (() => undefined);
  const dataDir = makeTempDir('ui-search');
  copyFileSync(cachedStore(count, progress), join(dataDir.path, 'tessera.db'));
  const served = await startServe({ dataDir: dataDir.path });
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  try {
    await waitForSweep(join(dataDir.path, 'tessera.db'));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(served.links.admin);
    await page.locator('[data-sid]').first().waitFor();
    const box = page.getByRole('searchbox', { name: 'Search sessions' });
    const samples: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const search of options.quick ? quickSearches : fullSearches) {
        await box.fill(search.slice(0, -1));
        await settled(page, search.slice(0, -1));
        samples.push(await timeLastKey(page, search));
      }
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
    progress(
      `ui search: ${samples.length} searches on ${count.toLocaleString('en')} sessions, ` +
        `p50 ${roundTo(median(samples), 1)} ms, p95 ${roundTo(p95, 1)} ms`,
    );
    return [
      { id: 'ui_search_ms', value: roundTo(p95, 1), unit: 'ms' },
      { id: 'ui_search_p50_ms', value: roundTo(median(samples), 1), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await served.stop();
    dataDir.cleanup();
  }
}

/** Waits until no active session is past its deadline (the sweeper has caught up with now). */
async function waitForSweep(file: string): Promise<void> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const due = db
    .prepare("SELECT count(*) FROM sessions WHERE status = 'active' AND next_deadline_ms <= ?")
    .pluck();
  try {
    const deadline = Date.now() + 180_000;
    while ((due.get(Date.now()) as number) > 0) {
      if (Date.now() > deadline) throw new Error('The sweeper did not catch up within 3 min.');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    db.close();
  }
}

/** Waits until the grid shows rows for `search` only. */
async function settled(page: Page, search: string): Promise<void> {
  await page.waitForFunction((text) => {
    const rows = Array.from(document.querySelectorAll('[role="grid"] [data-sid]'));
    return rows.length > 0 && rows.every((row) => row.textContent?.includes(text));
  }, search);
}

/**
 * Presses the last key of `search` and returns the milliseconds from its keydown to the frame
 * showing only matching rows, none of which were on screen before: checked in the page at
 * every DOM change, so the measurement carries no round trip to this process.
 */
async function timeLastKey(page: Page, search: string): Promise<number> {
  await page.evaluate(
    ({ text, giveUpMs }) => {
      const box = document.querySelector<HTMLInputElement>('[data-search-input]')!;
      const grid = document.querySelector('[role="grid"]')!;
      const before = new Set(
        Array.from(grid.querySelectorAll<HTMLElement>('[data-sid]')).map((row) => row.dataset.sid),
      );
      (window as unknown as { measured: Promise<number> }).measured = new Promise((resolve) => {
        setTimeout(() => resolve(Number.NaN), giveUpMs);
        box.addEventListener(
          'keydown',
          (event) => {
            const pressedAt = event.timeStamp;
            // Inline rather than a named helper: tsx would wrap a named function in a `__name`
            // call that does not exist in the page.
            const observer = new MutationObserver(() => {
              const rows = Array.from(grid.querySelectorAll<HTMLElement>('[data-sid]'));
              const matching =
                rows.length > 0 &&
                rows.some((row) => !before.has(row.dataset.sid)) &&
                rows.every((row) =>
                  Array.from(
                    row.querySelectorAll('[data-column="user"], [data-column="client"]'),
                  ).some((cell) => cell.textContent?.startsWith(text)),
                );
              if (!matching) return;
              observer.disconnect();
              requestAnimationFrame(() => resolve(performance.now() - pressedAt));
            });
            observer.observe(grid, { childList: true, subtree: true, characterData: true });
          },
          { once: true },
        );
      });
    },
    { text: search, giveUpMs },
  );
  await page.keyboard.press(search.slice(-1));
  const ms = await page.evaluate(
    () => (window as unknown as { measured: Promise<number> }).measured,
  );
  if (Number.isNaN(ms)) throw new Error(`The rows for "${search}" never showed.`);
  if ((await page.getByRole('searchbox', { name: 'Search sessions' }).inputValue()) !== search) {
    throw new Error(`The search box does not hold "${search}".`);
  }
  return ms;
}
