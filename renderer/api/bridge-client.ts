import {
  bridgeAuthPrefix,
  bridgePath,
  bridgeProtocol,
  type CallResult,
  type ClientFrame,
  type EventBatch,
  type Role,
  type ServerFrame,
  type TesseraApi,
} from '../../shared/contract';

/** The bridge's connection state, for the status bar. */
export type BridgeState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open'; readonly role: Role }
  | { readonly kind: 'closed'; readonly reason: string };

const closedResult: CallResult<never> = {
  ok: false,
  error: { code: 'ERR_TRANSPORT_CLOSED', message: 'The connection to Tessera is closed.' },
};

/**
 * The browser transport: the contract over the host's WebSocket bridge. The access token
 * rides in the subprotocol list because browsers cannot set headers on a WebSocket.
 */
export function createBridgeClient(
  url: string,
  token: string,
  onState: (state: BridgeState) => void,
): TesseraApi {
  const socket = new WebSocket(url, [bridgeProtocol, `${bridgeAuthPrefix}${token}`]);
  const pending = new Map<number, (result: CallResult<unknown>) => void>();
  const listeners = new Map<number, (batch: EventBatch) => void>();
  let nextId = 1;
  let opened = false;
  const ready = new Promise<boolean>((resolve) => {
    socket.addEventListener('open', () => resolve(true));
    socket.addEventListener('close', () => resolve(false));
  });

  onState({ kind: 'connecting' });
  socket.addEventListener('message', (message) => {
    const frame = JSON.parse(String(message.data)) as ServerFrame;
    if (frame.kind === 'hello') {
      opened = true;
      onState({ kind: 'open', role: frame.role });
    } else if (frame.kind === 'result') {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    } else {
      listeners.get(frame.id)?.(frame.batch);
    }
  });
  socket.addEventListener('close', (event) => {
    for (const resolve of pending.values()) resolve(closedResult);
    pending.clear();
    onState({
      kind: 'closed',
      reason: opened
        ? `Tessera closed the connection${event.reason ? `: ${event.reason}` : ''}.`
        : 'Tessera refused this console link: its token is missing or wrong (it changes on every start). Open a link printed by `npm run serve`.',
    });
  });

  const send = async (frame: ClientFrame): Promise<boolean> => {
    if (!(await ready) || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  };

  return {
    call(name, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: CallResult<unknown>) => void);
        void send({ kind: 'call', id, name, input }).then((sent) => {
          if (!sent && pending.delete(id)) resolve(closedResult);
        });
      });
    },
    subscribe(filter, onBatch) {
      const id = nextId++;
      listeners.set(id, onBatch);
      void send({ kind: 'subscribe', id, filter });
      return () => {
        listeners.delete(id);
        void send({ kind: 'unsubscribe', id });
      };
    },
  };
}

/** Where the bridge lives for a console served from `location`. */
export function bridgeUrl(location: Location): string {
  return `ws://${location.host}${bridgePath}`;
}
