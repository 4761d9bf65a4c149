import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoServiceSpec } from './demo-world';

/** A simulated downstream service listening (or, when down, not) on 127.0.0.1. */
export interface RunningService extends DemoServiceSpec {
  readonly logoutUri: string;
}

/** How often the flaky service refuses a logout with 503. */
const flakyFailureRate = 0.5;

/**
 * Starts the downstream services' back-channel logout endpoints on ports chosen now. A healthy
 * one answers 200, a flaky one 503 half the time, and a down one has a port that was free a
 * moment ago and is closed again, so every delivery to it is refused: retries, then dead letter.
 */
export async function startDownstreamServices(
  specs: readonly DemoServiceSpec[],
  random: () => number = Math.random,
): Promise<{ services: readonly RunningService[]; close(): Promise<void> }> {
  const servers: Server[] = [];
  const services: RunningService[] = [];
  for (const spec of specs) {
    const server = createServer((request, response) => {
      request.resume();
      const refuse = spec.behaviour === 'flaky' && random() < flakyFailureRate;
      response.writeHead(refuse ? 503 : 200, { 'cache-control': 'no-store' }).end();
    });
    const port = await listen(server);
    if (spec.behaviour === 'down') await closeServer(server);
    else servers.push(server);
    services.push({ ...spec, logoutUri: `http://127.0.0.1:${port}/backchannel-logout` });
  }
  return { services, close: async () => void (await Promise.all(servers.map(closeServer))) };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
