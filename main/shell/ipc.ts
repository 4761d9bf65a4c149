import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  subscriptionSchema,
  ipcChannels,
  type CallResult,
  type IpcEventsFrame,
} from '../../shared/contract';
import type { Caller } from '../core/caller';
import type { Dispatch } from '../core/dispatch';
import type { EventBus } from '../core/events/event-bus';
import { formatIssues } from '../core/format-issues';
import { isAppUrl } from './app-protocol';
import { urlForLog, type Log } from './log';

/** Enough for every panel of the console; a page asking for more is misbehaving. */
const maxSubscriptions = 16;
/** The preload's ids are UUIDs (36 characters). */
const maxIdLength = 64;

/** The person at the desktop owns the machine Tessera runs on: they are its administrator. */
const desktopCaller: Caller = { role: 'admin', name: 'desktop' };

const done: CallResult<null> = { ok: true, value: null };
const forbidden: CallResult<never> = {
  ok: false,
  error: { code: 'ERR_FORBIDDEN', message: 'Only Tessera’s own page may talk to Tessera.' },
};
const invalid = (message: string): CallResult<never> => ({
  ok: false,
  error: { code: 'ERR_VALIDATION', message },
});

/** What {@link registerIpc} connects. */
export interface IpcDeps {
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  /** The one window whose page may use the API. */
  readonly window: BrowserWindow;
  readonly log: Log;
}

/**
 * Serves the contract over Electron IPC to one window's page: calls go through the core's
 * dispatcher, subscriptions to the event bus. Returns a disposer that removes the handlers
 * and every subscription (the handlers are global to ipcMain, so only one window at a time).
 */
export function registerIpc({ dispatch, bus, window, log }: IpcDeps): () => void {
  // Kept: once the window is closed, `window.webContents` throws.
  const contents = window.webContents;
  const subscriptions = new Map<string, () => void>();

  // Checked before anything else: a message from a subframe, another web contents or a page
  // that is not the app's (however it got there) must not reach the core.
  const isFromAppPage = (event: IpcMainInvokeEvent): boolean => {
    const refusal = refusalFor(event, contents);
    if (refusal) log.warn(`ipc: dropped a message from ${refusal}`);
    return refusal === null;
  };

  const handle = (
    channel: string,
    handler: (...args: unknown[]) => CallResult<unknown> | Promise<CallResult<unknown>>,
  ): void => {
    ipcMain.handle(channel, (event, ...args: unknown[]) =>
      isFromAppPage(event) ? handler(...args) : forbidden,
    );
  };

  const dropAll = (): void => {
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  };

  handle(ipcChannels.call, (name, input) => dispatch(name, input, desktopCaller));

  handle(ipcChannels.subscribe, (id, filter) => {
    if (typeof id !== 'string' || id.length === 0 || id.length > maxIdLength) {
      return invalid('A subscription id must be a short string.');
    }
    if (subscriptions.has(id)) return invalid('That subscription id is already in use.');
    if (subscriptions.size >= maxSubscriptions) {
      return invalid(`At most ${maxSubscriptions} subscriptions may be open at once.`);
    }
    const parsed = subscriptionSchema.safeParse(filter);
    if (!parsed.success) return invalid(`Invalid event filter: ${formatIssues(parsed.error)}`);
    const unsubscribe = bus.subscribe({
      filter: parsed.data,
      onBatch: (batch) => {
        const frame: IpcEventsFrame = { id, batch };
        if (!contents.isDestroyed()) contents.send(ipcChannels.events, frame);
      },
      // IPC exposes no send buffer to watch; the page is local and drains as fast as it renders.
      isBackedUp: () => false,
    });
    subscriptions.set(id, unsubscribe);
    return done;
  });

  handle(ipcChannels.unsubscribe, (id) => {
    if (typeof id === 'string') {
      subscriptions.get(id)?.();
      subscriptions.delete(id);
    }
    return done;
  });

  // A new document gets a new preload with no listeners: its predecessor's subscriptions would
  // only send into the void. In-page navigations (history API, fragments) keep the document.
  const onNavigation = (details: { isMainFrame: boolean; isSameDocument: boolean }): void => {
    if (details.isMainFrame && !details.isSameDocument) dropAll();
  };
  contents.on('did-start-navigation', onNavigation);
  contents.on('render-process-gone', dropAll);
  contents.on('destroyed', dropAll);

  return () => {
    for (const channel of [ipcChannels.call, ipcChannels.subscribe, ipcChannels.unsubscribe]) {
      ipcMain.removeHandler(channel);
    }
    dropAll();
    contents.off('did-start-navigation', onNavigation);
    contents.off('render-process-gone', dropAll);
    contents.off('destroyed', dropAll);
  };
}

/** Why a message is not from the app's page in `contents`, for the log; null if it is. */
function refusalFor(event: IpcMainInvokeEvent, contents: WebContents): string | null {
  const frame = event.senderFrame;
  if (event.sender !== contents) return 'another web contents';
  if (frame === null) return 'a frame that is gone';
  if (frame !== contents.mainFrame) return `a subframe at ${urlForLog(frame.url)}`;
  if (!isAppUrl(frame.url)) return `a page at ${urlForLog(frame.url)}`;
  return null;
}
