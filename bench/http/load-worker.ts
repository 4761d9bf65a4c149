/**
 * The load generator's process (child entry): runs the load specs the suite sends, one at a
 * time, and keeps the token sets (the latest token of each refresh chain) between runs.
 */
import {
  crossCheckWithAutocannon,
  loadTokenSet,
  runLoad,
  tokenSetSize,
  type LoadSpec,
} from './load';
import { failStart, serveCommands } from './server-process';

try {
  serveCommands({
    'load-tokens': (arg) => loadTokenSet(arg as { set: string; file: string; field: string }),
    'token-set-size': (arg) => tokenSetSize(arg as string),
    run: (arg) => runLoad(arg as LoadSpec),
    autocannon: (arg) =>
      crossCheckWithAutocannon(arg as Parameters<typeof crossCheckWithAutocannon>[0]),
  }).ready(null);
} catch (error) {
  failStart(error);
}
