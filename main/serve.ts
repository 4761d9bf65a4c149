import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfigFile, type ConfigFile } from './core/oauth/config-file';
import { startTokenServiceWithDemo } from './demo/start-demo';
import { startConsoleHost } from './host/console-host';
import { parseServeArgs } from './host/serve-args';

/**
 * Headless entry: the same core as the desktop app, served to a browser on 127.0.0.1.
 * stdout carries only what a person or a script needs: the issuer and the console links.
 */
async function main(): Promise<void> {
  let args;
  let config: ConfigFile | null = null;
  try {
    args = parseServeArgs(process.argv.slice(2));
    // Validated before anything starts: a bad field is reported by its path, and nothing runs.
    if (args.config !== null) config = loadConfigFile(args.config);
  } catch (error) {
    console.error(`tessera: ${(error as Error).message}`);
    process.exit(2);
  }
  const here = import.meta.dirname;
  const { version } = JSON.parse(readFileSync(resolve(here, '../../package.json'), 'utf8')) as {
    version: string;
  };
  const log = (line: string): void => console.error(`[tessera] ${line}`);
  const logError = (message: string, error: unknown): void =>
    console.error(`[tessera] ${message}:`, error);
  const started = await startTokenServiceWithDemo(
    { port: args.issuerPort, core: { dataDir: args.dataDir, version, log, logError }, config },
    args.demo,
  );
  const { core, server: issuerServer, applied } = started.service;
  if (applied) {
    log(
      `config ${args.config}: ${applied.created} created, ${applied.updated} updated, ${applied.unchanged} unchanged`,
    );
  }
  const host = await startConsoleHost({
    dispatch: core.dispatch,
    bus: core.bus,
    rendererDir: resolve(here, '../renderer'),
    port: args.port,
    log,
  });
  log(`data folder: ${core.dataDir}`);
  console.log(`issuer: ${issuerServer.url}`);
  console.log(`console: ${host.links.admin} (admin)`);
  console.log(`console: ${host.links.support} (support)`);

  const stop = (): void => {
    void host
      .close()
      .then(() => started.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(
    `tessera: could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
