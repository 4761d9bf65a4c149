import { join } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import type { Core } from './core/core';
import { startTokenServiceWithDemo } from './demo/start-demo';
import { electronSqliteBinding } from './shell/native-binding';
import { handleAppProtocol, registerAppScheme } from './shell/app-protocol';
import { installGuards } from './shell/guards';
import { registerIpc } from './shell/ipc';
import { log } from './shell/log';
import { installMenu } from './shell/menu';
import { createMainWindow } from './shell/window';

// The Electron entry and the only place the desktop app is composed.

const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

// Two instances would share one data folder; the second hands over to the first and leaves.
if (app.requestSingleInstanceLock()) start();
else app.quit();

function start(): void {
  // Both are only accepted before ready, so they run now, synchronously, at module load.
  registerAppScheme();
  // Every renderer sandboxed, even one created by something other than createMainWindow.
  app.enableSandbox();

  let core: Core | null = null;
  let mainWindow: BrowserWindow | null = null;

  const openWindow = (ready: Core): void => {
    const window = createMainWindow({ preloadPath, log });
    // Registered in the same tick as loadURL, so before the page can send anything.
    const disposeIpc = registerIpc({ dispatch: ready.dispatch, bus: ready.bus, window, log });
    mainWindow = window;
    window.once('closed', () => {
      disposeIpc();
      mainWindow = null;
    });
  };

  // On macOS the app outlives its window; a second launch or a Dock click brings one back.
  const showWindow = (): void => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    } else if (core) {
      openWindow(core);
    }
  };

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(async () => {
      const started = await startTokenServiceWithDemo(
        {
          port: 0,
          core: {
            dataDir: join(app.getPath('userData'), 'data'),
            version: app.getVersion(),
            log: log.info,
            logError: log.error,
            sqliteBinding: electronSqliteBinding(),
          },
        },
        demoFlag(process.argv),
      );
      const { service } = started;
      const ready = service.core;
      core = ready;
      app.once('will-quit', () => void started.close());
      handleAppProtocol(rendererDir, log);
      installGuards(log);
      installMenu();
      openWindow(ready);
      log.info(
        `started ${app.getVersion()}; data in ${ready.dataDir}; issuer ${service.server.url}`,
      );
    })
    .catch((error: unknown) => {
      log.error('could not start', error);
      app.exit(1);
    });
}

/** `--demo` or `--no-demo` on the app's command line; neither: the demo runs on a fresh folder. */
function demoFlag(argv: readonly string[]): boolean | null {
  if (argv.includes('--no-demo')) return false;
  return argv.includes('--demo') ? true : null;
}
