import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCore } from './core/core';
import { startConsoleHost } from './host/console-host';
import { parseServeArgs } from './host/serve-args';

/**
 * Headless entry: the same core as the desktop app, served to a browser on 127.0.0.1.
 * The only lines on stdout are the ones a person or a script needs: the console links.
 */
async function main(): Promise<void> {
  let args;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`tessera: ${(error as Error).message}`);
    process.exit(2);
  }
  const here = import.meta.dirname;
  const { version } = JSON.parse(readFileSync(resolve(here, '../../package.json'), 'utf8')) as {
    version: string;
  };
  const log = (line: string): void => console.error(`[tessera] ${line}`);
  const core = createCore({
    dataDir: args.dataDir,
    version,
    logError: (message, error) => console.error(`[tessera] ${message}:`, error),
  });
  const host = await startConsoleHost({
    dispatch: core.dispatch,
    bus: core.bus,
    rendererDir: resolve(here, '../renderer'),
    port: args.port,
    log,
  });
  log(`data folder: ${core.dataDir}`);
  console.log(`console: ${host.links.admin} (admin)`);
  console.log(`console: ${host.links.support} (support)`);

  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
