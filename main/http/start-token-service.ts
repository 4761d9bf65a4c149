import { createCore, type Core, type CoreOptions } from '../core/core';
import { applyConfig, type ConfigFile, type ConfigSummary } from '../core/oauth/config-file';
import { startIssuerServer, type IssuerServer } from './issuer-server';
import { createOAuthRoutes } from './oauth-routes';

/** The token service as every entry point runs it: the core behind its HTTP endpoints. */
export interface RunningTokenService {
  readonly core: Core;
  readonly server: IssuerServer;
  /** What applying the config file did; null without one. */
  readonly applied: ConfigSummary | null;
  /** Closes the listener, then the core. */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 first (the issuer URL is part of every token, so the core needs it),
 * builds the core, applies the declared clients, services and users, then serves the endpoints.
 */
export async function startTokenService(options: {
  readonly port: number;
  readonly core: Omit<CoreOptions, 'issuer'>;
  readonly config?: ConfigFile | null;
}): Promise<RunningTokenService> {
  const server = await startIssuerServer(options.port);
  const core = await createCore({ ...options.core, issuer: server.url });
  const applied = options.config ? await applyConfig(core.oauth.directory, options.config) : null;
  server.attach(
    createOAuthRoutes({
      issuer: server.url,
      tokens: core.tokens,
      oauth: core.oauth,
      logError: options.core.logError,
    }),
  );
  return {
    core,
    server,
    applied,
    close: async () => {
      await server.close();
      core.close();
    },
  };
}
