/**
 * The names under which the console is reachable: only loopback, on its own port.
 * Checking Host defeats DNS rebinding (a hostile page whose domain resolves to 127.0.0.1);
 * checking Origin stops other pages, even other loopback ports, from opening the bridge.
 */
export interface LoopbackOrigin {
  allowsHost(host: string | undefined): boolean;
  allowsOrigin(origin: string | undefined): boolean;
}

/** Builds the checks for a console listening on 127.0.0.1:`port`. */
export function loopbackOrigin(port: number): LoopbackOrigin {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  return {
    allowsHost: (host) => host !== undefined && hosts.has(host.toLowerCase()),
    allowsOrigin: (origin) => origin !== undefined && origins.has(origin.toLowerCase()),
  };
}
