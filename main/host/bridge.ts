import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  bridgeAuthPrefix,
  bridgeProtocol,
  clientFrameSchema,
  type Role,
  type ServerFrame,
} from '../../shared/contract';
import type { Caller } from '../core/caller';
import type { Dispatch } from '../core/dispatch';
import type { EventBus } from '../core/events/event-bus';
import type { AccessTokens } from './access-tokens';
import type { LoopbackOrigin } from './loopback-origin';

/** Largest frame the console may send: a 64 KiB token plus a 256 KiB JWKS, with room. */
const maxFrameBytes = 512 * 1024;
/** Past this much unsent output a subscriber counts as slow: its events become a gap count. */
const backedUpBytes = 1024 * 1024;
const maxSubscriptionsPerSocket = 16;

/** What the bridge needs from the rest of the host. */
export interface BridgeDeps {
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  readonly tokens: AccessTokens;
  readonly origin: LoopbackOrigin;
  readonly log: (line: string) => void;
}

/**
 * The WebSocket bridge: the same calls and event batches as Electron's IPC. The upgrade is
 * refused unless Host is the loopback name served, Origin is the console's own, and the
 * subprotocol list carries a valid access token (browsers cannot set headers on WebSockets).
 */
export function createBridge(deps: BridgeDeps) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxFrameBytes,
    handleProtocols: (protocols) => (protocols.has(bridgeProtocol) ? bridgeProtocol : false),
  });

  const refuse = (socket: Duplex, status: number, reason: string, why: string): void => {
    deps.log(`bridge: refused a connection (${why})`);
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (!deps.origin.allowsHost(request.headers.host)) {
      return refuse(socket, 421, 'Misdirected Request', 'Host is not this console');
    }
    if (!deps.origin.allowsOrigin(request.headers.origin)) {
      return refuse(socket, 403, 'Forbidden', 'Origin is not this console');
    }
    const role = deps.tokens.roleFor(presentedToken(request));
    if (!role) return refuse(socket, 401, 'Unauthorized', 'missing or wrong access token');
    wss.handleUpgrade(request, socket, head, (ws) => serve(ws, role));
  };

  const serve = (ws: WebSocket, role: Role): void => {
    const caller: Caller = { role, name: `${role} link` };
    const subscriptions = new Map<number, () => void>();
    const send = (frame: ServerFrame): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    send({ kind: 'hello', role });

    ws.on('message', async (data, isBinary) => {
      const frame = isBinary ? null : parseFrame(data.toString());
      if (!frame) {
        ws.close(1003, 'Frames must be JSON matching the bridge protocol');
        return;
      }
      if (frame.kind === 'call') {
        send({
          kind: 'result',
          id: frame.id,
          result: await deps.dispatch(frame.name, frame.input, caller),
        });
      } else if (frame.kind === 'subscribe') {
        if (subscriptions.has(frame.id) || subscriptions.size >= maxSubscriptionsPerSocket) {
          ws.close(1008, 'Too many or duplicate subscriptions');
          return;
        }
        const { id } = frame;
        subscriptions.set(
          id,
          deps.bus.subscribe({
            filter: frame.filter,
            onBatch: (batch) => send({ kind: 'events', id, batch }),
            isBackedUp: () => ws.bufferedAmount > backedUpBytes,
          }),
        );
      } else {
        subscriptions.get(frame.id)?.();
        subscriptions.delete(frame.id);
      }
    });
    ws.on('close', () => {
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    });
  };

  return {
    handleUpgrade,
    close: (): void => {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function presentedToken(request: IncomingMessage): string | undefined {
  const offered = request.headers['sec-websocket-protocol'] ?? '';
  const entry = offered
    .split(',')
    .map((item) => item.trim())
    .find((item) => item.startsWith(bridgeAuthPrefix));
  return entry?.slice(bridgeAuthPrefix.length);
}

function parseFrame(text: string) {
  try {
    const parsed = clientFrameSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
