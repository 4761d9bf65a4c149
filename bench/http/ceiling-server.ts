/**
 * The ceiling: a bare node:http server that reads each request's body and answers a fixed JSON
 * document shaped and sized like Tessera's answer to an active access token at /introspect. No
 * routing, no parsing, no auth: what Node's HTTP stack alone costs on this machine, in this run.
 *
 * Child entry (see server-process.ts): `--backlog <n>` sets the listen backlog; without it the
 * server listens exactly as Tessera's issuer server does, `listen(port, host, cb)`, i.e. with
 * Node's default backlog of 511.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { failStart, serveCommands } from './server-process';

/** What the ceiling announces when it listens. */
export interface CeilingReady {
  readonly url: string;
  readonly port: number;
  readonly backlog: number | null;
  readonly bodyBytes: number;
}

/** A fixed introspection answer with the members and sizes of Tessera's. */
export const ceilingBody = JSON.stringify({
  active: true,
  scope: 'openid offline_access',
  client_id: 'bench-web',
  sub: 'user-000001',
  exp: 1_900_000_000,
  iat: 1_899_999_100,
  iss: 'http://127.0.0.1:40000',
  aud: 'api://default',
  jti: 'AAAAAAAAAAAAAAAAAAAAAA',
  sid: 'BBBBBBBBBBBBBBBBBBBBBB',
  token_type: 'Bearer',
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { backlog: { type: 'string' } } });
  const backlog = values.backlog === undefined ? null : Number(values.backlog);
  const headers = {
    'X-Content-Type-Options': 'nosniff',
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(ceilingBody),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  };
  // The same server options as Tessera's issuer server.
  const server = createServer(
    { headersTimeout: 10_000, requestTimeout: 30_000 },
    (request, response) => {
      request.on('data', () => undefined);
      request.once('end', () => {
        response.writeHead(200, headers);
        response.end(ceilingBody);
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (backlog === null) server.listen(0, '127.0.0.1', () => resolve());
    else server.listen(0, '127.0.0.1', backlog, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const ready: CeilingReady = {
    url: `http://127.0.0.1:${port}`,
    port,
    backlog,
    bodyBytes: Buffer.byteLength(ceilingBody),
  };
  serveCommands({}).ready(ready);
}

// Only as a child entry: the suite imports this file for its types and body.
if (process.send && /ceiling-server\.(ts|mjs)$/.test(process.argv[1] ?? '')) {
  main().catch(failStart);
}
