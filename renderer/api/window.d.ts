import type { TesseraApi } from '../../shared/contract';

declare global {
  interface Window {
    /** Present only in the desktop app, exposed by the preload. */
    readonly tessera?: TesseraApi;
  }
}
