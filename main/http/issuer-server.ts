import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request handler; returns false when it has no route for the request. */
export type Routes = (
  request: IncomingMessage,
  response: ServerResponse,
) => boolean | Promise<boolean>;

/** The token service's HTTP listener on 127.0.0.1. */
export interface IssuerServer {
  /** The issuer URL: the listener's base, no trailing slash. */
  readonly url: string;
  /** Installs the routes once the core (which needs the URL as its issuer) exists. */
  attach(routes: Routes): void;
  close(): Promise<void>;
}

/**
 * Listens first and routes later: the issuer URL must be known before the token service that
 * signs with it is built. Until routes are attached every request gets 503.
 */
export async function startIssuerServer(port: number): Promise<IssuerServer> {
  let routes: Routes | null = null;
  const server = createServer(
    { headersTimeout: 10_000, requestTimeout: 30_000 },
    (request, response) => {
      void (async () => {
        const handled = routes ? await routes(request, response) : false;
        if (handled) return;
        response.writeHead(routes ? 404 : 503, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ error: routes ? 'not_found' : 'temporarily_unavailable' }));
      })();
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Node's default accept backlog (511) overflowed with 5,000 clients connecting at once
    // (thousands of SYN retransmits); Linux caps this at net.core.somaxconn.
    server.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    attach(next) {
      routes = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
