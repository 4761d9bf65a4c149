import { contextBridge, ipcRenderer } from 'electron';
import {
  ipcChannels,
  isCallName,
  type CallResult,
  type EventBatch,
  type IpcEventsFrame,
  type TesseraApi,
  unknownCallError,
} from '../shared/contract';

const transportClosed = {
  ok: false,
  error: {
    code: 'ERR_TRANSPORT_CLOSED',
    message: 'Tessera’s main process did not answer; restart Tessera if this persists.',
  },
} as const;

/** Live subscriptions by the id this preload chose; one IPC listener routes every batch. */
const subscriptions = new Map<string, (batch: EventBatch) => void>();

// The IPC event object never reaches the page: it would hand it `sender`, i.e. ipcRenderer.
ipcRenderer.on(ipcChannels.events, (_event, frame: IpcEventsFrame) => {
  subscriptions.get(frame.id)?.(frame.batch);
});

/**
 * Asks main over one of Tessera's channels. Main's handlers resolve to a CallResult for every
 * message; a rejection means the channel itself failed (main gone, window closing).
 */
async function invoke<T>(channel: string, ...args: unknown[]): Promise<CallResult<T>> {
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as CallResult<T>;
  } catch {
    return transportClosed;
  }
}

const api: TesseraApi = {
  call(name, input) {
    // Refused here so a page bug or injected script cannot probe main with arbitrary names.
    if (!isCallName(name)) return Promise.resolve(unknownCallError(name));
    return invoke(ipcChannels.call, name, input);
  },

  subscribe(filter, onBatch) {
    // Random, not counted: a reloading page's late subscribe cannot take the new page's id.
    const id = crypto.randomUUID();
    // Registered before asking main, so the first batch cannot arrive unrouted.
    subscriptions.set(id, onBatch);
    void invoke<null>(ipcChannels.subscribe, id, filter).then((result) => {
      if (result.ok) return;
      subscriptions.delete(id);
      console.warn(`[tessera] subscription refused: ${result.error.code} ${result.error.message}`);
    });
    return () => {
      if (!subscriptions.delete(id)) return;
      // The answer is not awaited: main also drops every subscription when the page goes away.
      void invoke<null>(ipcChannels.unsubscribe, id);
    };
  },
};

contextBridge.exposeInMainWorld('tessera', api);
