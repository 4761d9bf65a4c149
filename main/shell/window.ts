import { BrowserWindow, nativeTheme } from 'electron';
import { appEntryUrl } from './app-protocol';
import type { Log } from './log';

/**
 * The window's colour before and under the page, so opening or resizing never flashes the
 * wrong theme. Keep in step with the renderer's page background for each theme.
 */
const background = { dark: '#14171c', light: '#f6f7f9' } as const;

const themeBackground = (): string =>
  nativeTheme.shouldUseDarkColors ? background.dark : background.light;

/** Options for {@link createMainWindow}. */
export interface MainWindowOptions {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  readonly preloadPath: string;
  readonly log: Log;
}

/**
 * Creates the console window with every renderer hardening on, and loads the app from its own
 * origin. It stays hidden until the first paint is ready, so it never shows a blank frame.
 */
export function createMainWindow({ preloadPath, log }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Tessera',
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    show: false,
    backgroundColor: themeBackground(),
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      preload: preloadPath,
    },
  });

  const followTheme = (): void => window.setBackgroundColor(themeBackground());
  nativeTheme.on('updated', followTheme);
  window.once('closed', () => nativeTheme.off('updated', followTheme));
  window.once('ready-to-show', () => window.show());

  window.loadURL(appEntryUrl).catch((error: unknown) => {
    log.error(`could not load ${appEntryUrl}`, error);
    // A window that never paints would never show: show it so the failure is visible.
    window.show();
  });
  return window;
}
