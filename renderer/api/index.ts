import type { TesseraApi } from '../../shared/contract';
import { bridgeUrl, createBridgeClient, type BridgeState } from './bridge-client';

export type { BridgeState } from './bridge-client';

/** Which transport carries the contract. */
export type TransportKind = 'electron' | 'browser';

/** The connected API and how it is carried. */
export interface Connection {
  readonly api: TesseraApi;
  readonly transport: TransportKind;
}

const tokenKey = 'tessera.token';

/**
 * The one module that talks to the transport: the preload's `window.tessera` in the desktop
 * app, else the host's WebSocket bridge. The console link's token is taken out of the URL at
 * once (kept for this tab only) so it does not linger in history or screenshots.
 */
export function connect(onState: (state: BridgeState) => void): Connection {
  if (window.tessera) {
    return { api: window.tessera, transport: 'electron' };
  }
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromLink) {
    sessionStorage.setItem(tokenKey, fromLink);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = sessionStorage.getItem(tokenKey) ?? '';
  return { api: createBridgeClient(bridgeUrl(location), token, onState), transport: 'browser' };
}
