import type { EventBatch } from './events';

/**
 * The Electron IPC channels between the preload and main/shell/ipc.ts; namespaced so they
 * cannot collide with channels Electron or a library might use.
 */
export const ipcChannels = {
  /** invoke(name, input) → CallResult. */
  call: 'tessera:call',
  /** invoke(id, filter) → CallResult<null>; batches then arrive on `events` under that id. */
  subscribe: 'tessera:subscribe',
  /** invoke(id) → CallResult<null>. */
  unsubscribe: 'tessera:unsubscribe',
  /** main → renderer: one {@link IpcEventsFrame} per batch. */
  events: 'tessera:events',
} as const;

/** What main sends on the `events` channel: a batch for the subscription the preload named `id`. */
export interface IpcEventsFrame {
  readonly id: string;
  readonly batch: EventBatch;
}
