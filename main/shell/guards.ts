import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-protocol';
import { urlForLog, type Log } from './log';

/**
 * Locks down every web contents and session: the app's origin is the only place a page may be,
 * no new windows, no <webview>, no permissions. Call once the app is ready and before any
 * window exists, so no web contents is created unguarded.
 */
export function installGuards(log: Log): void {
  const guarded = new WeakSet<Session>();
  const guardSession = (target: Session): void => {
    if (guarded.has(target)) return;
    guarded.add(target);
    // Tessera needs no camera, notifications, clipboard reads, … so every request is refused.
    target.setPermissionRequestHandler((_contents, permission, callback) => {
      log.warn(`denied a permission request: ${permission}`);
      callback(false);
    });
    target.setPermissionCheckHandler(() => false);
  };

  guardSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => {
    // A web contents may use another session (a partition); guard that one too.
    guardSession(contents.session);
    guardWebContents(contents, log);
  });
}

function guardWebContents(contents: WebContents, log: Log): void {
  const stayOnAppOrigin = (details: { url: string; preventDefault(): void }): void => {
    if (isAppUrl(details.url)) return;
    details.preventDefault();
    log.warn(`blocked a navigation to ${urlForLog(details.url)}`);
  };
  contents.on('will-navigate', stayOnAppOrigin);
  contents.on('will-redirect', stayOnAppOrigin);

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a <webview>');
  });

  // No page ever opens an Electron window. An https link goes to the OS browser, where it has
  // no access to Tessera; any other scheme (file:, smb:, custom handlers) could run something.
  contents.setWindowOpenHandler(({ url }) => {
    if (isHttps(url)) {
      shell.openExternal(url).catch((error: unknown) => {
        log.error(`could not open ${urlForLog(url)} in the browser`, error);
      });
    } else {
      log.warn(`blocked a new window for ${urlForLog(url)}`);
    }
    return { action: 'deny' };
  });
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
