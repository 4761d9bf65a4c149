import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './default-data-dir';

/** The headless host's command line, validated. */
export interface ServeArgs {
  readonly port: number;
  /** The token service's own port (0: any free port). */
  readonly issuerPort: number;
  readonly dataDir: string;
  /** A JSON file of clients, services and users to apply at start (absolute), or null. */
  readonly config: string | null;
  /** `--demo`: true; `--no-demo`: false; neither: null (the demo runs on a fresh data folder). */
  readonly demo: boolean | null;
}

/**
 * Parses `--port <n>` (0: any free port), `--issuer-port <n>`, `--data-dir <path>`,
 * `--config <file>` and `--demo` or `--no-demo`; throws a sentence on bad input.
 */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '0' },
      'issuer-port': { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      demo: { type: 'boolean' },
      'no-demo': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.demo && values['no-demo']) throw new Error('Give --demo or --no-demo, not both.');
  return {
    port: portNumber('--port', values.port),
    issuerPort: portNumber('--issuer-port', values['issuer-port']),
    dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
    config: values.config === undefined ? null : resolve(values.config),
    demo: values.demo ? true : values['no-demo'] ? false : null,
  };
}

function portNumber(flag: string, text: string | undefined): number {
  const port = Number(text);
  if (!/^\d+$/.test(text ?? '') || port > 65_535) {
    throw new Error(
      `${flag} must be a whole number from 0 to 65535 (0 picks a free port); got "${text}".`,
    );
  }
  return port;
}
