import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../core/dispatch';
import type { EventBus } from '../core/events/event-bus';
import { createAccessTokens } from './access-tokens';
import { createBridge } from './bridge';
import { consoleCsp } from './console-csp';
import { loopbackOrigin } from './loopback-origin';
import { createStaticFiles } from './static-files';
import { bridgePath } from '../../shared/contract';

/** Options for {@link startConsoleHost}. */
export interface ConsoleHostOptions {
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 picks any free port. */
  readonly port: number;
  readonly log: (line: string) => void;
}

/** A running console host. */
export interface ConsoleHost {
  readonly url: string;
  /** One link per role; each carries its access token in the fragment, which browsers never send. */
  readonly links: { readonly admin: string; readonly support: string };
  close(): Promise<void>;
}

/** Serves the built console and its WebSocket bridge on 127.0.0.1 only. */
export async function startConsoleHost(options: ConsoleHostOptions): Promise<ConsoleHost> {
  const tokens = createAccessTokens();
  const lookup = createStaticFiles(options.rendererDir);
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000 });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = loopbackOrigin(port);
  const csp = consoleCsp(port);
  const bridge = createBridge({
    dispatch: options.dispatch,
    bus: options.bus,
    tokens,
    origin,
    log: options.log,
  });

  server.on('request', async (request, response) => {
    if (!origin.allowsHost(request.headers.host))
      return plain(response, 421, 'Misdirected request');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(response, 405, 'Method not allowed');
    }
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = await lookup(path);
    if (!file) return plain(response, 404, 'Not found');
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  });
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== bridgePath) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    bridge.handleUpgrade(request, socket, head);
  });

  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    links: { admin: `${url}#token=${tokens.admin}`, support: `${url}#token=${tokens.support}` },
    close: async () => {
      bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}
